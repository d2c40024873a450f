/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.engine.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinarySequenceExtractorTest
{
    private static final short TEMPLATE = 42;
    private static final int MESSAGE = 40;

    private final SequenceFields fields = new SequenceFields();
    // the message at offset 5 of a larger buffer, as in a read buffer
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
    private final int at = 5;

    private final BinarySequenceExtractor sbe = BinarySequenceExtractor.builder()
        .onlyIf(2, TEMPLATE)
        .sequenceAt(8, ByteOrder.LITTLE_ENDIAN)
        .streamAt(16, 8)
        .build();

    @Test
    void shouldReadASequenceAndAPaddedStreamName()
    {
        sbeMessage(TEMPLATE, 123_456_789_012L, "BTCUSDT");
        assertTrue(sbe.extract(MessageType.BINARY, buffer, at, MESSAGE, fields.clear()));
        assertEquals(123_456_789_012L, fields.last());
        assertEquals(123_456_789_012L, fields.first());
        assertFalse(fields.hasPrevious());
        assertEquals("BTCUSDT", stream());
        assertEquals(at + 16, fields.streamOffset());

        sbeMessage(TEMPLATE, 1, "ETHUSDT ");
        assertTrue(sbe.extract(MessageType.BINARY, buffer, at, MESSAGE, fields.clear()));
        assertEquals("ETHUSDT", stream());
        sbeMessage(TEMPLATE, 1, "SOLUSDTX");
        assertTrue(sbe.extract(MessageType.BINARY, buffer, at, MESSAGE, fields.clear()));
        assertEquals("SOLUSDTX", stream());
    }

    @Test
    void shouldSkipOtherTemplatesTextAndBlankNames()
    {
        sbeMessage((short)7, 1, "BTCUSDT");
        assertFalse(sbe.extract(MessageType.BINARY, buffer, at, MESSAGE, fields.clear()));
        sbeMessage(TEMPLATE, 1, "BTCUSDT");
        assertFalse(sbe.extract(MessageType.TEXT, buffer, at, MESSAGE, fields.clear()));
        sbeMessage(TEMPLATE, 1, "");
        assertFalse(sbe.extract(MessageType.BINARY, buffer, at, MESSAGE, fields.clear()));
    }

    @Test
    void shouldReturnFalseForAnyMessageShorterThanItsFields()
    {
        sbeMessage(TEMPLATE, 9, "BTCUSDT");
        assertEquals(24, sbe.minLength());
        for (int length = 0; length < 24; length++)
        {
            assertFalse(sbe.extract(MessageType.BINARY, buffer, at, length, fields.clear()), "length " + length);
        }
        assertTrue(sbe.extract(MessageType.BINARY, buffer, at, 24, fields.clear()));
        // at the very end of the buffer: bounds checked against the message, never an IndexOutOfBounds
        final UnsafeBuffer tight = new UnsafeBuffer(new byte[24]);
        tight.putBytes(0, buffer, at, 24);
        assertTrue(sbe.extract(MessageType.BINARY, tight, 0, 24, fields.clear()));
        assertFalse(sbe.extract(MessageType.BINARY, tight, 1, 23, fields.clear()));
    }

    @Test
    void shouldReadARangeAndAPairInEitherByteOrder()
    {
        final BinarySequenceExtractor range = BinarySequenceExtractor.builder()
            .rangeAt(0, 8, ByteOrder.BIG_ENDIAN).build();
        buffer.putLong(at, 100, ByteOrder.BIG_ENDIAN);
        buffer.putLong(at + 8, 104, ByteOrder.BIG_ENDIAN);
        assertTrue(range.extract(MessageType.BINARY, buffer, at, 16, fields.clear()));
        assertNull(fields.streamBuffer());
        assertEquals(100, fields.first());
        assertEquals(104, fields.last());
        assertFalse(range.extract(MessageType.BINARY, buffer, at, 15, fields.clear()));
        buffer.putLong(at + 8, 99, ByteOrder.BIG_ENDIAN);
        assertFalse(range.extract(MessageType.BINARY, buffer, at, 16, fields.clear()), "first past last");

        final BinarySequenceExtractor pair = BinarySequenceExtractor.builder()
            .previousAndSequenceAt(8, 0, ByteOrder.LITTLE_ENDIAN).build();
        buffer.putLong(at, 51, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(at + 8, 50, ByteOrder.LITTLE_ENDIAN);
        assertTrue(pair.extract(MessageType.BINARY, buffer, at, 16, fields.clear()));
        assertEquals(50, fields.previous());
        assertEquals(51, fields.last());
        assertEquals(SequenceOrder.FOLLOWS, fields.orderAfter(50));
    }

    @Test
    void shouldReadUnsigned32BitIdsInEitherByteOrder()
    {
        final BinarySequenceExtractor little = BinarySequenceExtractor.builder()
            .sequenceAt(4, ByteOrder.LITTLE_ENDIAN).idType(BinarySequenceExtractor.IdType.UINT32).build();
        final BinarySequenceExtractor big = BinarySequenceExtractor.builder()
            .idType(BinarySequenceExtractor.IdType.UINT32).sequenceAt(4, ByteOrder.BIG_ENDIAN).build();
        assertEquals(8, little.minLength());
        buffer.setMemory(0, buffer.capacity(), (byte)0x7F); // bytes around the id that must not be read into it
        buffer.putInt(at + 4, 0xFFFF_FFFE, ByteOrder.LITTLE_ENDIAN);
        assertTrue(little.extract(MessageType.BINARY, buffer, at, 8, fields.clear()));
        assertEquals(4_294_967_294L, fields.last());
        buffer.putInt(at + 4, 0x8000_0000, ByteOrder.BIG_ENDIAN);
        assertTrue(big.extract(MessageType.BINARY, buffer, at, 8, fields.clear()));
        assertEquals(2_147_483_648L, fields.last());
        buffer.putInt(at + 4, 305_419_896, ByteOrder.BIG_ENDIAN);
        assertTrue(big.extract(MessageType.BINARY, buffer, at, 8, fields.clear()));
        assertEquals(305_419_896, fields.last());
        assertTrue(little.extract(MessageType.BINARY, buffer, at, 8, fields.clear()));
        assertEquals(Integer.toUnsignedLong(Integer.reverseBytes(305_419_896)), fields.last());
        assertEquals("BinarySequenceExtractor{sequenceAt=4 BIG_ENDIAN UINT32}", big.toString());
    }

    @Test
    void shouldReadSigned32BitPairsAndRanges()
    {
        final BinarySequenceExtractor pair = BinarySequenceExtractor.builder()
            .previousAndSequenceAt(0, 4, ByteOrder.LITTLE_ENDIAN)
            .idType(BinarySequenceExtractor.IdType.INT32)
            .build();
        buffer.putInt(at, -1, ByteOrder.LITTLE_ENDIAN); // a snapshot's previous id
        buffer.putInt(at + 4, 0, ByteOrder.LITTLE_ENDIAN);
        assertTrue(pair.extract(MessageType.BINARY, buffer, at, 8, fields.clear()));
        assertEquals(-1, fields.previous());
        assertEquals(0, fields.last());
        buffer.putInt(at, Integer.MIN_VALUE, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(at + 4, Integer.MAX_VALUE, ByteOrder.LITTLE_ENDIAN);
        assertTrue(pair.extract(MessageType.BINARY, buffer, at, 8, fields.clear()));
        assertEquals(Integer.MIN_VALUE, fields.previous());
        assertEquals(Integer.MAX_VALUE, fields.last());

        final BinarySequenceExtractor range = BinarySequenceExtractor.builder()
            .rangeAt(2, 6, ByteOrder.BIG_ENDIAN).idType(BinarySequenceExtractor.IdType.INT32).build();
        buffer.putInt(at + 2, -5, ByteOrder.BIG_ENDIAN);
        buffer.putInt(at + 6, 3, ByteOrder.BIG_ENDIAN);
        assertTrue(range.extract(MessageType.BINARY, buffer, at, 10, fields.clear()));
        assertEquals(-5, fields.first());
        assertEquals(3, fields.last());
        buffer.putInt(at + 6, -6, ByteOrder.BIG_ENDIAN);
        assertFalse(range.extract(MessageType.BINARY, buffer, at, 10, fields.clear()), "first past last");
        // the same bytes unsigned: 4294967291 is past 4294967290 as well
        final BinarySequenceExtractor unsignedRange = BinarySequenceExtractor.builder()
            .rangeAt(2, 6, ByteOrder.BIG_ENDIAN).idType(BinarySequenceExtractor.IdType.UINT32).build();
        assertFalse(unsignedRange.extract(MessageType.BINARY, buffer, at, 10, fields.clear()));
        buffer.putInt(at + 6, 3, ByteOrder.BIG_ENDIAN);
        assertFalse(unsignedRange.extract(MessageType.BINARY, buffer, at, 10, fields.clear()), "4294967291 > 3");
        buffer.putInt(at + 2, 3, ByteOrder.BIG_ENDIAN);
        buffer.putInt(at + 6, -1, ByteOrder.BIG_ENDIAN);
        assertTrue(unsignedRange.extract(MessageType.BINARY, buffer, at, 10, fields.clear()));
        assertEquals(3, fields.first());
        assertEquals(4_294_967_295L, fields.last());
    }

    @Test
    void shouldCheck32BitIdsAgainstTheMessageLength()
    {
        final BinarySequenceExtractor range = BinarySequenceExtractor.builder()
            .rangeAt(8, 2, ByteOrder.LITTLE_ENDIAN)
            .idType(BinarySequenceExtractor.IdType.UINT32)
            .streamAt(0, 2)
            .build();
        assertEquals(12, range.minLength());
        buffer.setMemory(0, buffer.capacity(), (byte)0);
        buffer.putStringWithoutLengthAscii(at, "AB");
        buffer.putInt(at + 2, 2, ByteOrder.LITTLE_ENDIAN); // the last id, before the first in this layout
        buffer.putInt(at + 8, 1, ByteOrder.LITTLE_ENDIAN);
        for (int length = 0; length < 12; length++)
        {
            assertFalse(range.extract(MessageType.BINARY, buffer, at, length, fields.clear()), "length " + length);
        }
        assertTrue(range.extract(MessageType.BINARY, buffer, at, 12, fields.clear()));
        assertEquals(1, fields.first());
        assertEquals(2, fields.last());
        assertEquals("AB", stream());
        // the id's last byte is the buffer's last: read, never past it
        final UnsafeBuffer tight = new UnsafeBuffer(new byte[12]);
        tight.putBytes(0, buffer, at, 12);
        assertTrue(range.extract(MessageType.BINARY, tight, 0, 12, fields.clear()));
        assertFalse(range.extract(MessageType.BINARY, tight, 1, 11, fields.clear()));
        // 64-bit ids at the same offsets need 16 bytes
        assertEquals(16, BinarySequenceExtractor.builder().rangeAt(8, 2, ByteOrder.LITTLE_ENDIAN).build().minLength());
        // the furthest offset a 32-bit id may have, and one past it
        assertEquals(Integer.MAX_VALUE, BinarySequenceExtractor.builder().sequenceAt(Integer.MAX_VALUE - 4,
            ByteOrder.BIG_ENDIAN).idType(BinarySequenceExtractor.IdType.INT32).build().minLength());
        assertThrows(IllegalArgumentException.class, () -> BinarySequenceExtractor.builder()
            .sequenceAt(Integer.MAX_VALUE - 3, ByteOrder.BIG_ENDIAN)
            .idType(BinarySequenceExtractor.IdType.INT32)
            .build());
        assertThrows(IllegalArgumentException.class, () -> BinarySequenceExtractor.builder().idType(null));
    }

    @Test
    void shouldApplyEveryFilterInItsByteOrder()
    {
        final BinarySequenceExtractor filtered = BinarySequenceExtractor.builder()
            .onlyIf(0, (short)0x0102, ByteOrder.BIG_ENDIAN)
            .onlyIf(2, (short)-1)
            .sequenceAt(4, ByteOrder.LITTLE_ENDIAN)
            .build();
        buffer.putShort(at, (short)0x0102, ByteOrder.BIG_ENDIAN);
        buffer.putShort(at + 2, (short)-1, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(at + 4, 7, ByteOrder.LITTLE_ENDIAN);
        assertTrue(filtered.extract(MessageType.BINARY, buffer, at, 12, fields.clear()));
        assertEquals(7, fields.last());
        buffer.putShort(at, (short)0x0102, ByteOrder.LITTLE_ENDIAN);
        assertFalse(filtered.extract(MessageType.BINARY, buffer, at, 12, fields.clear()));
    }

    @Test
    void shouldValidateItsBuilder()
    {
        assertThrows(IllegalStateException.class, () -> BinarySequenceExtractor.builder().streamAt(0, 4).build());
        assertThrows(IllegalStateException.class, () -> BinarySequenceExtractor.builder()
            .sequenceAt(0, ByteOrder.LITTLE_ENDIAN).rangeAt(0, 8, ByteOrder.LITTLE_ENDIAN));
        assertThrows(IllegalArgumentException.class,
            () -> BinarySequenceExtractor.builder().sequenceAt(-1, ByteOrder.LITTLE_ENDIAN));
        assertThrows(IllegalArgumentException.class, () -> BinarySequenceExtractor.builder().sequenceAt(0, null));
        assertThrows(IllegalArgumentException.class, () -> BinarySequenceExtractor.builder().streamAt(0, 0));
        assertThrows(IllegalArgumentException.class,
            () -> BinarySequenceExtractor.builder().sequenceAt(Integer.MAX_VALUE - 4, ByteOrder.BIG_ENDIAN).build());
        final BinarySequenceExtractor.Builder full = BinarySequenceExtractor.builder();
        for (int f = 0; f < 4; f++)
        {
            full.onlyIf(f, (short)f);
        }
        assertThrows(IllegalStateException.class, () -> full.onlyIf(9, (short)9));
        assertEquals("BinarySequenceExtractor{sequenceAt=8 LITTLE_ENDIAN, streamAt=16+8, onlyIf 2=42}",
            sbe.toString());
    }

    private void sbeMessage(final short template, final long sequence, final String symbol)
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0);
        buffer.putShort(at, (short)32, ByteOrder.LITTLE_ENDIAN); // block length
        buffer.putShort(at + 2, template, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(at + 4, (short)1, ByteOrder.LITTLE_ENDIAN); // schema
        buffer.putShort(at + 6, (short)0, ByteOrder.LITTLE_ENDIAN); // version
        buffer.putLong(at + 8, sequence, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(at + 16, symbol.getBytes(StandardCharsets.US_ASCII));
        buffer.putLong(at + 24, 0xDEADL, ByteOrder.LITTLE_ENDIAN); // price, not read
    }

    private String stream()
    {
        final byte[] name = new byte[fields.streamLength()];
        fields.streamBuffer().getBytes(fields.streamOffset(), name);
        return new String(name, StandardCharsets.UTF_8);
    }
}
