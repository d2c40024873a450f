/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import org.agrona.DirectBuffer;

/**
 * Steps over UTF-8 JSON in a {@link DirectBuffer} without parsing it: whitespace, strings (escapes included), whole
 * values (nested objects and arrays matched by brackets, with brackets and quotes inside strings ignored), the members
 * of an object, and integers read in place. The pieces the zero-copy readers of single fields are made of (a
 * multiplexer's channel key, a feed's sequence fields): nothing is allocated, nothing is validated beyond what
 * finding a value needs, and malformed input is never an exception, only "not found" ({@link #NOT_FOUND}).
 * <p>
 * Every method takes the index after the last byte it may read ({@code end}) and never reads at or past it.
 */
public final class JsonBytes
{
    /** What the index-returning methods give when the input ends first or is not what was expected. */
    public static final int NOT_FOUND = -1;

    /** What {@link #readLong} gives for anything but an integer that fits a long (and for {@code Long.MIN_VALUE}). */
    public static final long NOT_A_LONG = Long.MIN_VALUE;

    private JsonBytes()
    {
    }

    /**
     * Skip JSON whitespace.
     *
     * @param buffer holding the message.
     * @param from   index to start at.
     * @param end    index after the message.
     * @return the index of the first byte that is not whitespace, or {@code end}.
     */
    public static int skipSpace(final DirectBuffer buffer, final int from, final int end)
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
     * The quote that ends a string, skipping escaped characters (an escaped quote does not end it).
     *
     * @param buffer holding the message.
     * @param from   index of the string's first content byte (after its opening quote).
     * @param end    index after the message.
     * @return the index of the closing quote, or {@link #NOT_FOUND}.
     */
    public static int closingQuote(final DirectBuffer buffer, final int from, final int end)
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
        return NOT_FOUND;
    }

    /**
     * Step over one value: a string, an object or array with everything in it, or a number or literal.
     *
     * @param buffer holding the message.
     * @param at     index of the value's first byte (not whitespace).
     * @param end    index after the message.
     * @return the index just after the value, or {@link #NOT_FOUND} if the message ends first.
     */
    public static int skipValue(final DirectBuffer buffer, final int at, final int end)
    {
        if (at >= end)
        {
            return NOT_FOUND;
        }
        final byte first = buffer.getByte(at);
        if ('"' == first)
        {
            final int close = closingQuote(buffer, at + 1, end);
            return close < 0 ? NOT_FOUND : close + 1;
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
                        return NOT_FOUND;
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
            return NOT_FOUND;
        }
        return scalarEnd(buffer, at, end);
    }

    /**
     * The end of a number or a literal ({@code true}, {@code false}, {@code null}).
     *
     * @param buffer holding the message.
     * @param at     index of its first byte.
     * @param end    index after the message.
     * @return the index of the delimiter after it (a comma, a closing bracket, whitespace), or {@link #NOT_FOUND}
     * if the message ends first.
     */
    public static int scalarEnd(final DirectBuffer buffer, final int at, final int end)
    {
        for (int i = at; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (',' == b || '}' == b || ']' == b || ' ' == b || '\n' == b || '\r' == b || '\t' == b)
            {
                return i;
            }
        }
        return NOT_FOUND;
    }

    /**
     * The next member of an object, or its end: skips whitespace and commas from {@code from}, which is just after
     * the object's opening brace or just after the previous member's value.
     *
     * @param buffer holding the message.
     * @param from   index to start at.
     * @param end    index after the message.
     * @return the index of the opening quote of the member's name or of the object's closing brace (the caller
     * tells them apart by that byte), or {@link #NOT_FOUND} if the message ends first or anything else is there.
     */
    public static int nextMember(final DirectBuffer buffer, final int from, final int end)
    {
        int i = from;
        while (true)
        {
            i = skipSpace(buffer, i, end);
            if (i >= end)
            {
                return NOT_FOUND;
            }
            final byte b = buffer.getByte(i);
            if (',' == b)
            {
                i++;
                continue;
            }
            return '"' == b || '}' == b ? i : NOT_FOUND;
        }
    }

    /**
     * The value of a member whose name ends at {@code nameQuote}: skips whitespace, the colon and whitespace.
     *
     * @param buffer    holding the message.
     * @param nameQuote index of the quote that closes the member's name.
     * @param end       index after the message.
     * @return the index of the value's first byte, or {@link #NOT_FOUND}.
     */
    public static int memberValue(final DirectBuffer buffer, final int nameQuote, final int end)
    {
        int i = skipSpace(buffer, nameQuote + 1, end);
        if (i >= end || ':' != buffer.getByte(i))
        {
            return NOT_FOUND;
        }
        i = skipSpace(buffer, i + 1, end);
        return i < end ? i : NOT_FOUND;
    }

