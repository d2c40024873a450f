/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import org.agrona.MutableDirectBuffer;

import static io.jetsocket.aeron.FeedHeader.BYTE_ORDER;

/**
 * Writes a version 1 {@link FeedHeader} (the layout is documented there). Stateless: static methods over the
 * claimed buffer, nothing allocated.
 */
public final class FeedHeaderEncoder
{
    private FeedHeaderEncoder()
    {
    }

    /**
     * Write a whole header.
     *
     * @param buffer              to write into.
     * @param offset              of the header.
     * @param flags               {@code FeedHeader.FLAG_*} bits.
     * @param type                of the message.
     * @param connectionId        the publisher's connection id.
     * @param streamId            the publisher's stream (venue) id.
     * @param sequence            the publisher's sequence number.
     * @param receiveTimestampNs  epoch nanoseconds of the read (or the event).
     * @param exchangeTimestampNs epoch nanoseconds, or {@link FeedHeader#NO_TIMESTAMP}.
     */
    public static void encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final int flags,
        final FeedMessageType type,
        final int connectionId,
        final int streamId,
        final long sequence,
        final long receiveTimestampNs,
        final long exchangeTimestampNs)
    {
        buffer.putByte(offset + FeedHeader.VERSION_OFFSET, (byte)FeedHeader.VERSION);
        buffer.putByte(offset + FeedHeader.FLAGS_OFFSET, (byte)flags);
        buffer.putShort(offset + FeedHeader.TYPE_OFFSET, (short)type.code(), BYTE_ORDER);
        buffer.putInt(offset + FeedHeader.CONNECTION_ID_OFFSET, connectionId, BYTE_ORDER);
        buffer.putInt(offset + FeedHeader.STREAM_ID_OFFSET, streamId, BYTE_ORDER);
        buffer.putShort(offset + FeedHeader.HEADER_LENGTH_OFFSET, (short)FeedHeader.LENGTH, BYTE_ORDER);
        buffer.putShort(offset + FeedHeader.HEADER_LENGTH_OFFSET + 2, (short)0, BYTE_ORDER);
        buffer.putLong(offset + FeedHeader.SEQUENCE_OFFSET, sequence, BYTE_ORDER);
        buffer.putLong(offset + FeedHeader.RECEIVE_TIMESTAMP_OFFSET, receiveTimestampNs, BYTE_ORDER);
        buffer.putLong(offset + FeedHeader.EXCHANGE_TIMESTAMP_OFFSET, exchangeTimestampNs, BYTE_ORDER);
    }

    /**
     * Overwrite the sequence number and flags of a header written before (a held message sent later).
     *
     * @param buffer   holding the header.
     * @param offset   of the header.
     * @param flags    the new flags.
     * @param sequence the new sequence number.
     */
    public static void restamp(final MutableDirectBuffer buffer, final int offset, final int flags, final long sequence)
    {
        buffer.putByte(offset + FeedHeader.FLAGS_OFFSET, (byte)flags);
        buffer.putLong(offset + FeedHeader.SEQUENCE_OFFSET, sequence, BYTE_ORDER);
    }
}
