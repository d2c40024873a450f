/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.ReconnectingEvent;
import io.jetsocket.client.venue.ConnectBudget;
import io.jetsocket.client.venue.ConnectBudgetExhaustedException;
import io.jetsocket.client.venue.RateLimit;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.handshake.HandshakeException;
import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;
import io.jetsocket.engine.testing.SteppedEngine;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Venue limits against real sockets on stepped engine time: the outbound rate limiter (order, timing, pings), the
 * connect budget shared by many clients, and {@code Retry-After} on a 429 or 503 handshake answer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VenueLimitsTest
{
    private static final Duration STEP = Duration.ofMillis(1);
    private static final long MS = 1_000_000L;
    private static final BackoffConfig FAST = BackoffConfig.builder()
        .base(Duration.ofMillis(10)).cap(Duration.ofMillis(10)).jitter(false).build();

    /** Run engine cycles without moving the clock, so the sockets and the peer catch up with what was written. */
    private static void settle(final SteppedEngine stepped) throws InterruptedException
    {
        final AtomicInteger cycles = new AtomicInteger();
        stepped.driveUntil(Duration.ZERO, () -> cycles.incrementAndGet() > 200);
    }

    @Test
    void rateLimitSendsAtMostNPerWindowInOrderOnEngineTime() throws Exception
    {
        try (RawFramePeer peer = RawFramePeer.start("rate-peer");
            SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("rate-limit-engine")))
        {
            final WebSocket<Object> ws = WebSocket.builder(peer.uri()).engine(stepped.engine())
                .rateLimit(RateLimit.of(5, Duration.ofSeconds(1))).compress(false).reconnect(false).build();
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            final long startNs = stepped.nowNs();

            final List<SendStatus> statuses = new ArrayList<>();
            for (int i = 0; i < 12; i++)
            {
                statuses.add(ws.sendText("m" + i)); // this thread drives the engine: it is the engine thread
            }
            final SendStatus[] offThread = new SendStatus[1];
            final Thread other = new Thread(() -> offThread[0] = ws.sendText("m12"));
            other.start();
            other.join();
            assertEquals(Collections.nCopies(5, SendStatus.SENT), statuses.subList(0, 5));
            assertEquals(Collections.nCopies(7, SendStatus.QUEUED), statuses.subList(5, 12));
            assertEquals(SendStatus.QUEUED, offThread[0], "off the engine thread a send always queues");

            // First window: five out, the peer sees exactly five, and nothing more before the window frees.
            stepped.driveUntil(Duration.ZERO, () -> peer.frameCount() >= 5);
            stepped.advance(Duration.ofMillis(999));
            settle(stepped);
            assertEquals(5, ws.stats().messagesSent());
            assertEquals(5, peer.frameCount());

            // The window frees at exactly 1 s of engine time: the next five go, on the engine's timer.
            stepped.driveUntil(STEP, () -> ws.stats().messagesSent() >= 10);
            assertEquals(1_000, stepped.msSince(startNs));
            assertEquals(10, ws.stats().messagesSent());
            stepped.driveUntil(Duration.ZERO, () -> peer.frameCount() >= 10);
            settle(stepped);
            assertEquals(10, peer.frameCount());

            stepped.driveUntil(STEP, () -> ws.stats().messagesSent() >= 13);
            assertEquals(2_000, stepped.msSince(startNs));
            stepped.driveUntil(Duration.ZERO, () -> peer.frameCount() >= 13);

            final List<String> expected = new ArrayList<>();
            for (int i = 0; i < 13; i++)
            {
                expected.add("text:m" + i);
            }
            assertEquals(expected, peer.frames(), "in order, none lost, none twice");
            ws.close();
            stepped.driveUntil(STEP, () -> ws.state().isTerminal());
        }
    }

    @Test
    void theEnginesPongsToTheServersPingsTakeTheirPlaceInTheWindow() throws Exception
    {
        try (RawFramePeer peer = RawFramePeer.start("pong-rate-peer");
            SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("pong-rate-engine")))
        {
            final WebSocket<Object> ws = WebSocket.builder(peer.uri()).engine(stepped.engine())
                .rateLimit(RateLimit.of(3, Duration.ofSeconds(1))).compress(false).reconnect(false).build();
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            stepped.driveUntil(Duration.ZERO, () -> 1 == peer.openConnections());

            peer.pingAll(); // the venue pings: the engine answers at once, and the venue counts the answer
            stepped.driveUntil(Duration.ZERO, () -> peer.frames().contains("pong"));
            final List<SendStatus> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                statuses.add(ws.sendText("m" + i)); // this thread drives the engine: it is the engine thread
            }

            assertEquals(List.of(SendStatus.SENT, SendStatus.SENT, SendStatus.QUEUED), statuses,
                "the pong took one of the window's three places");
            ws.close();
            stepped.driveUntil(STEP, () -> ws.state().isTerminal());
        }
    }

    @Test
    void heartbeatPingsCountTowardTheLimitAndWaitForTheWindow() throws Exception
    {
        try (RawFramePeer peer = RawFramePeer.start("ping-rate-peer");
            SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("ping-rate-engine")))
        {
            final WebSocket<Object> ws = WebSocket.builder(peer.uri()).engine(stepped.engine())
                .rateLimit(RateLimit.of(2, Duration.ofSeconds(1))).compress(false).reconnect(false)
                .heartbeat(HeartbeatConfig.builder().interval(Duration.ofSeconds(1)).timeout(Duration.ofMillis(900))
                    .build())
                .build();
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            final long startNs = stepped.nowNs();

            stepped.driveUntil(STEP, () -> stepped.msSince(startNs) >= 500);
            final long sentAtNs = stepped.engine().nowNs(); // the time of the engine's cycle: what the window sees
            assertEquals(SendStatus.SENT, ws.sendText("a"));
            assertEquals(SendStatus.SENT, ws.sendText("b")); // the window is full for 1 s from now
            // The heartbeat's ping is due at 1 s; it waits for the window, and a send made meanwhile waits after it.
            stepped.driveUntil(STEP, () -> stepped.msSince(startNs) >= 1_200);
            assertEquals(SendStatus.QUEUED, ws.sendText("c"));
            final long freeNs = sentAtNs + 1_000 * MS;
            stepped.advance(Duration.ofNanos(freeNs - MS - stepped.nowNs())); // 1 ms before the window frees
            settle(stepped);
            assertEquals(List.of("text:a", "text:b"), peer.frames(), "nothing more before the window frees");

            stepped.driveUntil(STEP, () -> peer.frameCount() >= 4);
            final long lateMs = (stepped.nowNs() - freeNs) / MS;
            assertTrue(lateMs >= 0 && lateMs <= 20, "ping and c left when the window freed: " + lateMs + " ms late");
            assertEquals(List.of("text:a", "text:b", "ping", "text:c"), peer.frames());
            assertEquals(ConnectionState.CONNECTED, ws.state(), "the delayed ping's pong still came in time");
            ws.close();
            stepped.driveUntil(STEP, () -> ws.state().isTerminal());
        }
    }

    @Test
    void subscriptionsRestoredAfterADropKeepToTheWindowAndWaitingOnesAreReported() throws Exception
    {
        try (RawFramePeer peer = RawFramePeer.start("resubscribe-rate-peer");
            SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("resubscribe-rate-engine")))
        {
            final WebSocket<Object> ws = WebSocket.builder(peer.uri()).engine(stepped.engine()).backoff(FAST)
                .rateLimit(RateLimit.of(3, Duration.ofSeconds(1))).compress(false).build();
            final List<String> errors = new ArrayList<>();
            ws.on(EventType.ERROR, (event) -> errors.add(event.message()));
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            final long startNs = stepped.engine().nowNs();
            for (int i = 0; i < 5; i++)
            {
                ws.subscribeText("s" + i);
            }
            stepped.driveUntil(Duration.ZERO, () -> peer.frameCount() >= 3);
            assertEquals(3, ws.stats().messagesSent(), "two wait for the window");

            peer.dropAll();
            stepped.driveUntil(Duration.ZERO, () -> errors.stream().anyMatch((e) -> e.contains("rate limit")));
            assertTrue(errors.stream().anyMatch((e) -> e.contains("2 message(s), 4 bytes, not sent")),
                "the two waiting ones are reported, not lost silently: " + errors);

            // Reconnected within milliseconds, the five subscriptions go again, but the window still holds the
            // three sent at the start: the next three go when it frees, at 1 s, the last two at 2 s.
            stepped.driveUntil(STEP, () -> ws.stats().messagesSent() >= 6);
            assertEquals(1_000, (stepped.engine().nowNs() - startNs) / MS);
            stepped.driveUntil(STEP, () -> ws.stats().messagesSent() >= 8);
            assertEquals(2_000, (stepped.engine().nowNs() - startNs) / MS);
            stepped.driveUntil(Duration.ZERO, () -> peer.frameCount() >= 8);
            assertEquals(List.of("text:s0", "text:s1", "text:s2", "text:s0", "text:s1", "text:s2", "text:s3",
                "text:s4"), peer.frames());
            ws.close();
            stepped.driveUntil(STEP, () -> ws.state().isTerminal());
        }
    }

    @Test
    void aDroppedStormOfClientsNeverExceedsTheConnectBudget() throws Exception
    {
        final int clients = 20;
        final int budgetPerWindow = 5;
        final long windowNs = 1_000 * MS;
        final ConnectBudget budget = ConnectBudget.of("test-venue", budgetPerWindow, Duration.ofNanos(windowNs));
        try (RawFramePeer peer = RawFramePeer.start("storm-peer");
            SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("budget-engine")))
        {
            final List<Long> attempts = new ArrayList<>();
            final List<ReconnectingEvent> waits = new ArrayList<>();
            final List<WebSocket<Object>> all = new ArrayList<>();
            final AtomicInteger up = new AtomicInteger();
            for (int i = 0; i < clients; i++)
            {
                final WebSocket<Object> ws = WebSocket.builder(peer.uri()).engine(stepped.engine()).backoff(FAST)
                    .connectBudget(budget).compress(false).connectTimeout(Duration.ofSeconds(30)).build();
                ws.on(EventType.CONNECTING, (event) -> attempts.add(stepped.nowNs())); // engine thread: exact time
                ws.on(EventType.RECONNECTING, waits::add);
                ws.on(EventType.CONNECTED, (event) -> up.incrementAndGet());
                ws.on(EventType.DISCONNECTED, (event) -> up.decrementAndGet());
                all.add(ws);
            }
            for (final WebSocket<Object> ws : all)
            {
                ws.connect();
            }
            final Duration stride = Duration.ofMillis(5); // attempt times are exact anyway: read on the engine thread
            stepped.driveUntil(stride, () -> up.get() == clients && peer.openConnections() == clients);
            final long firstWaveMs = stepped.msSince(0);
            assertTrue(firstWaveMs >= 3_000, "20 first connects at 5 per second take 3 s or more: " + firstWaveMs);

            final int firstWave = attempts.size();
            peer.dropAll(); // the venue drops every connection at once
            stepped.driveUntil(STEP, () -> up.get() < clients);
            stepped.driveUntil(stride, () -> up.get() == clients && attempts.size() >= firstWave + clients);

            assertEquals(2 * clients, attempts.size(), "one attempt per connect, none wasted: " + attempts.size());
            for (int i = budgetPerWindow; i < attempts.size(); i++)
            {
                assertTrue(attempts.get(i) - attempts.get(i - budgetPerWindow) >= windowNs,
                    "more than " + budgetPerWindow + " attempts within 1 s, ending at attempt " + i);
            }
            final ReconnectingEvent wait = waits.stream()
                .filter((event) -> event.lastError() instanceof ConnectBudgetExhaustedException).findFirst()
                .orElseThrow(() -> new AssertionError("no reconnecting event for a budget wait"));
            assertTrue(wait.delay().toNanos() > 0 && wait.delay().toNanos() <= windowNs, "real wait: " + wait);
            assertEquals(2 * clients, budget.granted());
            for (final WebSocket<Object> ws : all)
            {
                ws.close();
            }
            stepped.driveUntil(STEP, () -> all.stream().allMatch((ws) -> ws.state().isTerminal()));
        }
    }

    @Test
    void retryAfterSecondsOnA429SetsTheNextDelay() throws Exception
    {
        assertRetryAfter("429 Too Many Requests", "3", null, 3_000);
    }

    @Test
    void retryAfterIsCapped() throws Exception
    {
        assertRetryAfter("429 Too Many Requests", "3600", Duration.ofSeconds(5), 5_000);
    }

    @Test
    void retryAfterAsAnHttpDateOnA503() throws Exception
    {
        assertRetryAfter("503 Service Unavailable", null, null, 30_000);
    }

    private static final long EPOCH_MS = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();

    /**
     * The first attempt is answered with {@code status} and a {@code Retry-After}, the second is accepted: the
     * reconnecting event reports the server's wait, and the second attempt starts exactly that much later.
     */
    private static void assertRetryAfter(final String status, final String seconds, final Duration cap,
        final long expectedMs) throws Exception
    {
        final String retryAfter = null != seconds ? seconds : DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.ofEpochMilli(EPOCH_MS + expectedMs).atZone(ZoneOffset.UTC));
        final AtomicInteger connections = new AtomicInteger();
        try (LoopbackServer server = LoopbackServer.start("retry-after-peer", (socket) ->
            {
                if (1 == connections.incrementAndGet())
                {
                    reject(socket, status, retryAfter);
                }
                else
                {
                    RawUpgrade.accept(socket);
                    socket.getInputStream().read(); // hold it open until the client closes, then end it
                    socket.close();
                }
            });
            SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("retry-after-engine")))
        {
            final CachedEpochClock epoch = new CachedEpochClock();
            epoch.update(EPOCH_MS);
            final var builder = WebSocket.builder(server.uri("ws", "/")).engine(stepped.engine()).backoff(FAST)
                .connectTimeout(Duration.ofMinutes(10)).clocks(stepped.clock(), epoch);
            if (null != cap)
            {
                builder.maxRetryAfter(cap);
            }
            final WebSocket<Object> ws = builder.build();
            final List<Long> attempts = new ArrayList<>();
            final List<ReconnectingEvent> reconnecting = new ArrayList<>();
            final List<Long> reconnectingAt = new ArrayList<>();
            ws.on(EventType.CONNECTING, (event) -> attempts.add(stepped.nowNs()));
            ws.on(EventType.RECONNECTING, (event) ->
            {
                reconnecting.add(event);
                reconnectingAt.add(stepped.nowNs());
            });
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(STEP, () -> !reconnecting.isEmpty());
            final ReconnectingEvent event = reconnecting.get(0);
            assertEquals(Duration.ofMillis(expectedMs), event.delay(), "the server's wait is reported");
            assertInstanceOf(HandshakeException.class, event.lastError());
            // Stride through the wait, to keep the test short in real time; the stride bounds the lateness.
            final long strideMs = expectedMs > 10_000 ? 100 : 10;
            stepped.driveUntil(Duration.ofMillis(strideMs), connected::isDone);
            assertEquals(2, attempts.size());
            final long waitedMs = (attempts.get(1) - reconnectingAt.get(0)) / MS;
            assertTrue(waitedMs >= expectedMs && waitedMs <= expectedMs + 10 * strideMs,
                "the second attempt waited the server's " + expectedMs + " ms: " + waitedMs);
            ws.close();
            stepped.driveUntil(STEP, () -> ws.state().isTerminal());
        }
    }

    private static void reject(final Socket socket, final String status, final String retryAfter) throws IOException
    {
        RawUpgrade.readHead(socket.getInputStream());
        final OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\nRetry-After: " + retryAfter + "\r\nContent-Length: 0\r\n" +
            "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.close();
    }
}
