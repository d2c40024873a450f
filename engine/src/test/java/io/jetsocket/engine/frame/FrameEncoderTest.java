/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jetsocket.engine.frame.TestFrames.bytes;
import static io.jetsocket.engine.frame.TestFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameEncoderTest
{
    private static final int RFC_KEY = 0x37fa213d;

    private static FrameEncoder encoderWithKey(final int key)
    {
        return new FrameEncoder(new MaskKeySource(ScriptedSecureRandom.repeatingKey(key)));
    }

    @Test
    void shouldProduceTheRfcMaskedHelloExample()
    {
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[11]);

        final int written = encoderWithKey(RFC_KEY).encode(Opcode.FIN_BIT | Opcode.TEXT, utf8("Hello"), 0, 5, dst, 0);

        assertEquals(11, written);
        assertArrayEquals(
            bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58), dst.byteArray());
    }

    @Test
    void shouldProduceTheRfcMaskedHelloExampleFromDirectBuffer()
    {
        final UnsafeBuffer payload = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
        payload.putBytes(3, utf8("Hello"));
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[20]);

        final int written = encoderWithKey(RFC_KEY).encode(Opcode.FIN_BIT | Opcode.TEXT, payload, 3, 5, dst, 9);

        assertEquals(11, written);
        final byte[] frame = new byte[11];
        dst.getBytes(9, frame);
        assertArrayEquals(bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58), frame);
        assertArrayEquals(new byte[9], Arrays.copyOf(dst.byteArray(), 9), "bytes before the frame");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 70000})
    void shouldUseTheMinimalLengthFormAndAlwaysMask(final int length)
    {
        final int expectedHeader = length <= 125 ? 6 : length <= 65535 ? 8 : 14;
        assertEquals(expectedHeader, FrameEncoder.headerLength(length));
        assertEquals(expectedHeader + length, FrameEncoder.frameLength(length));

        final Random random = new Random(length);
        final byte[] payload = TestFrames.randomBytes(random, length);
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[FrameEncoder.frameLength(length) + 8]);
        final int written = encoderWithKey(0xA1B2C3D4).encode(Opcode.BINARY, payload, 0, length, dst, 4);

        assertEquals(FrameEncoder.frameLength(length), written);
        final ClientFrame frame = ClientFrame.parse(dst, 4);
        assertEquals(Opcode.BINARY, frame.firstByte);
        assertTrue(frame.masked, "client frames must be masked");
        assertEquals(expectedHeader, frame.headerLength);
        assertEquals(length, frame.payloadLength);
        assertEquals(length <= 125 ? length : length <= 65535 ? 126 : 127, frame.lengthField);
        assertEquals(0xA1B2C3D4, frame.maskKey);
        assertArrayEquals(payload, frame.payload);
        assertEquals(0, dst.getInt(0), "bytes before the frame");
        assertEquals(0, dst.getInt(4 + written), "bytes after the frame");
    }

    @Test
    void shouldKeepFinRsvAndOpcodeBitsOfTheFirstByte()
    {
        final FrameEncoder encoder = encoderWithKey(RFC_KEY);
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[32]);
        for (final int firstByte : new int[]{0x00, 0x01, 0x02, 0x80, 0x81, 0xC1, 0xF2, 0x89, 0x8A, 0x88})
        {
            encoder.encode(firstByte, bytes(1, 2, 3), 0, 3, dst, 0);
            assertEquals(firstByte, dst.getByte(0) & 0xFF);
            assertEquals(0x83, dst.getByte(1) & 0xFF);
        }
    }

    @Test
    void shouldDrawAFreshKeyForEveryFrame()
    {
        final FrameEncoder encoder = new FrameEncoder(new MaskKeySource(ScriptedSecureRandom.seeded(99)));
        final MaskKeySource expectedKeys = new MaskKeySource(ScriptedSecureRandom.seeded(99));
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[64]);
        final byte[] payload = utf8("same payload");
        for (int i = 0; i < 3000; i++)
        {
            encoder.encode(Opcode.FIN_BIT | Opcode.TEXT, payload, 0, payload.length, dst, 0);
            final ClientFrame frame = ClientFrame.parse(dst, 0);
            assertEquals(expectedKeys.nextKey(), frame.maskKey, "frame " + i);
            assertArrayEquals(payload, frame.payload);
        }
    }

    @Test
    void shouldEncodeCloseWithCodeAndReason()
    {
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[64]);

        final int written = encoderWithKey(0x11223344).encodeClose(CloseCode.GOING_AWAY, utf8("bye ✓"), dst, 0);

        final ClientFrame frame = ClientFrame.parse(dst, 0);
        assertEquals(frame.frameLength(), written);
        assertEquals(0x88, frame.firstByte);
        assertTrue(frame.masked);
        assertEquals(0x11223344, frame.maskKey);
        assertArrayEquals(TestFrames.closePayload(1001, utf8("bye ✓")), frame.payload);
    }

    @Test
    void shouldEncodeCloseWithMaximumReason()
    {
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[256]);
        final byte[] reason = new byte[123];
        Arrays.fill(reason, (byte)'r');

        final int written = encoderWithKey(RFC_KEY).encodeClose(CloseCode.NORMAL, reason, dst, 0);

        final ClientFrame frame = ClientFrame.parse(dst, 0);
        assertEquals(6 + 125, written);
        assertEquals(125, frame.lengthField);
        assertArrayEquals(TestFrames.closePayload(1000, reason), frame.payload);
    }

    @Test
    void shouldEncodeCloseWithoutStatusAsEmptyBody()
    {
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[16]);

        final int written = encoderWithKey(RFC_KEY).encodeClose(CloseCode.NO_STATUS, new byte[0], dst, 2);

        assertEquals(6, written);
        final ClientFrame frame = ClientFrame.parse(dst, 2);
        assertEquals(0x88, frame.firstByte);
        assertTrue(frame.masked);
        assertEquals(0, frame.payloadLength);
        assertEquals(RFC_KEY, frame.maskKey);
    }

    @Test
    void shouldBeDecodableOnceUnmasked()
    {
        final FrameEncoder encoder = new FrameEncoder(new MaskKeySource(ScriptedSecureRandom.seeded(5)));
        final MutableDirectBuffer dst = new UnsafeBuffer(new byte[200_000]);
        final byte[] text = TestFrames.randomUtf8(new Random(5), 70_000);
        final byte[] binary = TestFrames.randomBytes(new Random(6), 300);
        int position = 0;
        position += encoder.encode(Opcode.TEXT, text, 0, 40_000, dst, position);
        position += encoder.encode(Opcode.FIN_BIT | Opcode.PING, utf8("p"), 0, 1, dst, position);
        position += encoder.encode(Opcode.FIN_BIT, text, 40_000, text.length - 40_000, dst, position);
        position += encoder.encode(Opcode.FIN_BIT | Opcode.BINARY, binary, 0, binary.length, dst, position);
        position += encoder.encodeClose(CloseCode.NORMAL, utf8("done"), dst, position);
        final int end = position;

        final DecoderHarness harness = new DecoderHarness(4096);
        int offset = 0;
        while (offset < end)
        {
            final ClientFrame frame = ClientFrame.parse(dst, offset);
            assertTrue(frame.masked);
            harness.feed(frame.asServerFrame());
            offset += frame.frameLength();
        }

        assertEquals(List.of(
            FrameEvent.ping("p"),
            FrameEvent.text(text),
            FrameEvent.binary(binary),
            FrameEvent.close(1000, "done")), harness.events());
        assertEquals(DecoderState.CLOSED, harness.decoder().state());
    }
}
