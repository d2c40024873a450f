/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.event.ConnectingEvent;
import io.jetsocket.client.event.DisconnectedEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.ReconnectingEvent;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.handshake.HandshakeException;
import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;
import io.jetsocket.engine.testing.SteppedEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures a user can see: the real cause on a failed connect, no endless retries of answers that cannot change,
 * which side ended the connection, attempt numbers that agree, a readable subscription.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VisibleFailuresTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration STEP = Duration.ofMillis(1);
    private static final BackoffConfig FAST = BackoffConfig.builder()
        .base(Duration.ofMillis(10)).cap(Duration.ofMillis(30)).jitter(false).build();

    private static TestServer server;
    private static WebSocketEngine engine;

    @BeforeAll
    static void start() throws Exception
    {
        server = TestServer.start();
        engine = WebSocketEngine.launch(new EngineContext().roleName("visible-failures-test-engine"));
    }

    @AfterAll
    static void stop()
    {
        engine.close();
        server.close();
    }

    private static String refusedUri() throws Exception
    {
        return "ws://127.0.0.1:" + LoopbackServer.closedPort() + "/";
    }

    private static boolean causedBy(final Throwable error, final String text)
    {
        for (Throwable t = error; null != t; t = t.getCause())
        {
            if (String.valueOf(t.getMessage()).contains(text))
            {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldFailTheConnectFutureWithTheRealCauseAtTheConnectTimeout() throws Exception
    {
        // Stepped engine time: every attempt is refused at once (real I/O), the deadline is on the engine's clock.
        try (SteppedEngine stepped = SteppedEngine.embed(new EngineContext()
            .roleName("connect-deadline-stepped-engine")))
        {
            final WebSocket<Object> ws = WebSocket.builder(refusedUri()).engine(stepped.engine())
                .backoff(FAST).connectTimeout(CONNECT_TIMEOUT).build();
            final EventLog log = EventLog.attach(ws);
            final CompletableFuture<Void> connected = ws.connect();
            final long startNs = stepped.nowNs();
            stepped.driveUntil(STEP, connected::isDone);

            final long engineMs = stepped.msSince(startNs);
            final ExecutionException failure = assertThrows(ExecutionException.class, connected::get);
            assertInstanceOf(OperationTimeoutException.class, failure.getCause());
            assertTrue(causedBy(failure.getCause(), "Connection refused"), "cause attached: " + failure.getCause());
            assertAtTheConnectTimeout(engineMs);
            assertTrue(log.all(EventType.CONNECTING).size() > 3, "retried meanwhile: " + log.names());
            assertEquals(ConnectionState.FAILED, ws.state());
        }
    }

    @Test
    void shouldThrowTheRealCauseFromASyncConnect() throws Exception
    {
        // The blocking connect runs on a thread of its own while this one drives the engine on stepped time: it
        // must end with the engine's connect deadline, not with its own real-time wait (the connect timeout plus
        // SyncWebSocket.CONNECT_GRACE), which stepped engine time would long have overtaken.
        try (SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("sync-connect-stepped-engine")))
        {
            final SyncWebSocket<Object> ws = SyncWebSocket.of(WebSocket.builder(refusedUri())
                .engine(stepped.engine()).backoff(FAST).connectTimeout(CONNECT_TIMEOUT).build());
            final EventLog log = EventLog.attach(ws);
            final CompletableFuture<Void> connecting = new CompletableFuture<>();
            LoopbackServer.daemon("sync-connect", () ->
            {
                try
                {
                    ws.connect();
                    connecting.complete(null);
                }
                catch (final Throwable ex)
                {
                    connecting.completeExceptionally(ex);
                }
            });
            stepped.driveUntil(Duration.ZERO, () -> !log.all(EventType.CONNECTING).isEmpty());
            final long startNs = stepped.nowNs(); // the first attempt has begun: the deadline runs from here
            stepped.driveUntil(STEP, () -> ws.state().isTerminal());
            final long engineMs = stepped.msSince(startNs);
            stepped.driveUntil(Duration.ZERO, connecting::isDone); // the blocked thread wakes on its own time

            final ExecutionException failure = assertThrows(ExecutionException.class, connecting::get);
            assertTrue(causedBy(failure.getCause(), "Connection refused"), "cause attached: " + failure.getCause());
            assertEquals(ConnectionState.FAILED, ws.state());
            assertAtTheConnectTimeout(engineMs);
        }
    }

    private static void assertAtTheConnectTimeout(final long engineMs)
    {
        final long timeoutMs = CONNECT_TIMEOUT.toMillis();
        assertTrue(engineMs >= timeoutMs && engineMs <= timeoutMs + 2 * STEP.toMillis(),
            "ended at the connect timeout (" + timeoutMs + " ms): " + engineMs + " ms of engine time");
    }

    @Test
    void shouldNotRetryA400() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(server.uri("/reject?status=400")).engine(engine)
            .backoff(FAST).build();
        final EventLog log = EventLog.attach(ws);

        final ExecutionException failure =
            assertThrows(ExecutionException.class, () -> ws.connect().get(5, TimeUnit.SECONDS));

        assertEquals(400, assertInstanceOf(HandshakeException.class, failure.getCause()).statusCode());
        assertEquals(1, log.all(EventType.CONNECTING).size(), "not retried");
        assertTrue(log.await(EventType.ERROR, WAIT).fatal());
    }

    @Test
    void shouldNotRetryAnHttp10Answer() throws Exception
    {
        try (LoopbackServer http10 = LoopbackServer.start("http10-peer", VisibleFailuresTest::answerHttp10))
        {
            final WebSocket<Object> ws = WebSocket.builder(http10.uri("ws", "/"))
                .engine(engine).backoff(FAST).build();
            final EventLog log = EventLog.attach(ws);

            final ExecutionException failure =
                assertThrows(ExecutionException.class, () -> ws.connect().get(5, TimeUnit.SECONDS));

            assertInstanceOf(HandshakeException.class, failure.getCause());
            assertEquals(1, log.all(EventType.CONNECTING).size(), "not retried");
            assertTrue(log.await(EventType.ERROR, WAIT).fatal());
        }
    }

    private static void answerHttp10(final Socket socket) throws IOException
    {
        try (socket)
        {
            RawUpgrade.readHead(socket.getInputStream());
            final OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    @Test
    void shouldSayTheServerEndedTheConnectionWhenItDropsTcp() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine).backoff(FAST).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            ws.sendText("drop");

            final DisconnectedEvent disconnected = log.await(EventType.DISCONNECTED, WAIT);
            assertEquals(1006, disconnected.code());
            assertTrue(disconnected.remote(), "the server ended TCP: " + disconnected);
        }
    }

    @Test
    void shouldNumberAttemptsTheSameInEveryEvent() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(server.uri("/reject?status=503")).engine(engine)
            .backoff(BackoffConfig.builder().base(Duration.ofMillis(10)).cap(Duration.ofMillis(20)).maxAttempts(2)
                .build())
            .build();
        final EventLog log = EventLog.attach(ws);
        assertThrows(ExecutionException.class, () -> ws.connect().get(10, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2, 3), log.all(EventType.CONNECTING).stream().map(ConnectingEvent::attempt).toList());
        assertEquals(List.of(2, 3), log.all(EventType.RECONNECTING).stream().map(ReconnectingEvent::attempt)
            .toList(), "each announces the attempt that follows it");

        try (WebSocket<Object> dropped = WebSocket.builder(server.uri("/echo")).engine(engine).backoff(FAST).build())
        {
            final EventLog events = EventLog.attach(dropped);
            dropped.connect().get(10, TimeUnit.SECONDS);
            dropped.sendText("drop");
            final int reconnectedAfter = events.await(EventType.RECONNECTED, WAIT).attempts();
            final List<ConnectingEvent> connecting = events.all(EventType.CONNECTING);
            assertEquals(connecting.get(connecting.size() - 1).attempt(), reconnectedAfter,
                "reconnected after the attempt connecting announced: " + connecting);
            assertEquals(1, reconnectedAfter);
        }
    }

    @Test
    void shouldDescribeASubscription() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine).build())
        {
            ws.connect().get(10, TimeUnit.SECONDS);
            final Subscription subscription = ws.subscribeText("{\"op\":\"subscribe\",\"channel\":\"trades\"}");
            assertEquals("Subscription{text {\"op\":\"subscribe\",\"channel\":\"trades\"}, active}",
                subscription.toString());
            subscription.cancel();
            assertTrue(subscription.toString().endsWith(", cancelled}"), subscription.toString());
        }
    }
}
