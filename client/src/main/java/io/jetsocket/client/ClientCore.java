/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.EngineClientTimers;
import io.jetsocket.client.compression.PayloadInflater;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.client.config.LivenessConfig;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.config.RawPongMatcher;
import io.jetsocket.client.event.BufferKind;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.frame.CloseCode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * What stands behind a {@link WebSocket}: the composition root of parts with one job each, and the facade its API
 * calls. The {@link ConnectionLifecycle} is the state machine (with {@link LocalClose} for closes from this side,
 * the reconnect timers and the heartbeat); the {@link SendPath} routes sends, hosts the replay and sends the
 * subscriptions; the {@link MessageDispatcher} takes incoming messages; the {@link EngineEventsAdapter} hands each
 * engine callback of the current connection to its owner; the {@link EventEmitter} turns all of it into events.
 * The state they share is held once, in {@link ClientState}. The engine's {@link ClientConductor} owns the client
 * and runs its replay while that has work.
 * <p>
 * This class answers on any thread: {@code connect()} and {@code close()} check their call and hop onto the engine
 * thread with {@link WebSocketEngine#execute}, where every state change and every event happens.
 *
 * @param <T> type of the messages.
 */
final class ClientCore<T>
{
    private final ClientConfig<T> config;
    private final WebSocketEngine engine;
    private final MessageDispatcher<T> dispatcher;
    private final ReceiveQueue<T> queue;
    private final StatsRecorder stats;
    private final EventEmitter emit;
    private final ClientState state;
    private final SendPath<T> sendPath;
    private final ConnectionLifecycle<T> lifecycle;

    ClientCore(
        final ClientConfig<T> config,
        final WebSocketEngine engine,
        final NanoClock nanoClock,
        final EpochClock epochClock)
    {
        this.config = config;
        this.engine = engine;
        final ConnectRequest request = ConnectRequests.of(config); // shared with clients of the same options
        final String uri = request.uri().toString();
        final EngineClientTimers timers = new EngineClientTimers(engine); // also the engine's cached clock
        this.stats = new StatsRecorder(nanoClock, epochClock, timers, config.exchangeTimestamps());
        this.emit = new EventEmitter(uri, engine.context().errorHandler(), stats, epochClock,
            config.handlerExecutor());
        final EventDispatcher events = emit.dispatcher();
        this.queue = new ReceiveQueue<>(config.receiveQueueCapacity(), config.receiveQueuePolicy(),
            this::onReceiveQueueOverflow, uri);
        this.state = new ClientState(uri, emit);
        this.sendPath = new SendPath<>(config, uri, engine, nanoClock, state, stats, emit);
        this.lifecycle = new ConnectionLifecycle<>(config, engine, request, nanoClock, epochClock, state, emit, stats,
            queue, timers, sendPath);
        this.dispatcher = new MessageDispatcher<>(config.codec(), events, stats, queue,
            sendPath.replay(), lifecycle.heartbeat(),
            null == config.heartbeat() ? null : config.heartbeat().pongMatcher(),
            epochClock, // events only: the zero-copy path stamps nothing but the stats, off the engine's clock
            emit, engine);
        // Binary frames compressed outside RFC 7692 (gzip, deflate): inflated before any consumer sees them.
        dispatcher.inflateWith(PayloadInflater.of(config.payloadCompression(), config.maxMessageSize()),
            config.payloadCompression().deliverAs(), lifecycle); // it reports and closes: no lambda per client
        dispatcher.liveness(liveness(config, lifecycle, epochClock)); // live: pongs, server pings, watchdog
        // Wired last: the listener needs the dispatcher, which needs the heartbeat the lifecycle is host of.
        lifecycle.listenWith(new EngineEventsAdapter(state, lifecycle, dispatcher, sendPath));
    }

    /**
     * The liveness filter of the incoming messages, or null when nothing needs one (live).
     */
    private LivenessFilter liveness(
        final ClientConfig<T> config, final ConnectionLifecycle<T> lifecycle, final EpochClock epochClock)
    {
        final HeartbeatConfig heartbeat = config.heartbeat();
        final RawPongMatcher pongMatcher = null == heartbeat ? null : heartbeat.effectiveRawPongMatcher();
        final LivenessConfig liveness = config.liveness();
        if (null == pongMatcher && !liveness.isEnabled())
        {
            return null;
        }
        return new LivenessFilter(pongMatcher, null == heartbeat ? null : heartbeat.venuePing(),
            lifecycle.pingWriter(), lifecycle.heartbeat(), liveness.serverPings(),
            liveness.deliverServerPings(), sendPath, lifecycle.noDataWatchdog(), emit.dispatcher(), emit,
            epochClock,
            state.uri());
    }

    // ---------------------------------------------------------------- accessors (any thread)

    ClientConfig<T> config()
    {
        return config;
    }

    String uri()
    {
        return state.uri();
    }

    WebSocketEngine engine()
    {
        return engine;
    }

    ConnectionState state()
    {
        return state.get();
    }

    /**
     * Whether the message being delivered now was inflated (engine thread, during a delivery).
     */
    boolean isDeliveringInflated()
    {
        return dispatcher.isDeliveringInflated();
    }

    EventDispatcher events()
    {
        return emit.dispatcher();
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
        return lifecycle.closedFuture();
    }

    long lastLatencyNs()
    {
        return null == lifecycle.heartbeat() ? -1 : lifecycle.heartbeat().lastLatencyNs();
    }

    ConnectionStats stats()
    {
        return stats.snapshot(state.get(), lastLatencyNs(),
            null == lifecycle.heartbeat() ? -1 : lifecycle.heartbeat().averageLatencyNs(),
            sendPath.replay().isBuffering() ? sendPath.replay().fillRatio() : 0.0);
    }

    Object lastSequenceId()
    {
        return sendPath.replay().lastSequenceId();
    }

    /**
     * The last failure seen (any thread): what a connect that timed out is given as its cause.
     */
    Throwable lastFailure()
    {
        return lifecycle.lastFailure();
    }

    // ---------------------------------------------------------------- operations (any thread)

    CompletableFuture<Void> connect()
    {
        if (!state.start() || ConnectionState.IDLE != state.get())
        {
            return CompletableFuture.failedFuture(
                new InvalidStateException("connect", state.get(), ClientState.IDLE_ONLY));
        }
        final EventDispatcher events = emit.dispatcher();
        if (!events.has(EventType.MESSAGE) && !events.has(EventType.RAW_MESSAGE) && queue.isEnabled())
        {
            queue.activate(); // nobody listens: the application reads with recv() or iteration
        }
        try
        {
            state.conductor(ClientConductor.of(engine));
            engine.execute(lifecycle::startFirstConnect);
        }
        catch (final EngineClosedException ex)
        {
            // No engine thread will ever run the connect: say so now rather than leave the future hanging.
            lifecycle.connectFuture().completeExceptionally(ex);
        }
        return lifecycle.connectFuture().copy();
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
            engine.execute(() -> lifecycle.doClose(code, checkedReason));
        }
        catch (final EngineClosedException ex)
        {
            // The engine closed: a connected client already failed with it; one never connected has nothing to
            // close, and nothing would ever complete its future.
            lifecycle.closedFuture().completeExceptionally(ex);
        }
        return lifecycle.closedFuture().copy();
    }

    void reconnect(final String reason)
    {
        final String checkedReason = null == reason ? "" : reason;
        if (checkedReason.getBytes(StandardCharsets.UTF_8).length > 123)
        {
            throw new IllegalArgumentException("close reason longer than 123 UTF-8 bytes");
        }
        try
        {
            engine.execute(() -> lifecycle.replaceConnection(checkedReason));
        }
        catch (final EngineClosedException ignore)
        {
            // no engine, no connection to replace
        }
    }

    SendStatus send(final T message)
    {
        return sendPath.send(message);
    }

    SendStatus sendFrame(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        return sendPath.sendFrame(type, buffer, offset, length);
    }

    Subscription subscribe(final T message)
    {
        return subscribe(config.codec().frameType(), sendPath.encodeToArray(message));
    }

    Subscription subscribe(final MessageType type, final byte[] payload)
    {
        return sendPath.subscriptions().add(type, payload);
    }

    void enableReceiveQueue()
    {
        queue.activate();
    }

    // ---------------------------------------------------------------- receive queue (engine thread)

    private void onReceiveQueueOverflow(final long dropped)
    {
        stats.onDropped(dropped);
        emit.bufferOverflow(BufferKind.RECEIVE_QUEUE, queue.capacity(), dropped, queue.policy());
        if (OverflowPolicy.ERROR == queue.policy())
        {
            emit.error(new BufferOverflowException("receive queue", queue.capacity(), queue.capacity()), false);
        }
    }
}
