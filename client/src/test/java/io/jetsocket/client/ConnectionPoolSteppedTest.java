/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.pool.ConnectionPool;
import io.jetsocket.client.pool.PoolConfig;
import io.jetsocket.client.pool.PoolExhaustedException;
import io.jetsocket.client.pool.PoolStats;
import io.jetsocket.client.pool.PooledConnection;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.testing.SteppedEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool's clocks on stepped engine time, against Jetty 12: the pool and its clients run on an embedded engine
 * driven by the test's thread, whose clock moves only when stepped, so the acquire timeout, the idle reaping and the
 * health sweep are asserted to the step.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionPoolSteppedTest
{
    private static final Duration STEP = Duration.ofMillis(100);

    private static TestServer server;
    private SteppedEngine stepped;
    private ConnectionPool<Object> pool;

    @BeforeAll
    static void startServer() throws Exception
    {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception
    {
        server.close();
    }

    @BeforeEach
    void embed()
    {
        stepped = SteppedEngine.embed(new EngineContext().roleName("pool-stepped-engine"));
    }

    @AfterEach
    void close() throws Exception
    {
        if (null != pool)
        {
            final CompletableFuture<Void> closed = pool.closeAsync();
            stepped.driveUntil(Duration.ZERO, closed::isDone);
        }
        stepped.close();
    }

    private ConnectionPool<Object> open(final PoolConfig.Builder<Object> options)
    {
        pool = options.clients((uri) -> WebSocket.builder(uri).engine(stepped.engine()).reconnect(false)).open();
        return pool;
    }

    private PooledConnection<Object> acquire(final String uri) throws InterruptedException
    {
        final CompletableFuture<PooledConnection<Object>> lease = pool.acquireAsync(uri);
        stepped.driveUntil(Duration.ZERO, lease::isDone);
        return lease.join();
    }

    @Test
    void shouldTimeOutAnAcquireAfterExactlyItsTimeoutOfEngineTime() throws Exception
    {
        open(PoolConfig.builder().maxConnections(1).acquireTimeout(Duration.ofSeconds(2)));
        final PooledConnection<Object> held = acquire(server.uri("/echo"));

        final long startNs = stepped.nowNs();
        final CompletableFuture<PooledConnection<Object>> waiter = pool.acquireAsync(server.uri("/echo"));
        stepped.driveUntil(STEP, waiter::isDone);

        assertEquals(2_000, stepped.msSince(startNs));
        final CompletionException failed = assertThrows(CompletionException.class, waiter::join);
        final PoolExhaustedException exhausted = assertInstanceOf(PoolExhaustedException.class, failed.getCause());
        assertEquals(1, exhausted.maxConnections());
        assertEquals(Duration.ofSeconds(2), exhausted.timeout());
        assertEquals(1, pool.stats().timeouts());
        assertEquals(0, pool.stats().waiters());
        held.release();
    }

    @Test
    void shouldCloseAnIdleConnectionAfterExactlyMaxIdleTime() throws Exception
    {
        open(PoolConfig.builder()); // the defaults: 300 s idle, 30 s health sweep
        final WebSocket<Object> ws;
        try (PooledConnection<Object> lease = acquire(server.uri("/echo")))
        {
            ws = lease.webSocket();
        }
        assertEquals(1, pool.stats().idle());

        // reused before it is due: the idle clock starts again at its next release
        stepped.advance(Duration.ofSeconds(200));
        stepped.engine().doWork(); // one duty cycle: the engine's time (which stamps the release) catches up
        assertEquals(1, pool.stats().idle());
        try (PooledConnection<Object> lease = acquire(server.uri("/echo")))
        {
            assertSame(ws, lease.webSocket());
        }
        final long releasedNs = stepped.nowNs();

        stepped.driveUntil(Duration.ofSeconds(1), () -> 0 == pool.stats().idle());

        assertEquals(300_000, stepped.msSince(releasedNs));
        final PoolStats stats = pool.stats();
        assertEquals(1, stats.closedIdle());
        assertEquals(0, stats.closedUnhealthy());
        stepped.driveUntil(Duration.ZERO, () -> ConnectionState.CLOSED == ws.state());
        server.await("close /echo 1000", SteppedEngine.HANG_GUARD);

        // gone from the pool: the next acquire connects anew
        try (PooledConnection<Object> lease = acquire(server.uri("/echo")))
        {
            assertFalse(ws == lease.webSocket());
        }
        assertEquals(2, pool.stats().created());
    }

    @Test
    void shouldSweepIdleConnectionsInATerminalStateOnTheHealthCheckInterval() throws Exception
    {
        open(PoolConfig.builder().healthCheckInterval(Duration.ofSeconds(30)));
        final long poolStartNs = stepped.nowNs();
        final WebSocket<Object> dead;
        final WebSocket<Object> alive;
        try (PooledConnection<Object> a = acquire(server.uri("/echo"));
            PooledConnection<Object> b = acquire(server.uri("/echo?alive")))
        {
            dead = a.webSocket();
            alive = b.webSocket();
        }
        dead.closeAsync(); // closed behind the pool's back while idle
        stepped.driveUntil(Duration.ZERO, () -> ConnectionState.CLOSED == dead.state());
        assertEquals(2, pool.stats().idle(), "not swept before the health check");

        stepped.driveUntil(STEP, () -> 1 == pool.stats().idle());

        assertEquals(30_000, stepped.msSince(poolStartNs), "the first sweep, a health interval after opening");
        assertEquals(1, pool.stats().closedUnhealthy());
        assertEquals(ConnectionState.CONNECTED, alive.state());
        try (PooledConnection<Object> lease = acquire(server.uri("/echo?alive")))
        {
            assertSame(alive, lease.webSocket(), "the healthy one stays");
        }

        // and again every interval: the next one 30 s later
        final long secondNs = stepped.nowNs();
        alive.closeAsync();
        stepped.driveUntil(Duration.ZERO, () -> ConnectionState.CLOSED == alive.state());
        stepped.driveUntil(STEP, () -> 0 == pool.stats().idle());
        assertEquals(60_000, stepped.msSince(poolStartNs));
        assertTrue(stepped.msSince(secondNs) <= 30_000);
        assertEquals(2, pool.stats().closedUnhealthy());
    }

    @Test
    void shouldKeepAtMostMaxConnectionsSocketsByClosingTheConnectionIdleLongest() throws Exception
    {
        open(PoolConfig.builder().maxConnections(2));
        final WebSocket<Object> first;
        try (PooledConnection<Object> a = acquire(server.uri("/echo?1")))
        {
            first = a.webSocket();
        }
        stepped.advance(Duration.ofSeconds(1));
        try (PooledConnection<Object> b = acquire(server.uri("/echo?2")))
        {
            assertEquals(2, pool.stats().created());
            assertTrue(b.isConnected());
        }
        try (PooledConnection<Object> c = acquire(server.uri("/echo?3")))
        {
            assertTrue(c.isConnected());
            assertEquals(3, pool.stats().created());
            assertEquals(1, pool.stats().evicted());
            assertEquals(1, pool.stats().idle(), "the second stays idle, the first made room");
        }
        stepped.driveUntil(Duration.ZERO, () -> ConnectionState.CLOSED == first.state());
    }
}
