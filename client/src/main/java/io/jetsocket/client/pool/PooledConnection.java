/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

import io.jetsocket.client.ConnectionState;
import io.jetsocket.client.MessageSender;
import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.SendStatus;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.event.Event;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.Registration;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An exclusive lease of one pooled {@link WebSocket}, from {@link ConnectionPool#acquire}: no other lease holds
 * the same connection until this one is released. Release it with {@link #release()} or try-with-resources; the
 * connection then goes back to the pool, open, for the next acquire of the same URI.
 * <p>
 * <b>After release every method but {@link #release()}, {@link #isReleased()} and {@link #uri()} throws
 * {@link LeaseReleasedException}</b> (an {@link io.jetsocket.client.InvalidStateException} whose message says
 * "released"). Handlers registered through the lease ({@link #on}, {@link #onMessage}, {@link #onRawMessage}) are
 * removed at release, so the next lease of the connection does not inherit them. What is done to
 * {@link #webSocket()} itself stays with the connection: its own handlers, subscriptions and messages left in its
 * receive queue are the next lease's too, and closing it makes the pool drop it at release.
 * <p>
 * Thread safe: the lease may be used and released from any thread; {@link #recv(Duration)} must not be called on
 * the engine thread.
 *
 * @param <T> type of the messages.
 */
public final class PooledConnection<T> implements MessageSender<T>, Iterable<T>, AutoCloseable
{
    private final PoolCore<T> pool;
    private final PoolEntry<T> entry;
    private final AtomicBoolean released = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Registration> registrations = new ConcurrentLinkedQueue<>();

    PooledConnection(final PoolCore<T> pool, final PoolEntry<T> entry)
    {
        this.pool = pool;
        this.entry = entry;
    }

    /**
     * The URI the connection was acquired for, as resolved by the pool (its key).
     *
     * @return the URI.
     */
    public String uri()
    {
        return entry.uri();
    }

    /**
     * The leased client itself, for what the lease does not wrap (stats, subscriptions, typed sends...).
     *
     * @return the client.
     * @throws LeaseReleasedException after release.
     */
    public WebSocket<T> webSocket()
    {
        return live("use the WebSocket");
    }

    /**
     * The connection's state.
     *
     * @return the state.
     * @throws LeaseReleasedException after release.
     */
    public ConnectionState state()
    {
        return live("read the state").state();
    }

    /**
     * Is the connection open now?
     *
     * @return true when CONNECTED.
     * @throws LeaseReleasedException after release.
     */
    public boolean isConnected()
    {
        return live("read the state").isConnected();
    }

    /**
     * Round trip of the last answered heartbeat ping.
     *
     * @return milliseconds, empty without heartbeat or before the first pong.
     * @throws LeaseReleasedException after release.
     */
    public OptionalDouble latencyMs()
    {
        return live("read the latency").latencyMs();
    }

    /**
     * Encode and send ({@link WebSocket#send}).
     *
     * @param message to send.
     * @return the outcome.
     * @throws LeaseReleasedException after release.
     */
    @Override
    public SendStatus send(final T message)
    {
        return live("send").send(message);
    }

    /**
     * Send a text message as is ({@link WebSocket#sendText(String)}).
     *
     * @param text to send.
     * @return the outcome.
     * @throws LeaseReleasedException after release.
     */
    @Override
    public SendStatus sendText(final String text)
    {
        return live("send").sendText(text);
    }

    /**
     * Send a binary message as is ({@link WebSocket#sendBinary(byte[])}).
     *
     * @param bytes to send.
     * @return the outcome.
     * @throws LeaseReleasedException after release.
     */
    @Override
    public SendStatus sendBinary(final byte[] bytes)
    {
        return live("send").sendBinary(bytes);
    }

    /**
     * The next decoded message ({@link WebSocket#recv()}).
     *
     * @return the future of the next message.
     * @throws LeaseReleasedException after release.
     */
    public CompletableFuture<T> recv()
    {
        return live("recv").recv();
    }

    /**
     * Block for the next decoded message ({@link WebSocket#recv(Duration)}).
     *
     * @param timeout the longest wait; null for no limit.
     * @return the message.
     * @throws InterruptedException   if interrupted while waiting.
     * @throws LeaseReleasedException after release.
     */
    public T recv(final Duration timeout) throws InterruptedException
    {
        return live("recv").recv(timeout);
    }

    /**
     * Blocking iteration over decoded messages ({@link WebSocket#iterator()}) for the time of the lease:
     * {@code hasNext()} waits for the next message, and returns false once the connection is closed or the lease
     * released (a release from another thread ends the loop at its next message). Not on the engine thread.
     *
     * @return an iterator.
     * @throws LeaseReleasedException after release.
     */
    @Override
    public Iterator<T> iterator()
    {
        final Iterator<T> messages = live("iterate").iterator();
        return new Iterator<>()
        {
            @Override
            public boolean hasNext()
            {
                return !released.get() && messages.hasNext() && !released.get();
            }

            @Override
            public T next()
            {
                if (!hasNext())
                {
                    throw new NoSuchElementException("no more messages on the lease of " + entry.uri());
                }
                return messages.next();
            }
        };
    }

    /**
     * Register an event handler for the time of the lease ({@link WebSocket#on}); removed at release.
     *
     * @param type    the event type.
     * @param handler the handler.
     * @param <E>     the event class.
     * @return the registration, to remove it earlier.
     * @throws LeaseReleasedException after release.
     */
    public <E extends Event> Registration on(final EventType<E> type, final Consumer<? super E> handler)
    {
        return track(live("register a handler").on(type, handler));
    }

    /**
     * Register a decoded-message handler for the time of the lease ({@link WebSocket#onMessage}); removed at
     * release.
     *
     * @param handler gets each message's data.
     * @return the registration.
     * @throws LeaseReleasedException after release.
     */
    public Registration onMessage(final Consumer<? super T> handler)
    {
        return track(live("register a handler").onMessage(handler));
    }

    /**
     * Register a zero-copy raw-message handler for the time of the lease ({@link WebSocket#onRawMessage}); removed
     * at release.
     *
     * @param handler gets each data message before decoding, on the engine thread.
     * @return the registration.
     * @throws LeaseReleasedException after release.
     */
    public Registration onRawMessage(final RawMessageHandler handler)
    {
        return track(live("register a handler").onRawMessage(handler));
    }

    /**
     * Has the lease been released?
     *
     * @return true after {@link #release()}.
     */
    public boolean isReleased()
    {
        return released.get();
    }

    /**
     * Give the connection back to the pool: its lease-scoped handlers are removed, and it becomes idle for the next
     * acquire of its URI (or is dropped if it is closed or failed, or the pool is closed). Idempotent: only the
     * first call does anything. Never blocks; may be called on any thread, the engine's included.
     */
    public void release()
    {
        if (released.compareAndSet(false, true))
        {
            removeHandlers();
            pool.release(entry);
        }
    }

    /**
     * Same as {@link #release()}.
     */
    @Override
    public void close()
    {
        release();
    }

    @Override
    public String toString()
    {
        return "PooledConnection{uri=" + entry.uri() + (released.get() ? ", released" : ", leased") + "}";
    }

    private WebSocket<T> live(final String operation)
    {
        final WebSocket<T> ws = entry.webSocket();
        if (released.get())
        {
            throw new LeaseReleasedException(operation, entry.uri(), ws.state());
        }
        return ws;
    }

    private Registration track(final Registration registration)
    {
        registrations.add(registration);
        if (released.get())
        {
            // raced with release(): its sweep may have run before the add, so remove what it may have missed
            removeHandlers();
            throw new LeaseReleasedException("register a handler", entry.uri(), entry.webSocket().state());
        }
        return registration;
    }

    private void removeHandlers()
    {
        Registration registration;
        while (null != (registration = registrations.poll()))
        {
            registration.remove();
        }
    }
}
