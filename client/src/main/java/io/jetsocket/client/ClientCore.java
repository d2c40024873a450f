/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.FailureClassifier;
import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.client.agent.Heartbeat;
import io.jetsocket.client.agent.ReconnectTimers;
import io.jetsocket.client.agent.ReplayAgent;
import io.jetsocket.client.codec.Codec;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.config.ReplayMode;
import io.jetsocket.client.event.BufferKind;
import io.jetsocket.client.event.BufferOverflowEvent;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.ClosingEvent;
import io.jetsocket.client.event.ConnectedEvent;
import io.jetsocket.client.event.ConnectingEvent;
import io.jetsocket.client.event.DisconnectedEvent;
import io.jetsocket.client.event.ErrorEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.Initiator;
import io.jetsocket.client.event.ReconnectedEvent;
import io.jetsocket.client.event.ReconnectingEvent;
import io.jetsocket.client.event.ReplayCompletedEvent;
import io.jetsocket.client.event.ReplayStartedEvent;
import io.jetsocket.client.event.StateChangeEvent;
import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.WebSocketException;
import io.jetsocket.engine.deflate.DeflateParameters;
import io.jetsocket.engine.frame.CloseCode;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine-thread side of a {@link WebSocket}: the state machine, the engine listener of every connection
 * attempt, and the owner of its reconnect timers, heartbeat and replay; the engine's {@link ClientConductor}
 * owns it and runs its replay while that has work. Every state change and every event
 * happens on the engine thread; the public operations hop onto it with {@link WebSocketEngine#execute}.
 * <p>
 * Each connection attempt gets a fresh engine connection; callbacks from an engine connection the client has
 * let go of (after a dead-peer detection or a close timeout) are ignored.
 *
 * @param <T> type of the messages.
 */
final class ClientCore<T> implements EngineEventsAdapter.Client, ReconnectTimers.Listener, Heartbeat.Host,
    ReplayAgent.Host, ClientConductor.Member, ClientConductor.Work
{
    private static final long NONE = Long.MIN_VALUE;
    private static final Set<ConnectionState> IDLE_ONLY = EnumSet.of(ConnectionState.IDLE);
    private static final Set<ConnectionState> RUNNING = EnumSet.complementOf(
        EnumSet.of(ConnectionState.IDLE, ConnectionState.FAILED, ConnectionState.CLOSED));
    private static final ThreadLocal<ExpandableArrayBuffer> SCRATCH =
        ThreadLocal.withInitial(() -> new ExpandableArrayBuffer(1024));

    private final ClientConfig<T> config;
    private final WebSocketEngine engine;
    private final ConnectRequest request;
    private final String uri;
    private final Codec<T> codec;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final EventDispatcher events;
    private final ReceiveQueue<T> queue;
    private final StatsRecorder stats;
    private final ClientTimers timers;
    private final ReconnectTimers reconnectAgent;
    private final Heartbeat heartbeatAgent;
    private final ReplayAgent<T> replayAgent;
    private final Runnable wakeTask = this::wakeConductor;
    private ClientConductor conductor;
    private final EngineEventsAdapter engineEvents = new EngineEventsAdapter(this);
    private final MessageDispatcher<T> dispatcher;
    private final PingWriter<T> pingWriter;
    private final DirectSender directSender = new DirectSender();
    private final long closeTimeoutNs;
    private final CompletableFuture<Void> connectFuture = new CompletableFuture<>();
    private final CompletableFuture<ClosedEvent> closedFuture = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final SubscriptionRegistry subscriptions;
    private final AtomicLong pendingSendOverflow = new AtomicLong();
    private final AtomicBoolean sendOverflowScheduled = new AtomicBoolean();
    private final UnsafeBuffer arrayView = new UnsafeBuffer(0, 0);

    private volatile ConnectionState state = ConnectionState.IDLE;
    private volatile boolean closeRequested;
    private volatile WebSocketConnection current;
    private WebSocketConnection previousConnection;
    private int connectAttempts;
    private int outageAttempts;
    private volatile Throwable lastFailure;
    private long connectDeadlineTimerId = ClientTimers.NONE;
    private boolean everConnected;
    private boolean userClosing;
    private boolean rotating;
    private Throwable lastError;
    private boolean remoteClosingReported;
    private long disconnectedAtNs = NONE;
    private int userCloseCode = CloseCode.NORMAL;
    private String userCloseReason = "";

    ClientCore(
        final ClientConfig<T> config,
        final WebSocketEngine engine,
        final NanoClock nanoClock,
        final EpochClock epochClock)
    {
        this.config = config;
        this.engine = engine;
        this.codec = config.codec();
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
        this.request = ConnectRequests.of(config); // shared with clients of the same options
        this.closeTimeoutNs = config.closeTimeout().toNanos();
        this.uri = request.uri().toString();
        this.events = new EventDispatcher(this::onHandlerError, config.handlerExecutor());
        this.stats = new StatsRecorder(nanoClock, epochClock);
        this.queue = new ReceiveQueue<>(config.receiveQueueCapacity(), config.receiveQueuePolicy(),
            this::onReceiveQueueOverflow, uri);
        this.timers = new EngineClientTimers(engine);
        this.reconnectAgent = new ReconnectTimers(config.backoff(), config.maxConnectionAge(), timers,
            null, this); // null: jitter from the engine thread's ThreadLocalRandom, no generator per client
        this.heartbeatAgent = null == config.heartbeat() ? null :
            new Heartbeat(config.heartbeat(), timers, this, uri);
        this.replayAgent = new ReplayAgent<>(config.replay(), config.buffer(), nanoClock, this);
        this.subscriptions = new SubscriptionRegistry(engine, this::sendSubscription);
        this.pingWriter = null == config.heartbeat() ? null :
            new PingWriter<>(config.heartbeat(), codec, events, epochClock, (error) -> reportError(error, false));
        this.dispatcher = new MessageDispatcher<>(codec, events, stats, queue, replayAgent, heartbeatAgent,
            null == config.heartbeat() ? null : config.heartbeat().pongMatcher(),
            new EngineEpochClock(engine::nowNs, epochClock), // per-message stamps: no system clock read each
            (error) -> reportError(error, false));
    }

    // ---------------------------------------------------------------- accessors (any thread)

    ClientConfig<T> config()
    {
        return config;
    }

    String uri()
    {
        return uri;
    }

    WebSocketEngine engine()
    {
        return engine;
    }

    ConnectionState state()
    {
        return state;
    }

    EventDispatcher events()
    {
        return events;
    }

    ReceiveQueue<T> queue()
    {
        return queue;
    }

    /**
     * Asked of the engine itself: a call from the handler of any client on the same engine is on its thread.
     */
    boolean isEngineThread()
    {
        return engine.isEngineThread();
    }

    CompletableFuture<ClosedEvent> closedFuture()
    {
        return closedFuture;
    }

    long lastLatencyNs()
    {
        return null == heartbeatAgent ? -1 : heartbeatAgent.lastLatencyNs();
    }

    ConnectionStats stats()
    {
        return stats.snapshot(state, lastLatencyNs(),
            null == heartbeatAgent ? -1 : heartbeatAgent.averageLatencyNs(),
            replayAgent.isBuffering() ? replayAgent.fillRatio() : 0.0);
    }

    Object lastSequenceId()
    {
        return replayAgent.lastSequenceId();
    }

    // ---------------------------------------------------------------- operations (any thread)

    CompletableFuture<Void> connect()
    {
        if (!started.compareAndSet(false, true))
        {
            return CompletableFuture.failedFuture(new InvalidStateException("connect", state, IDLE_ONLY));
        }
        if (ConnectionState.IDLE != state)
        {
            return CompletableFuture.failedFuture(new InvalidStateException("connect", state, IDLE_ONLY));
        }
        if (!events.has(EventType.MESSAGE) && !events.has(EventType.RAW_MESSAGE) && queue.isEnabled())
        {
            queue.activate(); // nobody listens: the application reads with recv() or iteration
        }
        try
        {
            conductor = ClientConductor.of(engine);
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
        closeRequested = true; // from now on sends say CLOSED, on every thread
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

    SendStatus send(final T message)
    {
        if (isClosedForSending("send"))
        {
            return SendStatus.CLOSED;
        }
        final ExpandableArrayBuffer scratch = SCRATCH.get();
        final int length = codec.encode(message, scratch, 0);
        return sendFrame(codec.frameType(), scratch, 0, length);
    }

    SendStatus sendFrame(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (isClosedForSending("send"))
        {
            return SendStatus.CLOSED;
        }
        final SendStatus status;
        if (replayAgent.isBuffering())
        {
            status = replayAgent.submit(type, buffer, offset, length);
        }
        else
        {
            status = toStatus(sendDirect(type, buffer, offset, length));
        }
        if (SendStatus.NOT_CONNECTED == status && isClosedForSending("send"))
        {
            return SendStatus.CLOSED; // close() or a fatal failure overtook the send
        }
        if (SendStatus.SENT == status)
        {
            stats.onSent(length);
        }
        return status;
    }

    Subscription subscribe(final T message)
    {
        final ExpandableArrayBuffer scratch = SCRATCH.get();
        final int length = codec.encode(message, scratch, 0);
        final byte[] payload = new byte[length];
        scratch.getBytes(0, payload);
        return subscribe(codec.frameType(), payload);
    }

    Subscription subscribe(final MessageType type, final byte[] payload)
    {
        return subscriptions.add(type, payload);
    }

    void enableReceiveQueue()
    {
        queue.activate();
    }

    /**
     * Is the client closing or closed, so that a send must say {@link SendStatus#CLOSED}?
     *
     * @throws InvalidStateException when it was never started nor closed: sending before {@code connect()} is a
     *                               programming error.
     */
    private boolean isClosedForSending(final String operation)
    {
        final ConnectionState current = state;
        if (closeRequested || current.isTerminal())
        {
            return true;
        }
        if (!started.get())
        {
            throw new InvalidStateException(operation, current, RUNNING);
        }
        return false;
    }

    private static SendStatus toStatus(final int result)
    {
        switch (result)
        {
            case SendResult.OK:
                return SendStatus.SENT;
            case SendResult.BACK_PRESSURED:
                return SendStatus.BACK_PRESSURED;
            case SendResult.TOO_LARGE:
                return SendStatus.TOO_LARGE;
            default:
                return SendStatus.NOT_CONNECTED;
        }
    }

    // ---------------------------------------------------------------- ReplayAgent.Host

    @Override
    public int sendDirect(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        final WebSocketConnection connection = current;
        if (null == connection || ConnectionState.CONNECTED != state)
        {
            return SendResult.NOT_CONNECTED;
        }
        return MessageType.TEXT == type ?
            connection.sendText(buffer, offset, length) : connection.sendBinary(buffer, offset, length);
    }

    @Override
    public void onReplayStarted(final ReplayMode mode, final Object lastSequenceId, final int messageCount)
    {
        if (events.has(EventType.REPLAY_STARTED))
        {
            events.emit(EventType.REPLAY_STARTED, new ReplayStartedEvent(mode, lastSequenceId, messageCount, now()));
        }
    }

    @Override
    public void onReplayCompleted(final ReplayMode mode, final int replayedCount, final long durationNs)
    {
        if (events.has(EventType.REPLAY_COMPLETED))
        {
            events.emit(EventType.REPLAY_COMPLETED,
                new ReplayCompletedEvent(mode, replayedCount, durationNs / 1e6, now()));
        }
    }

    @Override
    public void onReplayError(final Throwable error)
    {
        reportError(error, false);
    }

    @Override
    public void onOverflow(final long droppedCount)
    {
        stats.onDropped(droppedCount);
        pendingSendOverflow.addAndGet(droppedCount);
        if (sendOverflowScheduled.compareAndSet(false, true))
        {
            try
            {
                engine.execute(this::emitSendOverflow);
            }
            catch (final EngineClosedException ignore)
            {
                // the client failed with its engine: no event loop is left to report the overflow on
            }
        }
    }

    @Override
    public void wakeUp()
    {
        if (engine.isEngineThread())
        {
            wakeConductor();
            return;
        }
        try
        {
            engine.execute(wakeTask); // through the ordered channel: after the sends before it
        }
        catch (final EngineClosedException ignore)
        {
            // the client fails with its engine: nothing is left to send the message on
        }
    }

    private void wakeConductor()
    {
        if (null != conductor && !state.isTerminal())
        {
            conductor.wake(this);
        }
    }

    // ---------------------------------------------------------------- ClientConductor.Work (engine thread)

    @Override
    public int doWork()
    {
        return replayAgent.doWork();
    }

    @Override
    public boolean hasWork()
    {
        return replayAgent.hasWork();
    }

    @Override
    public void onBufferedSent(final int length)
    {
        stats.onSent(length);
    }

    private void emitSendOverflow()
    {
        sendOverflowScheduled.set(false);
        final long dropped = pendingSendOverflow.getAndSet(0);
        if (dropped > 0 && events.has(EventType.BUFFER_OVERFLOW))
        {
            events.emit(EventType.BUFFER_OVERFLOW, new BufferOverflowEvent(BufferKind.SEND_BUFFER,
                replayAgent.capacity(), dropped, config.buffer().overflowPolicy(), now()));
        }
    }

    private void onReceiveQueueOverflow(final long dropped)
    {
        stats.onDropped(dropped);
        if (events.has(EventType.BUFFER_OVERFLOW))
        {
            events.emit(EventType.BUFFER_OVERFLOW, new BufferOverflowEvent(BufferKind.RECEIVE_QUEUE,
                queue.capacity(), dropped, queue.policy(), now()));
        }
        if (OverflowPolicy.ERROR == queue.policy())
        {
            reportError(new BufferOverflowException("receive queue", queue.capacity(), queue.capacity()), false);
        }
    }

    // ---------------------------------------------------------------- lifecycle (engine thread)

    private void startFirstConnect()
    {
        if (ConnectionState.IDLE != state)
        {
            connectFuture.completeExceptionally(new InvalidStateException("connect", state, IDLE_ONLY));
            return;
        }
        conductor.register(this);
        // connect() never hangs silently: without a first connection by the connect timeout, it fails with the
        // last real failure attached (reconnection keeps its own rules once connected).
        connectDeadlineTimerId = timers.schedule(timers.nowNs() + config.connectTimeout().toNanos(),
            this::onConnectDeadline);
        attempt();
    }

    private void onConnectDeadline(final long timerId)
    {
        connectDeadlineTimerId = ClientTimers.NONE;
        if (connectFuture.isDone() || state.isTerminal() || ConnectionState.CONNECTED == state)
        {
            return;
        }
        final OperationTimeoutException error =
            new OperationTimeoutException("connect", config.connectTimeout(), uri, lastFailure);
        reconnectAgent.cancelReconnect();
        final WebSocketConnection connection = current;
        current = null;
        if (null != connection)
        {
            connection.abort();
        }
        reportError(error, true);
        finish(ConnectionState.FAILED, CloseCode.ABNORMAL, error.getMessage(), error);
    }

    private void cancelConnectDeadline()
    {
        timers.cancel(connectDeadlineTimerId);
        connectDeadlineTimerId = ClientTimers.NONE;
    }

    /**
     * The last failure seen (any thread): what a connect that timed out is given as its cause.
     */
    Throwable lastFailure()
    {
        return lastFailure;
    }

    private void attempt()
    {
        remoteClosingReported = false;
        transition(ConnectionState.CONNECTING);
        connectAttempts++;
        outageAttempts++;
        lastError = null;
        if (events.has(EventType.CONNECTING))
        {
            events.emit(EventType.CONNECTING, new ConnectingEvent(uri, outageAttempts, now()));
        }
        if (ConnectionState.CONNECTING != state)
        {
            return;
        }
        try
        {
            current = engine.connect(request, engineEvents);
        }
        catch (final WebSocketException ex)
        {
            attemptFailed(ex);
        }
    }

    private void attemptFailed(final Throwable error)
    {
        lastError = error;
        lastFailure = error;
        reportError(error, FailureClassifier.isFatal(error) || !config.reconnect());
        afterAttemptFailed(error);
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
        transition(ConnectionState.CONNECTED);
        stats.onConnected(reconnect);
        reconnectAgent.onConnected();
        if (null != heartbeatAgent)
        {
            heartbeatAgent.onConnected();
        }
        if (events.has(EventType.CONNECTED))
        {
            final DeflateParameters deflate = connection.deflateParameters();
            events.emit(EventType.CONNECTED, new ConnectedEvent(uri, connection.subprotocol(),
                null == deflate ? List.of() : List.of(deflate.toString()), now()));
        }
        if (isGone(connection))
        {
            return;
        }
        directSender.connection = connection;
        replayAgent.replaySequence(reconnect, directSender);
        if (isGone(connection))
        {
            return;
        }
        subscriptions.restore();
        replayAgent.startDrain(reconnect, previousConnection);
        if (replayAgent.hasWork())
        {
            conductor.wake(this); // pushed back or waiting for the previous connection's hand-backs
        }
        previousConnection = null;
        if (isGone(connection))
        {
            return;
        }
        connectFuture.complete(null);
        if (reconnect && events.has(EventType.RECONNECTED))
        {
            final Duration downtime = NONE == disconnectedAtNs ?
                Duration.ZERO : Duration.ofNanos(Math.max(0, nanoClock.nanoTime() - disconnectedAtNs));
            events.emit(EventType.RECONNECTED, new ReconnectedEvent(uri, attemptsUsed, downtime, now()));
        }
    }

    private boolean isGone(final WebSocketConnection connection)
    {
        return connection != current || ConnectionState.CONNECTED != state;
    }

    private void sendSubscription(final MessageType type, final byte[] payload)
    {
        arrayView.wrap(payload);
        if (SendResult.OK == sendDirect(type, arrayView, 0, payload.length))
        {
            stats.onSent(payload.length);
        }
    }

    private void connectionEnded(final int code, final String reason, final boolean remote)
    {
        stopConnectionAgents();
        switch (state)
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
                if (remote && !remoteClosingReported && events.has(EventType.CLOSING))
                {
                    events.emit(EventType.CLOSING, new ClosingEvent(code, reason, Initiator.REMOTE, now()));
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
        replayAgent.onDisconnected();
        subscriptions.suspend();
        directSender.connection = null;
    }

    private void disconnected(final int code, final String reason, final boolean remote)
    {
        transition(ConnectionState.DISCONNECTED);
        stats.onDisconnected();
        disconnectedAtNs = nanoClock.nanoTime();
        if (events.has(EventType.DISCONNECTED))
        {
            events.emit(EventType.DISCONNECTED,
                new DisconnectedEvent(uri, code, reason, CloseCode.ABNORMAL != code, remote, now()));
        }
    }

    private void afterDisconnect(final int code, final String reason)
    {
        if (ConnectionState.DISCONNECTED != state)
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
            reportError(error, true);
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
        transition(ConnectionState.RECONNECTING);
        if (!rotating && reconnectAgent.isExhausted())
        {
            final RetriesExhaustedException error =
                new RetriesExhaustedException(uri, reconnectAgent.attempts(), cause);
            reportError(error, true);
            finish(ConnectionState.FAILED, CloseCode.ABNORMAL, error.getMessage(), error);
            return;
        }
        final long delayNs = rotating ? reconnectAgent.scheduleImmediate() : reconnectAgent.scheduleReconnect();
        rotating = false;
        if (events.has(EventType.RECONNECTING))
        {
            events.emit(EventType.RECONNECTING, new ReconnectingEvent(
                outageAttempts + 1, Duration.ofNanos(delayNs), cause, now()));
        }
        if (ConnectionState.RECONNECTING == state)
        {
            transition(ConnectionState.BACKING_OFF);
        }
    }

    private void doClose(final int code, final String reason)
    {
        if (state.isTerminal())
        {
            return;
        }
        userClosing = true;
        userCloseCode = code;
        userCloseReason = reason;
        switch (state)
        {
            case IDLE:
            case BACKING_OFF:
                reconnectAgent.cancelReconnect();
                finish(ConnectionState.CLOSED, code, reason, null);
                break;

            case CONNECTING:
            {
                final WebSocketConnection connection = current;
                current = null;
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
        if (events.has(EventType.CLOSING))
        {
            events.emit(EventType.CLOSING, new ClosingEvent(code, reason, Initiator.LOCAL, now()));
        }
        if (ConnectionState.CONNECTED != state)
        {
            return;
        }
        transition(ConnectionState.DISCONNECTING);
        if (null != heartbeatAgent)
        {
            heartbeatAgent.onDisconnected();
        }
        replayAgent.onDisconnected();
        final WebSocketConnection connection = current;
        if (detach)
        {
            previousConnection = connection;
            current = null;
            connection.close(code, reason, closeTimeoutNs);
            connectionEnded(code, reason, false);
        }
        else
        {
            // The engine ends the connection at the same deadline (the client's timer only guards the handle).
            reconnectAgent.armCloseTimeout(closeTimeoutNs);
            connection.close(code, reason, closeTimeoutNs);
        }
    }

    private void finish(final ConnectionState terminal, final int code, final String reason, final Throwable cause)
    {
        transition(terminal);
        cancelConnectDeadline();
        reconnectAgent.cancelAll();
        stopConnectionAgents();
        if (null != conductor)
        {
            conductor.unregister(this, this);
        }
        queue.close(code, reason);
        final ClosedEvent closed = new ClosedEvent(code, reason, terminal, now());
        if (events.has(EventType.CLOSED))
        {
            events.emit(EventType.CLOSED, closed);
        }
        if (!connectFuture.isDone())
        {
            connectFuture.completeExceptionally(null != cause ? cause :
                new ConnectionClosedException("closed before the connection opened: " + uri, code, reason));
        }
        closedFuture.complete(closed);
    }

    private void transition(final ConnectionState next)
    {
        final ConnectionState previous = state;
        if (!previous.canTransitionTo(next))
        {
            throw new IllegalStateException("client " + uri + ": invalid transition " + previous + " -> " + next);
        }
        state = next;
        if (events.has(EventType.STATE_CHANGE))
        {
            events.emit(EventType.STATE_CHANGE, new StateChangeEvent(previous, next, now()));
        }
    }

    // ---------------------------------------------------------------- ReconnectTimers.Listener

    @Override
    public void onReconnectDue()
    {
        if (ConnectionState.BACKING_OFF == state)
        {
            attempt();
        }
    }

    @Override
    public void onMaxAgeReached()
    {
        if (ConnectionState.CONNECTED == state)
        {
            rotating = true;
            beginLocalClose(CloseCode.NORMAL, "max connection age reached", false);
        }
    }

    @Override
    public void onCloseTimeout()
    {
        if (ConnectionState.DISCONNECTING == state && null != current)
        {
            previousConnection = current;
            current = null;
            final TimeoutException error = new TimeoutException(
                TimeoutException.Operation.CLOSE, config.closeTimeout().toNanos(), uri);
            lastError = error;
            lastFailure = error;
            reportError(error, false);
            connectionEnded(CloseCode.ABNORMAL, "close timed out", false);
        }
    }

    // ---------------------------------------------------------------- Heartbeat.Host

    @Override
    public boolean sendPing()
    {
        final WebSocketConnection connection = current;
        return null != connection && ConnectionState.CONNECTED == state && pingWriter.write(connection);
    }

    @Override
    public void onPongMissed(final int misses, final TimeoutException timeout)
    {
        reportError(timeout, false);
    }

    @Override
    public void onDeadPeer(final int misses, final TimeoutException timeout)
    {
        if (ConnectionState.CONNECTED != state)
        {
            return;
        }
        lastError = timeout;
        lastFailure = timeout;
        reportError(timeout, false);
        beginLocalClose(CloseCode.INTERNAL_ERROR, "heartbeat timeout", true);
    }

    // ---------------------------------------------------------------- EngineEventsAdapter.Client (engine thread)

    @Override
    public WebSocketConnection current()
    {
        return current;
    }

    @Override
    public void onOpened(final WebSocketConnection connection)
    {
        if (ConnectionState.CONNECTING != state)
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
    public void onMessage(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        dispatcher.onMessage(type, buffer, offset, length);
    }

    @Override
    public void onPong(final DirectBuffer buffer, final int offset, final int length)
    {
        dispatcher.onPong(buffer, offset, length);
    }

    @Override
    public void onError(final Throwable error)
    {
        lastError = error;
        lastFailure = error;
        reportError(error, FailureClassifier.isFatal(error) ||
            (!config.reconnect() && ConnectionState.CONNECTING == state));
    }

    @Override
    public void onEngineClosed()
    {
        // Still running when our agent is closed: the engine shut down under us and no reconnect can follow.
        if (!state.isTerminal() && state.canTransitionTo(ConnectionState.FAILED))
        {
            final WebSocketException error = new WebSocketException("the engine was closed under the client: " + uri);
            lastError = error;
            lastFailure = error;
            reportError(error, true);
            finish(ConnectionState.FAILED, CloseCode.ABNORMAL, "engine closed", error);
        }
    }

    @Override
    public void onUnsent(final WebSocketConnection connection, final MessageType type,
        final DirectBuffer buffer, final int offset, final int length)
    {
        // A send accepted from another thread met the end of its connection in the engine's queue. With
        // full_buffer replay it goes back at the head of the buffer, in order, ahead of anything sent since the
        // drop (the next connection waits for every hand-back before it drains); otherwise the application
        // hears of it as an error, never silence.
        if (replayAgent.isBuffering() && !closeRequested)
        {
            replayAgent.handBack(connection, type, buffer, offset, length);
        }
        else
        {
            reportError(new ConnectionClosedException("message of " + length + " bytes not sent: the connection " +
                "closed before it could be written to " + uri, CloseCode.ABNORMAL, ""), false);
        }
    }

    @Override
    public void onUnsentDiscarded(final int messages, final long bytes)
    {
        // Partly written when the connection ended: nothing can send the rest, so say so.
        reportError(new ConnectionClosedException(messages + " message(s), " + bytes + " bytes, not sent: the " +
            "connection to " + uri + " ended while writing them", CloseCode.ABNORMAL, ""), false);
    }

    @Override
    public void onClosing(final int code, final String reason)
    {
        // The server's close frame arrived: report `closing` now, not when TCP is finally closed.
        if (ConnectionState.CONNECTED != state)
        {
            return;
        }
        remoteClosingReported = true;
        if (events.has(EventType.CLOSING))
        {
            events.emit(EventType.CLOSING, new ClosingEvent(code, reason, Initiator.REMOTE, now()));
        }
    }

    @Override
    public void onClosed(final WebSocketConnection connection, final int code, final String reason,
        final boolean remote)
    {
        previousConnection = connection; // may still hand back sends other threads queued for it
        current = null;
        reconnectAgent.cancelCloseTimeout();
        connectionEnded(code, reason, remote);
    }

    // ---------------------------------------------------------------- errors

    private void reportError(final Throwable error, final boolean fatal)
    {
        stats.onError();
        if (events.has(EventType.ERROR))
        {
            events.emit(EventType.ERROR, new ErrorEvent(error, String.valueOf(error.getMessage()), fatal, now()));
        }
        else
        {
            ClientLog.unhandledError(uri, error, fatal); // nobody listens: never silence
        }
    }

    private void onHandlerError(final EventType<?> type, final Throwable error)
    {
        stats.onError();
        if (EventType.ERROR == type)
        {
            engine.context().errorHandler().onError(error); // an error handler failed: do not recurse
            return;
        }
        if (events.has(EventType.ERROR))
        {
            events.emit(EventType.ERROR, new ErrorEvent(error, "handler of " + type.name() + " threw: " + error,
                false, now()));
        }
        else
        {
            ClientLog.handlerFailed(uri, type, error);
        }
    }

    private long now()
    {
        return epochClock.time();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Sends straight to one connection, ahead of the send buffer: for the replay hook.
     */
    private final class DirectSender implements MessageSender<T>
    {
        private WebSocketConnection connection;

        @Override
        public SendStatus send(final T message)
        {
            final ExpandableArrayBuffer scratch = SCRATCH.get();
            final int length = codec.encode(message, scratch, 0);
            return sendRaw(codec.frameType(), scratch, length);
        }

        @Override
        public SendStatus sendText(final String text)
        {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return sendRaw(MessageType.TEXT, new UnsafeBuffer(bytes), bytes.length);
        }

        @Override
        public SendStatus sendBinary(final byte[] bytes)
        {
            return sendRaw(MessageType.BINARY, new UnsafeBuffer(bytes), bytes.length);
        }

        private SendStatus sendRaw(final MessageType type, final DirectBuffer buffer, final int length)
        {
            final WebSocketConnection target = connection;
            if (null == target || target != current)
            {
                return SendStatus.NOT_CONNECTED;
            }
            final int result = MessageType.TEXT == type ?
                target.sendText(buffer, 0, length) : target.sendBinary(buffer, 0, length);
            if (SendResult.OK == result)
            {
                stats.onSent(length);
            }
            return toStatus(result);
        }
    }
}
