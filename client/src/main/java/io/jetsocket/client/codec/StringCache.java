/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

/**
 * A small direct-mapped cache of strings keyed by their characters, so that the names and short values that repeat
 * from one message to the next (field names, symbols, event types) are served without allocating. A miss makes
 * the string and replaces whatever shared its slot: the cache stays bounded and never holds more than
 * {@code slots} strings of at most {@code maxLength} characters. Confined to one thread.
 */
final class StringCache
{
    private final String[] strings;
    private final int mask;
    private final int maxLength;

    /**
     * A cache.
     *
     * @param slots     a power of two.
     * @param maxLength longest string cached, in characters.
     */
    StringCache(final int slots, final int maxLength)
    {
        if (Integer.bitCount(slots) != 1)
        {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.strings = new String[slots];
        this.mask = slots - 1;
        this.maxLength = maxLength;
    }

    /**
     * The string of these characters, from the cache when it holds it.
     *
     * @param chars  holding the characters.
     * @param length how many, from index 0.
     * @param hash   {@link String#hashCode()} of those characters.
     * @return an equal string.
     */
    String get(final char[] chars, final int length, final int hash)
    {
        if (length > maxLength)
        {
            return new String(chars, 0, length);
        }
        final int slot = (hash ^ (hash >>> 16)) & mask;
        final String cached = strings[slot];
        if (null != cached && cached.length() == length && matches(cached, chars, length))
        {
            return cached;
        }
        final String made = new String(chars, 0, length);
        strings[slot] = made;
        return made;
    }

    private static boolean matches(final String cached, final char[] chars, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (cached.charAt(i) != chars[i])
            {
                return false;
            }
        }
        return true;
    }
}
