/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * A read-only flyweight over the header in front of every message on a feed stream (version 1). All fields are
 * little-endian and aligned to their size when the header starts on an 8-byte boundary (Aeron's payloads do):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |    version    |     flags     |         message type          |  0
 *  +---------------+---------------+-------------------------------+
 *  |                        connection id                          |  4
 *  +---------------------------------------------------------------+
 *  |                      stream (venue) id                        |  8
 *  +-------------------------------+-------------------------------+
 *  |        header length          |           reserved            | 12
 *  +-------------------------------+-------------------------------+
 *  |                  sequence (gap-free, per publisher)           | 16
 *  +---------------------------------------------------------------+
 *  |               receive timestamp (epoch ns)                    | 24
 *  +---------------------------------------------------------------+
 *  |       exchange timestamp (epoch ns, or NONE = Long.MIN_VALUE) | 32
 *  +---------------------------------------------------------------+
 *  |                          body ...                             | 40 (header length)
 * </pre>
 * The body of {@link FeedMessageType#DATA} is the WebSocket payload. The body of a lifecycle event is
 * {@code from} (i64, at 0), {@code to} (i64, at 8) and then the feed stream's name in UTF-8 (the rest): from and to
 * are the missing sequence range of a {@link FeedMessageType#GAP} and 0 otherwise; the name is empty unless the event
 * comes from a sequenced feed.
 * <p>
 * Versioning: a consumer reads {@link #headerLength()} to find the body, so a later version may append fields;
 * a change to the meaning or position of an existing field takes a new {@link #VERSION}.
 */
public final class FeedHeader
{
    /** The layout version this class writes and reads. */
    public static final int VERSION = 1;
    /** Byte order of every field. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Offset of the version (u8). */
    public static final int VERSION_OFFSET = 0;
    /** Offset of the flags (u8). */
    public static final int FLAGS_OFFSET = 1;
    /** Offset of the message type (u16, {@link FeedMessageType#code()}). */
    public static final int TYPE_OFFSET = 2;
    /** Offset of the connection id (i32). */
    public static final int CONNECTION_ID_OFFSET = 4;
    /** Offset of the stream (venue) id (i32). */
    public static final int STREAM_ID_OFFSET = 8;
    /** Offset of the header length (u16). */
    public static final int HEADER_LENGTH_OFFSET = 12;
    /** Offset of the sequence number (i64). */
    public static final int SEQUENCE_OFFSET = 16;
    /** Offset of the receive timestamp (i64). */
    public static final int RECEIVE_TIMESTAMP_OFFSET = 24;
    /** Offset of the exchange timestamp (i64). */
    public static final int EXCHANGE_TIMESTAMP_OFFSET = 32;
    /** Length of a version 1 header. */
    public static final int LENGTH = 40;

    /** Offset of a lifecycle event's {@code from} (i64) in its body. */
    public static final int EVENT_FROM_OFFSET = 0;
    /** Offset of a lifecycle event's {@code to} (i64) in its body. */
    public static final int EVENT_TO_OFFSET = 8;
    /** Offset of a lifecycle event's stream name (UTF-8, the rest of the body) in its body. */
    public static final int EVENT_STREAM_OFFSET = 16;

    /** The exchange timestamp of a message without one. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /** Flag: a text message (clear: binary). */
    public static final int FLAG_TEXT = 0x01;
    /**
     * Flag: the message arrived compressed and is published inflated: by the engine (permessage-deflate) or by the
     * client's {@code payloadCompression} (gzip or deflate frames, as some venues send). Set by a publisher attached
     * to a client ({@link AeronFeedPublisher#attach}, {@code attachSequenced}), on live messages.
     */
    public static final int FLAG_DECOMPRESSED = 0x02;
    /**
     * Flag: the first data message of a connection after a reconnect, stamped with that connection's id. A message
     * CONFLATE held from the connection before, sent after the reconnect, keeps the old connection's id and does not
     * take the new connection's flag.
     */
    public static final int FLAG_FIRST_AFTER_RECONNECT = 0x04;
    /**
     * Flag: a data message a sequenced feed delivered from its resync buffer after a snapshot (a delta that arrived
     * while the snapshot was fetched, replayed on top of it), not as it arrived; its receive timestamp is the time of
     * the replay. Set only by a publisher in sequenced mode
     * ({@link AeronFeedPublisher#feedHandler()}): the raw mode publishes every message as it arrives. An Aeron
     * Archive replay ({@code io.jetsocket.aeron.archive.FeedReplay}) hands over the recorded bytes as they are, so it
     * neither sets nor clears the flag: a consumer knows it replays a recording by the handler it gave the replay.
     */
    public static final int FLAG_REPLAYED = 0x08;
    /** Flag: a lifecycle event, not data. */
    public static final int FLAG_LIFECYCLE = 0x10;
    /** Flag: the latest message of its key, held back under {@link BackPressurePolicy#CONFLATE} and sent later. */
    public static final int FLAG_CONFLATED = 0x20;
    /** Flag: the publisher dropped one or more messages since the one before this (see its counters). */
    public static final int FLAG_DROPPED_BEFORE = 0x40;

    private DirectBuffer buffer;
    private int offset;

    /**
     * An unwrapped flyweight: {@code wrap} points it at a message (the consumer's fragment handler makes one and reuses
     * it for every message).
     */
    public FeedHeader()
    {
    }

    /**
     * View the header at an offset.
     *
     * @param buffer holding the message.
     * @param offset of the header.
     * @return this.
     */
    public FeedHeader wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The buffer the header is in (the whole message: header, then body), for a consumer that forwards or keeps the
     * message's bytes as they are.
     *
     * @return the buffer wrapped.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Where the header (and so the message) starts in {@link #buffer()}.
     *
     * @return the offset wrapped.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * The layout version.
     *
     * @return the version the producer wrote.
     */
    public int version()
    {
        return buffer.getByte(offset + VERSION_OFFSET) & 0xFF;
    }

    /**
     * The flags.
     *
     * @return the flag bits ({@code FLAG_*}).
     */
    public int flags()
    {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    /**
     * Is a flag set.
     *
     * @param flag one of {@code FLAG_*}.
     * @return true if set.
     */
    public boolean hasFlag(final int flag)
    {
        return (flags() & flag) != 0;
    }

    /**
     * The message type code.
     *
     * @return {@link FeedMessageType#code()} of the message.
     */
    public int typeCode()
    {
        return buffer.getShort(offset + TYPE_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    /**
     * The message type.
     *
     * @return the type, or null for a code this version does not know.
     */
    public FeedMessageType type()
    {
        return FeedMessageType.ofCode(typeCode());
    }

    /**
     * The publisher's connection id: 1 for its WebSocket's first connection, one more on each reconnect.
     *
     * @return the connection id.
     */
    public int connectionId()
    {
        return buffer.getInt(offset + CONNECTION_ID_OFFSET, BYTE_ORDER);
    }

    /**
     * The stream (venue) id the publisher was configured with.
     *
     * @return the stream id.
     */
    public int streamId()
    {
        return buffer.getInt(offset + STREAM_ID_OFFSET, BYTE_ORDER);
    }

    /**
     * Where the body starts, relative to the header.
     *
     * @return the header length.
     */
    public int headerLength()
    {
        return buffer.getShort(offset + HEADER_LENGTH_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    /**
     * The publisher's sequence number: 1 for its first message, one more for each message it published since
     * (data and lifecycle events alike), with no gaps on the stream.
     *
     * @return the sequence number.
     */
    public long sequence()
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, BYTE_ORDER);
    }

    /**
     * When the socket read that brought the message happened (for a lifecycle event: when the event happened; for a
     * {@link #FLAG_REPLAYED} message: when it was replayed), in nanoseconds since the epoch on the publisher's engine
     * clock.
     *
     * @return the receive timestamp.
     */
    public long receiveTimestampNs()
    {
        return buffer.getLong(offset + RECEIVE_TIMESTAMP_OFFSET, BYTE_ORDER);
    }

    /**
     * The exchange's timestamp of the message, when the publisher has an extractor and the message carries one.
     *
     * @return nanoseconds since the epoch, or {@link #NO_TIMESTAMP}.
     */
    public long exchangeTimestampNs()
    {
        return buffer.getLong(offset + EXCHANGE_TIMESTAMP_OFFSET, BYTE_ORDER);
    }

    /**
     * The body of a GAP event: the first missing sequence number.
     *
     * @return from, or 0 for other events.
     */
    public long eventFrom()
    {
        return buffer.getLong(offset + headerLength() + EVENT_FROM_OFFSET, BYTE_ORDER);
    }

    /**
     * The body of a GAP event: the last missing sequence number.
     *
     * @return to, or 0 for other events.
     */
    public long eventTo()
    {
        return buffer.getLong(offset + headerLength() + EVENT_TO_OFFSET, BYTE_ORDER);
    }

    /**
     * The feed stream's name in a lifecycle event's body (allocates a string: not for the hot path).
     *
     * @param messageLength the whole message's length (header and body).
     * @return the name, empty if none.
     */
    public String eventStream(final int messageLength)
    {
        final int start = headerLength() + EVENT_STREAM_OFFSET;
        return messageLength > start ? buffer.getStringWithoutLengthUtf8(offset + start, messageLength - start) : "";
    }
}
