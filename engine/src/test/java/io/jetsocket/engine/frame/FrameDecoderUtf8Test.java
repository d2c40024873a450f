/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.jetsocket.engine.frame.TestFrames.FIN_CONTINUATION;
import static io.jetsocket.engine.frame.TestFrames.FIN_TEXT;
import static io.jetsocket.engine.frame.TestFrames.concat;
import static io.jetsocket.engine.frame.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Autobahn section 6 payloads as text messages: in one frame, and fragmented into one frame per byte (as
 * Autobahn sends them), each fed whole and one byte at a time. Valid text is delivered intact; invalid text fails
 * with 1007 and delivers nothing.
 */
class FrameDecoderUtf8Test
{
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jetsocket.engine.frame.Utf8ValidatorTest#autobahnCases")
    void shouldDeliverValidAndRejectInvalidTextInOneFrame(final String name, final String hex, final boolean valid)
    {
        final byte[] payload = Utf8Reference.hex(hex);
        final byte[] input = frame(FIN_TEXT, payload);

        assertOutcome(valid, payload, new DecoderHarness(256).feed(input));
        assertOutcome(valid, payload, new DecoderHarness(256).feedInChunks(input, (remaining) -> 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jetsocket.engine.frame.Utf8ValidatorTest#autobahnCases")
    void shouldDeliverValidAndRejectInvalidTextInOneFramePerByte(
        final String name, final String hex, final boolean valid)
    {
        final byte[] payload = Utf8Reference.hex(hex);
        byte[] input = frame(Opcode.TEXT, new byte[0]);
        for (final byte b : payload)
        {
            input = concat(input, frame(Opcode.CONTINUATION, new byte[]{b}));
        }
        input = concat(input, frame(FIN_CONTINUATION, new byte[0]));

        assertOutcome(valid, payload, new DecoderHarness(256).feed(input));
        assertOutcome(valid, payload, new DecoderHarness(256).feedInChunks(input, (remaining) -> 1));
    }

    private static void assertOutcome(final boolean valid, final byte[] payload, final DecoderHarness harness)
    {
        if (valid)
        {
            assertEquals(List.of(FrameEvent.text(payload)), harness.events());
            assertEquals(DecoderState.FRAME_START, harness.decoder().state());
        }
        else
        {
            assertEquals(List.of(), harness.events());
            assertEquals(DecoderState.FAILED, harness.decoder().state());
            assertEquals(CloseCode.INVALID_PAYLOAD, harness.decoder().failureCode());
        }
    }
}
