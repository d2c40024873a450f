/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

/**
 * How a venue compresses its messages outside the WebSocket protocol: every binary frame carries a whole
 * compressed message (Huobi/HTX send gzip, OKX v3 sent raw deflate), which the client inflates before any handler
 * sees it. This is not permessage-deflate (RFC 7692, {@code compress(true)}), which the engine undoes by itself on
 * both kinds of frame. Text frames are never inflated.
 * <p>
 * A binary frame that is not a valid, complete stream of the format fails the connection with close code 1007
 * (invalid payload); one that would inflate past {@code maxMessageSize} with 1009 (message too big).
 */
public enum PayloadCompression
{
    /** Binary frames are delivered as they come. The default. */
    NONE,
    /**
     * Every binary frame is gzip (RFC 1952): header (with any of its optional fields), deflate data, CRC-32 and
     * length trailer, both checked. Several members one after the other are one message.
     */
    GZIP,
    /** Every binary frame is raw deflate (RFC 1951) without header or trailer, ending with a final block. */
    DEFLATE,
    /** Every binary frame is zlib (RFC 1950): two-byte header, deflate data, Adler-32 trailer (checked). */
    ZLIB,
    /**
     * Every binary frame is compressed, the format told per message by its first bytes: gzip when it starts with
     * {@code 1f 8b}; zlib when its first two bytes are a valid zlib header (method 8, window at most 32 KiB,
     * header check a multiple of 31); raw deflate otherwise.
     * <p>
     * The order is safe: {@code 1f} cannot start raw deflate (it would be a block of the reserved type 3), and a
     * raw-deflate stream that passes the zlib header test must begin with a stored block whose padding bits are not
     * zero, which no compressor writes; if one did, its Adler-32 check would fail and the message be refused
     * (1007), never delivered wrong.
     */
    AUTO
}
