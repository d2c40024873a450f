/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import org.agrona.DirectBuffer;

/**
 * The characters of the current string or number token of a {@link DirectJsonParser}, with the hash of a string's,
 * in one array reused from token to token and message to message, so that reading a token allocates nothing.
 * Confined to one thread.
 */
final class JsonText
{
    private static final int INITIAL_CAPACITY = 256;
    /** An array grown beyond this for one huge string is let go at the next message. */
    private static final int KEEP_CAPACITY = 64 * 1024;

    /** The characters, from index 0; valid up to {@link #length}. */
    char[] chars = new char[INITIAL_CAPACITY];
    /** How many characters the current token has. */
    int length;
    /** {@link String#hashCode()} of a string token's characters (not kept for numbers). */
    int hash;

    /**
     * Let go of an array grown for one huge string, so that it is not held for the life of the thread.
     */
    void trim()
    {
        if (chars.length > KEEP_CAPACITY)
        {
            chars = new char[INITIAL_CAPACITY];
        }
    }

    /**
     * A larger array holding the first {@code length} characters, now {@link #chars}.
     *
     * @param length how many characters to keep.
     * @return the new array.
     */
    char[] grow(final int length)
    {
        final char[] bigger = new char[Math.max(length * 2, INITIAL_CAPACITY)];
        System.arraycopy(chars, 0, bigger, 0, length);
        chars = bigger;
        return bigger;
    }

    /**
     * Copy ASCII bytes in as the current token (a number's digits, signs and exponent).
     *
     * @param buffer holding the bytes.
     * @param from   index of the first.
     * @param count  how many.
     */
    void setAscii(final DirectBuffer buffer, final int from, final int count)
    {
        if (chars.length < count)
        {
            chars = new char[count];
        }
        final char[] chars = this.chars;
        for (int i = 0; i < count; i++)
        {
            chars[i] = (char)buffer.getByte(from + i);
        }
        length = count;
    }

    /**
     * A new string of the current token's characters.
     *
     * @return the string.
     */
    @Override
    public String toString()
    {
        return new String(chars, 0, length);
    }
}
