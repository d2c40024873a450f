/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.scan;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * Steps over UTF-8 JSON in a {@link DirectBuffer} without parsing it: whitespace, strings (escapes included), whole
 * values (nested objects and arrays matched by brackets, with brackets and quotes inside strings ignored), the members
 * of an object and the elements of an array (integers are read in place by {@link JsonIntegers}). The pieces the
 * zero-copy readers of single fields are made of (a multiplexer's channel key, a feed's sequence fields): nothing is
 * allocated, nothing is validated beyond what finding a value needs, and malformed input is never an exception,
 * only "not found" ({@link #NOT_FOUND}).
 * <p>
 * Every method takes the index after the last byte it may read ({@code end}) and never reads at or past it. The span
 * is checked against the buffer's capacity once per call (an {@link IndexOutOfBoundsException} there is the caller's
 * bug, as with any {@link DirectBuffer} access); the bytes in it are then read without a check each, as the engine's
 * UTF-8 validator reads them, since these loops run over every byte before the fields a feed reads.
 */
public final class JsonBytes
{
    /** What the index-returning methods give when the input ends first or is not what was expected. */
    public static final int NOT_FOUND = -1;


    /** Strings are searched for their closing quote 8 bytes at a time on little-endian machines (all common ones). */
    private static final boolean LITTLE_ENDIAN = ByteOrder.LITTLE_ENDIAN == ByteOrder.nativeOrder();
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';

    /** Bytes that end a number or a literal: the structural ones and whitespace. */
    private static final boolean[] DELIMITER = new boolean[256];

    static
    {
        for (final char c : new char[]{ ',', '}', ']', ' ', '\n', '\r', '\t' })
        {
            DELIMITER[c] = true;
        }
    }

    private JsonBytes()
    {
    }

    /**
     * Does this byte end a number or a literal (a structural byte or whitespace)?
     */
    static boolean isDelimiter(final byte b)
    {
        return DELIMITER[b & 0xFF];
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
        check(buffer, from, end);
        return skipSpace(buffer.byteArray(), buffer.addressOffset(), from, end);
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
        check(buffer, from, end);
        return closingQuote(buffer.byteArray(), buffer.addressOffset(), from, end);
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
        check(buffer, at, end);
        return skipValue(buffer.byteArray(), buffer.addressOffset(), at, end);
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
        check(buffer, at, end);
        return scalarEnd(buffer.byteArray(), buffer.addressOffset(), at, end);
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
        check(buffer, from, end);
        return nextMember(buffer.byteArray(), buffer.addressOffset(), from, end);
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
        check(buffer, nameQuote, end);
        return memberValue(buffer.byteArray(), buffer.addressOffset(), nameQuote, end);
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
        check(buffer, start, stop);
        return contentEquals(buffer.byteArray(), buffer.addressOffset(), start, stop, name);
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
        check(buffer, objectAt, end);
        return findMember(buffer.byteArray(), buffer.addressOffset(), objectAt, end, name);
    }

    /**
     * The next element of an array, or its end: skips whitespace and commas from {@code from}, which is just after
     * the array's opening bracket or just after the previous element's value.
     *
     * @param buffer holding the message.
     * @param from   index to start at.
     * @param end    index after the message.
     * @return the index of the element's first byte or of the array's closing bracket (the caller tells them apart
     * by that byte: no value starts with one), or {@link #NOT_FOUND} if the message ends first or a closing brace is
     * there.
     */
    public static int nextElement(final DirectBuffer buffer, final int from, final int end)
    {
        check(buffer, from, end);
        return nextElement(buffer.byteArray(), buffer.addressOffset(), from, end);
    }

    /**
     * Find an element of one array by its index: the elements before it are stepped over whole.
     *
     * @param buffer  holding the message.
     * @param arrayAt index of the array's opening bracket (leading whitespace is skipped).
     * @param end     index after the message.
     * @param index   of the element: 0 the first, or negative to count from the end, -1 the last. A negative index
     *                steps over the whole array to find its end, and twice for one below -1.
     * @return the index of the element's first byte, or {@link #NOT_FOUND} if the array has no such element, or is
     * not an array, or is cut short before it (before its end, for a negative index).
     */
    public static int findElement(final DirectBuffer buffer, final int arrayAt, final int end, final int index)
    {
        check(buffer, arrayAt, end);
        return findElement(buffer.byteArray(), buffer.addressOffset(), arrayAt, end, index);
    }


    /**
     * Check once that a span lies in a buffer, before reading it with the unchecked methods that take the buffer's
     * {@link DirectBuffer#byteArray() array} and {@link DirectBuffer#addressOffset() address}: a caller that makes
     * many steps over one message (a walk over its members) pays for the check once rather than per step.
     *
     * @param buffer holding the message.
     * @param from   first index that will be read.
     * @param end    index after the last byte that may be read.
     * @throws IndexOutOfBoundsException if the span is not inside the buffer.
     */
    public static void checkSpan(final DirectBuffer buffer, final int from, final int end)
    {
        check(buffer, from, end);
    }

    /**
     * One byte, unchecked: for an index in a span already passed to {@link #checkSpan}.
     *
     * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address the buffer's {@link DirectBuffer#addressOffset()}.
     * @param index   of the byte.
     * @return the byte.
     */
    public static byte byteAt(final byte[] array, final long address, final int index)
    {
        return UnsafeApi.getByte(array, address + index);
    }

    private static void check(final DirectBuffer buffer, final int from, final int end)
    {
        if (from < 0 || end > buffer.capacity())
        {
            throw new IndexOutOfBoundsException("JSON span [" + from + ", " + end + ") outside a buffer of capacity " +
                buffer.capacity());
        }
    }

    // The same, over the bytes at address (absolute, or relative to array when the buffer wraps one)

    private static byte at(final byte[] array, final long address, final int index)
    {
        return UnsafeApi.getByte(array, address + index);
    }

    /**
     * {@link #skipSpace(DirectBuffer, int, int)} without the check: for a span already passed to {@link #checkSpan}.
     *
     * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address the buffer's {@link DirectBuffer#addressOffset()}.
     * @param from    index to start at.
     * @param end     index after the message.
     * @return the index of the first byte that is not whitespace, or {@code end}.
     */
    public static int skipSpace(final byte[] array, final long address, final int from, final int end)
    {
        int i = from;
        while (i < end)
        {
            final byte b = at(array, address, i);
            if (' ' != b && '\n' != b && '\r' != b && '\t' != b)
            {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * {@link #closingQuote(DirectBuffer, int, int)} without the check: for a span already passed to
     * {@link #checkSpan}.
     *
     * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address the buffer's {@link DirectBuffer#addressOffset()}.
     * @param from    index of the string's first content byte.
     * @param end     index after the message.
     * @return the index of the closing quote, or {@link #NOT_FOUND}.
     */
    public static int closingQuote(final byte[] array, final long address, final int from, final int end)
    {
        int i = from;
        if (LITTLE_ENDIAN)
        {
            // a word at a time: the lowest byte that is a quote or a backslash (the zero-byte test is exact for
            // the lowest one; bits above it may be false positives, which are never looked at)
            while (i + Long.BYTES <= end)
            {
                final long word = UnsafeApi.getLong(array, address + i);
                final long quotes = word ^ QUOTES;
                final long backslashes = word ^ BACKSLASHES;
                final long found = ((quotes - ONES) & ~quotes | (backslashes - ONES) & ~backslashes) & HIGH_BITS;
                if (0 == found)
                {
                    i += Long.BYTES;
                    continue;
                }
                i += Long.numberOfTrailingZeros(found) >>> 3;
                if ('"' == at(array, address, i))
                {
                    return i;
                }
                i += 2; // a backslash and the character it escapes
            }
        }
        while (i < end)
        {
            final byte b = at(array, address, i);
            if ('"' == b)
            {
                return i;
            }
            i += '\\' == b ? 2 : 1;
        }
        return NOT_FOUND;
    }

    /**
     * {@link #skipValue(DirectBuffer, int, int)} without the check: for a span already passed to {@link #checkSpan}.
     *
     * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address the buffer's {@link DirectBuffer#addressOffset()}.
     * @param at      index of the value's first byte.
     * @param end     index after the message.
     * @return the index just after the value, or {@link #NOT_FOUND}.
     */
    public static int skipValue(final byte[] array, final long address, final int at, final int end)
    {
        if (at >= end)
        {
            return NOT_FOUND;
        }
        final byte first = at(array, address, at);
        if ('"' == first)
        {
            final int close = closingQuote(array, address, at + 1, end);
            return close < 0 ? NOT_FOUND : close + 1;
        }
        if ('{' == first || '[' == first)
        {
            int depth = 0;
            for (int i = at; i < end; i++)
            {
                final byte b = at(array, address, i);
                if ('"' == b)
                {
                    i = closingQuote(array, address, i + 1, end);
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
        return scalarEnd(array, address, at, end);
    }

    /**
     * {@link #scalarEnd(DirectBuffer, int, int)} without the check: for a span already passed to {@link #checkSpan}.
     *
     * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address the buffer's {@link DirectBuffer#addressOffset()}.
     * @param at      index of its first byte.
     * @param end     index after the message.
     * @return the index of the delimiter after it, or {@link #NOT_FOUND}.
     */
    public static int scalarEnd(final byte[] array, final long address, final int at, final int end)
    {
        for (int i = at; i < end; i++)
        {
            if (DELIMITER[at(array, address, i) & 0xFF])
            {
                return i;
            }
        }
        return NOT_FOUND;
    }

    /**
     * {@link #nextMember(DirectBuffer, int, int)} without the check: for a span already passed to {@link #checkSpan}.
     *
     * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address the buffer's {@link DirectBuffer#addressOffset()}.
     * @param from    index to start at.
     * @param end     index after the message.
     * @return the index of the name's opening quote or of the closing brace, or {@link #NOT_FOUND}.
     */
    public static int nextMember(final byte[] array, final long address, final int from, final int end)
    {
        // compact JSON, the usual case: the comma and the name's quote with nothing between them
        if (from + 1 < end && ',' == at(array, address, from) && '"' == at(array, address, from + 1))
        {
            return from + 1;
        }
        final int i = skipSpaceAndCommas(array, address, from, end);
        if (i < 0)
        {
            return NOT_FOUND;
        }
        final byte b = at(array, address, i);
        return '"' == b || '}' == b ? i : NOT_FOUND;
    }

    /**
     * The first byte from {@code from} that is neither whitespace nor a comma: what separates members or elements is
     * not validated beyond that.
     */
    private static int skipSpaceAndCommas(final byte[] array, final long address, final int from, final int end)
    {
        int i = from;
        while (true)
        {
            i = skipSpace(array, address, i, end);
            if (i >= end)
            {
                return NOT_FOUND;
            }
            if (',' != at(array, address, i))
            {
                return i;
            }
            i++;
        }
    }

    /**
     * {@link #memberValue(DirectBuffer, int, int)} without the check: for a span already passed to
     * {@link #checkSpan}.
     *
     * @param array     the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address   the buffer's {@link DirectBuffer#addressOffset()}.
     * @param nameQuote index of the quote that closes the member's name.
     * @param end       index after the message.
     * @return the index of the value's first byte, or {@link #NOT_FOUND}.
     */
    public static int memberValue(final byte[] array, final long address, final int nameQuote, final int end)
    {
        // compact JSON, the usual case: the colon and the value's first byte (no whitespace is above a space)
        final int colon = nameQuote + 1;
        if (colon + 1 < end && ':' == at(array, address, colon) && at(array, address, colon + 1) > ' ')
        {
            return colon + 1;
        }
        int i = skipSpace(array, address, nameQuote + 1, end);
        if (i >= end || ':' != at(array, address, i))
        {
            return NOT_FOUND;
        }
        i = skipSpace(array, address, i + 1, end);
        return i < end ? i : NOT_FOUND;
    }

    /**
     * {@link #contentEquals(DirectBuffer, int, int, byte[])} without the check: for a span already passed to
     * {@link #checkSpan}.
     *
     * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address the buffer's {@link DirectBuffer#addressOffset()}.
     * @param start   index of the first content byte.
     * @param stop    index of the closing quote.
     * @param name    the bytes to compare with.
     * @return true if they are equal.
     */
    public static boolean contentEquals(
        final byte[] array, final long address, final int start, final int stop, final byte[] name)
    {
        if (stop - start != name.length)
        {
            return false;
        }
        for (int k = 0; k < name.length; k++)
        {
            if (name[k] != at(array, address, start + k))
            {
                return false;
            }
        }
        return true;
    }

    private static int findMember(
        final byte[] array, final long address, final int objectAt, final int end, final byte[] name)
    {
        int i = skipSpace(array, address, objectAt, end);
        if (i >= end || '{' != at(array, address, i))
        {
            return NOT_FOUND;
        }
        i++;
        while (true)
        {
            final int nameAt = nextMember(array, address, i, end);
            if (nameAt < 0 || '}' == at(array, address, nameAt))
            {
                return NOT_FOUND;
            }
            final int nameQuote = closingQuote(array, address, nameAt + 1, end);
            if (nameQuote < 0)
            {
                return NOT_FOUND;
            }
            final int valueAt = memberValue(array, address, nameQuote, end);
            if (valueAt < 0)
            {
                return NOT_FOUND;
            }
            if (contentEquals(array, address, nameAt + 1, nameQuote, name))
            {
                return valueAt;
            }
            i = skipValue(array, address, valueAt, end);
            if (i < 0)
            {
                return NOT_FOUND;
            }
        }
    }

    /**
     * {@link #nextElement(DirectBuffer, int, int)} without the check: for a span already passed to
     * {@link #checkSpan}.
     *
     * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address the buffer's {@link DirectBuffer#addressOffset()}.
     * @param from    index to start at.
     * @param end     index after the message.
     * @return the index of the element's first byte or of the closing bracket, or {@link #NOT_FOUND}.
     */
    public static int nextElement(final byte[] array, final long address, final int from, final int end)
    {
        // compact JSON, the usual case: the comma and the element's first byte with nothing between them
        if (from + 1 < end && ',' == at(array, address, from))
        {
            final byte b = at(array, address, from + 1);
            if (b > ' ' && ',' != b && ']' != b && '}' != b)
            {
                return from + 1;
            }
        }
        final int i = skipSpaceAndCommas(array, address, from, end);
        // a brace cannot start a value: stepping over it would not move (it ends a scalar at once)
        return i < 0 || '}' == at(array, address, i) ? NOT_FOUND : i;
    }

    /**
     * The element of an array at an index from its start, unchecked: for a span already passed to
     * {@link #checkSpan}.
     *
     * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address the buffer's {@link DirectBuffer#addressOffset()}.
     * @param arrayAt index of the array's opening bracket.
     * @param end     index after the message.
     * @param index   of the element, 0 or more.
     * @return the index of the element's first byte, or {@link #NOT_FOUND} if the array ends or the message is cut
     * short before it.
     */
    public static int elementAt(
        final byte[] array, final long address, final int arrayAt, final int end, final int index)
    {
        int i = arrayAt + 1;
        for (int e = 0; ; e++)
        {
            final int elementAt = nextElement(array, address, i, end);
            if (elementAt < 0 || ']' == at(array, address, elementAt))
            {
                return NOT_FOUND;
            }
            if (e == index)
            {
                return elementAt;
            }
            i = skipValue(array, address, elementAt, end);
            if (i < 0)
            {
                return NOT_FOUND;
            }
        }
    }

    private static int findElement(
        final byte[] array, final long address, final int arrayAt, final int end, final int index)
    {
        final int open = skipSpace(array, address, arrayAt, end);
        if (open >= end || '[' != at(array, address, open))
        {
            return NOT_FOUND;
        }
        if (index >= 0)
        {
            return elementAt(array, address, open, end, index);
        }
        // from the end: count the elements to the closing bracket, remembering where the last one starts
        int count = 0;
        int last = NOT_FOUND;
        int i = open + 1;
        while (true)
        {
            final int elementAt = nextElement(array, address, i, end);
            if (elementAt < 0)
            {
                return NOT_FOUND;
            }
            if (']' == at(array, address, elementAt))
            {
                break;
            }
            last = elementAt;
            count++;
            i = skipValue(array, address, elementAt, end);
            if (i < 0)
            {
                return NOT_FOUND;
            }
        }
        if (-1 == index)
        {
            return last;
        }
        return count + index < 0 ? NOT_FOUND : elementAt(array, address, open, end, count + index);
    }
}
