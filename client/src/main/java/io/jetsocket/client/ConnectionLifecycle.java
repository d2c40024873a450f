/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.Heartbeat;
import io.jetsocket.client.agent.NoDataWatchdog;
import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.client.agent.FailureClassifier;
import io.jetsocket.client.agent.ReconnectTimers;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.Initiator;
import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.WebSocketException;
import io.jetsocket.engine.WebSocketListener;
import io.jetsocket.engine.frame.CloseCode;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.CompletableFuture;

/**
 * The state machine of a client's connection, on the engine thread: it attempts, connects, disconnects, backs off
 * and reconnects, rotates at the maximum age and finishes, moving {@link ClientState} through the transitions
 * {@link ConnectionState} allows; {@link LocalClose} closes from this side. It starts and stops the per-connection
 * agents as it goes (the {@link ConnectionLiveness} watchers, reconnect timers and, through the {@link SendPath},
 * replay and subscriptions), and lets a connection the liveness watchers declare dead go at once,
 * counts the attempts of the whole life and of the current outage, and answers {@code connect()} through the
 * {@link FirstConnect}, whose deadline keeps it from hanging silently. Each attempt passes the venue's
 * {@link ConnectBudgetGate} first.
 * <p>
 * Every method but {@link #lastFailure()} and the futures' accessors runs on the engine thread, where every field
 * is written; the futures are thread safe.
 *
 * @param <T> type of the messages.
 */
