/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.client.agent.FailureClassifier;
import io.jetsocket.client.agent.Heartbeat;
import io.jetsocket.client.agent.ReconnectTimers;
import io.jetsocket.client.agent.ReplayAgent;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.Initiator;
import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.WebSocketException;
import io.jetsocket.engine.WebSocketListener;
import io.jetsocket.engine.frame.CloseCode;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The state machine of a client's connection (engine thread): it attempts, connects, disconnects, backs off and
 * reconnects, rotates at the maximum age, closes and finishes, moving {@link ClientState} through the transitions
 * {@link ConnectionState} allows, and starts and stops the per-connection agents (heartbeat, reconnect timers,
 * replay, subscriptions) as it goes. It counts the attempts of the whole life and of the current outage, and puts
 * a deadline on the first connect so that {@code connect()} never hangs silently.
 * <p>
 * {@link #connect()}, {@link #close} and {@link #lastFailure()} may be called on any thread; {@code connect} and
 * {@code close} hop onto the engine thread with {@link WebSocketEngine#execute}. Every other method, and every
 * field but {@link #lastFailure} and the futures, belongs to the engine thread.
 *
 * @param <T> type of the messages.
 */
final class ConnectionLifecycle<T> implements EngineEventsAdapter.Client, ReconnectTimers.Listener, Heartbeat.Host,
    ClientConductor.Member
{
    private static final long NONE = Long.MIN_VALUE;

    private final ClientConfig<T> config;
    private final WebSocketEngine engine;
    private final ConnectRequest request;
    private final String uri;
    private final NanoClock nanoClock;
    private final ClientState state;
    private final EventEmitter emit;
    private final StatsRecorder stats;
    private final ReceiveQueue<T> queue;
    private final ClientTimers timers;
    private final ReconnectTimers reconnectAgent;
    private final Heartbeat heartbeatAgent;
    private final PingWriter<T> pingWriter;
    private final SendPath<T> sendPath;
    private final ReplayAgent<T> replayAgent;
    private final SubscriptionRegistry subscriptions;
    private final long closeTimeoutNs;
    private final CompletableFuture<Void> connectFuture = new CompletableFuture<>();
    private final CompletableFuture<ClosedEvent> closedFuture = new CompletableFuture<>();

    /** Set once, while the client is built, before any connect. */
    private WebSocketListener listener;
    /** Written on the engine thread, read on any: the cause a connect that timed out is given. */
    private volatile Throwable lastFailure;
    private WebSocketConnection previousConnection;
    private int connectAttempts;
    private int outageAttempts;
    private long connectDeadlineTimerId = ClientTimers.NONE;
    private boolean everConnected;
    private boolean userClosing;
    private boolean rotating;
    private Throwable lastError;
    private boolean remoteClosingReported;
    private long disconnectedAtNs = NONE;
    private int userCloseCode = CloseCode.NORMAL;
    private String userCloseReason = "";

    ConnectionLifecycle(
        final ClientConfig<T> config,
        final WebSocketEngine engine,
        final ConnectRequest request,
        final NanoClock nanoClock,
        final EpochClock epochClock,
        final ClientState state,
        final EventEmitter emit,
        final StatsRecorder stats,
        final ReceiveQueue<T> queue,
        final ClientTimers timers,
        final SendPath<T> sendPath,
        final SubscriptionRegistry subscriptions)
    {
        this.config = config;
        this.engine = engine;
        this.request = request;
        this.uri = request.uri().toString();
        this.nanoClock = nanoClock;
        this.state = state;
        this.emit = emit;
        this.stats = stats;
        this.queue = queue;
        this.timers = timers;
        this.sendPath = sendPath;
        this.replayAgent = sendPath.replay();
        this.subscriptions = subscriptions;
        this.closeTimeoutNs = config.closeTimeout().toNanos();
        this.reconnectAgent = new ReconnectTimers(config.backoff(), config.maxConnectionAge(), timers,
            new SplittableRandom(), this);
        this.heartbeatAgent = null == config.heartbeat() ? null :
            new Heartbeat(config.heartbeat(), timers, this, uri);
        this.pingWriter = null == config.heartbeat() ? null : new PingWriter<>(config.heartbeat(), config.codec(),
            emit.dispatcher(), epochClock, (error) -> emit.error(error, false));
    }

    /**
     * The engine listener every connection attempt is opened with (once, while the client is built).
     *
     * @param listener it.
     */
    void listenWith(final WebSocketListener listener)
    {
        this.listener = listener;
    }

    Heartbeat heartbeat()
    {
        return heartbeatAgent;
    }

    CompletableFuture<ClosedEvent> closedFuture()
    {
        return closedFuture;
    }

    /**
     * The last failure seen (any thread): what a connect that timed out is given as its cause.
     */
    Throwable lastFailure()
    {
        return lastFailure;
    }

    // ---------------------------------------------------------------- operations (any thread)

    CompletableFuture<Void> connect()
    {
        if (!state.start() || ConnectionState.IDLE != state.get())
        {
            return CompletableFuture.failedFuture(
                new InvalidStateException("connect", state.get(), ClientState.IDLE_ONLY));
        }
        if (!emit.dispatcher().has(EventType.MESSAGE) && !emit.dispatcher().has(EventType.RAW_MESSAGE) &&
            queue.isEnabled())
        {
            queue.activate(); // nobody listens: the application reads with recv() or iteration
        }
        try
        {
            state.conductor(ClientConductor.of(engine));
            engine.execute(this::startFirstConnect);
        }
        catch (final EngineClosedException ex)
        {
            // No engine thread will ever run the connect: say so now rather than leave the future hanging.
            connectFuture.completeExceptionally(ex);
        }
        return connectFuture.copy();
    }

    CompletableFuture<ClosedEvent> close(final int code, final String reason)
    {
        final String checkedReason = null == reason ? "" : reason;
        if (CloseCode.NORMAL != code && !CloseCode.isValidOnWire(code))
        {
            throw new IllegalArgumentException("close code not allowed on the wire: " + code);
        }
        if (checkedReason.getBytes(StandardCharsets.UTF_8).length > 123)
        {
            throw new IllegalArgumentException("close reason longer than 123 UTF-8 bytes");
        }
        state.requestClose(); // from now on sends say CLOSED, on every thread
        try
        {
            engine.execute(() -> doClose(code, checkedReason));
        }
        catch (final EngineClosedException ex)
        {
            // The engine closed: a connected client already failed with it; one never connected has nothing to
            // close, and nothing would ever complete its future.
            closedFuture.completeExceptionally(ex);
        }
        return closedFuture.copy();
    }

    // ---------------------------------------------------------------- connecting (engine thread)

    private void startFirstConnect()
    {
        if (ConnectionState.IDLE != state.get())
        {
            connectFuture.completeExceptionally(
                new InvalidStateException("connect", state.get(), ClientState.IDLE_ONLY));
            return;
        }
        state.conductor().register(this);
        // connect() never hangs silently: without a first connection by the connect timeout, it fails with the
        // last real failure attached (reconnection keeps its own rules once connected).
        connectDeadlineTimerId = timers.schedule(timers.nowNs() + config.connectTimeout().toNanos(),
            this::onConnectDeadline);
        attempt();
    }

    private void onConnectDeadline(final long timerId)
    {
        connectDeadlineTimerId = ClientTimers.NONE;
        final ConnectionState now = state.get();
        if (connectFuture.isDone() || now.isTerminal() || ConnectionState.CONNECTED == now)
        {
            return;
        }
        final OperationTimeoutException error =
            new OperationTimeoutException("connect", config.connectTimeout(), uri, lastFailure);
        reconnectAgent.cancelReconnect();
        final WebSocketConnection connection = state.detach();
        if (null != connection)
        {
            connection.abort();
        }
        fail(error, error.getMessage());
    }

    private void cancelConnectDeadline()
    {
        timers.cancel(connectDeadlineTimerId);
        connectDeadlineTimerId = ClientTimers.NONE;
    }

    private void attempt()
    {
        remoteClosingReported = false;
        state.transition(ConnectionState.CONNECTING);
        connectAttempts++;
        outageAttempts++;
        lastError = null;
        emit.connecting(outageAttempts);
        if (ConnectionState.CONNECTING != state.get())
        {
            return;
        }
        try
        {
            state.current(engine.connect(request, listener));
        }
        catch (final WebSocketException ex)
        {
            recordFailure(ex);
            emit.error(ex, FailureClassifier.isFatal(ex) || !config.reconnect());
            afterAttemptFailed(ex);
        }
    }

    private void afterAttemptFailed(final Throwable error)
    {
        if (userClosing)
        {
            finish(ConnectionState.CLOSED, userCloseCode, userCloseReason, null);
        }
        else if (FailureClassifier.isFatal(error) || !config.reconnect())
        {
            finish(ConnectionState.FAILED, CloseCode.ABNORMAL, String.valueOf(error.getMessage()), error);
        }
        else
        {
            scheduleReconnect(error);
        }
    }

    private void onConnected(final WebSocketConnection connection)
    {
        final boolean reconnect = everConnected || connectAttempts > 1;
        final int attemptsUsed = outageAttempts;
        outageAttempts = 0;
        everConnected = true;
        cancelConnectDeadline();
        state.transition(ConnectionState.CONNECTED);
        stats.onConnected(reconnect);
        reconnectAgent.onConnected();
        if (null != heartbeatAgent)
        {
            heartbeatAgent.onConnected();
        }
        emit.connected(connection);
        // User code ran above and runs below (handlers, the replay hook): each time, it may have closed the client.
        if (state.isGone(connection))
        {
            return;
        }
        sendPath.replaySequence(connection, reconnect);
        if (state.isGone(connection))
        {
            return;
        }
        subscriptions.restore();
        replayAgent.startDrain(reconnect, previousConnection);
        sendPath.wakeIfWork(); // pushed back or waiting for the previous connection's hand-backs
        previousConnection = null;
        if (state.isGone(connection))
        {
            return;
        }
        connectFuture.complete(null);
        if (reconnect)
        {
            emit.reconnected(attemptsUsed,
                NONE == disconnectedAtNs ? 0 : Math.max(0, nanoClock.nanoTime() - disconnectedAtNs));
        }
    }

    // ---------------------------------------------------------------- disconnecting (engine thread)

    private void connectionEnded(final int code, final String reason, final boolean remote)
    {
        stopConnectionAgents();
        switch (state.get())
        {
            case CONNECTING:
                afterAttemptFailed(null != lastError ? lastError :
                    new WebSocketException("connection closed before it opened (" + code + " " + reason + "): " + uri));
                break;

            case CONNECTED:
            {
                // Not closing ourselves, and TCP ended without a closing handshake: the server (or the network
                // on its side) ended it.
                final boolean serverEnded = remote || CloseCode.ABNORMAL == code;
                if (remote && !remoteClosingReported)
                {
                    emit.closing(code, reason, Initiator.REMOTE);
                }
                disconnected(code, reason, serverEnded);
                afterDisconnect(code, reason);
                break;
            }

            case DISCONNECTING:
                disconnected(code, reason, remote);
                afterDisconnect(code, reason);
                break;

            default:
                break;
        }
    }

    private void stopConnectionAgents()
    {
        if (null != heartbeatAgent)
        {
            heartbeatAgent.onDisconnected();
        }
        reconnectAgent.onDisconnected();
        sendPath.onDisconnected();
        subscriptions.suspend();
    }

    private void disconnected(final int code, final String reason, final boolean remote)
    {
        state.transition(ConnectionState.DISCONNECTED);
        stats.onDisconnected();
        disconnectedAtNs = nanoClock.nanoTime();
        emit.disconnected(code, reason, remote);
    }

    private void afterDisconnect(final int code, final String reason)
    {
        if (ConnectionState.DISCONNECTED != state.get())
        {
            return;
        }
        if (userClosing)
        {
            finish(ConnectionState.CLOSED, code, reason, null);
        }
        else if (FailureClassifier.isFatalCloseCode(code))
        {
            final ConnectionClosedException error = new ConnectionClosedException(
                "server closed the connection with a fatal code; not reconnecting to " + uri, code, reason);
            emit.error(error, true);
            finish(ConnectionState.FAILED, code, reason, error);
        }
        else if (!config.reconnect())
        {
            finish(ConnectionState.CLOSED, code, reason, null);
        }
        else
        {
            scheduleReconnect(lastError);
        }
    }

    private void scheduleReconnect(final Throwable cause)
    {
        state.transition(ConnectionState.RECONNECTING);
        if (!rotating && reconnectAgent.isExhausted())
        {
            final RetriesExhaustedException error =
                new RetriesExhaustedException(uri, reconnectAgent.attempts(), cause);
            fail(error, error.getMessage());
            return;
        }
        final long delayNs = rotating ? reconnectAgent.scheduleImmediate() : reconnectAgent.scheduleReconnect();
        rotating = false;
        emit.reconnecting(outageAttempts + 1, delayNs, cause);
        if (ConnectionState.RECONNECTING == state.get())
        {
            state.transition(ConnectionState.BACKING_OFF);
        }
    }

    // ---------------------------------------------------------------- closing (engine thread)

    private void doClose(final int code, final String reason)
    {
        if (state.get().isTerminal())
        {
            return;
        }
        userClosing = true;
        userCloseCode = code;
        userCloseReason = reason;
        switch (state.get())
        {
            case IDLE:
            case BACKING_OFF:
                reconnectAgent.cancelReconnect();
                finish(ConnectionState.CLOSED, code, reason, null);
                break;

            case CONNECTING:
            {
                final WebSocketConnection connection = state.detach();
                finish(ConnectionState.CLOSED, code, reason, null);
                if (null != connection)
                {
                    connection.close(code, reason, closeTimeoutNs);
                }
                break;
            }

            case CONNECTED:
                beginLocalClose(code, reason, false);
                break;

            default:
                break; // DISCONNECTING: finishes as CLOSED when the close completes
        }
    }

    private void beginLocalClose(final int code, final String reason, final boolean detach)
    {
        emit.closing(code, reason, Initiator.LOCAL);
        if (ConnectionState.CONNECTED != state.get())
        {
            return;
        }
        state.transition(ConnectionState.DISCONNECTING);
        if (null != heartbeatAgent)
        {
            heartbeatAgent.onDisconnected();
        }
        replayAgent.onDisconnected();
        if (detach)
        {
            final WebSocketConnection connection = state.detach();
            previousConnection = connection;
            connection.close(code, reason, closeTimeoutNs);
            connectionEnded(code, reason, false);
        }
        else
        {
            // The engine ends the connection at the same deadline (the client's timer only guards the handle).
            reconnectAgent.armCloseTimeout(closeTimeoutNs);
            state.current().close(code, reason, closeTimeoutNs);
        }
    }

    private void fail(final Throwable error, final String reason)
    {
        emit.error(error, true);
        finish(ConnectionState.FAILED, CloseCode.ABNORMAL, reason, error);
    }

    private void finish(final ConnectionState terminal, final int code, final String reason, final Throwable cause)
    {
        state.transition(terminal);
        cancelConnectDeadline();
        reconnectAgent.cancelAll();
        stopConnectionAgents();
        final ClientConductor conductor = state.conductor();
        if (null != conductor)
        {
            conductor.unregister(this, sendPath);
        }
        queue.close(code, reason);
        final ClosedEvent closed = emit.closed(code, reason, terminal);
        if (!connectFuture.isDone())
        {
            connectFuture.completeExceptionally(null != cause ? cause :
                new ConnectionClosedException("closed before the connection opened: " + uri, code, reason));
        }
        closedFuture.complete(closed);
    }

    private void recordFailure(final Throwable error)
    {
        lastError = error;
        lastFailure = error;
    }

    // ---------------------------------------------------------------- ReconnectTimers.Listener

    @Override
    public void onReconnectDue()
    {
        if (ConnectionState.BACKING_OFF == state.get())
        {
            attempt();
        }
    }

    @Override
    public void onMaxAgeReached()
    {
        if (ConnectionState.CONNECTED == state.get())
        {
            rotating = true;
            beginLocalClose(CloseCode.NORMAL, "max connection age reached", false);
        }
    }

    @Override
    public void onCloseTimeout()
    {
        if (ConnectionState.DISCONNECTING == state.get() && null != state.current())
        {
            previousConnection = state.detach();
            final TimeoutException error = new TimeoutException(
                TimeoutException.Operation.CLOSE, config.closeTimeout().toNanos(), uri);
            recordFailure(error);
            emit.error(error, false);
            connectionEnded(CloseCode.ABNORMAL, "close timed out", false);
        }
    }

    // ---------------------------------------------------------------- Heartbeat.Host

    @Override
    public boolean sendPing()
    {
        final WebSocketConnection connection = state.writable();
        return null != connection && pingWriter.write(connection);
    }

    @Override
    public void onPongMissed(final int misses, final TimeoutException timeout)
    {
        emit.error(timeout, false);
    }

    @Override
    public void onDeadPeer(final int misses, final TimeoutException timeout)
    {
        if (ConnectionState.CONNECTED != state.get())
        {
            return;
        }
        recordFailure(timeout);
        emit.error(timeout, false);
        beginLocalClose(CloseCode.INTERNAL_ERROR, "heartbeat timeout", true);
    }

    // ---------------------------------------------------------------- EngineEventsAdapter.Client

    @Override
    public void onOpened(final WebSocketConnection connection)
    {
        if (ConnectionState.CONNECTING != state.get())
        {
            onStaleOpen(connection);
            return;
        }
        onConnected(connection);
    }

    @Override
    public void onStaleOpen(final WebSocketConnection connection)
    {
        connection.close(CloseCode.GOING_AWAY, "", closeTimeoutNs);
    }

    @Override
    public void onError(final Throwable error)
    {
        recordFailure(error);
        emit.error(error, FailureClassifier.isFatal(error) ||
            (!config.reconnect() && ConnectionState.CONNECTING == state.get()));
    }

    @Override
    public void onClosing(final int code, final String reason)
    {
        // The server's close frame arrived: report `closing` now, not when TCP is finally closed.
        if (ConnectionState.CONNECTED != state.get())
        {
            return;
        }
        remoteClosingReported = true;
        emit.closing(code, reason, Initiator.REMOTE);
    }

    @Override
    public void onClosed(final WebSocketConnection connection, final int code, final String reason,
        final boolean remote)
    {
        previousConnection = connection; // may still hand back sends other threads queued for it
        state.detach();
        reconnectAgent.cancelCloseTimeout();
        connectionEnded(code, reason, remote);
    }

    // ---------------------------------------------------------------- ClientConductor.Member

    @Override
    public void onEngineClosed()
    {
        // Still running when our agent is closed: the engine shut down under us and no reconnect can follow.
        final ConnectionState now = state.get();
        if (!now.isTerminal() && now.canTransitionTo(ConnectionState.FAILED))
        {
            final WebSocketException error = new WebSocketException("the engine was closed under the client: " + uri);
            recordFailure(error);
            fail(error, "engine closed");
        }
    }
}
