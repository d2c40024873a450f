/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.client.event.DisconnectedEvent;
import io.jetsocket.client.event.ErrorEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.PongEvent;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.SteppedEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Heartbeat against Jetty 12: latency from real pongs, a server that stops answering pings (closed with 1011 and
 * reconnected), a server that stops reading altogether, misses tolerated, application-level pings.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HeartbeatTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final BackoffConfig FAST = BackoffConfig.builder()
        .base(Duration.ofMillis(20)).cap(Duration.ofMillis(100)).build();

    private static TestServer server;
    private static WebSocketEngine engine;

    @BeforeAll
    static void start() throws Exception
    {
        server = TestServer.start();
        engine = WebSocketEngine.launch(new EngineContext().roleName("heartbeat-test-engine"));
    }

    @AfterAll
    static void stop() throws Exception
    {
        engine.close();
        server.close();
    }

    @Test
    void shouldMeasureLatencyFromPongsOnTheEnginesClock() throws Exception
    {
        // Stepped time: the embedded engine runs on this thread with a clock that moves only when told, so the
        // latency of each answered ping is exactly the time stepped while it was outstanding.
        final SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("heartbeat-stepped-engine"));
        final HeartbeatConfig heartbeat = HeartbeatConfig.builder()
            .interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(90))
            .payload("hb".getBytes(StandardCharsets.US_ASCII)).build();
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(stepped.engine()).heartbeat(heartbeat)
            .build())
        {
            final EventLog log = EventLog.attach(ws);
            final java.util.concurrent.CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);

            final long[] steppedMs = { 7, 12, 3 };
            for (int i = 0; i < steppedMs.length; i++)
            {
                final int pings = i + 1;
                stepped.driveUntil(Duration.ofMillis(1), () -> log.all(EventType.PING).size() >= pings);
                stepped.advance(Duration.ofMillis(steppedMs[i]));
                stepped.driveUntil(Duration.ZERO, () -> log.all(EventType.PONG).size() >= pings);
            }

            final List<PongEvent> pongs = log.all(EventType.PONG);
            for (int i = 0; i < steppedMs.length; i++)
            {
                assertArrayEquals("hb".getBytes(StandardCharsets.US_ASCII), pongs.get(i).payload());
                assertEquals((double)steppedMs[i], pongs.get(i).latencyMs(), "latency of ping " + (i + 1));
            }
            assertArrayEquals("hb".getBytes(StandardCharsets.US_ASCII), log.all(EventType.PING).get(0).payload());
            assertEquals(3.0, ws.latencyMs().getAsDouble());
            final ConnectionStats stats = ws.stats();
            assertEquals(3.0, stats.latencyMs().getAsDouble());
            assertEquals((7.0 + 12.0 + 3.0) / 3, stats.latencyAvgMs().getAsDouble(), 1e-5);
            assertTrue(log.all(EventType.ERROR).isEmpty(), log.names().toString());
            ws.close(1000, "");
        }
        finally
        {
            stepped.close();
        }
    }

    @Test
    void shouldCloseWith1011AndReconnectWhenThePeerStopsAnsweringPings() throws Exception
    {
        final HeartbeatConfig heartbeat = HeartbeatConfig.builder()
            .interval(Duration.ofMillis(200)).timeout(Duration.ofMillis(150)).build();
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/mute?pongs=2")).engine(engine)
            .heartbeat(heartbeat).backoff(FAST).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            log.await(EventType.RECONNECTED, WAIT);

            assertTrue(log.all(EventType.PONG).size() >= 2, "the first two pings were answered");
            final ErrorEvent missed = log.await(EventType.ERROR, WAIT);
            final TimeoutException timeout = assertInstanceOf(TimeoutException.class, missed.error());
            assertEquals(TimeoutException.Operation.PONG, timeout.operation());
            final DisconnectedEvent disconnected = log.await(EventType.DISCONNECTED, WAIT);
            assertEquals(1011, disconnected.code());
            assertEquals("heartbeat timeout", disconnected.reason());
            assertFalse(disconnected.remote());
            server.await("close /mute 1011 heartbeat timeout", WAIT);
            assertEquals(timeout, log.await(EventType.RECONNECTING, WAIT).lastError());
        }
    }

    @Test
    void shouldTolerateTheConfiguredMissesBeforeDeclaringThePeerDead() throws Exception
    {
        final HeartbeatConfig heartbeat = HeartbeatConfig.builder()
            .interval(Duration.ofMillis(50)).timeout(Duration.ofMillis(30)).missesAllowed(2).build();
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/mute?pongs=0")).engine(engine)
            .heartbeat(heartbeat).backoff(FAST).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            log.await(EventType.DISCONNECTED, WAIT);

            final List<String> names = log.names();
            final int disconnectedAt = names.indexOf("disconnected");
            final List<ErrorEvent> errors = log.all(EventType.ERROR);
            assertTrue(errors.size() >= 3, "three misses before the drop: " + names);
            final List<String> before = names.subList(0, disconnectedAt);
            assertEquals(3, before.stream().filter("error"::equals).count(), names.toString());
            assertEquals(3, before.stream().filter("ping"::equals).count(), names.toString());
            assertTrue(errors.stream().allMatch((error) -> error.error() instanceof TimeoutException));
        }
    }

    @Test
    void shouldDetectAPeerThatStopsReadingAltogether() throws Exception
    {
        final HeartbeatConfig heartbeat = HeartbeatConfig.builder()
            .interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(80)).build();
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/stall?afterMs=500")).engine(engine)
            .heartbeat(heartbeat).backoff(FAST).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            log.awaitCount(EventType.RECONNECTED, 2, WAIT);

            assertTrue(log.all(EventType.PONG).size() >= 1);
            assertTrue(log.all(EventType.DISCONNECTED).stream().allMatch((d) -> 1011 == d.code()));
            server.await("stalled /stall", WAIT);
        }
    }

    @Test
    void shouldUseApplicationLevelPingsAndSwallowTheirPongs() throws Exception
    {
        final HeartbeatConfig heartbeat = HeartbeatConfig.builder()
            .interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(90))
            .applicationPing(() -> Map.of("op", "ping"))
            .pongMatcher((message) -> message instanceof Map && "ping".equals(((Map<?, ?>)message).get("op")))
            .build();
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine).heartbeat(heartbeat)
            .build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            final List<PongEvent> pongs = log.awaitCount(EventType.PONG, 2, WAIT);
            ws.sendText("{\"op\":\"data\"}");

            assertEquals(Map.of("op", "data"), ws.recv(WAIT));
            assertTrue(pongs.stream().allMatch((pong) -> pong.latencyMs() >= 0));
            assertTrue(log.all(EventType.MESSAGE).stream().noneMatch((m) -> m.data().equals(Map.of("op", "ping"))));
            server.await("text /echo {\"op\":\"ping\"}", WAIT);
            assertEquals("{\"op\":\"ping\"}", new String(log.await(EventType.PING, WAIT).payload(),
                StandardCharsets.UTF_8));
        }
    }
}