final class ConnectionLifecycle<T>
    implements EngineEventsAdapter.Client, ReconnectTimers.Listener, ClientConductor.Member, LocalClose.Finish,
    ConnectionLiveness.Abandon, FirstConnect.Expiry, MessageDispatcher.Undeliverable
{
    private static final long NONE = Long.MIN_VALUE;

    private final ClientConfig<T> config;
    private final WebSocketEngine engine;
    private final ConnectRequest request;
    private final NanoClock nanoClock;
    private final ClientState state;
    private final EventEmitter emit;
    private final StatsRecorder stats;
    private final ReceiveQueue<T> queue;
    private final ClientTimers timers;
    private final ReconnectTimers reconnectAgent;
    /** Heartbeat and no-data watchdog; null when neither is configured (most idle clients: no object of its own). */
    private final ConnectionLiveness<T> liveness;
    private final SendPath<T> sendPath;
    private final LocalClose localClose;
    private final FirstConnect firstConnect = new FirstConnect(this); // this expires it: no lambda per connect
    private final CompletableFuture<ClosedEvent> closedFuture = new CompletableFuture<>();

    /** Set once, while the client is built, before any connect. */
    private WebSocketListener listener;
    // Engine thread only from here on.
    /** The connection before the current one: the next drain waits for the messages it hands back. */
    private WebSocketConnection previousConnection;
    private int connectAttempts;
    private int outageAttempts;
    private boolean everConnected;
    private boolean rotating;
    private Throwable lastError;
    private boolean remoteClosingReported;
    private long disconnectedAtNs = NONE;

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
        final SendPath<T> sendPath)
    {
        this.config = config;
        this.engine = engine;
        this.request = request;
        this.nanoClock = nanoClock;
        this.state = state;
        this.emit = emit;
        this.stats = stats;
        this.queue = queue;
        this.timers = timers;
        this.sendPath = sendPath;
        this.reconnectAgent = new ReconnectTimers(config.backoff(), config.maxConnectionAge(), timers,
            null, this); // null: jitter from the engine thread's ThreadLocalRandom, no generator per client
        this.liveness = null == config.heartbeat() && null == config.liveness().noDataTimeout() ? null :
            new ConnectionLiveness<>(config, timers, epochClock, state, emit, sendPath.limiter(), this);
        this.localClose = new LocalClose(state, emit, reconnectAgent, heartbeat(), sendPath.replay(),
            config.closeTimeout().toNanos(), this); // this finishes: no lambda per client
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

    /**
     * The heartbeat, which the message path answers pongs to.
     *
     * @return it, or null without a heartbeat.
     */
    Heartbeat heartbeat()
    {
        return null == liveness ? null : liveness.heartbeat();
    }

    /**
     * The heartbeat's ping writer.
     *
     * @return it, or null without a heartbeat.
     */
    PingWriter<T> pingWriter()
    {
        return null == liveness ? null : liveness.pingWriter();
    }

    /**
     * The no-data watchdog, which the message path feeds.
     *
     * @return it, or null without a no-data timeout.
     */
    NoDataWatchdog noDataWatchdog()
    {
        return null == liveness ? null : liveness.noDataWatchdog();
    }

    CompletableFuture<Void> connectFuture()
    {
        return firstConnect.future();
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
        return firstConnect.lastFailure();
    }

    // ---------------------------------------------------------------- connecting (engine thread)

    /**
     * The first connect (engine thread): {@code connect()} hops here.
     */
    void startFirstConnect()
    {
        if (ConnectionState.IDLE != state.get())
        {
            firstConnect.refuse(state.get());
            return;
        }
        state.conductor().register(this);
        firstConnect.armDeadline(timers, config.connectTimeout().toNanos());
        attempt();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onConnectDeadline()
    {
        final ConnectionState now = state.get();
        if (firstConnect.isSettled() || now.isTerminal() || ConnectionState.CONNECTED == now)
        {
            return;
        }
        final OperationTimeoutException error = firstConnect.timeoutError(config.connectTimeout(), state.uri());
        reconnectAgent.cancelReconnect();
        final WebSocketConnection connection = state.detach();
        if (null != connection)
        {
            connection.abort();
        }
        failClient(error, error.getMessage());
    }

    private void attempt()
    {
        if (!ConnectBudgetGate.admit(config.venueLimits().connectBudget(), timers, state, reconnectAgent, emit,
            firstConnect, outageAttempts + 1))
        {
            return;
        }
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
        if (localClose.isUserClosing())
        {
            finish(ConnectionState.CLOSED, localClose.userCloseCode(), localClose.userCloseReason(), null);
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
        firstConnect.disarmDeadline(timers);
        state.transition(ConnectionState.CONNECTED);
        stats.onConnected(reconnect);
        reconnectAgent.onConnected();
        if (null != liveness)
        {
            liveness.onConnected();
        }
        emit.connected(connection);
        // User code ran above and runs below (handlers, the replay hook): each time, it may have closed the client.
        if (state.isGone(connection))
        {
            return;
        }
        if (!sendPath.onConnected(connection, reconnect, previousConnection))
        {
            return;
        }
        previousConnection = null;
        if (state.isGone(connection))
        {
            return;
        }
        firstConnect.opened();
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
                    new WebSocketException(
                    "connection closed before it opened (" + code + " " + reason + "): " + state.uri()));
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
        if (null != liveness)
        {
            liveness.onDisconnected();
        }
        reconnectAgent.onDisconnected();
        sendPath.onDisconnected();
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
        if (localClose.isUserClosing())
        {
            finish(ConnectionState.CLOSED, code, reason, null);
        }
        else if (FailureClassifier.isFatalCloseCode(code))
        {
            final ConnectionClosedException error = new ConnectionClosedException(
                "server closed the connection with a fatal code; not reconnecting to " + state.uri(), code, reason);
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
                new RetriesExhaustedException(state.uri(), reconnectAgent.attempts(), cause);
            failClient(error, error.getMessage());
            return;
        }
        final long delayNs = rotating ? reconnectAgent.scheduleImmediate() :
            reconnectAgent.scheduleReconnect(config.venueLimits().retryAfterNs(cause, config.epochClock().time()));
        rotating = false;
        emit.reconnecting(outageAttempts + 1, delayNs, cause);
        if (ConnectionState.RECONNECTING == state.get())
        {
            state.transition(ConnectionState.BACKING_OFF);
        }
    }

    // ---------------------------------------------------------------- ending (engine thread)

    /**
     * Close as the application asked (engine thread): {@code close()} hops here.
     *
     * @param code   close code.
     * @param reason close reason, never null.
     */
    void doClose(final int code, final String reason)
    {
        localClose.onUserClose(code, reason);
    }

    private void failClient(final Throwable error, final String reason)
    {
        emit.error(error, true);
        finish(ConnectionState.FAILED, CloseCode.ABNORMAL, reason, error);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void finish(final ConnectionState terminal, final int code, final String reason, final Throwable cause)
    {
        state.transition(terminal);
        firstConnect.disarmDeadline(timers);
        reconnectAgent.cancelAll();
        stopConnectionAgents();
        final ClientConductor conductor = state.conductor();
        if (null != conductor)
        {
            conductor.unregister(this, sendPath);
        }
        queue.close(code, reason);
        final int unsent = sendPath.replay().discardBuffered();
        if (unsent > 0)
        {
            emit.error(new UnsentMessagesException(unsent, state.uri(), terminal), false); // never lost unsaid
        }
        final ClosedEvent closed = emit.closed(code, reason, terminal);
        firstConnect.clientEnded(cause, code, reason, state.uri());
        closedFuture.complete(closed);
    }

    private void recordFailure(final Throwable error)
    {
        lastError = error;
        firstConnect.recordFailure(error);
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
        replaceConnection("max connection age reached");
    }

    /**
     * Close the open connection normally and connect again at once (engine thread): the maximum age, and
     * {@code WebSocket.reconnect}.
     *
     * @param reason the close reason.
     */
    void replaceConnection(final String reason)
    {
        if (ConnectionState.CONNECTED == state.get())
        {
            rotating = true;
            localClose.close(CloseCode.NORMAL, reason);
        }
    }

    @Override
    public void onCloseTimeout()
    {
        if (ConnectionState.DISCONNECTING == state.get() && null != state.current())
        {
            previousConnection = state.detach();
            final TimeoutException error = new TimeoutException(
                TimeoutException.Operation.CLOSE, config.closeTimeout().toNanos(), state.uri());
            recordFailure(error);
            emit.error(error, false);
            connectionEnded(CloseCode.ABNORMAL, "close timed out", false);
        }
    }

    // ---------------------------------------------------------------- undeliverable messages

    /**
     * A message of the current connection cannot be delivered (a compressed payload that does not inflate): report
     * it, then close the connection with the code, as the engine does for a protocol error; reconnection follows
     * as after any close that is not fatal.
     *
     * @param error  what was wrong.
     * @param code   close code (1007 or 1009).
     * @param reason close reason.
     */
    @Override
    public void fail(final Throwable error, final int code, final String reason)
    {
        if (ConnectionState.CONNECTED != state.get())
        {
            return; // closing already: the first error closes, the others are dropped with the connection
        }
        recordFailure(error);
        emit.error(error, false);
        localClose.close(code, reason);
    }

    // ---------------------------------------------------------------- ConnectionLiveness.Abandon

    /**
     * {@inheritDoc}
     */
    @Override
    public void abandonConnection(final Throwable error, final String reason)
    {
        recordFailure(error);
        emit.error(error, false);
        if (localClose.begin(CloseCode.INTERNAL_ERROR, reason))
        {
            // Let go of it now: a dead peer would hold the closing handshake up for the whole close timeout.
            previousConnection = state.detach();
            localClose.abandon(previousConnection, CloseCode.INTERNAL_ERROR, reason);
            connectionEnded(CloseCode.INTERNAL_ERROR, reason, false);
        }
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
        localClose.abandon(connection, CloseCode.GOING_AWAY, "");
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
            final WebSocketException error =
                new WebSocketException("the engine was closed under the client: " + state.uri());
            recordFailure(error);
            failClient(error, "engine closed");
        }
    }
}
