/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.BufferConfig;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.config.ReplayConfig;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code full_buffer} replay keeps the application's order: a sender thread pushes numbers while the server
 * drops TCP and {@code maxConnectionAge} rotates the connection; what the engine hands back at each drop must go
 * out ahead of what was sent after it. The server checks the order across all connections.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplayOrderTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final BackoffConfig FAST = BackoffConfig.builder()
        .base(Duration.ofMillis(2)).cap(Duration.ofMillis(10)).jitter(false).build();

    private static WebSocketEngine engine;

    @BeforeAll
    static void start()
    {
        engine = WebSocketEngine.launch(new EngineContext().roleName("replay-order-test-engine"));
    }

    @AfterAll
    static void stop()
    {
        engine.close();
    }

    @Test
    void shouldNeitherReorderNorDuplicateAcrossDropsAndRotations() throws Exception
    {
        try (TestServer server = TestServer.start())
        {
            final WebSocket<Object> ws = client(server.uri("/seq?dropEvery=1500"), Duration.ofMillis(40));
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            final long total = sendAll(ws, 40_000, () -> log.all(EventType.RECONNECTED).size() >= 8);
            awaitDrained(ws);
            // The very last message can be lost in TCP by a drop (nothing could replay it): wait, not assert.
            awaitServer(server.seqCheck(), total, Duration.ofSeconds(5));
            ws.close();

            final TestServer.SeqCheck check = server.seqCheck();
            assertTrue(log.all(EventType.RECONNECTED).size() >= 8, "drops and rotations: " + log.all(
                EventType.RECONNECTED).size() + "; " + check);
            assertEquals(0, check.reordered(), () -> "server saw reordered messages: " + check + "; errors: " +
                log.all(EventType.ERROR));
            assertEquals(0, check.duplicates(), "server saw duplicates: " + check);
        }
    }

    @Test
    void shouldLoseNothingAcrossGracefulRotations() throws Exception
    {
        try (TestServer server = TestServer.start())
        {
            final WebSocket<Object> ws = client(server.uri("/seq"), Duration.ofMillis(25));
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            final long total = sendAll(ws, 30_000, () -> log.all(EventType.RECONNECTED).size() >= 3);
            awaitDrained(ws);
            awaitServer(server.seqCheck(), total, WAIT);
            ws.close();

            final TestServer.SeqCheck check = server.seqCheck();
            assertTrue(log.all(EventType.RECONNECTED).size() >= 3, "rotations: " + check);
            assertEquals(0, check.reordered(), () -> "server saw reordered messages: " + check + "; errors: " +
                log.all(EventType.ERROR));
            assertEquals(0, check.duplicates(), "server saw duplicates: " + check);
            assertEquals(total, check.distinct(), "nothing lost across graceful rotations: " + check);
        }
    }

    @Test
    void shouldKeepOrderWhenTheServerIsStillReadingTheConnectionBeingRotatedOut() throws Exception
    {
        try (TestServer server = TestServer.start())
        {
            // The server falls behind on every connection: when the client rotates, what it wrote on the old one
            // is still in the server's buffers, so the new one must not carry anything before the old one closed.
            final WebSocket<Object> ws = client(server.uri("/seq?pauseEvery=400&pauseMs=3"), Duration.ofMillis(30));
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            final long total = sendAll(ws, 20_000, () -> log.all(EventType.RECONNECTED).size() >= 4);
            awaitDrained(ws);
            awaitServer(server.seqCheck(), total, WAIT);
            ws.close();

            final TestServer.SeqCheck check = server.seqCheck();
            assertTrue(log.all(EventType.RECONNECTED).size() >= 4, "rotations: " + check);
            assertEquals(0, check.reordered(), () -> "server saw reordered messages: " + check + "; errors: " +
                log.all(EventType.ERROR));
            assertEquals(0, check.duplicates(), "server saw duplicates: " + check);
            assertEquals(total, check.distinct(), "nothing lost across rotations: " + check);
        }
    }

    private static WebSocket<Object> client(final String uri, final Duration maxAge)
    {
        // The close timeout is long: a rotation whose closing handshake timed out (a starved machine: the server
        // behind by a socket buffer's worth of numbers) would let the next connection's numbers reach the server
        // while it still reads the old one's, which no client can order across two TCP connections.
        return WebSocket.builder(uri).engine(engine).backoff(FAST).maxConnectionAge(maxAge)
            .closeTimeout(Duration.ofSeconds(60))
            .buffer(BufferConfig.builder().capacity(1_000_000).overflowPolicy(OverflowPolicy.ERROR).build())
            .replay(ReplayConfig.fullBuffer()).build();
    }

    /**
     * From a thread of its own, as an application would: every number exactly once, retrying back-pressure; at
     * least {@code minimum} of them, and on until enough drops and rotations happened meanwhile.
     *
     * @return how many were sent.
     */
    private static long sendAll(final WebSocket<Object> ws, final long minimum, final BooleanSupplier enough)
        throws InterruptedException
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicLong sent = new AtomicLong();
        final Thread sender = new Thread(() ->
        {
            try
            {
                long i = 1;
                while (i <= minimum || (i < 5_000_000 && !enough.getAsBoolean()))
                {
                    final SendStatus status = ws.sendText(Long.toString(i));
                    if (SendStatus.SENT == status || SendStatus.BUFFERED == status)
                    {
                        sent.set(i);
                        i++;
                        if (0 == (i & 63))
                        {
                            Thread.yield(); // spread the sends over drops and rotations
                        }
                        while (SendStatus.BUFFERED == status && ws.bufferFillRatio() > 0.01)
                        {
                            // As an application would: let the buffer drain rather than outrun the connection.
                            LockSupport.parkNanos(50_000);
                        }
                    }
                    else if (SendStatus.BACK_PRESSURED == status)
                    {
                        Thread.onSpinWait();
                    }
                    else
                    {
                        throw new AssertionError("message " + i + ": " + status);
                    }
                }
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "replay-order-sender");
        sender.start();
        sender.join(WAIT.toMillis());
        assertNull(failure.get(), () -> "sender failed: " + failure.get());
        assertTrue(!sender.isAlive(), "sender finished");
        return sent.get();
    }

    private static void awaitServer(final TestServer.SeqCheck check, final long total, final Duration timeout)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (check.distinct() < total && System.nanoTime() < deadline)
        {
            Thread.sleep(5); // polling for a condition, not timing
        }
    }

    private static void awaitDrained(final WebSocket<Object> ws) throws InterruptedException
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(ws.isConnected() && 0.0 == ws.bufferFillRatio()))
        {
            assertTrue(System.nanoTime() < deadline, "buffer never drained: " + ws.stats());
            Thread.sleep(5); // polling for a condition, not timing
        }
    }
}
