/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A {@link SequenceExtractor} for binary feeds with fixed layouts (SBE and the like): the sequence ids are integers
 * at fixed offsets from the start of the message (64-bit, or 32-bit signed or unsigned: {@link IdType}), the stream
 * name (optional) a fixed-width run of bytes, and 16-bit values at fixed offsets (a template id) can say which messages
 * are sequenced at all.
 * <pre>{@code
 * // an SBE message header (blockLength, templateId, schemaId, version: 8 bytes, little-endian), then a body whose
 * // first field is the sequence number and whose next 8 bytes are the symbol, NUL-padded
 * BinarySequenceExtractor.builder()
 *     .onlyIf(2, (short)42)
 *     .sequenceAt(8, ByteOrder.LITTLE_ENDIAN)
 *     .streamAt(16, 8)
 *     .build();
 * // a 32-bit unsigned big-endian sequence number at offset 4 (ids up to 4,294,967,295)
 * BinarySequenceExtractor.builder().sequenceAt(4, ByteOrder.BIG_ENDIAN).idType(IdType.UINT32).build();
 * }</pre>
 * Every read is checked against the message's length first: a message too short for any field (a heartbeat, a
 * truncated frame), a text message, or one whose filter values differ is unsequenced ({@code false}), never an
 * exception. So is a range whose first id is past its last, and a stream name that is all padding. Immutable and
 * stateless: one instance may serve several feeds and engines at once.
 */
public final class BinarySequenceExtractor implements SequenceExtractor
{
    private static final int SINGLE = 0;
    private static final int PAIR = 1;
    private static final int RANGE = 2;

    /**
     * How the sequence ids are written: their width and whether the top bit is a sign.
     */
    public enum IdType
    {
        /** A 64-bit two's-complement integer: the id as written. */
        INT64(Long.BYTES),
        /**
         * A 32-bit unsigned integer, read as 0 to 4,294,967,295. A counter that wraps from the largest to 0 reads as
         * going back, as a reset of the stream would.
         */
        UINT32(Integer.BYTES),
        /**
         * A 32-bit two's-complement integer, read as -2,147,483,648 to 2,147,483,647 (a previous id of -1 stays -1).
         */
        INT32(Integer.BYTES);

        private final int bytes;

        IdType(final int bytes)
        {
            this.bytes = bytes;
        }

        /**
         * The id's width.
         *
         * @return in bytes: 8 or 4.
         */
        public int bytes()
        {
            return bytes;
        }
    }

    private final int shape;
    private final int firstOffset;
    private final int lastOffset;
    private final ByteOrder order;
    private final IdType idType;
    private final boolean wide;
    private final boolean unsigned;
    private final int streamOffset;
    private final int streamLength;
    private final int[] filterOffsets;
    private final short[] filterValues;
    private final ByteOrder[] filterOrders;
    private final int minLength;

    private BinarySequenceExtractor(final Builder builder)
    {
        shape = builder.shape;
        firstOffset = builder.firstOffset;
        lastOffset = builder.lastOffset;
        order = builder.order;
        idType = builder.idType;
        wide = IdType.INT64 == idType;
        unsigned = IdType.UINT32 == idType;
        streamOffset = builder.streamOffset;
        streamLength = builder.streamLength;
        filterOffsets = Arrays.copyOf(builder.filterOffsets, builder.filters);
        filterValues = Arrays.copyOf(builder.filterValues, builder.filters);
        filterOrders = Arrays.copyOf(builder.filterOrders, builder.filters);
        long needed = Math.max(firstOffset, lastOffset) + (long)idType.bytes();
        if (streamLength > 0)
        {
            needed = Math.max(needed, streamOffset + (long)streamLength);
        }
        for (final int filterOffset : filterOffsets)
        {
            needed = Math.max(needed, filterOffset + (long)Short.BYTES);
        }
        if (needed > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("fields end past the largest message: byte " + needed);
        }
        minLength = (int)needed;
    }

    /**
     * A builder: one shape of sequence ids, optionally a stream name and filters.
     *
     * @return a new builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * The shortest message this extractor reads: the end of its furthest field.
     *
     * @return the length in bytes.
     */
    public int minLength()
    {
        return minLength;
    }

