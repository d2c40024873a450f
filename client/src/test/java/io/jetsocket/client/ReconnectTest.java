/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.DisconnectedEvent;
import io.jetsocket.client.event.ErrorEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.ReconnectedEvent;
import io.jetsocket.client.event.ReconnectingEvent;
import io.jetsocket.client.event.StateChangeEvent;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.handshake.HandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconnection against Jetty 12: servers that drop the connection, reject the handshake (401/403/404/410 fatal,
 * 503 retried), close with fatal codes, restart while messages flow; age rotation; subscriptions restored.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReconnectTest
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
        engine = WebSocketEngine.launch(new EngineContext().roleName("reconnect-test-engine"));
    }

    @AfterAll
    static void stop() throws Exception
    {
        engine.close();
        server.close();
    }

    @Test
    void shouldReconnectAfterADropAndRestoreSubscriptions() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine).backoff(FAST).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);
            ws.subscribe(Map.of("op", "subscribe", "channel", "drop-test"));
            server.await((line) -> line.contains("drop-test"), WAIT);

            ws.sendText("drop");

            final DisconnectedEvent disconnected = log.await(EventType.DISCONNECTED, WAIT);
            assertEquals(1006, disconnected.code());
            assertFalse(disconnected.wasClean());
            final ReconnectingEvent reconnecting = log.await(EventType.RECONNECTING, WAIT);
            assertEquals(1, reconnecting.attempt());
            assertTrue(reconnecting.delay().compareTo(Duration.ofMillis(20)) <= 0, "full jitter below base");
            final ReconnectedEvent reconnected = log.await(EventType.RECONNECTED, WAIT);
            assertEquals(1, reconnected.attempts());
            assertEquals(server.uri("/echo"), reconnected.uri());
            assertEquals(ConnectionState.CONNECTED, ws.state());
            assertEquals(2, log.all(EventType.CONNECTED).size());

            server.awaitCount((line) -> line.contains("drop-test"), 2, WAIT);
            final ConnectionStats stats = ws.stats();
            assertEquals(1, stats.reconnectCount());
            assertTrue(null != stats.lastReconnectAt());
            assertTrue(stats.connectionAge().compareTo(stats.uptime()) > 0, "age survives the reconnect: " + stats);
            assertEquals(1, stats.errors(), "the lost connection");
            assertEquals(List.of(ConnectionState.DISCONNECTED, ConnectionState.RECONNECTING,
                ConnectionState.BACKING_OFF, ConnectionState.CONNECTING, ConnectionState.CONNECTED),
                log.all(EventType.STATE_CHANGE).stream().skip(2).map(StateChangeEvent::newState).toList());
        }
    }

    @Test
    void shouldFireReconnectedOnlyOnceTheConnectionIsUsable() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine).backoff(FAST).build())
        {
            ws.on(EventType.RECONNECTED, (event) -> assertEquals(SendStatus.SENT, ws.sendText("\"hello again\"")));
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            ws.sendText("drop");

            assertEquals("hello again", ws.recv(WAIT));
            server.await("text /echo \"hello again\"", WAIT);
            assertTrue(log.all(EventType.ERROR).stream().noneMatch((e) -> e.error() instanceof AssertionError));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 401, 403, 404, 410 })
    void shouldNotRetryFatalHandshakeStatuses(final int status) throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(server.uri("/reject?status=" + status)).engine(engine)
            .backoff(FAST).build();
        final EventLog log = EventLog.attach(ws);

        final ExecutionException failure =
            assertThrows(ExecutionException.class, () -> ws.connect().get(10, TimeUnit.SECONDS));

        final HandshakeException rejected = assertInstanceOf(HandshakeException.class, failure.getCause());
        assertEquals(status, rejected.statusCode());
        assertEquals(ConnectionState.FAILED, ws.state());
        final ErrorEvent error = log.await(EventType.ERROR, WAIT);
        assertTrue(error.fatal());
        assertEquals(1, log.all(EventType.CONNECTING).size(), "no retry");
        assertTrue(log.all(EventType.RECONNECTING).isEmpty());
        final ClosedEvent closed = log.await(EventType.CLOSED, WAIT);
        assertEquals(ConnectionState.FAILED, closed.state());
    }

    @Test
    void shouldRetryA503UntilMaxAttemptsThenFail() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(server.uri("/reject?status=503")).engine(engine)
            .backoff(BackoffConfig.builder().base(Duration.ofMillis(10)).cap(Duration.ofMillis(20)).maxAttempts(3)
                .build())
            .build();
        final EventLog log = EventLog.attach(ws);

        final ExecutionException failure =
            assertThrows(ExecutionException.class, () -> ws.connect().get(10, TimeUnit.SECONDS));

        final RetriesExhaustedException exhausted =
            assertInstanceOf(RetriesExhaustedException.class, failure.getCause());
        assertEquals(3, exhausted.attempts());
        assertEquals(503, assertInstanceOf(HandshakeException.class, exhausted.getCause()).statusCode());
        assertEquals(4, log.all(EventType.CONNECTING).size(), "the first connect plus 3 re-attempts");
        assertEquals(List.of(2, 3, 4), log.all(EventType.RECONNECTING).stream()
            .map(ReconnectingEvent::attempt).toList(), "the number of the attempt each announces");
        final List<ErrorEvent> errors = log.all(EventType.ERROR);
        assertEquals(5, errors.size());
        assertTrue(errors.subList(0, 4).stream().noneMatch(ErrorEvent::fatal));
        assertTrue(errors.get(4).fatal());
        assertTrue(errors.get(4).message().contains("exhausted"));
        assertEquals(ConnectionState.FAILED, ws.state());
        assertEquals(1, log.all(EventType.CLOSED).size());
        assertEquals(5, ws.stats().errors());
    }

    @ParameterizedTest
    @ValueSource(ints = { 1008, 4401, 4403 })
    void shouldNotReconnectAfterAFatalCloseCode(final int code) throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(server.uri("/close?code=" + code + "&reason=denied"))
            .engine(engine).backoff(FAST).build();
        final EventLog log = EventLog.attach(ws);
        ws.connect().get(10, TimeUnit.SECONDS);

        final ClosedEvent closed = ws.closeFuture().get(10, TimeUnit.SECONDS);

        assertEquals(ConnectionState.FAILED, closed.state());
        assertEquals(code, closed.code());
        assertEquals("denied", closed.reason());
        assertEquals(code, log.await(EventType.DISCONNECTED, WAIT).code());
        assertTrue(log.await(EventType.ERROR, ErrorEvent::fatal, WAIT).message().contains("fatal code"));
        assertTrue(log.all(EventType.RECONNECTING).isEmpty());
        assertEquals(1, log.all(EventType.CONNECTING).size());
    }

    @Test
    void shouldReconnectAfterARetriableServerClose() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(server.uri("/close?code=1012&reason=restart"))
            .engine(engine).backoff(FAST).build();
        final EventLog log = EventLog.attach(ws);
        ws.connect().get(10, TimeUnit.SECONDS);

        log.awaitCount(EventType.RECONNECTED, 2, WAIT);
        ws.close();

        final List<DisconnectedEvent> disconnects = log.all(EventType.DISCONNECTED);
        assertEquals(1012, disconnects.get(0).code());
        assertEquals("restart", disconnects.get(0).reason());
        assertTrue(disconnects.get(0).remote());
        assertEquals(1, log.all(EventType.CLOSED).size());
    }

    @Test
    void shouldReconnectWhenTheServerRestartsWhileMessagesFlow() throws Exception
    {
        try (TestServer restarting = TestServer.start();
            WebSocket<Object> ws = WebSocket.builder(restarting.uri("/echo")).engine(engine).backoff(FAST).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);
            final Thread sender = new Thread(() ->
            {
                for (int i = 0; i < 100_000 && !Thread.currentThread().isInterrupted(); i++)
                {
                    ws.sendText(Integer.toString(i));
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            });
            sender.start();
            restarting.await("text /echo 5", WAIT);

            restarting.restart(Duration.ofMillis(200));

            final ReconnectedEvent reconnected = log.await(EventType.RECONNECTED, WAIT);
            assertTrue(reconnected.downtime().compareTo(Duration.ZERO) > 0);
            final long before = ws.stats().messagesReceived();
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (ws.stats().messagesReceived() < before + 5 && System.nanoTime() < deadline)
            {
                ws.recv(WAIT);
            }
            assertTrue(ws.stats().messagesReceived() >= before + 5, "messages flow again: " + ws.stats());
            sender.interrupt();
            sender.join();
        }
    }

    @Test
    void shouldRotateAtMaxConnectionAgeWithACloseFrame() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine).backoff(FAST)
            .maxConnectionAge(Duration.ofMillis(300)).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            final ReconnectedEvent reconnected = log.await(EventType.RECONNECTED, WAIT);

            assertEquals(1, reconnected.attempts(), "the rotation's one immediate attempt");
            server.await("close /echo 1000 max connection age reached", WAIT);
            final DisconnectedEvent disconnected = log.await(EventType.DISCONNECTED, WAIT);
            assertEquals(1000, disconnected.code());
            assertTrue(disconnected.wasClean());
            assertEquals(Duration.ZERO, log.await(EventType.RECONNECTING, WAIT).delay());
            assertEquals("max connection age reached", log.await(EventType.CLOSING, WAIT).reason());
        }
    }

    @Test
    void shouldKeepRetryingWhileTheServerIsDownThenConnect() throws Exception
    {
        final TestServer later = TestServer.start();
        final String uri = later.uri("/echo");
        later.stop();
        try (WebSocket<Object> ws = WebSocket.builder(uri).engine(engine).backoff(FAST).build())
        {
            final EventLog log = EventLog.attach(ws);
            final java.util.concurrent.CompletableFuture<Void> connected = ws.connect();
            log.awaitCount(EventType.RECONNECTING, 3, WAIT);
            assertFalse(connected.isDone());

            later.restart(Duration.ZERO);

            connected.get(10, TimeUnit.SECONDS);
            final ReconnectedEvent reconnected = log.await(EventType.RECONNECTED, WAIT);
            assertTrue(reconnected.attempts() >= 3);
            assertTrue(log.all(EventType.ERROR).stream().noneMatch(ErrorEvent::fatal));
        }
        finally
        {
            later.close();
        }
    }

    @Test
    void shouldCloseWhileBackingOff() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(server.uri("/reject?status=503")).engine(engine)
            .backoff(BackoffConfig.builder().base(Duration.ofSeconds(30)).cap(Duration.ofSeconds(30)).jitter(false)
                .build())
            .build();
        final EventLog log = EventLog.attach(ws);
        final java.util.concurrent.CompletableFuture<Void> connected = ws.connect();
        log.await(EventType.STATE_CHANGE, (e) -> ConnectionState.BACKING_OFF == e.newState(), WAIT);

        final ClosedEvent closed = ws.close(1000, "").get(10, TimeUnit.SECONDS);

        assertEquals(ConnectionState.CLOSED, closed.state());
        final ExecutionException failure = assertThrows(ExecutionException.class, () -> connected.get(10,
            TimeUnit.SECONDS));
        assertInstanceOf(ConnectionClosedException.class, failure.getCause());
    }
}
