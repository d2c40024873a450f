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
