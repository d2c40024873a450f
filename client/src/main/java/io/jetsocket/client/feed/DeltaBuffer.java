/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The copies of a stream's deltas while it waits for a snapshot, with their sequence fields, bounded in bytes. One
 * per stream, made at its first resync and reused by the next ones (it keeps its capacity). Engine thread only.
 * <p>
 * Each entry: a 32-byte header (payload length, message type, first, last and previous id) then the payload.
 */
final class DeltaBuffer
{
    /** Bytes of each entry's header, counted against the bound with the payload. */
    static final int HEADER_LENGTH = 32;
    private static final int LENGTH_OFFSET = 0;
    private static final int TYPE_OFFSET = 4;
    private static final int FIRST_OFFSET = 8;
    private static final int LAST_OFFSET = 16;
    private static final int PREVIOUS_OFFSET = 24;
    private static final MessageType[] TYPES = MessageType.values();

    private final MutableDirectBuffer bytes = new ExpandableArrayBuffer(1024);
    private final int maxBytes;
    private int limit;
    private int count;

    DeltaBuffer(final int maxBytes)
    {
        this.maxBytes = maxBytes;
    }

    /**
     * Copy a message in.
     *
     * @return false, copying nothing, when it would take the buffer past its bound.
     */
    boolean append(
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SequenceFields fields)
    {
        final int entryLength = HEADER_LENGTH + length;
        if ((long)limit + entryLength > maxBytes)
        {
            return false;
        }
        bytes.putInt(limit + LENGTH_OFFSET, length);
        bytes.putInt(limit + TYPE_OFFSET, type.ordinal());
        bytes.putLong(limit + FIRST_OFFSET, fields.first());
        bytes.putLong(limit + LAST_OFFSET, fields.last());
        bytes.putLong(limit + PREVIOUS_OFFSET, fields.previous());
        bytes.putBytes(limit + HEADER_LENGTH, buffer, offset, length);
        limit += entryLength;
        count++;
        return true;
    }

    /** Forget every entry (the capacity stays). */
    void clear()
    {
        limit = 0;
        count = 0;
    }

    /**
     * Keep only the entries from {@code position} on (a resync that starts again keeps what the next snapshot may
     * still need).
     */
    void discardBefore(final int position)
    {
        if (position <= 0)
        {
            return;
        }
        int kept = 0;
        for (int p = position; p < limit; p = next(p))
        {
            kept++;
        }
        bytes.putBytes(0, bytes, position, limit - position);
        limit -= position;
        count = kept;
    }

    int limit()
    {
        return limit;
    }

    int count()
    {
        return count;
    }

    DirectBuffer bytes()
    {
        return bytes;
    }

    int next(final int position)
    {
        return position + HEADER_LENGTH + bytes.getInt(position + LENGTH_OFFSET);
    }

    int payloadOffset(final int position)
    {
        return position + HEADER_LENGTH;
    }

    int payloadLength(final int position)
    {
        return bytes.getInt(position + LENGTH_OFFSET);
    }

    MessageType type(final int position)
    {
        return TYPES[bytes.getInt(position + TYPE_OFFSET)];
    }

    /**
     * Fill {@code fields} with an entry's sequence fields, naming the stream by its bytes.
     */
    void fields(final int position, final DirectBuffer name, final SequenceFields fields)
    {
        final long first = bytes.getLong(position + FIRST_OFFSET);
        final long last = bytes.getLong(position + LAST_OFFSET);
        final long previous = bytes.getLong(position + PREVIOUS_OFFSET);
        fields.clear();
        fields.stream(name, 0, name.capacity());
        if (SequenceFields.NO_PREVIOUS != previous)
        {
            fields.sequence(previous, last);
        }
        else
        {
            fields.range(first, last);
        }
    }
}