    @Override
    public boolean extract(
        final MessageType type, final DirectBuffer buffer, final int offset, final int length,
        final SequenceFields fields)
    {
        if (MessageType.BINARY != type || length < minLength)
        {
            return false;
        }
        for (int f = 0; f < filterOffsets.length; f++)
        {
            if (filterValues[f] != buffer.getShort(offset + filterOffsets[f], filterOrders[f]))
            {
                return false;
            }
        }
        final long last = id(buffer, offset + lastOffset);
        if (SINGLE == shape)
        {
            fields.sequence(last);
        }
        else
        {
            final long first = id(buffer, offset + firstOffset);
            if (PAIR == shape)
            {
                fields.sequence(first, last);
            }
            else
            {
                if (first > last)
                {
                    return false;
                }
                fields.range(first, last);
            }
        }
        if (streamLength > 0)
        {
            final int nameLength = paddedLength(buffer, offset + streamOffset);
            if (0 == nameLength)
            {
                return false; // all padding: no stream to put the message in (length 0 would be the unnamed one)
            }
            fields.stream(buffer, offset + streamOffset, nameLength);
        }
        return true;
    }

    /**
     * One id, as wide and signed as it is written: the message's length is already checked against the field.
     */
    private long id(final DirectBuffer buffer, final int index)
    {
        if (wide)
        {
            return buffer.getLong(index, order);
        }
        final int value = buffer.getInt(index, order);
        return unsigned ? value & 0xFFFF_FFFFL : value;
    }

    /**
     * The name without the NUL or space padding of its fixed-width field, so that "BTCUSDT" is the same stream
     * whatever the width.
     */
    private int paddedLength(final DirectBuffer buffer, final int start)
    {
        int nameLength = streamLength;
        while (nameLength > 0)
        {
            final byte b = buffer.getByte(start + nameLength - 1);
            if (0 != b && ' ' != b)
            {
                break;
            }
            nameLength--;
        }
        return nameLength;
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("BinarySequenceExtractor{");
        text.append(SINGLE == shape ? "sequenceAt=" + lastOffset : (PAIR == shape ? "previousAt=" : "firstAt=") +
            firstOffset + (PAIR == shape ? ", sequenceAt=" : ", lastAt=") + lastOffset).append(' ').append(order);
        if (!wide)
        {
            text.append(' ').append(idType);
        }
        if (streamLength > 0)
        {
            text.append(", streamAt=").append(streamOffset).append('+').append(streamLength);
        }
        for (int f = 0; f < filterOffsets.length; f++)
        {
            text.append(", onlyIf ").append(filterOffsets[f]).append('=').append(filterValues[f]);
        }
        return text.append('}').toString();
    }

    /**
     * Places the fields of a {@link BinarySequenceExtractor}; offsets count from the first byte of the message.
     */
    public static final class Builder
    {
        private static final int UNSET = -1;
        private static final int MAX_FILTERS = 4;

        private int shape = UNSET;
        private int firstOffset;
        private int lastOffset;
        private ByteOrder order;
        private IdType idType = IdType.INT64;
        private int streamOffset;
        private int streamLength;
        private int filters;
        private final int[] filterOffsets = new int[MAX_FILTERS];
        private final short[] filterValues = new short[MAX_FILTERS];
        private final ByteOrder[] filterOrders = new ByteOrder[MAX_FILTERS];

        private Builder()
        {
        }

        /**
         * A single sequence number per message, 64-bit unless {@link #idType} says otherwise.
         *
         * @param offset of its first byte.
         * @param order  its byte order.
         * @return this.
         * @throws IllegalStateException    if a shape of ids is already set.
         * @throws IllegalArgumentException if the offset is negative or the order null.
         */
        public Builder sequenceAt(final int offset, final ByteOrder order)
        {
            shape(SINGLE, "sequenceAt(" + offset + ")", order);
            lastOffset = offset("sequence", offset);
            return this;
        }

        /**
         * A previous/current pair of ids (64-bit unless {@link #idType} says otherwise): each message names the id
         * of the one before it.
         *
         * @param previousOffset of the previous id's first byte.
         * @param sequenceOffset of the message's id's first byte.
         * @param order          their byte order.
         * @return this.
         * @throws IllegalStateException    if a shape of ids is already set.
         * @throws IllegalArgumentException if an offset is negative or the order null.
         */
        public Builder previousAndSequenceAt(final int previousOffset, final int sequenceOffset, final ByteOrder order)
        {
            shape(PAIR, "previousAndSequenceAt(" + previousOffset + ", " + sequenceOffset + ")", order);
            firstOffset = offset("previous", previousOffset);
            lastOffset = offset("sequence", sequenceOffset);
            return this;
        }

