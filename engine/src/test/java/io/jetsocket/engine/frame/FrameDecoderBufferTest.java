/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jetsocket.engine.frame.TestFrames.FIN_BINARY;
import static io.jetsocket.engine.frame.TestFrames.FIN_CONTINUATION;
import static io.jetsocket.engine.frame.TestFrames.FIN_TEXT;
import static io.jetsocket.engine.frame.TestFrames.LENGTH_16;
import static io.jetsocket.engine.frame.TestFrames.LENGTH_64;
import static io.jetsocket.engine.frame.TestFrames.concat;
import static io.jetsocket.engine.frame.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder against the size of the engine's read buffer: frames that fit are waited for and delivered in place,
 * larger ones are streamed into the reassembly buffer, and neither ever leaves the buffer full and stuck.
 */
class FrameDecoderBufferTest
{
    private static final int CAPACITY = 1024;

    @ParameterizedTest
    @ValueSource(ints = {TestFrames.LENGTH_16, TestFrames.LENGTH_64})
    void shouldDeliverFrameOfExactlyTheBufferCapacityInPlace(final int lengthForm)
    {
        final int headerLength = LENGTH_16 == lengthForm ? 4 : 10;
        final byte[] payload = TestFrames.randomBytes(new Random(CAPACITY), CAPACITY - headerLength);
        final byte[] input = concat(TestFrames.ping("first"), frame(FIN_BINARY, payload, lengthForm));
        assertEquals(CAPACITY, input.length - TestFrames.ping("first").length);

        for (final int chunk : new int[]{1, 7, 100, 1000, input.length})
        {
            final DecoderHarness harness = new DecoderHarness(CAPACITY);
            harness.feedInChunks(input, (remaining) -> chunk);

            assertEquals(List.of(FrameEvent.ping("first"), FrameEvent.binary(payload)), harness.events());
            assertTrue(harness.events().get(1).zeroCopy(), "a frame of exactly the capacity fits: chunk " + chunk);
            assertEquals(0, harness.unconsumed());
        }
    }

    @Test
    void shouldValidateTextFrameOfExactlyTheBufferCapacityInPlace()
    {
        final byte[] payload = TestFrames.randomUtf8(new Random(7), CAPACITY - 4 - 3);
        final byte[] padded = concat(payload, TestFrames.utf8("x".repeat(CAPACITY - 4 - payload.length)));
        final byte[] input = frame(FIN_TEXT, padded, LENGTH_16);
        assertEquals(CAPACITY, input.length);

        final DecoderHarness harness = new DecoderHarness(CAPACITY).feedInChunks(input, (remaining) -> 13);

        assertEquals(List.of(FrameEvent.text(padded)), harness.events());
        assertTrue(harness.events().get(0).zeroCopy());
    }

    @ParameterizedTest
    @ValueSource(ints = {TestFrames.LENGTH_16, TestFrames.LENGTH_64})
    void shouldStreamFrameOfOneByteMoreThanTheBufferCapacity(final int lengthForm)
    {
        final int headerLength = LENGTH_16 == lengthForm ? 4 : 10;
        final byte[] payload = TestFrames.randomBytes(new Random(CAPACITY + 1), CAPACITY + 1 - headerLength);
        final byte[] input = concat(TestFrames.pong("first"), frame(FIN_BINARY, payload, lengthForm));

        for (final int chunk : new int[]{1, 7, 100, 1000, input.length})
        {
            final DecoderHarness harness = new DecoderHarness(CAPACITY);
            harness.feedInChunks(input, (remaining) -> chunk);

            assertEquals(List.of(FrameEvent.pong("first"), FrameEvent.binary(payload)), harness.events());
            assertFalse(harness.events().get(1).zeroCopy(), "streamed through the reassembly buffer: chunk " + chunk);
            assertEquals(DecoderState.FRAME_START, harness.decoder().state());
        }
    }

    @Test
    void shouldStreamTextMessagesMuchLargerThanTheBuffer()
    {
        final Random random = new Random(11);
        final byte[] single = TestFrames.randomUtf8(random, 1024 * 1024);
        final byte[] fragmented = TestFrames.randomUtf8(random, 300 * 1024);
        final byte[] input = concat(
            frame(FIN_TEXT, single),
            frame(Opcode.TEXT, Arrays.copyOfRange(fragmented, 0, 100_001)),
            TestFrames.ping("mid"),
            frame(Opcode.CONTINUATION, Arrays.copyOfRange(fragmented, 100_001, 100_002)),
            TestFrames.pong("mid"),
            frame(FIN_CONTINUATION, Arrays.copyOfRange(fragmented, 100_002, fragmented.length), LENGTH_64),
            TestFrames.text("small after large"));

        final DecoderHarness harness = new DecoderHarness(4096);
        harness.feedInChunks(input, (remaining) -> 1 + random.nextInt(9000));

        assertEquals(List.of(
            FrameEvent.text(single),
            FrameEvent.ping("mid"),
            FrameEvent.pong("mid"),
            FrameEvent.text(fragmented),
            FrameEvent.text("small after large")), harness.events());
        assertTrue(harness.events().get(4).zeroCopy());
    }

