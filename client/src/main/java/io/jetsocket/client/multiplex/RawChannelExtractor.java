/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

/**
 * Finds a message's channel in its bytes, before (and without) decoding: the zero-copy routing path. Runs on the
 * engine thread for every message, so it must not block and should not allocate.
 */
@FunctionalInterface
public interface RawChannelExtractor
{
    /** The channel was found: its bytes are marked in the span. */
    int FOUND = 1;
    /** The message has no channel: it is unroutable. */
    int NONE = 0;
    /** The bytes alone cannot tell (e.g. an escaped string): decode the message and ask the decoded extractor. */
    int DECODE = -1;

    /**
     * Find the channel.
     *
     * @param type   text or binary.
     * @param buffer holding the message; valid only during the call.
     * @param offset of the message.
     * @param length of the message.
     * @param span   where to mark the channel's UTF-8 bytes (within the buffer) when found.
     * @return {@link #FOUND}, {@link #NONE} or {@link #DECODE}.
     */
    int extract(MessageType type, DirectBuffer buffer, int offset, int length, ChannelSpan span);

    /**
     * The extractor of a top-level JSON object key whose value is the channel, e.g. {@code "stream"} for
     * {@code {"stream":"btcusdt@trade","data":{...}}}: it scans the bytes only as far as that key (nested values
     * are skipped, not parsed) and allocates nothing. A string value with escapes, or a value that is not a string,
     * asks for decoding ({@link #DECODE}); a message without the key, or one that is not a JSON object, has no
     * channel.
     *
     * @param key the key, without escapes.
     * @return the extractor.
     */
    static RawChannelExtractor jsonKey(final String key)
    {
        return new JsonKeyScanner(key);
    }
}
