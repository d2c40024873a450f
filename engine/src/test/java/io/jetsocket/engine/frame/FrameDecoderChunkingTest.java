/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.jetsocket.engine.frame.FrameDecoderRfcExamplesTest.FRAGMENTED_HEL;
import static io.jetsocket.engine.frame.FrameDecoderRfcExamplesTest.FRAGMENTED_LO;
import static io.jetsocket.engine.frame.FrameDecoderRfcExamplesTest.UNMASKED_HELLO;
import static io.jetsocket.engine.frame.FrameDecoderRfcExamplesTest.UNMASKED_PING;
import static io.jetsocket.engine.frame.FrameDecoderRfcExamplesTest.UNMASKED_PONG;
import static io.jetsocket.engine.frame.FrameDecoderRfcExamplesTest.binary256Frame;
import static io.jetsocket.engine.frame.FrameDecoderRfcExamplesTest.pattern;
import static io.jetsocket.engine.frame.TestFrames.FIN_BINARY;
import static io.jetsocket.engine.frame.TestFrames.FIN_CONTINUATION;
import static io.jetsocket.engine.frame.TestFrames.FIN_TEXT;
import static io.jetsocket.engine.frame.TestFrames.LENGTH_16;
import static io.jetsocket.engine.frame.TestFrames.LENGTH_64;
import static io.jetsocket.engine.frame.TestFrames.bytes;
import static io.jetsocket.engine.frame.TestFrames.concat;
import static io.jetsocket.engine.frame.TestFrames.frame;
import static io.jetsocket.engine.frame.TestFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * However the bytes of a frame sequence are cut into reads, the decoder must deliver the same messages and control
 * frames, fail the same way, and deliver in place exactly the same messages. Each sequence is split into two reads
 * at every byte boundary, and fed one byte at a time, through a read buffer of {@value #CAPACITY} bytes so that
 * some frames fit it and some must be streamed.
 */
class FrameDecoderChunkingTest
{
    static final int CAPACITY = 200;
    static final int MAX_FRAME = 1000;
    static final int MAX_MESSAGE = 1500;
    static final int MAX_FRAGMENTS = 8;

    static Stream<Arguments> sequences()
    {
        final Random random = new Random(200);
        final byte[] kosme = utf8("κόσμε");
        final byte[] ping125 = TestFrames.randomBytes(random, 125);
        final byte[] binary150 = TestFrames.randomBytes(random, 150);
        final byte[] text600 = TestFrames.randomUtf8(random, 600);
        final byte[] binary196 = TestFrames.randomBytes(random, 196);
        final byte[] binary197 = TestFrames.randomBytes(random, 197);
        final byte[] binary300 = TestFrames.randomBytes(random, 300);
        final byte[] binary250 = TestFrames.randomBytes(random, 250);
        final byte[] invalidText = TestFrames.randomUtf8(random, 500);
        invalidText[300] = (byte)0xFF;

        return Stream.of(
            arguments("RFC 6455 5.7 examples", concat(
                UNMASKED_HELLO, FRAGMENTED_HEL, UNMASKED_PING, FRAGMENTED_LO, UNMASKED_PONG, binary256Frame()),
                outcome(DecoderState.FRAME_START, 0,
                    FrameEvent.text("Hello"), FrameEvent.ping("Hello"), FrameEvent.text("Hello"),
                    FrameEvent.pong("Hello"), FrameEvent.binary(pattern(256)))),

            arguments("control frames between fragments", concat(
                frame(Opcode.TEXT, Arrays.copyOf(kosme, 3)),
                TestFrames.ping("p1"),
                frame(Opcode.CONTINUATION, Arrays.copyOfRange(kosme, 3, kosme.length)),
                TestFrames.pong(""),
                frame(Opcode.CONTINUATION, new byte[0]),
                frame(TestFrames.FIN_PING, ping125),
                frame(FIN_CONTINUATION, utf8(" end€")),
                frame(FIN_BINARY, binary150, LENGTH_64),
                TestFrames.close(1000, "bye")),
                outcome(DecoderState.CLOSED, 0,
                    FrameEvent.ping("p1"), FrameEvent.pong(""), FrameEvent.ping(ping125),
                    FrameEvent.text("κόσμε end€"), FrameEvent.binary(binary150), FrameEvent.close(1000, "bye"))),

            arguments("frames at, below and above the buffer size", concat(
                frame(FIN_TEXT, text600),
                frame(FIN_BINARY, binary196),
                frame(FIN_BINARY, binary197),
                frame(Opcode.BINARY, binary300),
                TestFrames.ping("between large fragments"),
                frame(FIN_CONTINUATION, binary250, LENGTH_64),
                frame(FIN_TEXT, utf8("short"), LENGTH_16),
                TestFrames.text("ß€𝄞 multi-byte text that fits in place")),
                outcome(DecoderState.FRAME_START, 0,
                    FrameEvent.text(text600), FrameEvent.binary(binary196), FrameEvent.binary(binary197),
                    FrameEvent.ping("between large fragments"), FrameEvent.binary(concat(binary300, binary250)),
                    FrameEvent.text("short"), FrameEvent.text("ß€𝄞 multi-byte text that fits in place"))),

            arguments("invalid UTF-8 in a streamed frame", concat(
                TestFrames.text("ok"), frame(FIN_TEXT, invalidText), TestFrames.text("never")),
                outcome(DecoderState.FAILED, CloseCode.INVALID_PAYLOAD, FrameEvent.text("ok"))),

            arguments("invalid UTF-8 in a fitting frame", concat(
                TestFrames.text("ok"), frame(FIN_TEXT, bytes('a', 0xED, 0xA0, 0x80, 'b')), TestFrames.text("never")),
                outcome(DecoderState.FAILED, CloseCode.INVALID_PAYLOAD, FrameEvent.text("ok"))),

            arguments("oversized control frame", concat(
                TestFrames.binary(bytes(1)), bytes(0x89, 0x7E, 0x00, 0x05), TestFrames.text("never")),
                outcome(DecoderState.FAILED, CloseCode.PROTOCOL_ERROR, FrameEvent.binary(bytes(1)))),

            arguments("message over the limit", concat(
                TestFrames.ping("x"), frame(Opcode.BINARY, new byte[800]), frame(FIN_CONTINUATION, new byte[800])),
                outcome(DecoderState.FAILED, CloseCode.MESSAGE_TOO_BIG, FrameEvent.ping("x"))),

            arguments("data after close", concat(
                TestFrames.close(1001, "away"), TestFrames.text("ignored"), bytes(0x81, 0xFF, 0x00)),
                outcome(DecoderState.CLOSED, 0, FrameEvent.close(1001, "away"))),

            arguments("incomplete frame at the end", concat(
                TestFrames.text("a"), bytes(0x82, 0x7E, 0x01)),
                outcome(DecoderState.FRAME_START, 0, FrameEvent.text("a"))));
    }

    private static List<Object> outcome(final DecoderState state, final int failureCode, final FrameEvent... events)
    {
        final List<Object> outcome = new ArrayList<>(Arrays.asList(events));
        outcome.add(state);
        outcome.add(failureCode);
        return outcome;
    }

    private static DecoderHarness harness()
    {
        return new DecoderHarness(CAPACITY, MAX_FRAME, MAX_MESSAGE, MAX_FRAGMENTS);
    }

    private static List<Boolean> zeroCopyFlags(final DecoderHarness harness)
    {
        final List<Boolean> flags = new ArrayList<>();
        for (final FrameEvent event : harness.events())
        {
            flags.add(event.zeroCopy());
        }
        return flags;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void shouldDecodeTheWholeSequenceAsExpected(final String name, final byte[] input, final List<Object> expected)
    {
        final DecoderHarness harness = harness().feed(input);

        assertEquals(expected, harness.outcome());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void shouldDecodeIdenticallyWhenSplitIntoTwoReadsAtEveryByte(
        final String name, final byte[] input, final List<Object> expected)
    {
        final DecoderHarness whole = harness().feed(input);
        for (int split = 0; split <= input.length; split++)
        {
            final DecoderHarness harness = harness();
            harness.feed(input, 0, split);
            harness.feed(input, split, input.length - split);

            assertEquals(expected, harness.outcome(), "split at " + split);
            assertEquals(zeroCopyFlags(whole), zeroCopyFlags(harness), "in-place delivery, split at " + split);
            assertEquals(whole.unconsumed(), harness.unconsumed(), "split at " + split);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void shouldDecodeIdenticallyWhenFedOneByteAtATime(
        final String name, final byte[] input, final List<Object> expected)
    {
        final DecoderHarness whole = harness().feed(input);
        final DecoderHarness harness = harness().feedInChunks(input, (remaining) -> 1);

        assertEquals(expected, harness.outcome());
        assertEquals(zeroCopyFlags(whole), zeroCopyFlags(harness));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void shouldDecodeIdenticallyInRandomReadsThroughBuffersOfOtherSizes(
        final String name, final byte[] input, final List<Object> expected)
    {
        final Random random = new Random(name.hashCode());
        for (final int capacity : new int[]{139, 140, 257, 4096, 65536})
        {
            for (int trial = 0; trial < 20; trial++)
            {
                final DecoderHarness harness = new DecoderHarness(capacity, MAX_FRAME, MAX_MESSAGE, MAX_FRAGMENTS);
                harness.feedInChunks(input, (remaining) -> 1 + random.nextInt(Math.min(remaining, 300)));

                assertEquals(expected, harness.outcome(), "capacity " + capacity + " trial " + trial);
            }
        }
    }
}
