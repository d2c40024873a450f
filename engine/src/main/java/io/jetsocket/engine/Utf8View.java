/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.DirectBuffer;

/**
 * A reusable {@link CharSequence} over the UTF-8 bytes of a received text message, for receivers that parse text
 * without making a {@code String} per message. Unlike Agrona's {@code AsciiSequenceView}, which turns each byte into
 * a char (and bytes from 0x80 into negative, sign-extended chars), it decodes UTF-8: an all-ASCII message (the usual
 * case in market data) is read straight from the buffer; any other is decoded once, on first access, into a char
 * array the view keeps and grows only when a longer message needs it.
 * <p>
 * Not thread safe. Wrap the buffer inside the callback that received it: the view is valid only as long as the
 * bytes are (in {@code onMessage}, during the call). Bytes that are not valid UTF-8 (never the case for messages the
 * engine delivered: it validates text) decode to U+FFFD.
 */
public final class Utf8View implements CharSequence
{
    private static final char REPLACEMENT = '\uFFFD';
    private static final int NOT_DECODED = -1;

    private DirectBuffer buffer;
    private int offset;
    private int byteLength;
    private int charLength = NOT_DECODED;
    private boolean ascii;
    private char[] chars = new char[0];

    /**
     * Create an empty view: wrap a message's bytes before reading it.
     */
    public Utf8View()
    {
    }

    /**
     * View these bytes; nothing is decoded until the view is read.
     *
     * @param buffer holding UTF-8 bytes.
     * @param offset of the first byte.
     * @param length in bytes.
     * @return this view.
     */
    public Utf8View wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.byteLength = length;
        this.charLength = NOT_DECODED;
        return this;
    }

    /**
     * Length of the wrapped bytes.
     *
     * @return bytes viewed.
     */
    public int byteLength()
    {
        return byteLength;
    }

    @Override
    public int length()
    {
        decode();
        return charLength;
    }

    @Override
    public char charAt(final int index)
    {
        decode();
        if (index < 0 || index >= charLength)
        {
            throw new IndexOutOfBoundsException("index " + index + " outside 0.." + charLength);
        }
        return ascii ? (char)buffer.getByte(offset + index) : chars[index];
    }

    @Override
    public CharSequence subSequence(final int start, final int end)
    {
        return toString().substring(start, end);
    }

    /**
     * Does the text equal this sequence, char for char? Compares without allocating.
     *
     * @param other to compare with.
     * @return true when equal.
     */
    public boolean contentEquals(final CharSequence other)
    {
        final int length = length();
        if (other.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (charAt(i) != other.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString()
    {
        decode();
        return ascii ? buffer.getStringWithoutLengthAscii(offset, byteLength) : new String(chars, 0, charLength);
    }

    private void decode()
    {
        if (NOT_DECODED != charLength)
        {
            return;
        }
        int i = 0;
        while (i < byteLength && buffer.getByte(offset + i) >= 0)
        {
            i++;
        }
        if (i == byteLength)
        {
            ascii = true;
            charLength = byteLength;
            return;
        }
        ascii = false;
        if (chars.length < byteLength)
        {
            chars = new char[Math.max(byteLength, chars.length * 2)]; // UTF-8 never has more chars than bytes
        }
        for (int c = 0; c < i; c++)
        {
            chars[c] = (char)buffer.getByte(offset + c);
        }
        charLength = decodeFrom(i, i);
    }

    private int decodeFrom(final int fromByte, final int fromChar)
    {
        int at = fromByte;
        int out = fromChar;
        while (at < byteLength)
        {
            final int b0 = buffer.getByte(offset + at) & 0xFF;
            final int needed = b0 < 0x80 ? 0 : b0 < 0xC2 ? -1 : b0 < 0xE0 ? 1 : b0 < 0xF0 ? 2 : b0 < 0xF5 ? 3 : -1;
            if (needed < 0 || at + needed >= byteLength)
            {
                chars[out++] = REPLACEMENT;
                at++;
                continue;
            }
            int codePoint = 0 == needed ? b0 : b0 & (0x3F >> needed);
            boolean valid = true;
            for (int k = 1; k <= needed; k++)
            {
                final int b = buffer.getByte(offset + at + k) & 0xFF;
                if ((b & 0xC0) != 0x80)
                {
                    valid = false;
                    break;
                }
                codePoint = (codePoint << 6) | (b & 0x3F);
            }
            if (!valid || (2 == needed && (codePoint < 0x800 || Character.isSurrogate((char)codePoint))) ||
                (3 == needed && (codePoint < 0x10000 || codePoint > 0x10FFFF)))
            {
                chars[out++] = REPLACEMENT;
                at++;
                continue;
            }
            if (codePoint >= 0x10000)
            {
                chars[out++] = Character.highSurrogate(codePoint);
                chars[out++] = Character.lowSurrogate(codePoint);
            }
            else
            {
                chars[out++] = (char)codePoint;
            }
            at += needed + 1;
        }
        return out;
    }
}
