/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import com.fasterxml.jackson.core.JsonToken;
import org.agrona.DirectBuffer;

import java.io.IOException;

/**
 * Decodes the JSON strings of a {@link DirectJsonTokenizer} (field names and string values) from UTF-8 into its
 * {@link JsonText}, with their hash, so that the parser's string caches can serve them without allocating. Escapes
 * are resolved and UTF-8 is checked strictly: no overlong forms, no encoded surrogates, nothing above U+10FFFF.
 * Errors are reported through the parser, so that they carry its location and Jackson's messages. Confined to the
 * parser's thread.
 */
final class JsonStringReader
{
    private final DirectJsonErrors parser;
    private final JsonText text;
    /** Where the escape or UTF-8 sequence just decoded ends: the second result of {@link #special}. */
    private int next;

    /**
     * A reader for one parser.
     *
     * @param parser that reports the errors.
     * @param text   where the characters go.
     */
    JsonStringReader(final DirectJsonErrors parser, final JsonText text)
    {
        this.parser = parser;
        this.text = text;
    }

    /**
     * Decode a string from after its opening quote to its closing quote into the text, with its hash.
     *
     * @param bytes holding the message.
     * @param from  index after the opening quote.
     * @param limit index after the end of the message.
     * @return the index after the closing quote.
     * @throws IOException if the string is not valid or not closed.
     */
    int read(final DirectBuffer bytes, final int from, final int limit) throws IOException
    {
        char[] chars = text.chars;
        int n = 0;
        int hash = 0;
        int p = from;
        while (true)
        {
            if (p >= limit)
            {
                parser.failEofAt(p, ": was expecting closing quote for a string value", JsonToken.VALUE_STRING);
            }
            final int b = bytes.getByte(p);
            if (b >= 0x20 && '"' != b && '\\' != b)
            {
                if (n == chars.length)
                {
                    chars = text.grow(n);
                }
                chars[n++] = (char)b;
                hash = 31 * hash + b;
                p++;
                continue;
            }
            if ('"' == b)
            {
                break;
            }
            if (n + 1 >= chars.length)
            {
                chars = text.grow(n);
            }
            // the rare cases out of line, to keep this loop small: an escape, a control character or non-ASCII
            final int first = n;
            n = special(bytes, b, p, limit, chars, n);
            p = next;
            for (int i = first; i < n; i++)
            {
                hash = 31 * hash + chars[i];
            }
        }
        text.length = n;
        text.hash = hash;
        return p + 1;
    }

    /**
     * Decode the escape or UTF-8 sequence starting with byte {@code b} at {@code p} into {@code chars} (which has
     * room for two more), leaving {@link #next} after it.
     *
     * @return the new number of characters.
     */
    private int special(
        final DirectBuffer bytes, final int b, final int p, final int limit, final char[] chars, final int n)
        throws IOException
    {
        int count = n;
        if ('\\' == b)
        {
            chars[count++] = escape(bytes, p + 1, limit);
        }
        else if (b >= 0)
        {
            parser.failAt(p, "Illegal unquoted character ((CTRL-CHAR, code " + b + ")): has to be escaped using " +
                "backslash to be included in string value");
        }
        else
        {
            final int codePoint = utf8(bytes, b & 0xFF, p, limit);
            if (codePoint >= Character.MIN_SUPPLEMENTARY_CODE_POINT)
            {
                chars[count++] = Character.highSurrogate(codePoint);
                chars[count++] = Character.lowSurrogate(codePoint);
            }
            else
            {
                chars[count++] = (char)codePoint;
            }
        }
        return count;
    }

    /**
     * The character of the escape sequence whose letter is at {@code p}; leaves {@link #next} after it.
     */
    private char escape(final DirectBuffer bytes, final int p, final int limit) throws IOException
    {
        if (p >= limit)
        {
            parser.failEofAt(p, " in character escape sequence", JsonToken.VALUE_STRING);
        }
        final int c = bytes.getByte(p);
        next = p + 1;
        switch (c)
        {
            case '"':
            case '\\':
            case '/':
                return (char)c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                return unicodeEscape(bytes, p, limit);
            default:
                parser.failAt(p, "Unrecognized character escape " + DirectJsonErrors.charDescription(c & 0xFF));
                return 0;
        }
    }

    /**
     * The character of the {@code \}{@code uXXXX} escape whose {@code u} is at {@code p}; leaves {@link #next}
     * after it.
     */
    private char unicodeEscape(final DirectBuffer bytes, final int p, final int limit) throws IOException
    {
        int value = 0;
        for (int i = 1; i <= 4; i++)
        {
            if (p + i >= limit)
            {
                parser.failEofAt(p + i, " in character escape sequence", JsonToken.VALUE_STRING);
            }
            final int digit = Character.digit(bytes.getByte(p + i), 16);
            if (digit < 0)
            {
                parser.failCharAt(p + i, bytes.getByte(p + i) & 0xFF,
                    "expected a hex-digit for character escape sequence");
            }
            value = (value << 4) | digit;
        }
        next = p + 5;
        return (char)value;
    }

    /**
     * The code point of the UTF-8 sequence starting with {@code lead} at {@code p}; leaves {@link #next} after it.
     * Strict: no overlong forms, no encoded surrogates, nothing above U+10FFFF.
     */
    private int utf8(final DirectBuffer bytes, final int lead, final int p, final int limit) throws IOException
    {
        final int more;
        int min = 0x80;
        int max = 0xBF;
        int codePoint;
        if (lead >= 0xC2 && lead <= 0xDF)
        {
            more = 1;
            codePoint = lead & 0x1F;
        }
        else if (lead >= 0xE0 && lead <= 0xEF)
        {
            more = 2;
            codePoint = lead & 0x0F;
            // the second byte's range is what refuses overlong forms (E0) and surrogates (ED)
            min = 0xE0 == lead ? 0xA0 : 0x80;
            max = 0xED == lead ? 0x9F : 0xBF;
        }
        else if (lead >= 0xF0 && lead <= 0xF4)
        {
            more = 3;
            codePoint = lead & 0x07;
            // likewise overlong forms (F0) and code points above U+10FFFF (F4)
            min = 0xF0 == lead ? 0x90 : 0x80;
            max = 0xF4 == lead ? 0x8F : 0xBF;
        }
        else
        {
            parser.failAt(p, String.format("Invalid UTF-8 start byte 0x%x", lead));
            return 0;
        }
        for (int i = 1; i <= more; i++)
        {
            if (p + i >= limit)
            {
                parser.failEofAt(p + i, " in a UTF-8 sequence", JsonToken.VALUE_STRING);
            }
            final int following = bytes.getByte(p + i) & 0xFF;
            if (following < min || following > max)
            {
                parser.failAt(p + i, String.format("Invalid UTF-8 middle byte 0x%x", following));
            }
            min = 0x80;
            max = 0xBF;
            codePoint = (codePoint << 6) | (following & 0x3F);
        }
        next = p + more + 1;
        return codePoint;
    }
}
