/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedHeaderTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);

    @Test
    void shouldWriteTheDocumentedLittleEndianLayout()
    {
        FeedHeaderEncoder.encode(buffer, 8, FeedHeader.FLAG_TEXT | FeedHeader.FLAG_REPLAYED, FeedMessageType.GAP,
            0x01020304, 7, 0x1122334455667788L, 1_700_000_000_123_456_789L, FeedHeader.NO_TIMESTAMP);

        assertEquals(1, buffer.getByte(8));
        assertEquals(0x09, buffer.getByte(9));
        assertEquals(4, buffer.getByte(10)); // type, low byte first
        assertEquals(0, buffer.getByte(11));
        assertEquals(0x04, buffer.getByte(12)); // connection id, low byte first
        assertEquals(0x01, buffer.getByte(15));
        assertEquals(7, buffer.getByte(16));
        assertEquals(40, buffer.getByte(20)); // header length
        assertEquals((byte)0x88, buffer.getByte(24)); // sequence at 16
        assertEquals(0x11, buffer.getByte(31));
        assertEquals((byte)0x80, buffer.getByte(47)); // Long.MIN_VALUE's top byte at 32 + 7

        final FeedHeader header = new FeedHeader().wrap(buffer, 8);
        assertEquals(FeedHeader.VERSION, header.version());
        assertEquals(FeedMessageType.GAP, header.type());
        assertTrue(header.hasFlag(FeedHeader.FLAG_TEXT));
        assertTrue(header.hasFlag(FeedHeader.FLAG_REPLAYED));
        assertEquals(0x01020304, header.connectionId());
        assertEquals(7, header.streamId());
        assertEquals(0x1122334455667788L, header.sequence());
        assertEquals(1_700_000_000_123_456_789L, header.receiveTimestampNs());
        assertEquals(FeedHeader.NO_TIMESTAMP, header.exchangeTimestampNs());
        assertEquals(FeedHeader.LENGTH, header.headerLength());
    }

    @Test
    void shouldSkipMessagesOfAnotherVersionOrTooShort()
    {
        final List<Long> sequences = new ArrayList<>();
        final FeedFragmentHandler handler = new FeedFragmentHandler(
            (header, payload, offset, length) -> sequences.add(header.sequence()), FeedEventHandler.NONE);
        FeedHeaderEncoder.encode(buffer, 0, 0, FeedMessageType.DATA, 1, 1, 5, 0, FeedHeader.NO_TIMESTAMP);

        handler.onFragment(buffer, 0, FeedHeader.LENGTH + 3, null);
        handler.onFragment(buffer, 0, FeedHeader.LENGTH - 1, null);
        buffer.putByte(FeedHeader.VERSION_OFFSET, (byte)2);
        handler.onFragment(buffer, 0, FeedHeader.LENGTH + 3, null);

        assertEquals(List.of(5L), sequences);
        assertEquals(2, handler.skipped());
    }
}