        /**
         * A first/last range of update ids (64-bit unless {@link #idType} says otherwise), as in order-book deltas.
         *
         * @param firstOffset of the first id's first byte.
         * @param lastOffset  of the last id's first byte.
         * @param order       their byte order.
         * @return this.
         * @throws IllegalStateException    if a shape of ids is already set.
         * @throws IllegalArgumentException if an offset is negative or the order null.
         */
        public Builder rangeAt(final int firstOffset, final int lastOffset, final ByteOrder order)
        {
            shape(RANGE, "rangeAt(" + firstOffset + ", " + lastOffset + ")", order);
            this.firstOffset = offset("first", firstOffset);
            this.lastOffset = offset("last", lastOffset);
            return this;
        }

        /**
         * How every sequence id is written: {@link IdType#INT64} unless set. May be called before or after the
         * shape of ids is placed.
         *
         * @param idType the ids' width and signedness.
         * @return this.
         * @throws IllegalArgumentException if the type is null.
         */
        public Builder idType(final IdType idType)
        {
            if (null == idType)
            {
                throw new IllegalArgumentException("idType needs a type: INT64, UINT32 or INT32");
            }
            this.idType = idType;
            return this;
        }

        /**
         * The stream's name: a fixed-width field of UTF-8 (or ASCII) bytes, padded at the end with NUL bytes or
         * spaces, which are not part of the name. Without it every message is in the feed's single unnamed stream.
         *
         * @param offset of the field's first byte.
         * @param length of the field in bytes, at least 1.
         * @return this.
         * @throws IllegalArgumentException if the offset is negative or the length below 1.
         */
        public Builder streamAt(final int offset, final int length)
        {
            if (length < 1)
            {
                throw new IllegalArgumentException("stream name field length must be at least 1: " + length);
            }
            streamOffset = offset("stream", offset);
            streamLength = length;
            return this;
        }

        /**
         * Sequence only the messages whose little-endian 16-bit value at {@code offset} is {@code value} (an SBE
         * template id, at offset 2 of the standard header); others are unsequenced. Several filters must all hold.
         *
         * @param offset of the value's first byte.
         * @param value  the value sequenced messages have.
         * @return this.
         * @throws IllegalArgumentException if the offset is negative.
         * @throws IllegalStateException    if there are already {@value #MAX_FILTERS} filters.
         */
        public Builder onlyIf(final int offset, final short value)
        {
            return onlyIf(offset, value, ByteOrder.LITTLE_ENDIAN);
        }

        /**
         * Sequence only the messages whose 16-bit value at {@code offset} is {@code value}; others are unsequenced.
         * Several filters must all hold.
         *
         * @param offset of the value's first byte.
         * @param value  the value sequenced messages have.
         * @param order  its byte order.
         * @return this.
         * @throws IllegalArgumentException if the offset is negative or the order null.
         * @throws IllegalStateException    if there are already {@value #MAX_FILTERS} filters.
         */
        public Builder onlyIf(final int offset, final short value, final ByteOrder order)
        {
            if (filters == MAX_FILTERS)
            {
                throw new IllegalStateException("at most " + MAX_FILTERS + " onlyIf filters");
            }
            if (null == order)
            {
                throw new IllegalArgumentException("onlyIf(" + offset + ") needs a byte order");
            }
            filterOffsets[filters] = offset("onlyIf", offset);
            filterValues[filters] = value;
            filterOrders[filters] = order;
            filters++;
            return this;
        }

        private void shape(final int newShape, final String call, final ByteOrder order)
        {
            if (UNSET != shape)
            {
                throw new IllegalStateException("the sequence ids are already placed; " + call +
                    " would place them again: call one of sequenceAt, previousAndSequenceAt or rangeAt once");
            }
            if (null == order)
            {
                throw new IllegalArgumentException(call + " needs a byte order");
            }
            shape = newShape;
            this.order = order;
        }

        private static int offset(final String field, final int offset)
        {
            if (offset < 0)
            {
                throw new IllegalArgumentException(field + " offset must not be negative: " + offset);
            }
            return offset;
        }

        /**
         * Make the extractor.
         *
         * @return it.
         * @throws IllegalStateException    if no shape of sequence ids was set.
         * @throws IllegalArgumentException if a field would end past the largest possible message.
         */
        public BinarySequenceExtractor build()
        {
            if (UNSET == shape)
            {
                throw new IllegalStateException(
                    "no sequence ids: call one of sequenceAt, previousAndSequenceAt or rangeAt before build");
            }
            return new BinarySequenceExtractor(this);
        }
    }
}
