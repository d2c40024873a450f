/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random round trips: random messages (text and binary, 0 to 200 KiB), randomly fragmented, with control
 * frames between fragments, written as frames and decoded through read buffers of random sizes in random reads.
 * Server frames are built by the test in random (also non-minimal) header forms; client frames come from
 * {@link FrameEncoder}, are checked and unmasked by the test, and replayed unmasked to the decoder.
 */
class FrameDecoderRoundTripTest
{
    private static final int[] CAPACITIES = {139, 512, 4096, 65536, 300_000};
    private static final int[] CLOSE_CODES = {1000, 1001, 1003, 1008, 1011, 3000, 4999};

    /**
     * Where the test writes each generated frame.
     */
    @FunctionalInterface
    private interface FrameSink
    {
        void write(int firstByte, byte[] payload);
    }

    @Test
    void shouldDecodeRandomServerFrameSequences()
    {
        final Random random = new Random(0x5EED_0001L);
        for (int iteration = 0; iteration < 3000; iteration++)
        {
            final ByteArrayOutputStream wire = new ByteArrayOutputStream();
            final FrameSink sink = (firstByte, payload) ->
                wire.writeBytes(TestFrames.frameWithRandomHeader(firstByte, payload, random));

            final List<FrameEvent> expected = generate(random, sink);

            assertDecodes(expected, wire.toByteArray(), random, "iteration " + iteration);
        }
    }

    @Test
    void shouldDecodeWhatTheEncoderProducesOnceUnmasked()
    {
        final Random random = new Random(0x5EED_0002L);
        final FrameEncoder encoder = new FrameEncoder(new MaskKeySource(ScriptedSecureRandom.seeded(77)));
        final MaskKeySource expectedKeys = new MaskKeySource(ScriptedSecureRandom.seeded(77));
        final UnsafeBuffer encoded = new UnsafeBuffer(new byte[256 * 1024]);
        for (int iteration = 0; iteration < 1500; iteration++)
        {
            final ByteArrayOutputStream wire = new ByteArrayOutputStream();
            final FrameSink sink = (firstByte, payload) ->
            {
                final int offset = random.nextInt(64);
                final int written = encoder.encode(firstByte, payload, 0, payload.length, encoded, offset);
                final ClientFrame frame = ClientFrame.parse(encoded, offset);
                assertEquals(FrameEncoder.frameLength(payload.length), written);
                assertEquals(frame.frameLength(), written);
                assertEquals(FrameEncoder.headerLength(payload.length), frame.headerLength, "minimal header");
                assertEquals(firstByte, frame.firstByte);
                assertTrue(frame.masked, "client frames are masked");
                assertEquals(expectedKeys.nextKey(), frame.maskKey);
                assertArrayEquals(payload, frame.payload, "unmasked payload");
                wire.writeBytes(frame.asServerFrame());
            };

            final List<FrameEvent> expected = generate(random, sink);

            assertDecodes(expected, wire.toByteArray(), random, "iteration " + iteration);
        }
    }

    private static void assertDecodes(
        final List<FrameEvent> expected, final byte[] wire, final Random random, final String message)
    {
        final int capacity = CAPACITIES[random.nextInt(CAPACITIES.length)];
        final DecoderHarness harness = new DecoderHarness(capacity);
        harness.feedInChunks(wire, chunker(random));

        assertEquals(expected, harness.events(), message + ", capacity " + capacity);
        final boolean closed = !expected.isEmpty() && FrameEvent.CLOSE.equals(expected.get(expected.size() - 1).kind());
        assertEquals(closed ? DecoderState.CLOSED : DecoderState.FRAME_START, harness.decoder().state(), message);
        assertEquals(0, harness.unconsumed(), message);
        for (final FrameEvent event : harness.events())
        {
            if (event.zeroCopy() && FrameEvent.MESSAGE.equals(event.kind()))
            {
                assertTrue(event.payload().length + 2 <= capacity, message + ": in place but larger than the buffer");
            }
        }
    }

    private static IntUnaryOperator chunker(final Random random)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return (remaining) -> 1 + random.nextInt(16);
            case 1:
                return (remaining) -> 1 + random.nextInt(1500);
            case 2:
                return (remaining) -> 1 + random.nextInt(70_000);
            default:
                return (remaining) -> remaining;
        }
    }

    /**
     * Write a random sequence of messages and control frames to the sink; return the events it must decode to.
     */
    private static List<FrameEvent> generate(final Random random, final FrameSink sink)
    {
        final List<FrameEvent> expected = new ArrayList<>();
        final int messages = 1 + random.nextInt(4);
        for (int m = 0; m < messages; m++)
        {
            final int opcode = random.nextBoolean() ? Opcode.TEXT : Opcode.BINARY;
            final int size = randomSize(random);
            final byte[] payload = Opcode.TEXT == opcode ?
                TestFrames.randomUtf8(random, size) : TestFrames.randomBytes(random, size);
            writeFragmented(random, sink, expected, opcode, payload);
            expected.add(FrameEvent.message(opcode, payload));
            if (random.nextInt(4) == 0)
            {
                writeControl(random, sink, expected);
            }
        }
        if (random.nextInt(8) == 0)
        {
            final int code = CLOSE_CODES[random.nextInt(CLOSE_CODES.length)];
            final byte[] reason = TestFrames.randomUtf8(random, random.nextInt(100));
            sink.write(TestFrames.FIN_CLOSE, TestFrames.closePayload(code, reason));
            expected.add(FrameEvent.close(code, reason));
            sink.write(TestFrames.FIN_TEXT, TestFrames.utf8("ignored after close"));
        }
        return expected;
    }

    private static int randomSize(final Random random)
    {
        final int bucket = random.nextInt(20);
        if (bucket < 10)
        {
            return random.nextInt(126);
        }
        if (bucket < 16)
        {
            return random.nextInt(4097);
        }
        if (bucket < 19)
        {
            return random.nextInt(70_000);
        }
        return random.nextInt(200 * 1024 + 1);
    }

    private static void writeFragmented(
        final Random random,
        final FrameSink sink,
        final List<FrameEvent> expected,
        final int opcode,
        final byte[] payload)
    {
        final int fragments = random.nextBoolean() ? 1 : 2 + random.nextInt(5);
        final int[] cuts = new int[fragments + 1];
        for (int i = 1; i < fragments; i++)
        {
            cuts[i] = random.nextInt(payload.length + 1);
        }
        cuts[fragments] = payload.length;
        Arrays.sort(cuts);
        for (int i = 0; i < fragments; i++)
        {
            if (i > 0 && random.nextInt(3) == 0)
            {
                writeControl(random, sink, expected);
            }
            final int firstByte = (i == fragments - 1 ? Opcode.FIN_BIT : 0) | (0 == i ? opcode : Opcode.CONTINUATION);
            sink.write(firstByte, Arrays.copyOfRange(payload, cuts[i], cuts[i + 1]));
        }
    }

    private static void writeControl(final Random random, final FrameSink sink, final List<FrameEvent> expected)
    {
        final byte[] payload = TestFrames.randomBytes(random, random.nextInt(126));
        if (random.nextBoolean())
        {
            sink.write(TestFrames.FIN_PING, payload);
            expected.add(FrameEvent.ping(payload));
        }
        else
        {
            sink.write(TestFrames.FIN_PONG, payload);
            expected.add(FrameEvent.pong(payload));
        }
    }
}
