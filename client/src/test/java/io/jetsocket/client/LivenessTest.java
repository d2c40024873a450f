/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.client.config.ServerPings;
import io.jetsocket.client.config.VenuePings;
import io.jetsocket.client.event.DisconnectedEvent;
import io.jetsocket.client.event.ErrorEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.PongEvent;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.testing.SteppedEngine;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liveness in venue terms against Jetty: a venue ping whose pong is matched on bytes (nothing decoded, the pong kept
 * from the raw handlers), the server's own pings answered with the same timestamp before its deadline, and the
 * no-data watchdog on a stepped clock (fires exactly one timeout after the last data, closes with 1011 and
 * reconnects).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LivenessTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final BackoffConfig FAST = BackoffConfig.builder()
        .base(Duration.ofMillis(20)).cap(Duration.ofMillis(100)).jitter(false).build();

    @RegisterExtension
    static final ServerAndEngine FIXTURE = new ServerAndEngine("liveness-test-engine");

    @Test
    void shouldMatchVenuePongsOnBytesWithoutDecodingAndKeepThemFromRawHandlers() throws Exception
    {
        final SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("liveness-pong-engine"));
        // The echo server sends our ping back: take {"op":"ping"} for the pong.
        final HeartbeatConfig heartbeat = HeartbeatConfig.builder()
            .interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(90))
            .venuePing(VenuePings.jsonOp("ping", VenuePings.jsonField("op", "ping"))).build();
        final CountingJsonCodec codec = new CountingJsonCodec();
        final List<String> raw = new CopyOnWriteArrayList<>();
        final List<PongEvent> pongs = new CopyOnWriteArrayList<>();
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(stepped.engine())
            .codec(codec).heartbeat(heartbeat).build())
        {
            ws.onRawMessage((type, buffer, offset, length) ->
                raw.add(buffer.getStringWithoutLengthUtf8(offset, length)));
            ws.on(EventType.PONG, pongs::add);
            final AtomicInteger pings = new AtomicInteger();
            ws.on(EventType.PING, (ping) -> pings.incrementAndGet());
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);

            final long startNs = stepped.nowNs();
            for (int i = 1; i <= 3; i++)
            {
                final int sent = i;
                stepped.driveUntil(Duration.ofMillis(1), () -> pings.get() >= sent);
                stepped.driveUntil(Duration.ZERO, () -> pongs.size() >= sent); // the clock waits for the echo
            }
            ws.sendText("{\"op\":\"data\"}");
            stepped.driveUntil(Duration.ZERO, () -> !raw.isEmpty());

            assertEquals(List.of("{\"op\":\"data\"}"), raw, "pongs are consumed: no raw handler sees them");
            assertEquals(0, codec.decodes(), "nothing decoded for the heartbeat's sake");
            assertTrue(pongs.stream().allMatch((pong) -> 0.0 == pong.latencyMs()), "each answered its ping: " + pongs);
            assertEquals(300, stepped.msSince(startNs), "one ping per interval");
            assertTrue(ws.stats().latencyMs().isPresent(), "the pongs answered the heartbeat");
            FIXTURE.server().await("text /echo {\"op\":\"ping\"}", WAIT);
            ws.close(1000, "");
        }
        finally
        {
            stepped.close();
        }
    }

    @Test
    void shouldAnswerTheServersPingsWithTheSameTimestampAndKeepThemFromTheApplication() throws Exception
    {
        final List<String> raw = new CopyOnWriteArrayList<>();
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/venueping?count=3&deadlineMs=5000"))
            .engine(FIXTURE.engine()).answerServerPings(ServerPings.jsonPingPong()).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.onRawMessage((type, buffer, offset, length) ->
                raw.add(buffer.getStringWithoutLengthUtf8(offset, length)));
            ws.connect().get(10, TimeUnit.SECONDS);

            FIXTURE.server().await("pong ok /venueping 1492420473029", WAIT);
            awaitSize(raw, 3);

            assertEquals(List.of("{\"data\":1}", "{\"data\":2}", "{\"data\":3}"), raw);
            assertEquals(3, log.all(EventType.MESSAGE).size(), "only the data reaches the message handlers too");
            assertTrue(log.all(EventType.DISCONNECTED).isEmpty(), log.names().toString());
            assertTrue(ws.isConnected());
            assertEquals(3, ws.stats().messagesSent(), "the answers went through the send path");
        }
    }

    @Test
    void shouldPingWithTheEpochTimeAndTakeOnlyThePongThatEchoesIt() throws Exception
    {
        final SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("liveness-ts-engine"));
        final CachedEpochClock epoch = new CachedEpochClock();
        epoch.update(1_700_000_000_000L);
        final HeartbeatConfig heartbeat = HeartbeatConfig.builder()
            .interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(50))
            .venuePing(VenuePings.jsonTimestamp()).build();
        final List<PongEvent> pongs = new CopyOnWriteArrayList<>();
        final List<String> raw = new CopyOnWriteArrayList<>();
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/venueping?count=0"))
            .engine(stepped.engine()).clocks(stepped.clock(), epoch).heartbeat(heartbeat).build())
        {
            ws.on(EventType.PONG, pongs::add);
            final AtomicInteger pings = new AtomicInteger();
            ws.on(EventType.PING, (ping) -> pings.incrementAndGet());
            ws.onRawMessage((type, buffer, offset, length) ->
                raw.add(buffer.getStringWithoutLengthUtf8(offset, length)));
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);

            stepped.driveUntil(Duration.ofMillis(1), () -> pings.get() >= 1);
            stepped.driveUntil(Duration.ZERO, () -> !pongs.isEmpty()); // the clock waits for the answer

            assertTrue(FIXTURE.server().lines().contains("text /venueping {\"ping\":1700000000000}"),
                "the ping carries the epoch time");
            assertEquals(0.0, pongs.get(0).latencyMs(), "the pong with the same timestamp answers it");
            assertTrue(raw.isEmpty(), "and is consumed: " + raw);
            ws.close(1000, "");
        }
        finally
        {
            stepped.close();
        }
    }

    @Test
    void shouldDeclareThePeerDeadWhenItsPongsEchoAnotherTimestamp() throws Exception
    {
        final SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("liveness-skew-engine"));
        final HeartbeatConfig heartbeat = HeartbeatConfig.builder()
            .interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(50))
            .venuePing(VenuePings.jsonTimestamp()).build();
        final List<String> raw = new CopyOnWriteArrayList<>();
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/venueping?count=0&pongSkew=1"))
            .engine(stepped.engine()).heartbeat(heartbeat).reconnect(false).build())
        {
            final List<DisconnectedEvent> disconnects = new CopyOnWriteArrayList<>();
            final List<PongEvent> pongs = new CopyOnWriteArrayList<>();
            ws.on(EventType.DISCONNECTED, disconnects::add);
            ws.on(EventType.PONG, pongs::add);
            ws.onRawMessage((type, buffer, offset, length) ->
                raw.add(buffer.getStringWithoutLengthUtf8(offset, length)));
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);

            stepped.driveUntil(Duration.ofMillis(1), () -> !disconnects.isEmpty());

            assertEquals(1011, disconnects.get(0).code());
            assertEquals("heartbeat timeout", disconnects.get(0).reason());
            assertTrue(raw.isEmpty(), "a late or foreign pong is still consumed: " + raw);
            assertTrue(pongs.stream().allMatch((pong) -> Double.isNaN(pong.latencyMs())), "but answers nothing");
        }
        finally
        {
            stepped.close();
        }
    }

    @Test
    void shouldCountTheAnswersTowardTheVenuesRateLimit() throws Exception
    {
        // One message per second: each answer after the first waits for the window, on the stepped clock.
        final SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("liveness-limit-engine"));
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/venueping?count=2&deadlineMs=10000"))
            .engine(stepped.engine()).answerServerPings(ServerPings.jsonPingPong())
            .rateLimit(io.jetsocket.client.venue.RateLimit.of(1, Duration.ofSeconds(1))).build())
        {
            final int logFrom = FIXTURE.server().lines().size(); // the server's log is the test class's
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            final long startNs = stepped.nowNs();
            stepped.driveUntil(Duration.ZERO, () -> logged(logFrom, "pong ok /venueping 1492420473027"));
            final long firstNs = stepped.nowNs();

            // the data and the second ping arrive without the clock moving; the answer waits in the limiter
            stepped.driveUntil(Duration.ZERO, () -> ws.stats().messagesReceived() >= 3);
            stepped.driveUntil(Duration.ofMillis(1), () -> stepped.msSince(firstNs) >= 999);
            assertEquals(1, ws.stats().messagesSent(), "not before the window frees");
            stepped.driveUntil(Duration.ofMillis(1), () -> 2 == ws.stats().messagesSent());

            assertEquals(startNs, firstNs, "the first answer went at once");
            assertEquals(1000, stepped.msSince(firstNs), "the second waited for the rate limit's window");
            stepped.driveUntil(Duration.ZERO, () -> logged(logFrom, "pong ok /venueping 1492420473028"));
            ws.close(1000, "");
        }
        finally
        {
            stepped.close();
        }
    }

    private static boolean logged(final int from, final String line)
    {
        final List<String> lines = FIXTURE.server().lines();
        return lines.subList(Math.min(from, lines.size()), lines.size()).contains(line);
    }

    @Test
    void shouldDeliverAnsweredPingsWhenAskedTo() throws Exception
    {
        final List<String> raw = new CopyOnWriteArrayList<>();
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/venueping?count=1&deadlineMs=5000"))
            .engine(FIXTURE.engine()).answerServerPings(ServerPings.jsonPingPong(), true).build())
        {
            ws.onRawMessage((type, buffer, offset, length) ->
                raw.add(buffer.getStringWithoutLengthUtf8(offset, length)));
            ws.connect().get(10, TimeUnit.SECONDS);

            awaitSize(raw, 2);

            assertEquals(List.of("{\"ping\":1492420473027}", "{\"data\":1}"), raw);
        }
    }

    @Test
    void shouldBeClosedByTheVenueWhenItsPingsGoUnanswered() throws Exception
    {
        // The other side of the test above: the server does enforce its deadline.
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/venueping?count=3&deadlineMs=100"))
            .engine(FIXTURE.engine()).reconnect(false).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            final DisconnectedEvent disconnected = log.await(EventType.DISCONNECTED, WAIT);

            assertEquals(4001, disconnected.code());
            final Object ping = log.await(EventType.MESSAGE, WAIT).data();
            assertTrue(ping instanceof java.util.Map && ((java.util.Map<?, ?>)ping).containsKey("ping"),
                "without a responder the ping is the application's: " + ping);
        }
    }

    @Test
    void shouldCloseAConnectionSilentForTheNoDataTimeoutExactlyThenReconnect() throws Exception
    {
        final SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("liveness-watchdog-engine"));
        final List<String> raw = new CopyOnWriteArrayList<>();
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(stepped.engine())
            .noDataTimeout(Duration.ofSeconds(1)).backoff(FAST).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.onRawMessage((type, buffer, offset, length) ->
                raw.add(buffer.getStringWithoutLengthUtf8(offset, length)));
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            final long openedNs = stepped.nowNs();

            stepped.driveUntil(Duration.ofMillis(1), () -> stepped.msSince(openedNs) >= 900);
            ws.sendText("{\"data\":1}");
            stepped.driveUntil(Duration.ZERO, () -> !raw.isEmpty());
            final long dataNs = stepped.nowNs();
            stepped.driveUntil(Duration.ofMillis(1), () -> stepped.msSince(openedNs) >= 1500);
            assertTrue(log.all(EventType.DISCONNECTED).isEmpty(), "re-armed by the data: " + log.names());

            stepped.driveUntil(Duration.ofMillis(1), () -> !log.all(EventType.DISCONNECTED).isEmpty());

            assertEquals(1000, stepped.msSince(dataNs), "fires one timeout after the last data, not before");
            final DisconnectedEvent disconnected = log.all(EventType.DISCONNECTED).get(0);
            assertEquals(1011, disconnected.code());
            assertEquals("no data for 1000 ms", disconnected.reason());
            assertFalse(disconnected.remote());
            final List<ErrorEvent> errors = log.all(EventType.ERROR);
            assertEquals(1, errors.size(), log.names().toString());
            final OperationTimeoutException timeout =
                assertInstanceOf(OperationTimeoutException.class, errors.get(0).error());
            assertEquals("data", timeout.operation());
            assertTrue(timeout.getMessage().contains("no message received for 1000 ms"), timeout.getMessage());

            stepped.driveUntil(Duration.ofMillis(1), () -> !log.all(EventType.RECONNECTED).isEmpty());
            final long reconnectedNs = stepped.nowNs();
            stepped.driveUntil(Duration.ofMillis(1), () -> log.all(EventType.DISCONNECTED).size() >= 2);
            assertEquals(1000, stepped.msSince(reconnectedNs), "the next connection is watched from its opening");
            FIXTURE.server().await("close /echo 1011 no data for 1000 ms", WAIT);
        }
        finally
        {
            stepped.close();
        }
    }

    private static void awaitSize(final List<?> list, final int size) throws InterruptedException
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (list.size() < size && System.nanoTime() - deadline < 0)
        {
            Thread.sleep(5);
        }
    }
}