    @Test
    void shouldKeepLargeMessageIntactWhenControlFramesArriveBetweenStreamedFragments()
    {
        final Random random = new Random(12);
        final byte[] first = TestFrames.randomBytes(random, 5000);
        final byte[] second = TestFrames.randomBytes(random, 7000);
        final byte[] input = concat(
            frame(Opcode.BINARY, first),
            TestFrames.ping("1"),
            TestFrames.pong("2"),
            TestFrames.ping(""),
            frame(FIN_CONTINUATION, second));

        final DecoderHarness harness = new DecoderHarness(CAPACITY).feed(input);

        assertEquals(List.of(
            FrameEvent.ping("1"),
            FrameEvent.pong("2"),
            FrameEvent.ping(""),
            FrameEvent.binary(concat(first, second))), harness.events());
        assertTrue(harness.events().get(0).zeroCopy(), "control frames are always delivered in place");
    }

    @Test
    void shouldDecodeTenThousandTinyFramesInOne64KiBRead()
    {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final List<FrameEvent> expected = new ArrayList<>();
        int frames = 0;
        for (int i = 0; frames < 10_000; i++)
        {
            final byte[] payload = {(byte)(i >>> 8), (byte)i, 'x', (byte)(i % 100)};
            switch (i % 5)
            {
                case 0:
                    wire.writeBytes(frame(FIN_BINARY, payload));
                    expected.add(FrameEvent.binary(payload));
                    frames++;
                    break;
                case 1:
                    wire.writeBytes(TestFrames.text("t" + (i % 1000)));
                    expected.add(FrameEvent.text("t" + (i % 1000)));
                    frames++;
                    break;
                case 2:
                    wire.writeBytes(frame(TestFrames.FIN_PING, payload));
                    expected.add(FrameEvent.ping(payload));
                    frames++;
                    break;
                case 3:
                    wire.writeBytes(frame(Opcode.TEXT, TestFrames.utf8("ab")));
                    wire.writeBytes(frame(FIN_CONTINUATION, TestFrames.utf8("c")));
                    expected.add(FrameEvent.text("abc"));
                    frames += 2;
                    break;
                default:
                    wire.writeBytes(frame(TestFrames.FIN_PONG, new byte[0]));
                    expected.add(FrameEvent.pong(new byte[0]));
                    frames++;
                    break;
            }
        }
        final byte[] input = wire.toByteArray();
        assertTrue(input.length <= 65536, "all frames fit one read: " + input.length);

        final DecoderHarness harness = new DecoderHarness(65536).feed(input);

        assertEquals(1, harness.decodeCalls(), "one read, one decode call");
        assertEquals(input.length, harness.bytesConsumed());
        assertEquals(expected, harness.events());
    }

    @Test
    void shouldReleaseAndRecreateAnOversizedReassemblyBuffer()
    {
        final Random random = new Random(13);
        final byte[] huge = TestFrames.randomBytes(random, 300 * 1024);
        final byte[] small = TestFrames.randomBytes(random, 3000);
        final byte[] input = concat(
            frame(Opcode.BINARY, Arrays.copyOf(huge, 1000)),
            frame(FIN_CONTINUATION, Arrays.copyOfRange(huge, 1000, huge.length)),
            frame(Opcode.BINARY, Arrays.copyOf(small, 10)),
            frame(FIN_CONTINUATION, Arrays.copyOfRange(small, 10, small.length)),
            frame(FIN_BINARY, huge));

        final DecoderHarness harness = new DecoderHarness(CAPACITY).feedInChunks(input, (remaining) -> 4000);

        assertEquals(List.of(FrameEvent.binary(huge), FrameEvent.binary(small), FrameEvent.binary(huge)),
            harness.events());
    }

    @Test
    void shouldRejectConstructionWithABufferTooSmallForAControlFrame()
    {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(1000, 1000, 138, 10));
        new FrameDecoder(1000, 1000, 139, 10);
    }

    @Test
    void shouldRejectConstructionWithLimitsOutOfRange()
    {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(1000, Integer.MAX_VALUE - 7L, 1024, 10));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(1000, -1, 1024, 10));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(-1, 1000, 1024, 10));
        new FrameDecoder(Long.MAX_VALUE, Integer.MAX_VALUE - 8L, 1024, 10);
    }
}
