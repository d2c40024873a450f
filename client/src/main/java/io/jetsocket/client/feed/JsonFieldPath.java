/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.scan.JsonBytes;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A member of a JSON message named by its path of object keys ({@code "u"}, {@code "data.u"}), read straight from
 * the message's bytes without decoding it or allocating: the members before it are stepped over whole
 * ({@link JsonBytes}), so a key that also appears inside a string, in an array, or in another object never matches.
 * Immutable and stateless: one instance may serve any number of threads.
 * <p>
 * Keys are compared with the bytes of the message as written: a key written with an escape sequence in the message
 * does not match the key it stands for. When a key repeats in one object, its first occurrence counts.
 * Arrays are not indexed into.
 */
public final class JsonFieldPath
{
    /** What {@link #readLong} gives when there is no integer that fits a long at the path. */
    public static final long NO_VALUE = JsonBytes.NOT_A_LONG;

    private final String path;
    private final byte[][] keys;

    private JsonFieldPath(final String path, final String[] keys)
    {
        if (0 == keys.length)
        {
            throw new IllegalArgumentException("a JSON field path needs at least one key");
        }
        this.path = path;
        this.keys = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++)
        {
            final String key = keys[i];
            if (null == key || key.isEmpty() || key.indexOf('"') >= 0 || key.indexOf('\\') >= 0)
            {
                throw new IllegalArgumentException("key " + i + " of JSON field path \"" + path +
                    "\" must be non-empty, without quotes or backslashes: " + key);
            }
            this.keys[i] = key.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * A path of keys separated by dots: {@code "data.u"} is the member {@code u} of the object that is the member
     * {@code data} of the message's top-level object.
     *
     * @param dottedPath the keys, outermost first, separated by {@code '.'}.
     * @return the path.
     * @throws IllegalArgumentException if a key is empty (two dots, a leading or trailing dot) or holds a quote or a
     *                                  backslash.
     */
    public static JsonFieldPath of(final String dottedPath)
    {
        if (null == dottedPath || dottedPath.isEmpty())
        {
            throw new IllegalArgumentException("a JSON field path must not be empty");
        }
        return new JsonFieldPath(dottedPath, dottedPath.split("\\.", -1));
    }

    /**
     * A path of keys given one by one, for keys that contain dots.
     *
     * @param keys outermost first.
     * @return the path.
     * @throws IllegalArgumentException if there is no key, or one is empty or holds a quote or a backslash.
     */
    public static JsonFieldPath ofKeys(final String... keys)
    {
        return new JsonFieldPath(String.join(".", keys), keys.clone());
    }

    /**
     * Where the value at this path starts in a message.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @return the index in {@code buffer} of the value's first byte, or {@link JsonBytes#NOT_FOUND} if the message
     * has no such member (or a key on the way is not an object, or the message is cut short or not an object).
     */
    public int valueAt(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int at = offset;
        for (final byte[] key : keys)
        {
            at = JsonBytes.findMember(buffer, at, end, key);
            if (at < 0)
            {
                return JsonBytes.NOT_FOUND;
            }
        }
        return at;
    }

    /**
     * Read the integer at this path: a JSON integer, or a string holding one (as venues that quote their ids send
     * it), as {@link JsonBytes#readLong} reads it.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @return the value, or {@link #NO_VALUE} if the member is missing or is not an integer that fits a long (a
     * decimal, an exponent, a literal, an overflow; {@code Long.MIN_VALUE} itself reads as {@link #NO_VALUE}).
     */
    public long readLong(final DirectBuffer buffer, final int offset, final int length)
    {
        final int at = valueAt(buffer, offset, length);
        return at < 0 ? NO_VALUE : JsonBytes.readLong(buffer, at, offset + length);
    }

    /**
     * How many keys the path has.
     *
     * @return at least 1.
     */
    public int depth()
    {
        return keys.length;
    }

    /**
     * The UTF-8 bytes of one key (a copy).
     *
     * @param index of the key, 0 the outermost.
     * @return its bytes.
     */
    public byte[] key(final int index)
    {
        return keys[index].clone();
    }

    byte[] keyBytes(final int index)
    {
        return keys[index];
    }

    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof JsonFieldPath))
        {
            return false;
        }
        return Arrays.deepEquals(keys, ((JsonFieldPath)other).keys);
    }

    @Override
    public int hashCode()
    {
        return Arrays.deepHashCode(keys);
    }

    /**
     * The path as given, keys separated by dots.
     *
     * @return the path.
     */
    @Override
    public String toString()
    {
        return path;
    }
}
