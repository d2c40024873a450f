/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.ReconnectingEvent;
import io.jetsocket.engine.handshake.HandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against the Node.js {@code ws} server out of process (the engine's interop script,
 * {@code engine/src/test/node/ws-server.js}; run {@code npm ci} there first). Skipped when node or the
 * script's dependencies are missing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NodeInteropTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final BackoffConfig FAST = BackoffConfig.builder()
        .base(Duration.ofMillis(20)).cap(Duration.ofMillis(100)).build();

    @RegisterExtension
    static final NodeServerAndEngine FIXTURE = new NodeServerAndEngine("node-interop-engine");

    private static String uri(final String pathAndQuery)
    {
        return FIXTURE.node().uri(pathAndQuery);
    }

    @Test
    void shouldEchoJsonAndCloseCleanly() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(uri("/echo?tag=clean")).engine(FIXTURE.engine()).build();
        ws.connect().get(10, TimeUnit.SECONDS);
        ws.send(Map.of("op", "subscribe", "n", 3));
        assertEquals(Map.of("op", "subscribe", "n", 3L), ws.recv(WAIT));

        final ClosedEvent closed = ws.close(4000, "bye").get(10, TimeUnit.SECONDS);

        assertEquals(4000, closed.code());
        assertEquals("CLOSE clean 4000 " + ScriptServer.hex("bye"),
            FIXTURE.node().awaitClose("clean", WAIT));
    }

    @Test
    void shouldMeasureHeartbeatLatencyFromWsAutomaticPongs() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(uri("/echo")).engine(FIXTURE.engine())
            .heartbeat(HeartbeatConfig.builder().interval(Duration.ofMillis(50)).timeout(Duration.ofMillis(40))
                .payload("node".getBytes(StandardCharsets.US_ASCII)).build())
            .build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);
            log.awaitCount(EventType.PONG, 2, WAIT);
            assertTrue(ws.latencyMs().isPresent());
        }
    }

    @Test
    void shouldFailOnA401AndRetryA503() throws Exception
    {
        final WebSocket<Object> unauthorized = WebSocket.builder(uri("/reject?status=401")).engine(FIXTURE.engine())
            .backoff(FAST).build();
        final ExecutionException fatal = assertThrows(ExecutionException.class,
            () -> unauthorized.connect().get(10, TimeUnit.SECONDS));
        assertEquals(401, assertInstanceOf(HandshakeException.class, fatal.getCause()).statusCode());
        assertEquals(ConnectionState.FAILED, unauthorized.state());

        // The server's 503 carries Retry-After: 7; honoured (it sets the next delay), capped here to keep it short.
        final WebSocket<Object> unavailable = WebSocket.builder(uri("/reject?status=503")).engine(FIXTURE.engine())
            .backoff(BackoffConfig.builder().base(Duration.ofMillis(10)).maxAttempts(2).build())
            .maxRetryAfter(Duration.ofMillis(20)).build();
        final EventLog log = EventLog.attach(unavailable);
        final ExecutionException exhausted = assertThrows(ExecutionException.class,
            () -> unavailable.connect().get(10, TimeUnit.SECONDS));
        assertInstanceOf(RetriesExhaustedException.class, exhausted.getCause());
        assertEquals(3, log.all(EventType.CONNECTING).size());
        for (final ReconnectingEvent reconnecting : log.all(EventType.RECONNECTING))
        {
            assertEquals(Duration.ofMillis(20), reconnecting.delay(), "Retry-After 7 s, capped at 20 ms");
        }
    }

    @Test
    void shouldStopOnPolicyViolationAndReconnectAfterADrop() throws Exception
    {
        final WebSocket<Object> policy = WebSocket.builder(uri("/close?code=1008&reason=policy"))
            .engine(FIXTURE.engine())
            .backoff(FAST).build();
        policy.connect().get(10, TimeUnit.SECONDS);
        final ClosedEvent closed = policy.closeFuture().get(10, TimeUnit.SECONDS);
        assertEquals(1008, closed.code());
        assertEquals(ConnectionState.FAILED, closed.state());

        try (WebSocket<Object> dropped = WebSocket.builder(uri("/drop")).engine(FIXTURE.engine()).backoff(FAST).build())
        {
            final EventLog log = EventLog.attach(dropped);
            dropped.connect().get(10, TimeUnit.SECONDS);
            dropped.sendText("1");
            assertEquals(1006, log.await(EventType.DISCONNECTED, WAIT).code());
            assertEquals(1, log.await(EventType.RECONNECTED, WAIT).attempts());
        }
    }
}