    /**
     * Is the string content {@code [start, stop)} exactly these bytes? Escapes are compared as written.
     *
     * @param buffer holding the message.
     * @param start  index of the first content byte.
     * @param stop   index of the closing quote.
     * @param name   the bytes to compare with.
     * @return true if they are equal.
     */
    public static boolean contentEquals(final DirectBuffer buffer, final int start, final int stop, final byte[] name)
    {
        if (stop - start != name.length)
        {
            return false;
        }
        for (int k = 0; k < name.length; k++)
        {
            if (name[k] != buffer.getByte(start + k))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Find a member of one object by name (the first one, if the name repeats): members before it are stepped over
     * whole, so a name that appears in a nested object or inside a string never matches.
     *
     * @param buffer   holding the message.
     * @param objectAt index of the object's opening brace (leading whitespace is skipped).
     * @param end      index after the message.
     * @param name     the member's name as UTF-8 bytes, compared with the name as written (escapes included).
     * @return the index of the member value's first byte, or {@link #NOT_FOUND} if the object has no such member, or
     * is not an object, or is cut short before it.
     */
    public static int findMember(final DirectBuffer buffer, final int objectAt, final int end, final byte[] name)
    {
        int i = skipSpace(buffer, objectAt, end);
        if (i >= end || '{' != buffer.getByte(i))
        {
            return NOT_FOUND;
        }
        i++;
        while (true)
        {
            final int nameAt = nextMember(buffer, i, end);
            if (nameAt < 0 || '}' == buffer.getByte(nameAt))
            {
                return NOT_FOUND;
            }
            final int nameQuote = closingQuote(buffer, nameAt + 1, end);
            if (nameQuote < 0)
            {
                return NOT_FOUND;
            }
            final int valueAt = memberValue(buffer, nameQuote, end);
            if (valueAt < 0)
            {
                return NOT_FOUND;
            }
            if (contentEquals(buffer, nameAt + 1, nameQuote, name))
            {
                return valueAt;
            }
            i = skipValue(buffer, valueAt, end);
            if (i < 0)
            {
                return NOT_FOUND;
            }
        }
    }

    /**
     * Read an integer value in place: a JSON integer ({@code 42}, {@code -7}) or a string that holds exactly one
     * ({@code "42"}), as venues that quote their ids send it. Leading zeros are accepted.
     *
     * @param buffer holding the message.
     * @param at     index of the value's first byte.
     * @param end    index after the message.
     * @return the value, or {@link #NOT_A_LONG} for a decimal, an exponent, a literal, an empty or non-numeric
     * string, a value that does not fit a long, or one cut short by the end of the message.
     */
    public static long readLong(final DirectBuffer buffer, final int at, final int end)
    {
        if (at >= end)
        {
            return NOT_A_LONG;
        }
        final boolean quoted = '"' == buffer.getByte(at);
        int i = quoted ? at + 1 : at;
        if (i >= end)
        {
            return NOT_A_LONG;
        }
        final boolean negative = '-' == buffer.getByte(i);
        if (negative)
        {
            i++;
        }
        // accumulated negatively, as Long.parseLong does, so that the overflow check is one comparison per digit
        final long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        final long multiplyMin = limit / 10;
        final int digitsStart = i;
        long value = 0;
        while (i < end)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            if (value < multiplyMin)
            {
                return NOT_A_LONG;
            }
            value *= 10;
            if (value < limit + digit)
            {
                return NOT_A_LONG;
            }
            value -= digit;
            i++;
        }
        if (i == digitsStart)
        {
            return NOT_A_LONG;
        }
        if (quoted)
        {
            if (i >= end || '"' != buffer.getByte(i))
            {
                return NOT_A_LONG;
            }
        }
        else if (i < end && !isDelimiter(buffer.getByte(i)))
        {
            return NOT_A_LONG; // a fraction, an exponent or garbage after the digits
        }
        else if (i >= end)
        {
            return NOT_A_LONG; // a top-level value cut short: not a member of an object
        }
        return negative ? value : -value;
    }

    private static boolean isDelimiter(final byte b)
    {
        return ',' == b || '}' == b || ']' == b || ' ' == b || '\n' == b || '\r' == b || '\t' == b;
    }
}
