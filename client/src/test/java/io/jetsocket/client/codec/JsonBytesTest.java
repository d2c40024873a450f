/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

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
        assertEquals(JsonBytes.NOT_A_LONG, readLong("9223372036854775808]"));
        assertEquals(JsonBytes.NOT_A_LONG, readLong("42")); // cut short
        assertEquals(JsonBytes.NOT_A_LONG, readLong("4.2,"));
        assertEquals(JsonBytes.NOT_A_LONG, readLong("\"42,"));
        assertEquals(JsonBytes.NOT_A_LONG, readLong("\"-\""));
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

    private static long readLong(final String text)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
        return JsonBytes.readLong(buffer, 0, buffer.capacity());
    }
}
