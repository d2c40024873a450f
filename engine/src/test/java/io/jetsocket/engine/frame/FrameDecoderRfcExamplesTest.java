/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.jetsocket.engine.frame.TestFrames.bytes;
import static io.jetsocket.engine.frame.TestFrames.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example frames of RFC 6455 §5.7, decoded as a client receives them.
 */
class FrameDecoderRfcExamplesTest
{
    static final byte[] UNMASKED_HELLO = bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    static final byte[] FRAGMENTED_HEL = bytes(0x01, 0x03, 0x48, 0x65, 0x6c);
    static final byte[] FRAGMENTED_LO = bytes(0x80, 0x02, 0x6c, 0x6f);
    static final byte[] UNMASKED_PING = bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    static final byte[] UNMASKED_PONG = bytes(0x8a, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    static final byte[] MASKED_HELLO = bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);

    private static final int CAPACITY = 70_000;

    static byte[] binary256Frame()
    {
        return concat(bytes(0x82, 0x7E, 0x01, 0x00), pattern(256));
    }

    static byte[] binary64KiBFrame()
    {
        return concat(bytes(0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00), pattern(65536));
    }

    static byte[] pattern(final int length)
    {
        final byte[] payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = (byte)(i * 31 + 7);
        }
        return payload;
    }

    @Test
    void shouldDecodeSingleFrameUnmaskedTextMessageInPlace()
    {
        final FrameDecoder decoder = new FrameDecoder(1024, 1024, 1024, 16);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        buffer.putBytes(5, UNMASKED_HELLO);
        final RecordingHandler handler = new RecordingHandler(buffer);

        assertEquals(UNMASKED_HELLO.length, decoder.decode(buffer, 5, UNMASKED_HELLO.length, handler));

        assertEquals(List.of(FrameEvent.text("Hello")), handler.events());
        assertTrue(handler.events().get(0).zeroCopy(), "single-frame message should be a view of the read buffer");
        assertEquals(DecoderState.FRAME_START, decoder.state());
        assertFalse(decoder.isMessageOpen());
        assertEquals(0, decoder.failureCode());
    }

    @Test
    void shouldLeavePartialFrameUnconsumed()
    {
        final FrameDecoder decoder = new FrameDecoder(1024, 1024, 1024, 16);
        final byte[] input = concat(UNMASKED_HELLO, bytes(0x81, 0x05, 0x48, 0x65));
        final UnsafeBuffer buffer = new UnsafeBuffer(input);
        final RecordingHandler handler = new RecordingHandler(buffer);

        assertEquals(UNMASKED_HELLO.length, decoder.decode(buffer, 0, input.length, handler));
        assertEquals(0, decoder.decode(buffer, UNMASKED_HELLO.length, 1, handler));
        assertEquals(0, decoder.decode(buffer, UNMASKED_HELLO.length, 4, handler));

        assertEquals(List.of(FrameEvent.text("Hello")), handler.events());
        assertEquals(DecoderState.FRAME_START, decoder.state());
    }

    @Test
    void shouldReassembleFragmentedUnmaskedTextMessage()
    {
        final DecoderHarness harness = new DecoderHarness(CAPACITY);

        harness.feed(FRAGMENTED_HEL);
        assertEquals(List.of(), harness.events());
        assertTrue(harness.decoder().isMessageOpen());

        harness.feed(FRAGMENTED_LO);
        assertEquals(List.of(FrameEvent.text("Hello")), harness.events());
        assertFalse(harness.events().get(0).zeroCopy(), "fragmented message comes from the reassembly buffer");
        assertFalse(harness.decoder().isMessageOpen());
        assertEquals(0, harness.unconsumed());
    }

    @Test
    void shouldDecodeUnmaskedPingAndPong()
    {
        final DecoderHarness harness = new DecoderHarness(CAPACITY);

        harness.feed(concat(UNMASKED_PING, UNMASKED_PONG));

        assertEquals(List.of(FrameEvent.ping("Hello"), FrameEvent.pong("Hello")), harness.events());
        assertTrue(harness.events().get(0).zeroCopy());
        assertTrue(harness.events().get(1).zeroCopy());
    }

    @Test
    void shouldDecode256ByteBinaryWith16BitLength()
    {
        final DecoderHarness harness = new DecoderHarness(CAPACITY);

        harness.feed(binary256Frame());

        assertEquals(List.of(FrameEvent.binary(pattern(256))), harness.events());
        assertTrue(harness.events().get(0).zeroCopy());
        assertEquals(0, harness.unconsumed());
    }

    @Test
    void shouldDecode64KiBBinaryWith64BitLengthInPlaceWhenItFitsTheReadBuffer()
    {
        final DecoderHarness harness = new DecoderHarness(CAPACITY);

        harness.feed(binary64KiBFrame());

        assertEquals(List.of(FrameEvent.binary(pattern(65536))), harness.events());
        assertTrue(harness.events().get(0).zeroCopy());
        assertEquals(0, harness.unconsumed());
    }

    @Test
    void shouldStream64KiBBinaryWith64BitLengthWhenLargerThanTheReadBuffer()
    {
        final DecoderHarness harness = new DecoderHarness(4096);

        harness.feed(binary64KiBFrame());

        assertEquals(List.of(FrameEvent.binary(pattern(65536))), harness.events());
        assertFalse(harness.events().get(0).zeroCopy());
        assertEquals(DecoderState.FRAME_START, harness.decoder().state());
        assertEquals(binary64KiBFrame().length, harness.bytesConsumed());
    }

    @Test
    void shouldDecodeAllExamplesInOneRead()
    {
        final DecoderHarness harness = new DecoderHarness(CAPACITY);

        harness.feed(concat(
            UNMASKED_HELLO, FRAGMENTED_HEL, UNMASKED_PING, FRAGMENTED_LO, UNMASKED_PONG, binary256Frame()));

        assertEquals(List.of(
            FrameEvent.text("Hello"),
            FrameEvent.ping("Hello"),
            FrameEvent.text("Hello"),
            FrameEvent.pong("Hello"),
            FrameEvent.binary(pattern(256))), harness.events());
        assertEquals(1, harness.decodeCalls());
    }

    @Test
    void shouldRejectTheMaskedExampleBecauseServersMustNotMask()
    {
        final DecoderHarness harness = new DecoderHarness(CAPACITY);

        harness.feed(MASKED_HELLO);

        assertEquals(List.of(), harness.events());
        assertEquals(DecoderState.FAILED, harness.decoder().state());
        assertEquals(CloseCode.PROTOCOL_ERROR, harness.decoder().failureCode());
    }
}
