/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds arbitrary bytes, as server frames, through the engine-like read loop of {@link DecoderHarness}: whole, one
 * byte at a time, and in pseudo-random reads (seeded by the input) through read buffers of other sizes. Only
 * invariants are asserted: nothing throws, the decoder consumes at most what it is offered (all of it once failed
 * or closed) and never stalls on a full buffer, messages and control frames stay within the limits, text and close
 * reasons are valid UTF-8 according to the JDK, a failure carries 1002, 1007 or 1009, and every way of cutting the
 * input gives the same outcome (an unfinished frame may be waited for or streamed, depending on the buffer size).
 * <p>
 * Without {@code JAZZER_FUZZ} set, only the seeds in {@code FrameDecoderFuzzTestInputs/<method>/} run, as regression
 * tests; their names say what each must decode to (checked by {@link #shouldClassifyEverySeedAsItsNameSays()}).
 */
class FrameDecoderFuzzTest
{
    static final int CAPACITY = 256;
    static final int MAX_FRAME = 1000;
    static final int MAX_MESSAGE = 3000;
    static final int MAX_FRAGMENTS = 8;
    private static final String SEEDS = "FrameDecoderFuzzTestInputs/shouldKeepInvariantsOnArbitraryServerBytes";

    @FuzzTest(maxDuration = "60s")
    void shouldKeepInvariantsOnArbitraryServerBytes(final byte[] data)
    {
        final List<Object> whole = decode(data, CAPACITY, (remaining) -> remaining);
        final List<Object> oneByte = decode(data, CAPACITY, (remaining) -> 1);
        final SplittableRandom random = new SplittableRandom(Arrays.hashCode(data));
        final List<Object> smallBuffer = decode(data, 139, (remaining) -> 1 + random.nextInt(remaining));
        final List<Object> largeBuffer = decode(data, 4096, (remaining) -> 1 + random.nextInt(remaining));

        assertEquals(whole, oneByte, "fed one byte at a time");
        assertEquals(whole, smallBuffer, "random reads into a 139-byte buffer");
        assertEquals(whole, largeBuffer, "random reads into a 4096-byte buffer");
    }

    @Test
    void shouldClassifyEverySeedAsItsNameSays() throws IOException, URISyntaxException
    {
        final URL seeds = FrameDecoderFuzzTest.class.getResource(SEEDS);
        assertNotNull(seeds, "seed corpus missing from the test classpath");
        final List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(seeds.toURI())))
        {
            files = list.sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 20, "only " + files.size() + " seeds");

        for (final Path file : files)
        {
            final String name = file.getFileName().toString();
            final List<Object> outcome = decode(Files.readAllBytes(file), CAPACITY, (remaining) -> remaining);
            final Object state = outcome.get(outcome.size() - 2);
            final Object code = outcome.get(outcome.size() - 1);
            final String kind = name.substring(0, name.indexOf('_'));
            switch (kind)
            {
                case "valid":
                    assertTrue(DecoderState.FAILED != state && DecoderState.CLOSED != state, name + " " + outcome);
                    assertTrue(outcome.size() > 2, name + " should deliver something");
                    break;
                case "close":
                    assertEquals(DecoderState.CLOSED, state, name + " " + outcome);
                    break;
                case "e1002":
                case "e1007":
                case "e1009":
                    assertEquals(DecoderState.FAILED, state, name + " " + outcome);
                    assertEquals(Integer.parseInt(kind.substring(1)), code, name + " " + outcome);
                    break;
                default:
                    throw new AssertionError("seed " + name + " should start with valid_, close_ or e100x_");
            }
        }
    }

    /**
     * Decode through the harness, checking the invariants; return the outcome (events, state, failure code).
     */
    static List<Object> decode(final byte[] data, final int capacity, final IntUnaryOperator chunker)
    {
        final DecoderHarness harness = new DecoderHarness(capacity, MAX_FRAME, MAX_MESSAGE, MAX_FRAGMENTS);
        harness.feedInChunks(data, chunker);

        final FrameDecoder decoder = harness.decoder();
        final List<FrameEvent> events = harness.events();
        assertTrue(harness.bytesConsumed() + harness.unconsumed() == data.length, "bytes lost or invented");
        for (int i = 0; i < events.size(); i++)
        {
            checkEvent(events.get(i), i == events.size() - 1, decoder.state(), capacity);
        }
        if (DecoderState.FAILED == decoder.state())
        {
            final int code = decoder.failureCode();
            assertTrue(code == CloseCode.PROTOCOL_ERROR || code == CloseCode.INVALID_PAYLOAD ||
                code == CloseCode.MESSAGE_TOO_BIG, "failure code " + code);
            assertNotNull(decoder.failureReason());
        }
        else
        {
            assertEquals(0, decoder.failureCode());
        }
        final List<Object> outcome = harness.outcome();
        if (DecoderState.STREAMING_PAYLOAD == decoder.state())
        {
            // Whether an incomplete frame is waited for or streamed depends on the buffer size: same progress.
            outcome.set(outcome.size() - 2, DecoderState.FRAME_START);
        }
        return outcome;
    }

    private static void checkEvent(
        final FrameEvent event, final boolean last, final DecoderState state, final int capacity)
    {
        final byte[] payload = event.payload();
        switch (event.kind())
        {
            case FrameEvent.MESSAGE:
                assertTrue(event.code() == Opcode.TEXT || event.code() == Opcode.BINARY, "opcode " + event.code());
                assertTrue(payload.length <= MAX_MESSAGE, "message of " + payload.length + " bytes");
                assertTrue(event.code() != Opcode.TEXT || Utf8Reference.isValid(payload), "invalid text " + event);
                assertTrue(!event.zeroCopy() || payload.length + 2 <= capacity, "in place but larger than the buffer");
                break;
            case FrameEvent.PING:
            case FrameEvent.PONG:
                assertTrue(payload.length <= Opcode.MAX_CONTROL_PAYLOAD, "control payload " + payload.length);
                break;
            default:
                assertTrue(last, "close must be the last event");
                assertEquals(DecoderState.CLOSED, state);
                assertTrue(payload.length <= Opcode.MAX_CONTROL_PAYLOAD - 2, "close reason " + payload.length);
                assertTrue(Utf8Reference.isValid(payload), "invalid close reason " + event);
                assertTrue(CloseCode.isValidOnWire(event.code()) ||
                    (CloseCode.NO_STATUS == event.code() && 0 == payload.length), "close code " + event.code());
                break;
        }
    }
}
