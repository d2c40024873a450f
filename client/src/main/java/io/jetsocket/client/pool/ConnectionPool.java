/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

import io.jetsocket.client.WebSocket;
import io.jetsocket.engine.WebSocketEngine;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pool of {@link WebSocket} clients keyed by URI, lent out as exclusive {@link PooledConnection leases}.
 * <pre>{@code
 * try (ConnectionPool<Object> pool = PoolConfig.builder().baseUri("wss://feed.example.com/v1/").open();
 *      PooledConnection<Object> lease = pool.acquire("trades"))
 * {
 *     lease.send(Map.of("op", "ping"));
 *     Object reply = lease.recv(Duration.ofSeconds(5));
 * } // the lease goes back to the pool, its connection open; closing the pool closes them all
 * }</pre>
 * <h2>Acquiring</h2>
 * {@link #acquire(String)} resolves its argument (an absolute URI as is, a relative one against the base URI per
 * RFC 3986), then waits for one of {@code maxConnections} lease slots, first come first served, at most the acquire
 * timeout ({@link PoolExhaustedException} after it). With a slot it lends the first idle connection of exactly that
 * URI whose state is CONNECTED, RECONNECTING or BACKING_OFF (a closed or failed one met on the way is dropped);
 * otherwise it builds a client with {@link PoolConfig#clients()} and connects it: if that connect fails, the slot
 * goes to the next waiter and the acquire fails with the connect's error. The acquire timeout bounds the wait for a
 * slot; the connect is bounded by the client's own connect timeout and reconnect policy.
 * <h2>Sizing</h2>
 * At most {@code maxConnections} leases at once. Released connections stay open in the pool, idle; the pool keeps
 * at most {@code maxConnections} connections in all, closing the connection idle longest when a new URI needs room.
 * <h2>Maintenance</h2>
 * On the engine's timers, started when the pool is opened (no thread of its own): an idle connection unused for
 * {@code maxIdleTime} is closed; every {@code healthCheckInterval} idle connections in a terminal state (CLOSED,
 * FAILED) are removed. Liveness of an open connection is its client's business (its heartbeat).
 * <h2>Threads</h2>
 * Thread safe and lock-free: the pool's state lives on the engine thread of its clients, and every other thread
 * reaches it through the engine's command queue ({@link WebSocketEngine#execute}). The blocking {@link #acquire}
 * must not be called on the engine thread (it would wait for itself: it throws {@link IllegalStateException});
 * {@link #acquireAsync} may be, and its future completes on the engine thread.
 * <h2>Closing</h2>
 * {@link #close()} fails every waiting acquire with {@link PoolClosedException}, closes every connection, idle or
 * leased, and refuses later acquires. Closing the engine closes the pool too.
 *
 * @param <T> type of the messages of the pooled clients.
 */
public final class ConnectionPool<T> implements AutoCloseable
{
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final String PROBE_URI = "ws://localhost/";

    private final PoolConfig<T> config;
    private final UriResolver resolver;
    private final PoolCore<T> core;
    private volatile boolean closed;

    private ConnectionPool(final PoolConfig<T> config, final WebSocketEngine engine)
    {
        this.config = config;
        this.resolver = new UriResolver(config.baseUri());
        this.core = new PoolCore<>(config, engine);
    }

    /**
     * Open a pool: its maintenance timers start on the engine now.
     *
     * @param config the pool's configuration.
     * @param <T>    type of the messages of the pooled clients.
     * @return the pool.
     * @throws io.jetsocket.engine.EngineClosedException if the clients' engine is closed.
     */
    public static <T> ConnectionPool<T> open(final PoolConfig<T> config)
    {
        Objects.requireNonNull(config, "config");
        // the engine every client will run on: the one the factory's builders set, or the shared default
        final String probe = null == config.baseUri() ? PROBE_URI : config.baseUri();
        final WebSocketEngine configured = config.clients().apply(probe).buildConfig().engine();
        final ConnectionPool<T> pool =
            new ConnectionPool<>(config, null == configured ? WebSocket.defaultEngine() : configured);
        pool.core.start();
        return pool;
    }

    /**
     * The configuration.
     *
     * @return the validated configuration.
     */
    public PoolConfig<T> config()
    {
        return config;
    }

    /**
     * The engine the pool and all its clients run on.
     *
     * @return the engine.
     */
    public WebSocketEngine engine()
    {
        return core.engine();
    }

    /**
     * Has {@link #close()} been called?
     *
     * @return true once closing.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * A snapshot of the pool's counts.
     *
     * @return the statistics.
     */
    public PoolStats stats()
    {
        return core.stats();
    }

    /**
     * Lease a connection to a URI, waiting at most the configured acquire timeout. Blocks.
     *
     * @param uriOrPath an absolute {@code ws://} or {@code wss://} URI, or a reference relative to the base URI.
     * @return the lease, its connection open (or reconnecting).
     * @throws PoolExhaustedException   if no lease slot came free in time.
     * @throws PoolClosedException      if the pool is closed, or closes while waiting.
     * @throws IllegalArgumentException if the URI is bad, or relative without a base URI.
     * @throws IllegalStateException    on the engine thread (use {@link #acquireAsync(String)}).
     * @throws InterruptedException     if interrupted while waiting (no lease is then held).
     * @throws RuntimeException         the connect's failure (e.g. a handshake refused, retries exhausted).
     */
    public PooledConnection<T> acquire(final String uriOrPath) throws InterruptedException
    {
        return acquire(uriOrPath, config.acquireTimeout());
    }

    /**
     * Lease a connection to a URI, waiting at most {@code timeout} for a lease slot. Blocks.
     *
     * @param uriOrPath an absolute {@code ws://} or {@code wss://} URI, or a reference relative to the base URI.
     * @param timeout   the longest wait for a slot; zero to fail at once when none is free.
     * @return the lease.
     * @throws PoolExhaustedException   if no lease slot came free in time.
     * @throws PoolClosedException      if the pool is closed, or closes while waiting.
     * @throws IllegalArgumentException if the URI is bad, or relative without a base URI.
     * @throws IllegalStateException    on the engine thread (use {@link #acquireAsync(String, Duration)}).
     * @throws InterruptedException     if interrupted while waiting (no lease is then held).
     * @throws RuntimeException         the connect's failure (e.g. a handshake refused, retries exhausted).
     */
    public PooledConnection<T> acquire(final String uriOrPath, final Duration timeout) throws InterruptedException
    {
        if (core.engine().isEngineThread())
        {
            throw new IllegalStateException("ConnectionPool.acquire blocks: it must not be called on the engine " +
                "thread (from an event handler, a timer or an embedded engine's duty cycle); use acquireAsync");
        }
        final CompletableFuture<PooledConnection<T>> lease = acquireAsync(uriOrPath, timeout);
        try
        {
            return lease.get();
        }
        catch (final InterruptedException ex)
        {
            if (!lease.cancel(false))
            {
                releaseIfLent(lease); // lent just before the cancel: give it back
            }
            throw ex;
        }
        catch (final ExecutionException ex)
        {
            throw unchecked(ex.getCause());
        }
    }

    /**
     * Lease a connection without blocking, waiting at most the configured acquire timeout.
     *
     * @param uriOrPath an absolute URI, or a reference relative to the base URI.
     * @return the future of the lease, completed on the engine thread; it fails as {@link #acquire(String)}
     * throws. Cancelling it gives up the wait (a lease given meanwhile goes back to the pool).
     * @throws IllegalArgumentException if the URI is bad, or relative without a base URI.
     */
    public CompletableFuture<PooledConnection<T>> acquireAsync(final String uriOrPath)
    {
        return acquireAsync(uriOrPath, config.acquireTimeout());
    }

    /**
     * Lease a connection without blocking, waiting at most {@code timeout} for a lease slot.
     *
     * @param uriOrPath an absolute URI, or a reference relative to the base URI.
     * @param timeout   the longest wait for a slot; zero to fail at once when none is free.
     * @return the future of the lease, completed on the engine thread.
     * @throws IllegalArgumentException if the URI is bad, or relative without a base URI, or the timeout negative.
     */
    public CompletableFuture<PooledConnection<T>> acquireAsync(final String uriOrPath, final Duration timeout)
    {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative())
        {
            throw new IllegalArgumentException("acquire timeout must be >= 0: " + timeout);
        }
        final AcquireRequest<T> request = new AcquireRequest<>(resolver.resolve(uriOrPath), timeout);
        if (closed)
        {
            request.future().completeExceptionally(new PoolClosedException("acquire " + request.uri()));
        }
        else
        {
            core.acquire(request);
        }
        return request.future();
    }

    /**
     * Close the pool without waiting: waiting acquires fail with {@link PoolClosedException}, every connection
     * (idle or leased) is closed. Idempotent.
     *
     * @return the future completed once every connection is closed.
     */
    public CompletableFuture<Void> closeAsync()
    {
        closed = true;
        return core.close();
    }

    /**
     * Close the pool and wait for its connections to be closed, at most their close timeout plus 2 s (does not wait
     * on the engine thread). Idempotent.
     */
    @Override
    public void close()
    {
        final CompletableFuture<Void> done = closeAsync();
        if (!core.engine().isEngineThread())
        {
            try
            {
                done.get(core.closeWait().plus(CLOSE_GRACE).toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            catch (final ExecutionException | TimeoutException ignore)
            {
                // closed as far as the application is concerned; the engine finishes in the background
            }
        }
    }

    @Override
    public String toString()
    {
        final PoolStats stats = core.stats();
        return "ConnectionPool{leased=" + stats.leased() + ", idle=" + stats.idle() + ", waiters=" + stats.waiters() +
            ", max=" + config.maxConnections() + (closed ? ", closed" : "") + "}";
    }

    private static <T> void releaseIfLent(final CompletableFuture<PooledConnection<T>> lease)
    {
        if (lease.isDone() && !lease.isCompletedExceptionally())
        {
            lease.join().release();
        }
    }

    private static RuntimeException unchecked(final Throwable cause)
    {
        if (cause instanceof RuntimeException)
        {
            return (RuntimeException)cause;
        }
        if (cause instanceof Error)
        {
            throw (Error)cause;
        }
        return new CompletionException(cause);
    }
}
