/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The byte scans the ready-made venue pings and server-ping responders share: short messages read in place, no
 * allocation, nothing parsed beyond what the match needs. Not a JSON parser: a pair is looked for where its key
 * appears, which is enough for the few bytes of a ping or a pong.
 */
final class RawBytes
{
    static final int NOT_FOUND = -1;

    private RawBytes()
    {
    }

    /**
     * The bytes of a JSON key with its quotes.
     */
    static byte[] quoted(final String name, final String what)
    {
        if (name.isEmpty() || name.indexOf('"') >= 0 || name.indexOf('\\') >= 0)
        {
            throw new IllegalArgumentException(what + " must be non-empty, without quotes or backslashes: " + name);
        }
        return ('"' + name + '"').getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8(final String text, final String what)
    {
        if (null == text || text.isEmpty())
        {
            throw new IllegalArgumentException(what + " must be non-empty");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Do the bytes equal these exactly?
     */
    static boolean equalsBytes(final DirectBuffer buffer, final int offset, final int length, final byte[] bytes)
    {
        if (length != bytes.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != bytes[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the value of the first occurrence of a quoted key followed by a colon starts.
     *
     * @return the index of the value's first byte, or {@link #NOT_FOUND}.
     */
    static int valueOf(final DirectBuffer buffer, final int from, final int end, final byte[] quotedKey)
    {
        final int last = end - quotedKey.length;
        for (int i = from; i <= last; i++)
        {
            if (matchesAt(buffer, i, quotedKey))
            {
                int at = skipSpace(buffer, i + quotedKey.length, end);
                if (at < end && ':' == buffer.getByte(at))
                {
                    at = skipSpace(buffer, at + 1, end);
                    if (at < end)
                    {
                        return at;
                    }
                }
            }
        }
        return NOT_FOUND;
    }

    static boolean matchesAt(final DirectBuffer buffer, final int at, final byte[] bytes)
    {
        for (int j = 0; j < bytes.length; j++)
        {
            if (buffer.getByte(at + j) != bytes[j])
            {
                return false;
            }
        }
        return true;
    }

    static int skipSpace(final DirectBuffer buffer, final int from, final int end)
    {
        int i = from;
        while (i < end)
        {
            final byte b = buffer.getByte(i);
            if (' ' != b && '\t' != b && '\n' != b && '\r' != b)
            {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * The end of a run of decimal digits (at most 18: a long, no overflow) starting at {@code from}.
     *
     * @return the index after the last digit, {@code from} when there is none or the run is longer than 18.
     */
    static int digitsEnd(final DirectBuffer buffer, final int from, final int end)
    {
        int i = from;
        while (i < end && i - from <= 18)
        {
            final byte b = buffer.getByte(i);
            if (b < '0' || b > '9')
            {
                break;
            }
            i++;
        }
        return i - from > 18 ? from : i;
    }

    /**
     * The value of the digits in {@code [from, to)} (at most 18 of them).
     */
    static long parseDigits(final DirectBuffer buffer, final int from, final int to)
    {
        long value = 0;
        for (int i = from; i < to; i++)
        {
            value = value * 10 + (buffer.getByte(i) - '0');
        }
        return value;
    }
}
