/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages the server sends at once, in the same TCP segment as the 101 response (Node corks the socket so they
 * leave in one write), are all delivered, in order, after onOpen. The larger cases overflow the engine's 64 KiB read
 * buffer, so frames straddle reads right after the handshake.
 */
class SnapshotInteropTest extends InteropTestSupport
{
    static Stream<Arguments> snapshotCases()
    {
        final int[][] countsAndSizes = {{1, 1}, {10, 16}, {50, 1000}, {200, 2000}, {3, 100_000}};
        final List<Arguments> cases = new ArrayList<>();
        for (final ServerKind kind : ServerKind.values())
        {
            for (final int[] countAndSize : countsAndSizes)
            {
                cases.add(Arguments.of(kind, countAndSize[0], countAndSize[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} messages of {2} bytes")
    @MethodSource("snapshotCases")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldDeliverFramesSentWithThe101InOrderAfterOnOpen(final ServerKind kind, final int count, final int size)
        throws Exception
    {
        final RecordingListener client = connect(
            launch(), server(kind).uri("/snapshot?count=" + count + "&size=" + size));
        client.awaitOpen();

        for (int i = 0; i < count; i++)
        {
            final RecordingListener.Message message = client.nextMessage();
            assertTrue(message.afterOpen(), () -> "message delivered before onOpen returned: " + client.describe());
            assertEquals(0 == i % 2 ? MessageType.TEXT : MessageType.BINARY, message.type(), "message " + i);
            assertArrayEquals(InteropData.snapshotMessage(i, size), message.payload(), "message " + i);
        }
        assertEquals("open", client.events.get(0));

        final byte[] after = "after the snapshot".getBytes(StandardCharsets.UTF_8);
        assertEquals(SendResult.OK, client.connection().sendText(after, 0, after.length));
        assertArrayEquals(after, client.nextMessage().payload());
        EchoInteropTest.closeNormally(client);
    }
}
