/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.Event;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.Registration;
import io.jetsocket.engine.frame.CloseCode;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The blocking JetSocket client, for scripts, tools and threads that prefer to wait: a {@link WebSocket} whose
 * operations block until done. Thread safe: any number of threads may send, receive and iterate at once.
 * <pre>{@code
 * try (SyncWebSocket<Object> ws = WebSocket.builder("ws://localhost:8080/feed").buildSync())
 * {
 *     ws.connect();
 *     ws.send(Map.of("subscribe", "trades"));
 *     for (Object trade : ws)
 *     {
 *         System.out.println(trade);
 *     }
 * }
 * }</pre>
 * <ul>
 *     <li>Everything the asynchronous client does (reconnect, heartbeat, buffering, replay, events) it does
 *     too; event handlers, registered before or after {@link #connect()}, run on the engine thread (or on
 *     the handler executor, if one is set).</li>
 *     <li><b>Receive queue:</b> bounded (10,000 messages by default, see
 *     {@link ClientConfig.Builder#receiveQueue}). It is filled by the engine thread, which never waits for a
 *     slow reader: when it is full the oldest message is dropped (or the newest, with {@code drop_newest}; the
 *     {@code error} policy drops the newest and fires an {@code error} event), and a {@code buffer_overflow}
 *     event with {@link io.jetsocket.client.event.BufferKind#RECEIVE_QUEUE} reports the drops. Memory never
 *     grows without bound.</li>
 *     <li><b>Send:</b> waits while the connection pushes back, up to the send timeout (30 s by default).</li>
 *     <li>Blocking methods must not be called from an event handler (they would block the engine thread):
 *     they throw {@link IllegalStateException} there.</li>
 * </ul>
 *
 * @param <T> type of the messages.
 */
public final class SyncWebSocket<T> implements MessageSender<T>, Iterable<T>, AutoCloseable
{
    /** How much longer than the connect timeout {@link #connect()} waits before giving up. */
    public static final Duration CONNECT_GRACE = Duration.ofSeconds(5);
    /** How much longer than the close timeout {@link #close()} waits before giving up. */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /** Default longest wait of a back-pressured send. */
    public static final Duration SEND_TIMEOUT_DEFAULT = Duration.ofSeconds(30);

    private static final Set<ConnectionState> CONNECTED_ONLY = EnumSet.of(ConnectionState.CONNECTED);
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final WebSocket<T> ws;
    private volatile Duration sendTimeout = SEND_TIMEOUT_DEFAULT;

    private SyncWebSocket(final WebSocket<T> ws)
    {
        this.ws = ws;
    }

    /**
     * Wrap a client that has not connected yet; its receive queue is enabled from now on.
     *
     * @param ws the asynchronous client.
     * @param <T> type of the messages.
     * @return the blocking client.
     * @throws IllegalStateException if the client's receive queue is disabled.
     */
    public static <T> SyncWebSocket<T> of(final WebSocket<T> ws)
    {
        final SyncWebSocket<T> sync = new SyncWebSocket<>(ws);
        ws.enableReceiveQueue();
        return sync;
    }

    /**
     * The asynchronous client underneath.
     *
     * @return the client.
     */
    public WebSocket<T> async()
    {
        return ws;
    }

    /**
     * Set how long a send waits while the connection pushes back.
     *
     * @param timeout positive.
     * @return this.
     */
    public SyncWebSocket<T> sendTimeout(final Duration timeout)
    {
        if (timeout.isNegative() || timeout.isZero())
        {
            throw new IllegalArgumentException("send timeout must be positive: " + timeout);
        }
        this.sendTimeout = timeout;
        return this;
    }

    /**
     * The server's URI.
     *
     * @return the URI.
     */
    public String uri()
    {
        return ws.uri();
    }

    /**
     * The current state.
     *
     * @return the state (IDLE before connect).
     */
    public ConnectionState state()
    {
        return ws.state();
    }

    /**
     * Is a connection open now?
     *
     * @return true when CONNECTED.
     */
    public boolean isConnected()
    {
        return ws.isConnected();
    }

    /**
     * Round trip of the last answered heartbeat ping.
     *
     * @return milliseconds, empty without heartbeat or before the first pong.
     */
    public OptionalDouble latencyMs()
    {
        return ws.latencyMs();
    }

    /**
     * A snapshot of the statistics (available before connect).
     *
     * @return an immutable snapshot.
     */
    public ConnectionStats stats()
    {
        return ws.stats();
    }

    /**
     * Register a handler (runs on the engine thread); handlers registered before {@link #connect()} are kept.
     *
     * @param type    the event type.
     * @param handler the handler.
     * @param <E>     the event class.
     * @return the registration.
     */
    public <E extends Event> Registration on(final EventType<E> type, final Consumer<? super E> handler)
    {
        return ws.on(type, handler);
    }

    /**
     * Remove a handler.
     *
     * @param type    its event type.
     * @param handler the handler.
     * @return true if it was registered.
     */
    public boolean removeHandler(final EventType<?> type, final Consumer<?> handler)
    {
        return ws.removeHandler(type, handler);
    }

    /**
     * Connect, waiting up to the connect timeout plus 5 s (reconnection attempts included).
     *
     * @throws InvalidStateException     if already connected, or after close.
     * @throws OperationTimeoutException if no connection opened in time (the client is then closed).
     * @throws io.jetsocket.engine.WebSocketException the fatal failure (e.g. a handshake rejected with 401).
     * @throws InterruptedException      if interrupted while waiting.
     */
    public void connect() throws InterruptedException
    {
        connect(ws.config().connectTimeout().plus(CONNECT_GRACE));
    }

    /**
     * Connect, waiting at most {@code timeout} (reconnection attempts included).
     *
     * @param timeout the longest wait.
     * @throws InvalidStateException     if already connected, or after close.
     * @throws OperationTimeoutException if no connection opened in time (the client is then closed).
     * @throws io.jetsocket.engine.WebSocketException the fatal failure.
     * @throws InterruptedException      if interrupted while waiting.
     */
    public void connect(final Duration timeout) throws InterruptedException
    {
        checkNotEngineThread("connect");
        final CompletableFuture<Void> connected = ws.connect();
        try
        {
            connected.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final java.util.concurrent.TimeoutException ex)
        {
            ws.close();
            throw new OperationTimeoutException("connect", timeout, ws.uri(), ws.lastFailure());
        }
        catch (final ExecutionException ex)
        {
            throw rethrow(ex.getCause());
        }
    }

    /**
     * Send, waiting while the connection pushes back (up to the send timeout).
     *
     * @param message to send.
     * @return {@link SendStatus#SENT}, {@link SendStatus#BUFFERED}, {@link SendStatus#DROPPED} (full send
     * buffer, {@code drop_newest}) or {@link SendStatus#TOO_LARGE}.
     * @throws InvalidStateException     if not connected and nothing buffers messages, or after close.
     * @throws OperationTimeoutException if the connection pushed back for the whole send timeout.
     */
    @Override
    public SendStatus send(final T message)
    {
        return awaitSent(ws.send(message), () -> ws.send(message));
    }

    /**
     * Send a text message as is, waiting while the connection pushes back.
     *
     * @param text to send.
     * @return the outcome, as {@link #send}.
     */
    @Override
    public SendStatus sendText(final String text)
    {
        return awaitSent(ws.sendText(text), () -> ws.sendText(text));
    }

    /**
     * Send a binary message as is, waiting while the connection pushes back.
     *
     * @param bytes to send.
     * @return the outcome, as {@link #send}.
     */
    @Override
    public SendStatus sendBinary(final byte[] bytes)
    {
        return awaitSent(ws.sendBinary(bytes), () -> ws.sendBinary(bytes));
    }

    /**
     * Send a subscription message now and after every reconnect.
     *
     * @param message the subscription message.
     * @return the subscription.
     */
    public Subscription subscribe(final T message)
    {
        return ws.subscribe(message);
    }

    /**
     * Send a text subscription message now and after every reconnect.
     *
     * @param text the subscription message.
     * @return the subscription.
     */
    public Subscription subscribeText(final String text)
    {
        return ws.subscribeText(text);
    }

    /**
     * Wait for the next message, without limit.
     *
     * @return the message.
     * @throws ConnectionClosedException if the client is closed and the queue is empty.
     * @throws InterruptedException      if interrupted while waiting.
     */
    public T recv() throws InterruptedException
    {
        return ws.recv(null);
    }

    /**
     * Wait for the next message.
     *
     * @param timeout the longest wait.
     * @return the message.
     * @throws OperationTimeoutException  if nothing arrived in time (operation {@code recv}).
     * @throws ConnectionClosedException if the client is closed and the queue is empty.
     * @throws InterruptedException      if interrupted while waiting.
     */
    public T recv(final Duration timeout) throws InterruptedException
    {
        return ws.recv(timeout);
    }

    /**
     * Blocking iteration; ends once the client is closed and the queue drained.
     *
     * @return an iterator.
     */
    @Override
    public Iterator<T> iterator()
    {
        return ws.iterator();
    }

    /**
     * Close with a code and reason, waiting up to the close timeout plus 2 s. Idempotent.
     *
     * @param code   close code.
     * @param reason close reason.
     * @return the {@code closed} event, or null if it did not come in time.
     * @throws InterruptedException if interrupted while waiting.
     */
    public ClosedEvent close(final int code, final String reason) throws InterruptedException
    {
        checkNotEngineThread("close");
        final CompletableFuture<ClosedEvent> closed = ws.close(code, reason);
        try
        {
            return closed.get(ws.config().closeTimeout().plus(CLOSE_GRACE).toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final java.util.concurrent.TimeoutException | ExecutionException ex)
        {
            return null;
        }
    }

    /**
     * Close with 1000, waiting up to the close timeout plus 2 s.
     */
    @Override
    public void close()
    {
        try
        {
            close(CloseCode.NORMAL, "");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString()
    {
        return "SyncWebSocket{uri=" + ws.uri() + ", state=" + ws.state().value() + "}";
    }

    private SendStatus awaitSent(final SendStatus first, final java.util.function.Supplier<SendStatus> retry)
    {
        SendStatus status = first;
        if (SendStatus.BACK_PRESSURED == status)
        {
            checkNotEngineThread("send");
            final long deadlineNs = System.nanoTime() + sendTimeout.toNanos();
            long parkNs = 1000;
            while (SendStatus.BACK_PRESSURED == status)
            {
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new OperationTimeoutException("send", sendTimeout, ws.uri() + " (back-pressured)");
                }
                LockSupport.parkNanos(parkNs);
                parkNs = Math.min(MAX_PARK_NS, parkNs * 2);
                status = retry.get();
            }
        }
        if (SendStatus.NOT_CONNECTED == status || SendStatus.CLOSED == status)
        {
            throw new InvalidStateException("send", ws.state(), CONNECTED_ONLY);
        }
        return status;
    }

    private void checkNotEngineThread(final String operation)
    {
        if (ws.isEngineThread())
        {
            throw new IllegalStateException(operation + " blocks: it must not be called on the engine thread " +
                "(from an event handler)");
        }
    }

    private static RuntimeException rethrow(final Throwable cause)
    {
        if (cause instanceof RuntimeException)
        {
            return (RuntimeException)cause;
        }
        if (cause instanceof Error)
        {
            throw (Error)cause;
        }
        return new IllegalStateException(cause);
    }
}
