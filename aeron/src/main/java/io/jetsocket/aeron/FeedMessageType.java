/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

/**
 * What a message on a feed stream carries: a data message from the WebSocket, or a lifecycle event of the
 * connection or the feed. The code is the value of the header's type field ({@link FeedHeader#TYPE_OFFSET}).
 */
public enum FeedMessageType
{
    /** A message received on the WebSocket; the body is its payload, as received (after inflation). */
    DATA(0),
    /** The WebSocket connected (the first time, or again after an outage: the connection id is new). */
    CONNECTED(1),
    /** The WebSocket connection ended; data stops until the next CONNECTED. */
    DISCONNECTED(2),
    /** After a reconnect the client sent its subscriptions again: data flows from a fresh state. */
    RESUBSCRIBED(3),
    /** A sequenced feed saw a gap: the body carries from, to and the feed stream's name. */
    GAP(4),
    /** A sequenced feed's stream was reset (a consumer should rebuild its state): the body names the stream. */
    RESET(5);

    private static final FeedMessageType[] BY_CODE = values();

    private final int code;

    FeedMessageType(final int code)
    {
        this.code = code;
    }

    /**
     * The value in the header's type field.
     *
     * @return the wire code.
     */
    public int code()
    {
        return code;
    }

    /**
     * The type for a wire code, without allocation.
     *
     * @param code from the header.
     * @return the type, or null for a code this version does not know (a newer producer).
     */
    public static FeedMessageType ofCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
