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

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.jetsocket.engine.interop.InteropData.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fragmented messages from the server are reassembled. The Node server splits the message between arbitrary bytes,
 * so text fragments end in the middle of multi-byte characters; Jetty splits text between characters.
 */
class FragmentationInteropTest extends InteropTestSupport
{
    static Stream<Arguments> fragmentCases()
    {
        final int[][] sizesAndFragments = {{0, 3}, {10, 2}, {1000, 5}, {1000, 100}, {200_000, 3}, {3 * MIB, 7}};
        final List<Arguments> cases = new ArrayList<>();
        for (final ServerKind kind : ServerKind.values())
        {
            for (final MessageType type : MessageType.values())
            {
                for (final int[] sizeAndFragments : sizesAndFragments)
                {
                    cases.add(Arguments.of(kind, type, sizeAndFragments[0], sizeAndFragments[1]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes in {3} fragments")
    @MethodSource("fragmentCases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldReassembleFragmentedMessage(
        final ServerKind kind, final MessageType type, final int size, final int fragments) throws Exception
    {
        final RecordingListener client = connect(launch(), server(kind).uri("/fragmented?fragments=" + fragments));
        client.awaitOpen();
        final Random random = new Random(size * 7L + fragments);

        for (int round = 0; round < 2; round++)
        {
            final byte[] payload = EchoInteropTest.payload(type, size, random);
            assertEquals(SendResult.OK, EchoInteropTest.send(client.connection(), type, payload));

            final RecordingListener.Message message = client.nextMessage();
            assertEquals(type, message.type(), "round " + round);
            assertArrayEquals(payload, message.payload(), "round " + round);
        }
        assertTrue(client.errors.isEmpty(), client::describe);
        EchoInteropTest.closeNormally(client);
    }
}
