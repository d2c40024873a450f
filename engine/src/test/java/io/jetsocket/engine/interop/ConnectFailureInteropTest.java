/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.WebSocketException;
import io.jetsocket.engine.handshake.HandshakeException;
import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.SteppedEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Connections that never open: the server refuses the upgrade with an HTTP status, nothing listens on the port, or
 * the peer accepts TCP and never answers. Each ends with onError then onClose(1006), and no onOpen.
 */
class ConnectFailureInteropTest extends InteropTestSupport
{
    static Stream<Arguments> rejectCases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final ServerKind kind : ServerKind.values())
        {
            for (final int status : new int[]{401, 403, 503})
            {
                cases.add(Arguments.of(kind, status));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rejectCases")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportRejectedHandshakeWithItsStatus(final ServerKind kind, final int status) throws Exception
    {
        final RecordingListener client = connect(launch(), server(kind).uri("/reject?status=" + status));

        final RecordingListener.Close close = client.awaitClose();

        assertNeverOpened(client, close);
        final List<HandshakeException> rejections = client.errorsOf(HandshakeException.class);
        assertEquals(1, rejections.size(), client::describe);
        final HandshakeException rejection = rejections.get(0);
        assertEquals(HandshakeException.Reason.REJECTED_STATUS, rejection.reason());
        assertEquals(status, rejection.statusCode());
        assertEquals(String.valueOf(status), rejection.headers().first("x-interop-status"),
            rejection.headers()::toString);
        if (401 == status)
        {
            assertEquals("Bearer realm=\"interop\"", rejection.headers().first("WWW-Authenticate"));
        }
        if (503 == status)
        {
            assertEquals("7", rejection.headers().first("Retry-After"));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportConnectionRefusedOnClosedPort() throws Exception
    {
        final int port = LoopbackServer.closedPort();
        final RecordingListener client = connect(launch(), "ws://127.0.0.1:" + port + "/echo");

        final RecordingListener.Close close = client.awaitClose();

        assertNeverOpened(client, close);
        assertEquals(1, client.errorsOf(WebSocketException.class).size(), client::describe);
        assertFalse(client.errors.get(0) instanceof TimeoutException, client::describe);
        assertEquals(SendResult.CLOSED, client.connection().sendText("nobody there"));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldTimeOutConnectWhenPeerAcceptsTcpButNeverAnswers() throws Exception
    {
        final long timeoutMs = 400;
        try (ServerSocket silent = new ServerSocket())
        {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8); // the kernel completes TCP
            final ConnectRequest request = ConnectRequest.builder("ws://127.0.0.1:" + silent.getLocalPort() + "/")
                .connectTimeoutNs(TimeUnit.MILLISECONDS.toNanos(timeoutMs))
                .build();
            final SteppedEngine stepped = stepped(context());
            final long startNs = stepped.nowNs();
            final RecordingListener client = connect(stepped.engine(), request, new RecordingListener());

            stepped.driveUntil(Duration.ofMillis(1), client.closed::isDone);
            final long engineMs = stepped.msSince(startNs);

            assertNeverOpened(client, client.awaitClose());
            assertTimedOutAfter(timeoutMs, engineMs, client);
            final List<TimeoutException> timeouts = client.errorsOf(TimeoutException.class);
            assertEquals(1, timeouts.size(), client::describe);
            assertEquals(TimeoutException.Operation.CONNECT, timeouts.get(0).operation());
        }
    }

    private static void assertNeverOpened(final RecordingListener client, final RecordingListener.Close close)
    {
        assertNotNull(close);
        assertEquals(1006, close.code(), client::describe);
        assertFalse(close.remote(), client::describe);
        assertEquals(0, client.openCount.get(), client::describe);
        assertEquals(List.of("error", "close"), client.events, client::describe);
    }
}
