/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.WebSocketException;
import io.jetsocket.engine.testing.SteppedEngine;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a connection ends once open: closed by us, closed by the server with various codes, TCP dropped by the
 * server, and a server that never answers our close frame.
 */
class CloseInteropTest extends InteropTestSupport
{
    static final long CLOSE_TIMEOUT_MS = 500;

    static Stream<Arguments> clientCloseCases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final ServerKind kind : ServerKind.values())
        {
            cases.add(Arguments.of(kind, 1000, "client done"));
            cases.add(Arguments.of(kind, 1001, ""));
            cases.add(Arguments.of(kind, 4000, "app-specific \u00fc\u00f1\u00ef\u00e7\u00f8d\u00e9 \u2713"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\"")
    @MethodSource("clientCloseCases")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCloseFromClientWithCodeAndReasonSeenByServer(final ServerKind kind, final int code, final String reason)
        throws Exception
    {
        final InteropServer server = server(kind);
        final String tag = newTag("client-close");
        final RecordingListener client = connect(launch(), server.uri("/echo?tag=" + tag));
        client.awaitOpen();

        assertEquals(SendResult.OK, client.connection().close(code, reason));
        final RecordingListener.Close close = client.awaitClose();

        assertEquals(code, close.code(), client::describe);
        assertFalse(close.remote(), client::describe);
        assertTrue(close.reason().isEmpty() || reason.equals(close.reason()), client::describe);
        assertTrue(client.errors.isEmpty(), client::describe);
        final ServerClose seen = server.awaitClose(tag, RecordingListener.AWAIT);
        assertEquals(new ServerClose(code, reason), seen);
        assertEquals(SendResult.CLOSED, client.connection().sendText("too late"));
    }

    static Stream<Arguments> serverCloseCases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final ServerKind kind : ServerKind.values())
        {
            cases.add(Arguments.of(kind, 1000, "normal"));
            cases.add(Arguments.of(kind, 1001, "going away"));
            cases.add(Arguments.of(kind, 1008, "policy: \u00e9t\u00e9 \u2713"));
            cases.add(Arguments.of(kind, 4000, ""));
            cases.add(Arguments.of(kind, 4999, "x".repeat(123)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\"")
    @MethodSource("serverCloseCases")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportServerCloseCodeAndReason(final ServerKind kind, final int code, final String reason)
        throws Exception
    {
        assertTrue(reason.getBytes(StandardCharsets.UTF_8).length <= 123);
        final InteropServer server = server(kind);
        final String tag = newTag("server-close");
        final RecordingListener client = connect(launch(), server.uri(
            "/close?code=" + code + "&reason=" + InteropData.query(reason) + "&tag=" + tag));

        final RecordingListener.Close close = client.awaitClose();

        assertEquals(1, client.openCount.get(), client::describe);
        assertEquals(new RecordingListener.Close(code, reason, true), close, client::describe);
        assertTrue(client.errors.isEmpty(), client::describe);
        assertEquals(code, server.awaitClose(tag, RecordingListener.AWAIT).code(), "the code we echoed");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReport1005ForServerCloseWithoutStatusCode(final ServerKind kind) throws Exception
    {
        final InteropServer server = server(kind);
        final String tag = newTag("no-status");
        final RecordingListener client = connect(launch(), server.uri("/close?code=none&tag=" + tag));

        final RecordingListener.Close close = client.awaitClose();

        assertEquals(new RecordingListener.Close(1005, "", true), close, client::describe);
        assertTrue(client.errors.isEmpty(), client::describe);
        assertEquals(1005, server.awaitClose(tag, RecordingListener.AWAIT).code(), "we answer with an empty close");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportAbnormalClosureWhenServerDropsTcp(final ServerKind kind) throws Exception
    {
        final RecordingListener client = connect(launch(), server(kind).uri("/drop"));
        client.awaitOpen();

        assertEquals(SendResult.OK, client.connection().sendText("drop me"));
        final RecordingListener.Close close = client.awaitClose();

        assertEquals(1006, close.code(), client::describe);
        assertFalse(close.remote(), client::describe);
        assertEquals(1, client.errorsOf(WebSocketException.class).size(), client::describe);
        assertEquals(List.of("open", "error", "close"), client.events, client::describe);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldTimeOutWhenServerNeverAnswersOurClose(final ServerKind kind) throws Exception
    {
        final SteppedEngine stepped =
            stepped(context().closeTimeoutNs(TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MS)));
        final RecordingListener client = connect(stepped.engine(), server(kind).uri("/silent-close"));
        stepped.driveUntil(Duration.ZERO, () -> 0 == client.opened.getCount() || client.closed.isDone());
        client.awaitOpen();

        final long startNs = stepped.nowNs();
        assertEquals(SendResult.OK, client.connection().close(1000, "are you there?"));
        stepped.driveUntil(Duration.ofMillis(1), client.closed::isDone);
        final long engineMs = stepped.msSince(startNs);

        final RecordingListener.Close close = client.awaitClose(Duration.ofSeconds(10));
        assertEquals(1006, close.code(), client::describe);
        assertFalse(close.remote(), client::describe);
        assertTimedOutAfter(CLOSE_TIMEOUT_MS, engineMs, client);
        final List<TimeoutException> timeouts = client.errorsOf(TimeoutException.class);
        assertEquals(1, timeouts.size(), client::describe);
        assertEquals(TimeoutException.Operation.CLOSE, timeouts.get(0).operation());
        assertEquals(List.of("open", "error", "close"), client.events, client::describe);
    }
}
