/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads the JSON numbers of a {@link DirectJsonTokenizer} straight from the message and converts the current one to
 * what Jackson's number accessors ask for. Integers that fit a {@code long} and decimals whose value a {@code double}
 * can give exactly in one operation are converted while scanning, without allocating; the rest are converted from
 * their text when asked. Applies the number limits of {@link StreamReadConstraints}; errors are reported through the
 * parser, so that they carry its location and Jackson's messages. Confined to the parser's thread.
 */
final class JsonNumberReader
{
    private static final int INT = 0;
    private static final int LONG = 1;
    private static final int BIG_INTEGER = 2;
    private static final int FLOAT = 3;

    /** Integers of up to 18 digits always fit a long. */
    private static final int SAFE_LONG_DIGITS = 18;
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22 };
    private static final byte[] MAX_LONG_DIGITS = "9223372036854775807".getBytes();
    private static final byte[] MIN_LONG_DIGITS = "9223372036854775808".getBytes();

    private final DirectJsonErrors parser;
    private final JsonText text;

    private DirectBuffer buffer;
    private int limit;
    private int start;
    private int end;
    private int kind;
    private long longValue;
    private double doubleValue;
    private boolean doubleReady;

    // what scanning the parts of a number found, for read() to combine
    private long mantissa;
    private boolean exactMantissa;
    private int fractionDigits;
    private int exponentValue;
    private int exponentDigits;
    private boolean exponentExact;

    /**
     * A reader for one parser.
     *
     * @param parser that reports the errors.
     * @param text   where the characters of a number go when asked for.
     */
    JsonNumberReader(final DirectJsonErrors parser, final JsonText text)
    {
        this.parser = parser;
        this.text = text;
    }

    /**
     * Read the number starting at {@code from} (a minus sign or a digit); {@link #end()} is then after it.
     *
     * @param buffer holding the message.
     * @param from   index of the number's first byte.
     * @param limit  index after the end of the message.
     * @param limits the limits on the length of numbers.
     * @return {@link JsonToken#VALUE_NUMBER_INT} or {@link JsonToken#VALUE_NUMBER_FLOAT}.
     * @throws IOException if the number is not valid or too long.
     */
    JsonToken read(final DirectBuffer buffer, final int from, final int limit, final StreamReadConstraints limits)
        throws IOException
    {
        this.buffer = buffer;
        this.limit = limit;
        start = from;
        int p = from;
        final boolean negative = '-' == buffer.getByte(p);
        if (negative)
        {
            p++;
        }
        final int intStart = p;
        p = readIntegerPart(p);
        final int intDigits = p - intStart;
        exactMantissa = intDigits <= SAFE_LONG_DIGITS;
        fractionDigits = 0;
        int fractionLength = 0;
        int exponentLength = 0;
        int exponent = 0;
        boolean isFloat = false;
        int b;
        if (p < limit && '.' == buffer.getByte(p))
        {
            isFloat = true;
            final int fractionStart = p + 1;
            p = readFraction(fractionStart);
            fractionLength = p - fractionStart;
        }
        if (p < limit && ('e' == (b = buffer.getByte(p)) || 'E' == b))
        {
            isFloat = true;
            p = readExponent(p + 1);
            exactMantissa &= exponentExact;
            exponent = exponentValue;
            exponentLength = exponentDigits;
        }
        end = p;
        doubleReady = false;
        if (isFloat)
        {
            limits.validateFPLength(intDigits + fractionLength + exponentLength);
            return floating(negative, exactMantissa, mantissa, exponent - fractionDigits);
        }
        limits.validateIntegerLength(intDigits);
        return integer(negative, intStart, intDigits, mantissa);
    }

    /**
     * Index after the current number.
     *
     * @return the index in the message's buffer.
     */
    int end()
    {
        return end;
    }

    /**
     * Characters in the current number.
     *
     * @return its length in bytes, which are ASCII.
     */
    int length()
    {
        return end - start;
    }

    /**
     * Scan the digits of the integer part into {@link #mantissa}: all of them while they certainly fit a long.
     *
     * @return the index after them.
     */
    private int readIntegerPart(final int from) throws IOException
    {
        int p = from;
        if (p >= limit)
        {
            parser.failEofAt(p, " in a number", JsonToken.VALUE_NUMBER_INT);
        }
        long value = 0;
        int b = buffer.getByte(p);
        if ('0' == b)
        {
            p++;
            if (p < limit && isDigit(buffer.getByte(p)))
            {
                parser.failNumberAt(p, "Leading zeroes not allowed");
            }
        }
        else if (isDigit(b))
        {
            while (p < limit && isDigit(b = buffer.getByte(p)))
            {
                if (p - from < SAFE_LONG_DIGITS)
                {
                    value = value * 10 + (b - '0');
                }
                p++;
            }
        }
        else
        {
            parser.failCharAt(p, b & 0xFF, "expected digit (0-9) to follow minus sign, for valid numeric value");
        }
        mantissa = value;
        return p;
    }

    /**
     * Scan the digits after a decimal point into {@link #mantissa} and {@link #fractionDigits} while the mantissa
     * stays exact, clearing {@link #exactMantissa} when it would not.
     *
     * @return the index after them.
     */
    private int readFraction(final int from) throws IOException
    {
        int p = from;
        int b;
        long value = mantissa;
        boolean exact = exactMantissa;
        int digits = 0;
        while (p < limit && isDigit(b = buffer.getByte(p)))
        {
            if (exact && value < MAX_EXACT_MANTISSA)
            {
                value = value * 10 + (b - '0');
                digits++;
            }
            else
            {
                exact = false;
            }
            p++;
        }
        if (p == from)
        {
            parser.failNumberCharAt(p, p < limit ? buffer.getByte(p) & 0xFF : ' ',
                "Decimal point not followed by a digit");
        }
        mantissa = value;
        exactMantissa = exact;
        fractionDigits = digits;
        return p;
    }

    /**
     * Scan an exponent from after its {@code e} into {@link #exponentValue}, {@link #exponentDigits} and
     * {@link #exponentExact}.
     *
     * @return the index after the exponent.
     */
    private int readExponent(final int from) throws IOException
    {
        int p = from;
        int b;
        boolean negativeExponent = false;
        if (p < limit && ('-' == (b = buffer.getByte(p)) || '+' == b))
        {
            negativeExponent = '-' == b;
            p++;
        }
        final int exponentStart = p;
        int value = 0;
        exponentExact = true;
        while (p < limit && isDigit(b = buffer.getByte(p)))
        {
            // more than four digits are beyond any double: the value is then left to Double.parseDouble
            if (p - exponentStart < 4)
            {
                value = value * 10 + (b - '0');
            }
            else
            {
                exponentExact = false;
            }
            p++;
        }
        exponentDigits = p - exponentStart;
        if (0 == exponentDigits)
        {
            parser.failNumberCharAt(p, p < limit ? buffer.getByte(p) & 0xFF : ' ',
                "Exponent indicator not followed by a digit");
        }
        exponentValue = negativeExponent ? -value : value;
        return p;
    }

    private JsonToken floating(final boolean negative, final boolean exact, final long mantissa, final int scale)
    {
        kind = FLOAT;
        if (exact && mantissa <= MAX_EXACT_MANTISSA && scale >= -22 && scale <= 22)
        {
            // Both operands are exact doubles, so one correctly rounded operation gives the correctly rounded
            // value: the same double as Double.parseDouble (Clinger's fast path)
            final double magnitude = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
            doubleValue = negative ? -magnitude : magnitude;
            doubleReady = true;
        }
        return JsonToken.VALUE_NUMBER_FLOAT;
    }

    private JsonToken integer(final boolean negative, final int intStart, final int intDigits, final long mantissa)
    {
        if (intDigits <= SAFE_LONG_DIGITS)
        {
            longValue = negative ? -mantissa : mantissa;
        }
        else if (intDigits == MAX_LONG_DIGITS.length &&
            notAbove(intStart, negative ? MIN_LONG_DIGITS : MAX_LONG_DIGITS))
        {
            // accumulated negatively, so that Long.MIN_VALUE fits
            long value = 0;
            for (int i = intStart, last = intStart + intDigits; i < last; i++)
            {
                value = value * 10 - (buffer.getByte(i) - '0');
            }
            longValue = negative ? value : -value;
        }
        else
        {
            kind = BIG_INTEGER;
            return JsonToken.VALUE_NUMBER_INT;
        }
        kind = longValue == (int)longValue ? INT : LONG;
        return JsonToken.VALUE_NUMBER_INT;
    }

    private boolean notAbove(final int digitsStart, final byte[] limit)
    {
        for (int i = 0; i < limit.length; i++)
        {
            final byte digit = buffer.getByte(digitsStart + i);
            if (digit != limit[i])
            {
                return digit < limit[i];
            }
        }
        return true;
    }

    private static boolean isDigit(final int b)
    {
        return b >= '0' && b <= '9';
    }

    /**
     * Copy the characters of the current number into the text.
     */
    void copyText()
    {
        text.setAscii(buffer, start, end - start);
    }

    /**
     * The current number as a new string.
     *
     * @return its characters.
     */
    String string()
    {
        copyText();
        return text.toString();
    }

    // The current number as Jackson's accessors of the same names give it; the parser checks the token is a number

    NumberType type()
    {
        switch (kind)
        {
            case INT:
                return NumberType.INT;
            case LONG:
                return NumberType.LONG;
            case BIG_INTEGER:
                return NumberType.BIG_INTEGER;
            default:
                return NumberType.DOUBLE;
        }
    }

    Number value()
    {
        switch (kind)
        {
            case INT:
                return (int)longValue;
            case LONG:
                return longValue;
            case BIG_INTEGER:
                return bigIntegerValue();
            default:
                return doubleValue();
        }
    }

    int intValue() throws IOException
    {
        if (INT == kind)
        {
            return (int)longValue;
        }
        if (FLOAT == kind)
        {
            final double value = doubleValue();
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
            {
                parser.overflowInt(string(), JsonToken.VALUE_NUMBER_FLOAT);
            }
            return (int)value;
        }
        parser.overflowInt(string(), JsonToken.VALUE_NUMBER_INT);
        return 0;
    }

    long longValue() throws IOException
    {
        if (INT == kind || LONG == kind)
        {
            return longValue;
        }
        if (FLOAT == kind)
        {
            final double value = doubleValue();
            if (value < Long.MIN_VALUE || value > Long.MAX_VALUE)
            {
                parser.overflowLong(string(), JsonToken.VALUE_NUMBER_FLOAT);
            }
            return (long)value;
        }
        parser.overflowLong(string(), JsonToken.VALUE_NUMBER_INT);
        return 0;
    }

    BigInteger bigIntegerValue()
    {
        if (BIG_INTEGER == kind)
        {
            return new BigInteger(string());
        }
        if (FLOAT == kind)
        {
            return decimalValue().toBigInteger();
        }
        return BigInteger.valueOf(longValue);
    }

    float floatValue()
    {
        return INT == kind || LONG == kind ? (float)longValue : Float.parseFloat(string());
    }

    double doubleValue()
    {
        if (INT == kind || LONG == kind)
        {
            return longValue;
        }
        if (!doubleReady)
        {
            doubleValue = Double.parseDouble(string());
            doubleReady = true;
        }
        return doubleValue;
    }

    BigDecimal decimalValue()
    {
        if (INT == kind || LONG == kind)
        {
            return BigDecimal.valueOf(longValue);
        }
        copyText();
        return new BigDecimal(text.chars, 0, text.length);
    }
}
