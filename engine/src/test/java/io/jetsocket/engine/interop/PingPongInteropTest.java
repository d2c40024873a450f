/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.SendResult;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pings both ways: the engine answers the server's ping on its own (the server confirms the pong's payload), and
 * pongs answering our pings reach the listener.
 */
class PingPongInteropTest extends InteropTestSupport
{
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldAnswerServerPingWithPong(final ServerKind kind) throws Exception
    {
        final String payload = "ping-\u2713-42";
        final RecordingListener client = connect(
            launch(), server(kind).uri("/ping?payload=" + InteropData.query(payload)));
        client.awaitOpen();

        assertArrayEquals(payload.getBytes(StandardCharsets.UTF_8), client.nextPing(), "ping seen by onPing");
        final RecordingListener.Message confirmation = client.nextMessage();
        assertEquals("pong:" + payload, confirmation.text(), "the server's report of our pong");
        assertTrue(client.errors.isEmpty(), client::describe);
        EchoInteropTest.closeNormally(client);
    }

    static Stream<Arguments> pingCases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final ServerKind kind : ServerKind.values())
        {
            for (final int length : new int[]{0, 7, 125})
            {
                cases.add(Arguments.of(kind, length, false));
                cases.add(Arguments.of(kind, length, true));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} bytes, sent from the engine thread: {2}")
    @MethodSource("pingCases")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldDeliverPongAnsweringOurPing(final ServerKind kind, final int length, final boolean fromCallback)
        throws Exception
    {
        final byte[] payload = InteropData.randomBytes(length, new Random(length));
        final UnsafeBuffer buffer = new UnsafeBuffer(payload);
        final CompletableFuture<Integer> callbackResult = new CompletableFuture<>();
        final RecordingListener client = new RecordingListener();
        if (fromCallback)
        {
            client.onOpenDo((connection) -> callbackResult.complete(connection.sendPing(buffer, 0, length)));
        }
        connect(launch(), ConnectRequest.of(server(kind).uri("/echo")), client);
        client.awaitOpen();

        final int result = fromCallback ?
            callbackResult.get(5, TimeUnit.SECONDS) : client.connection().sendPing(buffer, 0, length);
        assertEquals(SendResult.OK, result, () -> SendResult.describe(result));
        assertArrayEquals(payload, client.nextPong());

        final byte[] second = "second ping".getBytes(StandardCharsets.US_ASCII);
        assertEquals(SendResult.OK, client.connection().sendPing(new UnsafeBuffer(second), 0, second.length));
        assertArrayEquals(second, client.nextPong());
        assertTrue(client.errors.isEmpty(), client::describe);
        EchoInteropTest.closeNormally(client);
    }
}
