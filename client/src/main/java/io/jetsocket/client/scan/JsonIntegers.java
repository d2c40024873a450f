/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.scan;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Reads a JSON integer in place, where {@link JsonBytes} has found a value: a number or a string that holds exactly an
 * integer, as venues that quote their ids send them. The same rules as {@link JsonBytes}: nothing is allocated,
 * malformed input is a value ({@link #NOT_A_LONG}), never an exception, and the unchecked variants read a span already
 * passed to {@link JsonBytes#checkSpan}.
 */
public final class JsonIntegers
{
    /** What {@link #readLong} gives for anything but an integer that fits a long (and for {@code Long.MIN_VALUE}). */
    public static final long NOT_A_LONG = Long.MIN_VALUE;

    /** The most decimal digits that always fit a long. */
    private static final int SAFE_DIGITS = 18;

    private static final long[] POWERS_OF_TEN = new long[SAFE_DIGITS + 1];

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private JsonIntegers()
    {
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
        JsonBytes.checkSpan(buffer, at, end);
        return readLong(buffer.byteArray(), buffer.addressOffset(), at, end);
    }

    /**
     * {@link #readLong(DirectBuffer, int, int)} without the check: for a span already passed to
     * {@link JsonBytes#checkSpan}.
     *
     * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address the buffer's {@link DirectBuffer#addressOffset()}.
     * @param at      index of the value's first byte.
     * @param end     index after the message.
     * @return the value, or {@link #NOT_A_LONG}.
     */
    public static long readLong(final byte[] array, final long address, final int at, final int end)
    {
        if (at >= end)
        {
            return NOT_A_LONG;
        }
        final boolean quoted = '"' == at(array, address, at);
        int i = quoted ? at + 1 : at;
        if (i >= end)
        {
            return NOT_A_LONG;
        }
        final boolean negative = '-' == at(array, address, i);
        if (negative)
        {
            i++;
        }
        final int digitsStart = i;
        // up to 18 digits cannot overflow a long: accumulated with no check per digit, as most ids are
        final int fastStop = Math.min(end, digitsStart + SAFE_DIGITS);
        long value = 0;
        while (i < fastStop)
        {
            final int digit = at(array, address, i) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            value = value * 10 + digit;
            i++;
        }
        if (i == fastStop && i < end && isDigit(at(array, address, i)))
        {
            return readLongChecked(array, address, digitsStart, end, quoted, negative);
        }
        if (i == digitsStart || i >= end)
        {
            return NOT_A_LONG; // no digits, or cut short: a member's value is always followed by something
        }
        final byte after = at(array, address, i);
        if (quoted ? '"' != after : !JsonBytes.isDelimiter(after))
        {
            return NOT_A_LONG; // a fraction, an exponent, or anything else after the digits
        }
        return negative ? -value : value;
    }

    /**
     * The index just after an integer value that {@link #readLong(byte[], long, int, int)} has just read, found
     * from the value's digit count rather than by stepping over its bytes again; unchecked, as that method is.
     * Written with leading zeros, the value is stepped over as
     * {@link JsonBytes#skipValue(byte[], long, int, int)} does.
     *
     * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
     * @param address the buffer's {@link DirectBuffer#addressOffset()}.
     * @param at      index of the value's first byte, as given to readLong.
     * @param end     index after the message, as given to readLong.
     * @param value   what readLong returned: not {@link #NOT_A_LONG}.
     * @return the index after the digits, or after the closing quote of a quoted integer.
     */
    public static int integerEnd(final byte[] array, final long address, final int at, final int end, final long value)
    {
        final boolean quoted = '"' == at(array, address, at);
        final long magnitude = Math.abs(value);
        // where the digits end if there is no leading zero; with leading zeros, a digit is there instead
        final int guess = at + (quoted ? 1 : 0) + (value < 0 ? 1 : 0) + decimalDigits(magnitude);
        if (guess < end)
        {
            final byte after = at(array, address, guess);
            if (quoted ? '"' == after : JsonBytes.isDelimiter(after))
            {
                return quoted ? guess + 1 : guess;
            }
        }
        return JsonBytes.skipValue(array, address, at, end);
    }

    /**
     * How many decimal digits a value of 0 or more is written with, in constant time: an estimate of log10 from
     * the bit length, corrected by one comparison.
     */
    private static int decimalDigits(final long magnitude)
    {
        final int bits = Long.SIZE - Long.numberOfLeadingZeros(magnitude | 1);
        final int estimate = (bits * 1233) >>> 12; // 1233 / 4096 is just under log10(2)
        return Math.max(1, estimate + (magnitude >= POWERS_OF_TEN[estimate] ? 1 : 0));
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    /**
     * The slow path of readLong for 19 digits or more: checked for overflow at every digit.
     */
    private static long readLongChecked(
        final byte[] array,
        final long address,
        final int digitsStart,
        final int end,
        final boolean quoted,
        final boolean negative)
    {
        // accumulated negatively, as Long.parseLong does, so that Long.MIN_VALUE's magnitude fits
        final long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        final long multiplyMin = limit / 10;
        int i = digitsStart;
        long value = 0;
        while (i < end)
        {
            final int digit = at(array, address, i) - '0';
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
        if (i >= end)
        {
            return NOT_A_LONG;
        }
        final byte after = at(array, address, i);
        if (quoted ? '"' != after : !JsonBytes.isDelimiter(after))
        {
            return NOT_A_LONG;
        }
        return negative ? value : -value;
    }

    private static byte at(final byte[] array, final long address, final int index)
    {
        return UnsafeApi.getByte(array, address + index);
    }
}
