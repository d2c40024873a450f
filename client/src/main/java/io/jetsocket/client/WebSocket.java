/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.Event;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.MessageEvent;
import io.jetsocket.client.event.Registration;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.UnsafeAccessCheck;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.frame.CloseCode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The non-blocking JetSocket client: a WebSocket connection that reconnects, pings, buffers and replays, on top
 * of a {@link WebSocketEngine}.
 * <pre>{@code
 * WebSocket<Object> ws = WebSocket.builder("ws://localhost:8080/feed")
 *     .heartbeat(Duration.ofSeconds(20))
 *     .build();
 * ws.on(EventType.CONNECTED, event -> System.out.println("connected to " + event.uri()));
 * ws.onMessage(message -> System.out.println("got " + message));
 * ws.connect().join();
 * ws.subscribe(Map.of("type", "subscribe", "channel", "trades"));
 * ws.awaitClose();
 * }</pre>
 * <h2>Threads</h2>
 * Several clients share one engine, hence one thread: the one given to {@link ClientConfig.Builder#engine}, or a
 * default engine started lazily on a daemon thread named {@code jetsocket-client}. <b>By default every handler runs on
 * that engine thread</b>, one at a time, in registration order; such handlers must not block (a handler that
 * blocks stops pongs, heartbeats and every other client of the engine). With
 * {@link ClientConfig.Builder#handlerExecutor} event and decoded-message handlers run on that executor instead,
 * still one event at a time and in order for this client, so they may block; raw-message handlers stay on the
 * engine thread (zero-copy: the buffer is valid only during the call). Sends from the engine thread are written
 * directly; sends from other threads go through the engine's lock-free queue. All methods are thread safe. The
 * blocking methods ({@link #recv(Duration)}, {@link #awaitClose()}, iteration, {@link #close()}) must not be
 * called on the engine thread.
 * <h2>Receiving</h2>
 * Three ways, which can be combined:
 * <ul>
 *     <li>{@link #onRawMessage} (or {@link EventType#RAW_MESSAGE}): zero-copy, zero-allocation, before decoding;</li>
 *     <li>{@link #onMessage} (or {@link EventType#MESSAGE}): decoded messages;</li>
 *     <li>{@link #recv()}, {@link #recv(Duration)} and iteration: decoded messages through a bounded queue
 *     ({@link ClientConfig.Builder#receiveQueue}, 10,000 messages and drop-oldest by default; drops fire
 *     {@code buffer_overflow} events). The queue fills from the first call to {@code recv}/{@code iterator}, or
 *     from {@code connect()} if no message handler is registered then.</li>
 * </ul>
 * Messages are decoded only when someone needs them: a message handler, the receive queue, a heartbeat pong
 * matcher or a sequence extractor.
 * <h2>Lifecycle</h2>
 * {@link #connect()} completes when the first connection opens; with reconnection on, failed attempts are
 * retried until {@code maxAttempts} (then it fails with {@link RetriesExhaustedException}), and fatal failures
 * (HTTP 401/403/404/410, close codes 1008/4401/4403, configuration errors) fail it at once. A client is used
 * once: after {@code CLOSED} or {@code FAILED} build a new one. The {@code closed} event fires exactly once,
 * when the client reaches either terminal state.
 * <h2>Errors and logging</h2>
 * Errors (failed attempts, messages the codec cannot decode, missed pongs, handlers that threw) fire
 * {@link EventType#ERROR} events, with {@code fatal} set when the client goes to {@code FAILED}. While no
 * {@code ERROR} handler is registered the client logs them instead, through {@link System.Logger} named
 * {@code io.jetsocket.client}: fatal errors at {@code ERROR} with the stack trace, the others at {@code WARNING}
 * in one line; a handler that threw is logged at {@code WARNING} with the stack trace. The engine logs errors that
 * belong to no client to {@code io.jetsocket.engine}.
 *
 * @param <T> type of the messages: {@code Object} (JSON maps, lists...) by default.
 */
public final class WebSocket<T> implements MessageSender<T>, Iterable<T>, AutoCloseable
{
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final ClientCore<T> core;

    private WebSocket(final ClientCore<T> core)
    {
        this.core = core;
    }

    /**
     * Start building a client with the defaults: reconnect on, JSON messages, no heartbeat, no replay,
     * permessage-deflate offered.
     *
     * @param uri a {@code ws://} or {@code wss://} URI.
     * @return a builder.
     */
    public static ClientConfig.Builder<Object> builder(final String uri)
    {
        return ClientConfig.builder(uri);
    }

    /**
     * Start building a client.
     *
     * @param uri a {@code ws://} or {@code wss://} URI.
     * @return a builder.
     */
    public static ClientConfig.Builder<Object> builder(final URI uri)
    {
        return ClientConfig.builder(uri.toString());
    }

    /**
     * Build a client (not connected yet) from a configuration, e.g. one built once with
     * {@link ClientConfig.Builder#buildConfig()} and used for several clients.
     *
     * @param config the validated configuration.
     * @param <T>    type of the messages.
     * @return the client.
     * @throws IllegalArgumentException naming the bad option (a bad URI or header).
     */
    public static <T> WebSocket<T> create(final ClientConfig<T> config)
    {
        UnsafeAccessCheck.require(); // before the engine initialises any Agrona class that needs the flag
        final WebSocketEngine engine = null == config.engine() ? DefaultEngine.get() : config.engine();
        return new WebSocket<>(new ClientCore<>(config, engine, config.nanoClock(), config.epochClock()));
    }

    /**
     * The engine shared by every client built without an engine of its own ({@link ClientConfig.Builder#engine}
     * not set): started on first use, on a daemon thread, never closed. Components that run beside such clients on
     * the same engine (a connection pool's timers) use it.
     *
     * @return the shared default engine.
     */
    public static WebSocketEngine defaultEngine()
    {
        UnsafeAccessCheck.require();
        return DefaultEngine.get();
    }

    // ---------------------------------------------------------------- properties

    /**
     * The server's URI, normalised.
     *
     * @return the URI.
     */
    public String uri()
    {
        return core.uri();
    }

    /**
     * The current state (may be stale by the time it is read off the engine thread).
     *
     * @return the state.
     */
    public ConnectionState state()
    {
        return core.state();
    }

    /**
     * Is a connection open now?
     *
     * @return true when CONNECTED.
     */
    public boolean isConnected()
    {
        return ConnectionState.CONNECTED == core.state();
    }

    /**
     * Round trip of the last answered heartbeat ping.
     *
     * @return milliseconds, empty without heartbeat or before the first pong.
     */
    public OptionalDouble latencyMs()
    {
        final long latencyNs = core.lastLatencyNs();
        return latencyNs < 0 ? OptionalDouble.empty() : OptionalDouble.of(latencyNs / 1e6);
    }

    /**
     * The configuration.
     *
     * @return the validated configuration.
     */
    public ClientConfig<T> config()
    {
        return core.config();
    }

    /**
     * The typed message class, when built with {@link ClientConfig.Builder#messageType}.
     *
     * @return the class, or null.
     */
    public Class<?> messageType()
    {
        return core.config().messageType();
    }

    /**
     * When the socket read that brought the message now being handled happened, on the engine's nano clock
     * ({@code EngineContext.nanoClock()}). The engine reads its clocks once per read, not per message: the messages
     * of one read (small frames arriving together) share the stamp. Valid only on the engine thread during a raw
     * message handler (or a handler that runs there), before it returns; elsewhere it is the stamp of some other
     * read. Reads a field: no clock, no allocation.
     *
     * @return nanoseconds of the engine's nano clock at the read.
     */
    public long receiveNanos()
    {
        return core.engine().receiveNanos();
    }

    /**
     * Whether the message now being handled arrived compressed and is delivered inflated: by the engine
     * (permessage-deflate, RFC 7692) or by this client's {@code payloadCompression} (gzip or deflate frames). The
     * same validity as {@link #receiveNanos()}: engine thread, during a raw message handler (or one that runs
     * there). Reads a field.
     *
     * @return true when the handler sees the inflated bytes of a compressed message.
     */
    public boolean isMessageInflated()
    {
        return core.isDeliveringInflated();
    }

    /**
     * The same read as {@link #receiveNanos()} on the engine's epoch clock ({@code EngineContext.epochNanoClock()}),
     * for comparing with an exchange's timestamps; the same validity: engine thread, during the handler.
     *
     * @return nanoseconds since the epoch at the read.
     */
    public long receiveEpochNanos()
    {
        return core.engine().receiveEpochNanos();
    }

    /**
     * The engine the client runs on.
     *
     * @return the engine.
     */
    public WebSocketEngine engine()
    {
        return core.engine();
    }

    /**
     * The last sequence id seen (with a sequence extractor in the replay configuration).
     *
     * @return the id, or null.
     */
    public Object lastSequenceId()
    {
        return core.lastSequenceId();
    }

    /**
     * How full the send buffer is.
     *
     * @return 0 to 1; 0 without {@code full_buffer} replay.
     */
    public double bufferFillRatio()
    {
        return core.stats().bufferFillRatio();
    }

    /**
     * A snapshot of the statistics.
     *
     * @return an immutable snapshot.
     */
    public ConnectionStats stats()
    {
        return core.stats();
    }

    // ---------------------------------------------------------------- events

    /**
     * Register a handler; several per event type, called in registration order on the engine thread (or on the
     * handler executor, if one is set, except for {@link EventType#RAW_MESSAGE}). A handler that throws produces
     * an {@code error} event.
     *
     * @param type    the event type, e.g. {@link EventType#CONNECTED}.
     * @param handler the handler.
     * @param <E>     the event class.
     * @return the registration, to remove the handler.
     */
    public <E extends Event> Registration on(final EventType<E> type, final Consumer<? super E> handler)
    {
        return core.events().add(type, handler);
    }

    /**
     * Register a handler of decoded messages (on the engine thread, or on the handler executor if one is set).
     *
     * @param handler gets each message's data.
     * @return the registration.
     */
    @SuppressWarnings("unchecked")
    public Registration onMessage(final Consumer<? super T> handler)
    {
        final Consumer<MessageEvent<?>> adapter = (event) -> handler.accept((T)event.data());
        return core.events().add(EventType.MESSAGE, adapter);
    }

    /**
     * Register a zero-copy handler of raw messages. It always runs on the engine thread, even with a handler
     * executor: the buffer is the engine's and valid only during the call (copy what must outlive it).
     *
     * @param handler gets each data message before decoding.
     * @return the registration.
     */
    public Registration onRawMessage(final RawMessageHandler handler)
    {
        return core.events().addRaw(handler);
    }

    /**
     * Remove a handler registered with {@link #on}.
     *
     * @param type    its event type.
     * @param handler the handler.
     * @return true if it was registered.
     */
    public boolean removeHandler(final EventType<?> type, final Consumer<?> handler)
    {
        return core.events().remove(type, handler);
    }

    /**
     * How many handlers an event type has.
     *
     * @param type the event type.
     * @return the count.
     */
    public int handlerCount(final EventType<?> type)
    {
        return core.events().count(type);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Connect. Returns at once; the future completes when the first connection is open (state CONNECTED), or
     * fails: with {@link InvalidStateException} if called twice or after close, with the fatal error
     * (e.g. an {@link io.jetsocket.engine.handshake.HandshakeException} with status 401), with
     * {@link RetriesExhaustedException}, or with {@link ConnectionClosedException} if closed first. Completing
     * or cancelling the returned future does not affect the client.
     *
     * @return the future of the first connection.
     */
    public CompletableFuture<Void> connect()
    {
        return core.connect();
    }

    /**
     * Replace the open connection (live: what a liveness check that finds the feed dead escalates to): close it
     * normally (1000, with this reason) and connect again at once, as the maximum connection age does; the
     * subscriptions are sent again on the new connection. Nothing happens unless connected. Any thread.
     *
     * @param reason the close reason, at most 123 UTF-8 bytes.
     * @throws IllegalArgumentException for a reason too long.
     */
    public void reconnect(final String reason)
    {
        core.reconnect(reason);
    }

    /**
     * Close: a closing handshake with this code and reason if a connection is open, no reconnect after. The
     * future completes with the {@code closed} event once the client is CLOSED (or FAILED), at most the close
     * timeout after the close frame. Idempotent.
     *
     * @param code   a close code valid on the wire (1000, 1001, 3000-4999...).
     * @param reason at most 123 UTF-8 bytes, possibly empty.
     * @return the future of the {@code closed} event.
     * @throws IllegalArgumentException for a code not allowed on the wire or a reason too long.
     */
    public CompletableFuture<ClosedEvent> close(final int code, final String reason)
    {
        return core.close(code, reason);
    }

    /**
     * Close with 1000 (normal closure), without waiting.
     *
     * @return the future of the {@code closed} event.
     */
    public CompletableFuture<ClosedEvent> closeAsync()
    {
        return core.close(CloseCode.NORMAL, "");
    }

    /**
     * Close with 1000 and wait for the client to be closed, at most the close timeout plus 2 s (does not
     * wait when called on the engine thread).
     */
    @Override
    public void close()
    {
        final CompletableFuture<ClosedEvent> closed = core.close(CloseCode.NORMAL, "");
        if (!core.isEngineThread())
        {
            try
            {
                closed.get(core.config().closeTimeout().plus(CLOSE_GRACE).toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            catch (final ExecutionException | java.util.concurrent.TimeoutException ignore)
            {
                // closed as far as the application is concerned; the engine finishes in the background
            }
        }
    }

    /**
     * The future of the {@code closed} event: the non-blocking way to wait for the end of the client.
     *
     * @return a future completed when the client is CLOSED or FAILED.
     */
    public CompletableFuture<ClosedEvent> closeFuture()
    {
        return core.closedFuture().copy();
    }

    /**
     * Block until the client is CLOSED or FAILED. Never call it from a handler (the engine thread).
     *
     * @return the {@code closed} event.
     * @throws InterruptedException if interrupted while waiting.
     */
    public ClosedEvent awaitClose() throws InterruptedException
    {
        checkNotEngineThread("awaitClose");
        try
        {
            return core.closedFuture().get();
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException(ex.getCause());
        }
    }

    /**
     * Block until the client is CLOSED or FAILED, or the timeout passes.
     *
     * @param timeout the longest wait.
     * @return true if closed.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean awaitClose(final Duration timeout) throws InterruptedException
    {
        checkNotEngineThread("awaitClose");
        try
        {
            core.closedFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        }
        catch (final java.util.concurrent.TimeoutException ex)
        {
            return false;
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException(ex.getCause());
        }
    }

    // ---------------------------------------------------------------- sending

    /**
     * Encode with the codec and send (a text frame for JSON). Never blocks.
     *
     * @param message to send.
     * @return {@link SendStatus#SENT}, {@link SendStatus#BUFFERED} (connection down, {@code full_buffer} replay),
     * or why it was not accepted: {@link SendStatus#CLOSED} once {@code close()} was called or the client failed
     * for good, {@link SendStatus#NOT_CONNECTED} while it is between connections without a send buffer.
     * @throws InvalidStateException before {@code connect()} (a programming error).
     * @throws io.jetsocket.client.codec.CodecException if the message cannot be encoded.
     * @throws BufferOverflowException if the send buffer is full and its policy is {@code error}.
     */
    @Override
    public SendStatus send(final T message)
    {
        return core.send(message);
    }

    /**
     * Send a text message as is.
     *
     * @param text to send.
     * @return the outcome.
     */
    @Override
    public SendStatus sendText(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return core.sendFrame(MessageType.TEXT, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /**
     * Send a text message from a buffer holding UTF-8 (not re-validated).
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return the outcome.
     */
    public SendStatus sendText(final DirectBuffer buffer, final int offset, final int length)
    {
        return core.sendFrame(MessageType.TEXT, buffer, offset, length);
    }

    /**
     * Send a binary message as is.
     *
     * @param bytes to send.
     * @return the outcome.
     */
    @Override
    public SendStatus sendBinary(final byte[] bytes)
    {
        return sendBinary(bytes, 0, bytes.length);
    }

    /**
     * Send part of an array as a binary message.
     *
     * @param bytes  holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return the outcome.
     */
    public SendStatus sendBinary(final byte[] bytes, final int offset, final int length)
    {
        return core.sendFrame(MessageType.BINARY, new UnsafeBuffer(bytes), offset, length);
    }

    /**
     * Send a binary message from a buffer.
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return the outcome.
     */
    public SendStatus sendBinary(final DirectBuffer buffer, final int offset, final int length)
    {
        return core.sendFrame(MessageType.BINARY, buffer, offset, length);
    }

    /**
     * Send a subscription message now (if connected) and again after every reconnect, until the returned
     * subscription is cancelled. Restored subscriptions go out right after the {@code sequence_id} replay hook
     * and before buffered messages.
     *
     * @param message the subscription message.
     * @return the subscription.
     */
    public Subscription subscribe(final T message)
    {
        return core.subscribe(message);
    }

    /**
     * {@link #subscribe(Object)} with a text message sent as is (e.g. when subscriptions are not of the
     * message type).
     *
     * @param text the subscription message.
     * @return the subscription.
     */
    public Subscription subscribeText(final String text)
    {
        return core.subscribe(MessageType.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- receiving

    /**
     * The next decoded message, from the bounded receive queue. The future completes on the engine thread
     * (use the {@code ...Async} stages for slow work); it fails with {@link ConnectionClosedException} once the
     * client is closed and the queue is empty.
     *
     * @return the future of the next message.
     * @throws IllegalStateException if the receive queue is disabled.
     */
    public CompletableFuture<T> recv()
    {
        core.enableReceiveQueue();
        return core.queue().take();
    }

    /**
     * Block for the next decoded message.
     *
     * @param timeout the longest wait; null for no limit.
     * @return the message (null for a JSON {@code null}).
     * @throws OperationTimeoutException  if no message arrived in time (operation {@code recv}).
     * @throws ConnectionClosedException if the client is closed and the queue is empty.
     * @throws InterruptedException      if interrupted while waiting.
     */
    public T recv(final Duration timeout) throws InterruptedException
    {
        checkNotEngineThread("recv");
        core.enableReceiveQueue();
        return core.queue().poll(timeout);
    }

    /**
     * Blocking iteration over decoded messages: {@code hasNext()} waits for the
     * next message and returns false once the client is closed and the queue drained (or the thread is
     * interrupted).
     *
     * @return an iterator.
     */
    @Override
    public Iterator<T> iterator()
    {
        checkNotEngineThread("iterate");
        core.enableReceiveQueue();
        return new MessageIterator<>(core.queue());
    }

    @Override
    public String toString()
    {
        return "WebSocket{uri=" + core.uri() + ", state=" + core.state().value() + "}";
    }

    boolean isEngineThread()
    {
        return core.isEngineThread();
    }

    Throwable lastFailure()
    {
        return core.lastFailure();
    }

    void enableReceiveQueue()
    {
        core.enableReceiveQueue();
    }

    private void checkNotEngineThread(final String operation)
    {
        if (core.isEngineThread())
        {
            throw new IllegalStateException(operation + " blocks: it must not be called on the engine thread " +
                "(from an event handler)");
        }
    }
}
