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
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
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

    private static int closedPort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
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
        final CachedNanoClock clock = new CachedNanoClock();
        final WebSocketEngine stepped = WebSocketEngine.embedded(new EngineContext()
            .roleName("connect-deadline-stepped-engine").nanoClock(clock));
        try
        {
            final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + closedPort() + "/").engine(stepped)
                .backoff(FAST).connectTimeout(Duration.ofMillis(300)).build();
            final EventLog log = EventLog.attach(ws);
            final CompletableFuture<Void> connected = ws.connect();
            final long startNs = clock.nanoTime();
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (!connected.isDone())
            {
                assertTrue(System.nanoTime() < deadline, "the connect never ended: " + log.names());
                if (0 == stepped.doWork())
                {
                    Thread.sleep(0, 200_000); // let the refusals arrive; the engine's clock stays put
                }
                if (!connected.isDone())
                {
                    clock.advance(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }

            final long engineMs = TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - startNs);
            final ExecutionException failure = assertThrows(ExecutionException.class, connected::get);
            assertInstanceOf(OperationTimeoutException.class, failure.getCause());
            assertTrue(causedBy(failure.getCause(), "Connection refused"), "cause attached: " + failure.getCause());
            assertTrue(engineMs >= 300 && engineMs <= 302, "ended at the connect timeout: " + engineMs + " ms");
            assertTrue(log.all(EventType.CONNECTING).size() > 3, "retried meanwhile: " + log.names());
            assertEquals(ConnectionState.FAILED, ws.state());
        }
        finally
        {
            stepped.close();
        }
    }

    @Test
    void shouldThrowTheRealCauseFromASyncConnect() throws Exception
    {
        final SyncWebSocket<Object> ws = SyncWebSocket.of(WebSocket.builder("ws://127.0.0.1:" + closedPort() + "/")
            .engine(engine).backoff(FAST).connectTimeout(Duration.ofMillis(300)).build());
        final long startNs = System.nanoTime();

        final RuntimeException failure = assertThrows(RuntimeException.class, ws::connect);

        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertTrue(causedBy(failure, "Connection refused"), "cause attached: " + failure);
        assertTrue(tookMs < 3000, "prompt: " + tookMs + " ms");
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
        try (ServerSocket http10 = new ServerSocket(0))
        {
            final Thread peer = new Thread(() -> answerHttp10(http10), "http10-peer");
            peer.setDaemon(true);
            peer.start();
            final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + http10.getLocalPort() + "/")
                .engine(engine).backoff(FAST).build();
            final EventLog log = EventLog.attach(ws);

            final ExecutionException failure =
                assertThrows(ExecutionException.class, () -> ws.connect().get(5, TimeUnit.SECONDS));

            assertInstanceOf(HandshakeException.class, failure.getCause());
            assertEquals(1, log.all(EventType.CONNECTING).size(), "not retried");
            assertTrue(log.await(EventType.ERROR, WAIT).fatal());
        }
    }

    private static void answerHttp10(final ServerSocket listener)
    {
        try
        {
            while (!listener.isClosed())
            {
                try (Socket socket = listener.accept())
                {
                    final InputStream in = socket.getInputStream();
                    final byte[] request = new byte[4096];
                    in.read(request);
                    final OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        }
        catch (final Exception ignore)
        {
            // closed by the test
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
