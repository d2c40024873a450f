/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.time;

import io.jetsocket.client.feed.JsonFieldPath;
import io.jetsocket.client.scan.JsonBytes;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@link ExchangeTimestampExtractor#jsonField} and {@link ExchangeTimestampExtractor#jsonPath}: a JSON value holding a
 * time in one unit. The value is found by its {@link JsonFieldPath} (members and elements before it skipped, not
 * parsed; a top-level key is one {@link JsonBytes#findMember}) and its digits read in place: an integer part and up to
 * nine digits of a fraction (more are ignored: nanoseconds are the finest the result holds). Stateless and
 * allocation-free.
 */
final class JsonTimestampField implements ExchangeTimestampExtractor
{
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L };

    private final JsonFieldPath path;
    private final long nanosPerUnit;
    private final String description;

    /**
     * A top-level key, taken whole (dots and brackets included).
     */
    JsonTimestampField(final String key, final TimeUnit unit)
    {
        this(keyPath(key), unit, "jsonField(\"" + key + "\", " + unit + ")");
    }

    /**
     * A path of keys and array indices ({@link JsonFieldPath#of}).
     */
    JsonTimestampField(final JsonFieldPath path, final TimeUnit unit)
    {
        this(Objects.requireNonNull(path, "path"), unit, "jsonPath(\"" + path + "\", " + unit + ")");
    }

    private JsonTimestampField(final JsonFieldPath path, final TimeUnit unit, final String description)
    {
        Objects.requireNonNull(unit, "unit");
        if (TimeUnit.SECONDS != unit && TimeUnit.MILLISECONDS != unit && TimeUnit.MICROSECONDS != unit &&
            TimeUnit.NANOSECONDS != unit)
        {
            throw new IllegalArgumentException("timestamp unit must be SECONDS, MILLISECONDS, MICROSECONDS or " +
                "NANOSECONDS: " + unit + " (path \"" + path + "\")");
        }
        this.path = path;
        this.nanosPerUnit = unit.toNanos(1);
        this.description = description;
    }

    private static JsonFieldPath keyPath(final String key)
    {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.indexOf('"') >= 0 || key.indexOf('\\') >= 0)
        {
            throw new IllegalArgumentException("timestamp key must be non-empty, without quotes or backslashes: " +
                key);
        }
        return JsonFieldPath.ofKeys(key);
    }

    @Override
    public long extractEpochNanos(
        final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (MessageType.TEXT != type)
        {
            return NONE;
        }
        int i = path.valueAt(buffer, offset, length);
        if (i < 0)
        {
            return NONE;
        }
        final int end = offset + length;
        final boolean quoted = '"' == buffer.getByte(i);
        if (quoted)
        {
            i++; // a quoted number: the same digits inside
        }
        long integer = 0;
        int digits = 0;
        int b;
        while (i < end && isDigit(b = buffer.getByte(i)))
        {
            if (integer > (Long.MAX_VALUE - (b - '0')) / 10)
            {
                return NONE; // beyond any timestamp: refuse rather than overflow
            }
            integer = integer * 10 + (b - '0');
            digits++;
            i++;
        }
        if (0 == digits)
        {
            return NONE; // null, a negative or not a number
        }
        long fraction = 0;
        int fractionDigits = 0;
        if (i < end && '.' == buffer.getByte(i))
        {
            i++;
            while (i < end && isDigit(b = buffer.getByte(i)))
            {
                if (fractionDigits < MAX_FRACTION_DIGITS)
                {
                    fraction = fraction * 10 + (b - '0');
                    fractionDigits++;
                }
                i++;
            }
        }
        if (!endsNumber(buffer, i, end, quoted))
        {
            return NONE; // cut short, or more than a number: not a timestamp
        }
        if (integer > Long.MAX_VALUE / nanosPerUnit)
        {
            return NONE; // wrong unit for this field: no epoch time in nanoseconds is that large
        }
        // fraction < 10^9 and nanosPerUnit <= 10^9: the product fits a long.
        return integer * nanosPerUnit + fraction * nanosPerUnit / POWERS_OF_TEN[fractionDigits];
    }

    /**
     * Does the number end properly at {@code i}: its closing quote, or what may follow a value in an object or array?
     */
    private static boolean endsNumber(final DirectBuffer buffer, final int i, final int end, final boolean quoted)
    {
        if (i >= end)
        {
            return false;
        }
        final byte b = buffer.getByte(i);
        return quoted ? '"' == b : ',' == b || '}' == b || ']' == b || ' ' == b || '\n' == b || '\r' == b || '\t' == b;
    }

    private static boolean isDigit(final int b)
    {
        return b >= '0' && b <= '9';
    }

    @Override
    public String toString()
    {
        return description;
    }
}
