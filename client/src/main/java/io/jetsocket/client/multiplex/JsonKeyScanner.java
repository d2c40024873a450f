/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Finds the string value of one top-level key of a JSON object in the message's bytes. Members before the key are
 * skipped by matching brackets and quotes, not parsed, so a feed that puts its channel first ({@code "stream"} on
 * Binance's combined streams) is routed after reading a few bytes. Malformed JSON is never an error here: it is
 * unroutable, or decoded (and reported by the codec) when the value needs it. Stateless: one instance may serve
 * several engines.
 */
public final class JsonKeyScanner implements RawChannelExtractor
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
        final int at = valueIndex(buffer, offset, length, key);
        return at < 0 ? NONE : value(buffer, at, offset + length, span);
    }

    /**
     * Where the value of a top-level key of the JSON object in {@code [offset, offset + length)} starts, found as
     * {@link #extract} finds a channel: the members before it skipped, not parsed. Allocation-free; also what the
     * client's exchange-timestamp field reads its number from.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @param key    the key's UTF-8 bytes (no quotes or escapes).
     * @return the index of the value's first byte, or -1 when the message is not an object or has no such key.
     */
    public static int valueIndex(final DirectBuffer buffer, final int offset, final int length, final byte[] key)
    {
        final int end = offset + length;
        int i = skipSpace(buffer, offset, end);
        if (i >= end || '{' != buffer.getByte(i))
        {
            return -1;
        }
        i++;
        while (true)
        {
            i = skipSpace(buffer, i, end);
            if (i >= end)
            {
                return -1;
            }
            final byte b = buffer.getByte(i);
            if (',' == b)
            {
                i++;
                continue;
            }
            if ('"' != b)
            {
                return -1; // '}' (the key is absent) or not JSON
            }
            final int keyStart = i + 1;
            final int keyEnd = closingQuote(buffer, keyStart, end);
            if (keyEnd < 0)
            {
                return -1;
            }
            i = skipSpace(buffer, keyEnd + 1, end);
            if (i >= end || ':' != buffer.getByte(i))
            {
                return -1;
            }
            i = skipSpace(buffer, i + 1, end);
            if (i >= end)
            {
                return -1;
            }
            if (isKey(buffer, keyStart, keyEnd, key))
            {
                return i;
            }
            i = skipValue(buffer, i, end);
            if (i < 0)
            {
                return -1;
            }
        }
    }

    private static boolean isKey(final DirectBuffer buffer, final int start, final int end, final byte[] key)
    {
        if (end - start != key.length)
        {
            return false;
        }
        for (int k = 0; k < key.length; k++)
        {
            if (key[k] != buffer.getByte(start + k))
            {
                return false;
            }
        }
        return true;
    }

    private static int value(final DirectBuffer buffer, final int at, final int end, final ChannelSpan span)
    {
        if ('"' != buffer.getByte(at))
        {
            return 'n' == buffer.getByte(at) ? NONE : DECODE; // null: no channel; a number or object: the codec's
        }
        final int start = at + 1;
        final int close = closingQuote(buffer, start, end);
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

    private static int skipSpace(final DirectBuffer buffer, final int from, final int end)
    {
        int i = from;
        while (i < end)
        {
            final byte b = buffer.getByte(i);
            if (' ' != b && '\n' != b && '\r' != b && '\t' != b)
            {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * The index of the quote that ends a string whose content starts at {@code from}, or -1.
     */
    private static int closingQuote(final DirectBuffer buffer, final int from, final int end)
    {
        for (int i = from; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if ('\\' == b)
            {
                i++;
            }
            else if ('"' == b)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index just after the value starting at {@code at}, or -1 if the message ends first.
     */
    private static int skipValue(final DirectBuffer buffer, final int at, final int end)
    {
        final byte first = buffer.getByte(at);
        if ('"' == first)
        {
            final int close = closingQuote(buffer, at + 1, end);
            return close < 0 ? -1 : close + 1;
        }
        if ('{' == first || '[' == first)
        {
            int depth = 0;
            for (int i = at; i < end; i++)
            {
                final byte b = buffer.getByte(i);
                if ('"' == b)
                {
                    i = closingQuote(buffer, i + 1, end);
                    if (i < 0)
                    {
                        return -1;
                    }
                }
                else if ('{' == b || '[' == b)
                {
                    depth++;
                }
                else if (('}' == b || ']' == b) && 0 == --depth)
                {
                    return i + 1;
                }
            }
            return -1;
        }
        for (int i = at; i < end; i++) // a number or a literal
        {
            final byte b = buffer.getByte(i);
            if (',' == b || '}' == b || ']' == b || ' ' == b || '\n' == b || '\r' == b || '\t' == b)
            {
                return i;
            }
        }
        return -1;
    }
}
