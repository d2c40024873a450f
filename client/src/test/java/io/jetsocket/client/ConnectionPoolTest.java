/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.EventType;
import io.jetsocket.client.pool.ConnectionPool;
import io.jetsocket.client.pool.LeaseReleasedException;
import io.jetsocket.client.pool.PoolClosedException;
import io.jetsocket.client.pool.PoolConfig;
import io.jetsocket.client.pool.PoolExhaustedException;
import io.jetsocket.client.pool.PoolStats;
import io.jetsocket.client.pool.PooledConnection;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.handshake.HandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection pool against Jetty 12 on an engine with its own thread: exhaustion, reuse by exact URI, hand-over
 * to waiters, leases refused after release, base-URI resolution, connect failures, closing with waiters, and many
 * threads acquiring and releasing at once. Timing (acquire timeout, idle reaping, health sweep) is asserted on
 * stepped time in {@link ConnectionPoolSteppedTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionPoolTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final ServerAndEngine FIXTURE = new ServerAndEngine("pool-test-engine");

    private static ConnectionPool<Object> pool(final int max)
    {
        return pool(max, null);
    }

    private static ConnectionPool<Object> pool(final int max, final String baseUri)
    {
        return PoolConfig.builder().maxConnections(max).baseUri(baseUri)
            .clients((uri) -> WebSocket.builder(uri).engine(FIXTURE.engine()))
            .open();
    }

    private static String echo()
    {
        return FIXTURE.server().uri("/echo");
    }

    @Test
    void shouldFailWithPoolExhaustedWhenEveryLeaseStaysHeld() throws Exception
    {
        try (ConnectionPool<Object> pool = pool(2);
            PooledConnection<Object> first = pool.acquire(echo());
            PooledConnection<Object> second = pool.acquire(echo()))
        {
            assertNotSame(first.webSocket(), second.webSocket(), "a lease is exclusive");

            final PoolExhaustedException exhausted =
                assertThrows(PoolExhaustedException.class, () -> pool.acquire(echo(), Duration.ofMillis(100)));

            assertEquals(2, exhausted.maxConnections());
            assertEquals(Duration.ofMillis(100), exhausted.timeout());
            assertTrue(exhausted.getMessage().contains("all 2 leases held for 100 ms"), exhausted.getMessage());
            assertThrows(PoolExhaustedException.class, () -> pool.acquire(echo(), Duration.ZERO));
            final PoolStats stats = pool.stats();
            assertEquals(2, stats.timeouts());
            assertEquals(2, stats.leased());
            assertEquals(2, stats.acquisitions());
            assertEquals(0, stats.waiters());
        }
    }

    @Test
    void shouldReuseAnIdleConnectionForTheSameUriAndNotAcrossUris() throws Exception
    {
        try (ConnectionPool<Object> pool = pool(4))
        {
            final WebSocket<Object> first;
            try (PooledConnection<Object> lease = pool.acquire(echo()))
            {
                first = lease.webSocket();
                assertTrue(lease.isConnected());
                assertEquals(echo(), lease.uri());
            }
            awaitStats(pool, (stats) -> assertEquals(1, stats.idle()));

            try (PooledConnection<Object> again = pool.acquire(echo()))
            {
                assertSame(first, again.webSocket(), "the idle connection of the same URI is lent again");
                again.send(Map.of("n", 1));
                assertEquals(Map.of("n", 1L), again.recv(WAIT));
            }
            try (PooledConnection<Object> other = pool.acquire(echo() + "?tenant=b"))
            {
                assertNotSame(first, other.webSocket(), "another URI gets a connection of its own");
                assertEquals(echo() + "?tenant=b", other.webSocket().uri());
            }

            awaitStats(pool, (stats) ->
            {
                assertEquals(2, stats.created());
                assertEquals(3, stats.acquisitions());
                assertEquals(1, stats.reused());
                assertEquals(2, stats.idle());
                assertEquals(0, stats.leased());
            });
        }
    }

    @Test
    void shouldHandTheReleasedConnectionToTheFirstWaiter() throws Exception
    {
        try (ConnectionPool<Object> pool = pool(1))
        {
            final PooledConnection<Object> held = pool.acquire(echo());
            final WebSocket<Object> ws = held.webSocket();
            final CompletableFuture<PooledConnection<Object>> first = pool.acquireAsync(echo(), WAIT);
            final CompletableFuture<PooledConnection<Object>> second = pool.acquireAsync(echo(), WAIT);
            awaitStats(pool, (stats) -> assertEquals(2, stats.waiters()));
            assertFalse(first.isDone());

            held.release();

            final PooledConnection<Object> next = first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertSame(ws, next.webSocket());
            assertFalse(second.isDone(), "one lease at a time");
            next.release();
            second.get(WAIT.toSeconds(), TimeUnit.SECONDS).release();
            assertEquals(1, pool.stats().created());
            assertEquals(2, pool.stats().reused());
        }
    }

    @Test
    void shouldMakeReleaseIdempotent() throws Exception
    {
        try (ConnectionPool<Object> pool = pool(2))
        {
            final PooledConnection<Object> lease = pool.acquire(echo());
            lease.release();
            lease.release();
            lease.close();
            awaitStats(pool, (stats) -> assertEquals(1, stats.idle()));

            // released once: the connection is idle once, so two leases cannot share it
            try (PooledConnection<Object> a = pool.acquire(echo());
                PooledConnection<Object> b = pool.acquire(echo()))
            {
                assertNotSame(a.webSocket(), b.webSocket());
                assertEquals(2, pool.stats().leased());
            }
            awaitStats(pool, (stats) ->
            {
                assertEquals(0, stats.leased());
                assertEquals(2, stats.idle());
            });
        }
    }

    @Test
    void shouldRefuseUseAfterReleaseAndDropTheLeasesHandlers() throws Exception
    {
        try (ConnectionPool<Object> pool = pool(1))
        {
            final PooledConnection<Object> lease = pool.acquire(echo());
            final WebSocket<Object> ws = lease.webSocket();
            final int handlersBefore = ws.handlerCount(EventType.MESSAGE);
            final LinkedBlockingQueue<Object> seenByOldLease = new LinkedBlockingQueue<>();
            lease.onMessage(seenByOldLease::add);
            assertEquals(handlersBefore + 1, ws.handlerCount(EventType.MESSAGE));
            lease.release();

            assertTrue(lease.isReleased());
            final LeaseReleasedException refused =
                assertThrows(LeaseReleasedException.class, () -> lease.send(Map.of("late", true)));
            assertInstanceOf(InvalidStateException.class, refused);
            assertTrue(refused.getMessage().contains("released"), refused.getMessage());
            assertTrue(refused.getMessage().contains(echo()), refused.getMessage());
            assertThrows(LeaseReleasedException.class, () -> lease.sendText("x"));
            assertThrows(LeaseReleasedException.class, lease::webSocket);
            assertThrows(LeaseReleasedException.class, lease::recv);
            assertThrows(LeaseReleasedException.class, () -> lease.onMessage(seenByOldLease::add));
            assertEquals(handlersBefore, ws.handlerCount(EventType.MESSAGE), "the lease's handler is removed");

            try (PooledConnection<Object> next = pool.acquire(echo()))
            {
                assertSame(ws, next.webSocket());
                next.send(Map.of("for", "next"));
                assertEquals(Map.of("for", "next"), next.recv(WAIT));
            }
            assertTrue(seenByOldLease.isEmpty(), "the released lease's handler saw " + seenByOldLease);
        }
    }

    @Test
    void shouldIterateOverMessagesUntilTheLeaseIsReleased() throws Exception
    {
        try (ConnectionPool<Object> pool = pool(1))
        {
            final PooledConnection<Object> lease = pool.acquire(echo());
            for (int i = 1; i <= 3; i++)
            {
                lease.send(Map.of("i", i));
            }
            final List<Object> seen = new ArrayList<>();
            final java.util.Iterator<Object> messages = lease.iterator();
            while (seen.size() < 3 && messages.hasNext())
            {
                seen.add(messages.next());
            }
            assertEquals(List.of(Map.of("i", 1L), Map.of("i", 2L), Map.of("i", 3L)), seen);

            lease.send(Map.of("i", 4));
            lease.release();

            assertFalse(messages.hasNext(), "a released lease's iteration ends");
            assertThrows(LeaseReleasedException.class, lease::iterator);
        }
    }

    @Test
    void shouldResolveRelativePathsAgainstTheBaseUri() throws Exception
    {
        try (ConnectionPool<Object> pool = pool(2, FIXTURE.server().uri("/")))
        {
            try (PooledConnection<Object> lease = pool.acquire("echo"))
            {
                assertEquals(echo(), lease.uri());
                lease.send(Map.of("via", "base"));
                assertEquals(Map.of("via", "base"), lease.recv(WAIT));
            }
            try (PooledConnection<Object> lease = pool.acquire(echo()))
            {
                assertEquals(echo(), lease.uri());
                assertEquals(1, pool.stats().reused(), "an absolute URI keys the same connection");
            }
        }
        try (ConnectionPool<Object> pool = pool(1))
        {
            final IllegalArgumentException noBase =
                assertThrows(IllegalArgumentException.class, () -> pool.acquire("echo"));
            assertTrue(noBase.getMessage().contains("needs a base URI"), noBase.getMessage());
        }
    }

    @Test
    void shouldReturnTheSlotAndRethrowWhenTheConnectFails() throws Exception
    {
        try (ConnectionPool<Object> pool = pool(1))
        {
            final HandshakeException refused = assertThrows(HandshakeException.class,
                () -> pool.acquire(FIXTURE.server().uri("/reject?status=404")));
            assertEquals(404, refused.statusCode());
            assertEquals(1, pool.stats().connectFailures());
            assertEquals(0, pool.stats().leased());

            try (PooledConnection<Object> lease = pool.acquire(echo(), Duration.ZERO))
            {
                assertTrue(lease.isConnected(), "the slot of the failed connect is free again");
            }
            awaitStats(pool, (stats) -> assertEquals(1, stats.idle(), "the failed client is not pooled"));
        }
    }

    @Test
    void shouldFailWaitersAndCloseEveryConnectionOnClose() throws Exception
    {
        final ConnectionPool<Object> pool = pool(1);
        final PooledConnection<Object> held = pool.acquire(echo());
        final WebSocket<Object> ws = held.webSocket();
        final CompletableFuture<PooledConnection<Object>> waiter = pool.acquireAsync(echo(), WAIT);
        awaitStats(pool, (stats) -> assertEquals(1, stats.waiters()));

        pool.close();

        final ExecutionException failed = assertThrows(ExecutionException.class,
            () -> waiter.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(PoolClosedException.class, failed.getCause());
        assertEquals(ConnectionState.CLOSED, ws.state(), "the leased connection is closed too");
        assertTrue(pool.isClosed());
        final PoolClosedException later = assertThrows(PoolClosedException.class, () -> pool.acquire(echo()));
        assertTrue(later.getMessage().contains("pool is closed"), later.getMessage());
        held.release(); // harmless after close
        awaitStats(pool, (stats) -> assertEquals(0, stats.leased()));
    }

    @Test
    void shouldCloseThePoolWhenItsEngineCloses() throws Exception
    {
        final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("pool-closing-engine"));
        final ConnectionPool<Object> pool = PoolConfig.builder().maxConnections(1)
            .clients((uri) -> WebSocket.builder(uri).engine(engine)).open();
        try (PooledConnection<Object> held = pool.acquire(echo()))
        {
            assertTrue(held.isConnected());
            final CompletableFuture<PooledConnection<Object>> waiter = pool.acquireAsync(echo(), WAIT);
            awaitStats(pool, (stats) -> assertEquals(1, stats.waiters()));

            engine.close();

            final ExecutionException failed = assertThrows(ExecutionException.class,
                () -> waiter.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(PoolClosedException.class, failed.getCause());
            assertThrows(PoolClosedException.class, () -> pool.acquire(echo()));
        }
    }

    @Test
    void shouldRefuseTheBlockingAcquireOnTheEngineThread() throws Exception
    {
        try (ConnectionPool<Object> pool = pool(1))
        {
            final CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            FIXTURE.engine().execute(() ->
            {
                try
                {
                    pool.acquire(echo()).release();
                    outcome.complete(null);
                }
                catch (final Throwable ex)
                {
                    outcome.complete(ex);
                }
            });
            final Throwable refused = outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, refused);
            assertTrue(refused.getMessage().contains("acquireAsync"), refused.getMessage());
            assertEquals(0, pool.stats().acquisitions());
        }
    }

    @Test
    void shouldNeverLendOneConnectionTwiceUnderConcurrentAcquireAndRelease() throws Exception
    {
        final int max = 4;
        final int threads = 12;
        final int rounds = 40;
        final String[] uris = { echo(), echo() + "?b" };
        final Set<WebSocket<Object>> inUse = ConcurrentHashMap.newKeySet();
        final AtomicInteger holders = new AtomicInteger();
        final AtomicInteger mostHolders = new AtomicInteger();
        final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        final ExecutorService executor = Executors.newFixedThreadPool(threads);
        try (ConnectionPool<Object> pool = pool(max))
        {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final int thread = t;
                done.add(executor.submit(() ->
                {
                    start.await();
                    for (int i = 0; i < rounds; i++)
                    {
                        try (PooledConnection<Object> lease = pool.acquire(uris[(thread + i) % 2], WAIT))
                        {
                            final int now = holders.incrementAndGet();
                            mostHolders.accumulateAndGet(now, Math::max);
                            if (!inUse.add(lease.webSocket()))
                            {
                                violations.add("lent twice: " + lease.webSocket());
                            }
                            lease.sendText("{\"i\":" + i + "}");
                            inUse.remove(lease.webSocket());
                            holders.decrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (final Future<?> future : done)
            {
                future.get(50, TimeUnit.SECONDS);
            }

            assertEquals(List.of(), violations);
            assertTrue(mostHolders.get() <= max, "at most " + max + " leases at once: " + mostHolders.get());
            awaitStats(pool, (stats) ->
            {
                assertEquals(threads * rounds, stats.acquisitions());
                assertEquals(0, stats.leased());
                assertEquals(0, stats.waiters());
                assertTrue(stats.idle() <= max, "idle " + stats.idle());
            });
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    /**
     * Wait (hang guard only) until the statistics pass the check: releases reach the engine thread asynchronously.
     */
    private static void awaitStats(final ConnectionPool<?> pool, final Consumer<PoolStats> check)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (true)
        {
            try
            {
                check.accept(pool.stats());
                return;
            }
            catch (final AssertionError ex)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw ex;
                }
                Thread.sleep(1);
            }
        }
    }
}
