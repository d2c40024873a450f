/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.scan.JsonBytes;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Finds the string value of one top-level key of a JSON object in the message's bytes. Members before the key are
 * skipped by matching brackets and quotes, not parsed ({@link JsonBytes#findMember}), so a feed that puts its channel
 * first ({@code "stream"} on Binance's combined streams) is routed after reading a few bytes. Malformed JSON is never
 * an error here: it is unroutable, or decoded (and reported by the codec) when the value needs it. Stateless: one
 * instance may serve several engines.
 */
final class JsonKeyScanner implements RawChannelExtractor
{
    private final byte[] key;

    JsonKeyScanner(final String key)
    {
        if (key.isEmpty() || key.indexOf('"') >= 0 || key.indexOf('\\') >= 0)
        {
            throw new IllegalArgumentException("channel key must be non-empty, without quotes or backslashes: " +
                key);
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int extract(
        final MessageType type, final DirectBuffer buffer, final int offset, final int length, final ChannelSpan span)
    {
        if (MessageType.TEXT != type)
        {
            return NONE;
        }
        final int end = offset + length;
        final int valueAt = JsonBytes.findMember(buffer, offset, end, key);
        return valueAt < 0 ? NONE : value(buffer, valueAt, end, span);
    }

    private static int value(final DirectBuffer buffer, final int at, final int end, final ChannelSpan span)
    {
        if ('"' != buffer.getByte(at))
        {
            return 'n' == buffer.getByte(at) ? NONE : DECODE; // null: no channel; a number or object: the codec's
        }
        final int start = at + 1;
        final int close = JsonBytes.closingQuote(buffer, start, end);
        if (close < 0)
        {
            return NONE;
        }
        for (int i = start; i < close; i++)
        {
            if ('\\' == buffer.getByte(i))
            {
                return DECODE; // escaped: the decoded string is the channel, not these bytes
            }
        }
        span.set(start, close - start);
        return FOUND;
    }
}
