/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.scan;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonBytesTest
{
    @Test
    void shouldFindTheClosingQuoteWordByWordAsByteByByte()
    {
        // strings of quotes, backslashes, letters and multi-byte characters at every position of the 8-byte words,
        // compared with the plain definition; on heap and direct buffers, at offsets that move the word boundaries
        final Random random = new Random(12);
        final byte[] alphabet = { '"', '\\', 'a', 'b', '{', '}', (byte)0xC3, (byte)0xA9, (byte)0xE2, '\n' };
        for (int trial = 0; trial < 20_000; trial++)
        {
            final byte[] bytes = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++)
            {
                bytes[i] = alphabet[random.nextInt(random.nextBoolean() ? 3 : alphabet.length)];
            }
            final int from = random.nextInt(bytes.length);
            final int end = from + random.nextInt(bytes.length - from + 1);
            final int expected = reference(bytes, from, end);
            assertEquals(expected, JsonBytes.closingQuote(new UnsafeBuffer(bytes), from, end),
                () -> new String(bytes, StandardCharsets.ISO_8859_1) + " from " + from + " to " + end);
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length + 3));
            direct.putBytes(3, bytes);
            assertEquals(expected < 0 ? expected : expected + 3, JsonBytes.closingQuote(direct, from + 3, end + 3));
        }
    }

    @Test
    void shouldSkipEscapesAtTheEndOfAWord()
    {
        assertEquals(9, closingQuote("abcdefg\\\"\"x", 0)); // the escaped quote is the word's last byte
        assertEquals(8, closingQuote("abcdef\\\\\"\\\"", 0)); // an escaped backslash just before the quote
        assertEquals(-1, closingQuote("abcdefghijklmnop\\\"", 0));
        assertEquals(-1, closingQuote("abcdefghijklmno\\", 0));
        assertEquals(20, closingQuote("0123456789abcdefghij\"", 0));
    }

    @Test
    void shouldStepOverValues()
    {
        final String json = "{\"a\":[1,{\"b\":\"]}\"},[]],\"c\":-12.5e3 ,\"d\":true}";
        final UnsafeBuffer buffer = new UnsafeBuffer(json.getBytes(StandardCharsets.UTF_8));
        final int end = buffer.capacity();
        assertEquals(end, JsonBytes.skipValue(buffer, 0, end));
        assertEquals(json.indexOf(",\"c\""), JsonBytes.skipValue(buffer, json.indexOf('['), end));
        assertEquals(json.indexOf(" ,"), JsonBytes.skipValue(buffer, json.indexOf('-'), end));
        assertEquals(json.indexOf('-'), JsonBytes.findMember(buffer, 0, end, "c".getBytes(StandardCharsets.UTF_8)));
        assertEquals(JsonBytes.NOT_FOUND, JsonBytes.findMember(buffer, 0, end, "b".getBytes(StandardCharsets.UTF_8)));
        assertEquals(JsonBytes.NOT_FOUND, JsonBytes.skipValue(buffer, 0, end - 1));
        assertEquals(JsonBytes.NOT_FOUND, JsonBytes.skipValue(buffer, end, end));
    }

    @Test
    void shouldReadIntegersInPlace()
    {
        assertEquals(42, readLong("42,"));
        assertEquals(-42, readLong("-42}"));
        assertEquals(42, readLong("\"42\""));
        assertEquals(7, readLong("007 "));
        assertEquals(Long.MAX_VALUE, readLong("9223372036854775807]"));
        assertEquals(JsonIntegers.NOT_A_LONG, readLong("9223372036854775808]"));
        assertEquals(JsonIntegers.NOT_A_LONG, readLong("42")); // cut short
        assertEquals(JsonIntegers.NOT_A_LONG, readLong("4.2,"));
        assertEquals(JsonIntegers.NOT_A_LONG, readLong("\"42,"));
        assertEquals(JsonIntegers.NOT_A_LONG, readLong("\"-\""));
    }

    @Test
    void shouldReadIntegersOfEveryLengthAsParseLongDoes()
    {
        // 1 to 21 digits, signs, leading zeros and quotes around the 18-digit fast path's edge, against the JDK
        final Random random = new Random(34);
        for (int trial = 0; trial < 50_000; trial++)
        {
            final StringBuilder digits = new StringBuilder();
            final int count = 1 + random.nextInt(21);
            for (int i = 0; i < count; i++)
            {
                digits.append((char)('0' + (0 == i && random.nextInt(4) > 0 ? 1 + random.nextInt(9) :
                    random.nextInt(10))));
            }
            final String number = (random.nextBoolean() ? "-" : "") + digits;
            long expected;
            try
            {
                expected = Long.parseLong(number);
            }
            catch (final NumberFormatException ex)
            {
                expected = JsonIntegers.NOT_A_LONG;
            }
            assertEquals(expected, readLong(number + ","), number);
            assertEquals(expected, readLong("\"" + number + "\""), number);
            assertEquals(JsonIntegers.NOT_A_LONG, readLong(number), number); // cut short
        }
        assertEquals(Long.MIN_VALUE + 1, readLong("-9223372036854775807,"));
        assertEquals(JsonIntegers.NOT_A_LONG, readLong("-9223372036854775809,"));
        assertEquals(JsonIntegers.NOT_A_LONG, readLong("99999999999999999999}"));
        assertEquals(JsonIntegers.NOT_A_LONG, readLong("123456789012345678x}"));
        assertEquals(JsonIntegers.NOT_A_LONG, readLong("1234567890123456789x}"));
    }

    @Test
    void shouldFindTheEndOfAReadIntegerAsSkipValueDoes()
    {
        final Random random = new Random(56);
        final String[] after = { ",", "}", "]", " ", "\n", "\t", "\r" };
        for (int trial = 0; trial < 50_000; trial++)
        {
            final long value = switch (random.nextInt(4))
            {
                case 0 -> random.nextInt(1000) - 500;
                case 1 -> random.nextLong();
                case 2 -> (random.nextBoolean() ? 1 : -1) * (long)Math.pow(10, random.nextInt(19));
                default -> (random.nextBoolean() ? Long.MAX_VALUE : -Long.MAX_VALUE) - random.nextInt(3) *
                    Long.signum(random.nextInt());
            };
            if (JsonIntegers.NOT_A_LONG == value)
            {
                continue;
            }
            final String zeros = "0".repeat(random.nextInt(8) > 0 ? 0 : 1 + random.nextInt(3));
            final String number = (value < 0 ? "-" : "") + zeros + Long.toString(value).replace("-", "");
            final String text = "x" + (random.nextBoolean() ? "\"" + number + "\"" : number) +
                after[random.nextInt(after.length)] + "1";
            final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
            final int end = buffer.capacity();
            final long read = JsonIntegers.readLong(buffer.byteArray(), buffer.addressOffset(), 1, end);
            if (zeros.length() + Long.toString(value).replace("-", "").length() > 19)
            {
                continue; // beyond the digits a long reads
            }
            assertEquals(value, read, text);
            assertEquals(JsonBytes.skipValue(buffer, 1, end),
                JsonIntegers.integerEnd(buffer.byteArray(), buffer.addressOffset(), 1, end, read), text);
        }
        // "-0" reads as 0, written with a sign its digit count does not show
        final UnsafeBuffer minusZero = new UnsafeBuffer("-0,".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, JsonIntegers.readLong(minusZero, 0, 3));
        assertEquals(2, JsonIntegers.integerEnd(minusZero.byteArray(), minusZero.addressOffset(), 0, 3, 0));
    }

    @Test
    void shouldStepToMembersAndValuesWithOrWithoutWhitespace()
    {
        // the compact case (no whitespace) and the general one give the same answers, up to the end of the span
        assertEquals(1, nextMember(",\"a\"", 0, 4));
        assertEquals(3, nextMember(", \t\"a\"", 0, 6));
        assertEquals(JsonBytes.NOT_FOUND, nextMember(",\"", 0, 1)); // the quote is past the end
        assertEquals(JsonBytes.NOT_FOUND, nextMember(",x", 0, 2));
        assertEquals(1, nextMember(",}", 0, 2));
        assertEquals(2, memberValue("\":1,", 0, 4));
        assertEquals(3, memberValue("\": 1,", 0, 5));
        assertEquals(3, memberValue("\" :1,", 0, 5));
        assertEquals(JsonBytes.NOT_FOUND, memberValue("\":1", 0, 2)); // the value is past the end
        assertEquals(JsonBytes.NOT_FOUND, memberValue("\":\n", 0, 3));
        assertEquals(JsonBytes.NOT_FOUND, memberValue("\"=1", 0, 3));
        assertEquals(2, memberValue("\":\u00e9", 0, 4)); // a multi-byte first byte is not whitespace
    }

    @Test
    void shouldStepToElementsWithOrWithoutWhitespace()
    {
        assertEquals(1, nextElement(",1", 0, 2));
        assertEquals(1, nextElement(",\"a\"", 0, 4));
        assertEquals(3, nextElement(", \t1", 0, 4));
        assertEquals(1, nextElement("[1]", 1, 3)); // the first element: no comma before it
        assertEquals(2, nextElement("[ ]", 1, 3)); // an empty array: its closing bracket
        assertEquals(1, nextElement(",]", 0, 2)); // a trailing comma: the closing bracket
        assertEquals(2, nextElement(",,2", 0, 3)); // not validated: extra commas are stepped over
        assertEquals(JsonBytes.NOT_FOUND, nextElement(",}", 0, 2)); // no value starts with a brace
        assertEquals(JsonBytes.NOT_FOUND, nextElement(",1", 0, 1)); // the element is past the end
        assertEquals(JsonBytes.NOT_FOUND, nextElement(", ", 0, 2));
        assertEquals(2, nextElement(", \u00e9", 0, 4)); // a multi-byte first byte is not whitespace
    }

    @Test
    void shouldFindElementsFromEitherEnd()
    {
        final String json = " [1,\"],[\",[2,[3]],{\"a\":[4]},5]";
        assertEquals(json.indexOf('1'), findElement(json, 0));
        assertEquals(json.indexOf('"'), findElement(json, 1));
        assertEquals(json.indexOf("[2"), findElement(json, 2));
        assertEquals(json.indexOf('{'), findElement(json, 3));
        assertEquals(json.indexOf('5'), findElement(json, 4));
        assertEquals(JsonBytes.NOT_FOUND, findElement(json, 5));
        assertEquals(json.indexOf('5'), findElement(json, -1));
        assertEquals(json.indexOf('{'), findElement(json, -2));
        assertEquals(json.indexOf("[2"), findElement(json, -3));
        assertEquals(json.indexOf('1'), findElement(json, -5));
        assertEquals(JsonBytes.NOT_FOUND, findElement(json, -6));
        assertEquals(JsonBytes.NOT_FOUND, findElement("[]", 0));
        assertEquals(JsonBytes.NOT_FOUND, findElement("[]", -1));
        assertEquals(1, findElement("[7]", -1));
        assertEquals(JsonBytes.NOT_FOUND, findElement("{\"a\":1}", 0)); // not an array
        assertEquals(1, findElement("[7,8", 0)); // from the start: what follows is not looked at
        assertEquals(JsonBytes.NOT_FOUND, findElement("[7,8", -1)); // from the end: the end is needed
        assertEquals(JsonBytes.NOT_FOUND, findElement("[7,8", -2));
        assertEquals(JsonBytes.NOT_FOUND, findElement("[7,\"8]", -1));
    }

    @Test
    void shouldRefuseASpanOutsideTheBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4]);
        assertThrows(IndexOutOfBoundsException.class, () -> JsonBytes.skipValue(buffer, 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> JsonBytes.closingQuote(buffer, -1, 2));
    }

    private static int reference(final byte[] bytes, final int from, final int end)
    {
        for (int i = from; i < end; i++)
        {
            if ('\\' == bytes[i])
            {
                i++;
            }
            else if ('"' == bytes[i])
            {
                return i;
            }
        }
        return -1;
    }

    private static int closingQuote(final String text, final int from)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
        return JsonBytes.closingQuote(buffer, from, buffer.capacity());
    }

    private static int nextMember(final String text, final int from, final int end)
    {
        return JsonBytes.nextMember(new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8)), from, end);
    }

    private static int nextElement(final String text, final int from, final int end)
    {
        return JsonBytes.nextElement(new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8)), from, end);
    }

    private static int findElement(final String text, final int index)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
        return JsonBytes.findElement(buffer, 0, buffer.capacity(), index);
    }

    private static int memberValue(final String text, final int nameQuote, final int end)
    {
        return JsonBytes.memberValue(new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8)), nameQuote, end);
    }

    private static long readLong(final String text)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
        return JsonIntegers.readLong(buffer, 0, buffer.capacity());
    }
}
