/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import org.agrona.MutableDirectBuffer;

/**
 * UTF-8 encoding of any {@link CharSequence} straight into a buffer, without the intermediate array of
 * {@link String#getBytes}: measure with {@link #encodedLength(CharSequence)}, claim that much room, then
 * {@link #encode(CharSequence, MutableDirectBuffer, int)}. An unpaired surrogate becomes {@code '?'}, as the JDK's
 * encoder replaces it, so the output is always valid UTF-8.
 */
public final class Utf8Encoder
{
    private static final byte REPLACEMENT = (byte)'?';

    private Utf8Encoder()
    {
    }

    /**
     * Length of the UTF-8 encoding.
     *
     * @param text to measure.
     * @return bytes {@link #encode(CharSequence, MutableDirectBuffer, int)} will write.
     */
    public static int encodedLength(final CharSequence text)
    {
        final int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c >= 0x80)
            {
                if (c < 0x800)
                {
                    bytes += 1;
                }
                else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
                {
                    bytes += 2; // four bytes for two chars
                    i++;
                }
                else if (!Character.isSurrogate(c))
                {
                    bytes += 2; // an unpaired surrogate stays one byte: the replacement
                }
            }
        }
        return bytes;
    }

    /**
     * Encode into a buffer that has {@link #encodedLength(CharSequence)} bytes of room at {@code offset}.
     *
     * @param text   to encode.
     * @param dst    destination.
     * @param offset where the first byte goes.
     * @return bytes written.
     */
    public static int encode(final CharSequence text, final MutableDirectBuffer dst, final int offset)
    {
        final int length = text.length();
        int at = offset;
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                dst.putByte(at++, (byte)c);
            }
            else if (c < 0x800)
            {
                dst.putByte(at++, (byte)(0xC0 | (c >>> 6)));
                dst.putByte(at++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                final int codePoint = Character.toCodePoint(c, text.charAt(++i));
                dst.putByte(at++, (byte)(0xF0 | (codePoint >>> 18)));
                dst.putByte(at++, (byte)(0x80 | ((codePoint >>> 12) & 0x3F)));
                dst.putByte(at++, (byte)(0x80 | ((codePoint >>> 6) & 0x3F)));
                dst.putByte(at++, (byte)(0x80 | (codePoint & 0x3F)));
            }
            else if (Character.isSurrogate(c))
            {
                dst.putByte(at++, REPLACEMENT);
            }
            else
            {
                dst.putByte(at++, (byte)(0xE0 | (c >>> 12)));
                dst.putByte(at++, (byte)(0x80 | ((c >>> 6) & 0x3F)));
                dst.putByte(at++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        return at - offset;
    }
}
