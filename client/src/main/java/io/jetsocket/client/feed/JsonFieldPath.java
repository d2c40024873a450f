/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.scan.JsonBytes;
import io.jetsocket.client.scan.JsonIntegers;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A value of a JSON message named by its path of object keys and array indices ({@code "u"}, {@code "data.u"},
 * {@code "[-1]"}, {@code "[1].a"}), read straight from the message's bytes without decoding it or allocating: the
 * members and elements before it are stepped over whole ({@link JsonBytes}), so a key that also appears inside a
 * string, in an array, or in another object never matches.
 * Immutable and stateless: one instance may serve any number of threads.
 * <p>
 * The syntax of {@link #of}: keys separated by dots, and array indices in square brackets, each right after the key
 * of the array, after another index, or at the start for a message that is an array:
 * <ul>
 *     <li>{@code data.u}: member {@code u} of the object that is member {@code data} of the top-level object;</li>
 *     <li>{@code [0]}: the first element of a top-level array ({@code 17} in {@code [17,"hb",5]});</li>
 *     <li>{@code [-1]}: the last element ({@code 5} there): a negative index counts from the end, {@code [-2]} the
 *     one before the last. Reading it steps over the whole array;</li>
 *     <li>{@code [1].a}, {@code data[2]}, {@code b[0][1]}: keys and indices mixed, arrays of arrays.</li>
 * </ul>
 * An index is an integer without a sign, spaces or leading zeros ({@code [0]}, {@code [12]}), or a minus and a
 * positive integer ({@code [-1]}). Keys may hold no quote, backslash or square bracket (a key holding them, or dots,
 * is taken whole by {@link #ofKeys}). An index past either end of the array finds nothing.
 * <p>
 * Keys are compared with the bytes of the message as written: a key written with an escape sequence in the message
 * does not match the key it stands for. When a key repeats in one object, its first occurrence counts.
 */
public final class JsonFieldPath
{
    /** What {@link #readLong} gives when there is no integer that fits a long at the path. */
    public static final long NO_VALUE = JsonIntegers.NOT_A_LONG;

    private final String path;
    /** Per segment: the key's UTF-8 bytes, or null where the segment is an array index. */
    private final byte[][] keys;
    /** Per segment: the array index (negative from the end) where the key is null, else 0. */
    private final int[] indices;

    private JsonFieldPath(final String path, final byte[][] keys, final int[] indices)
    {
        this.path = path;
        this.keys = keys;
        this.indices = indices;
    }

    /**
     * A path of keys separated by dots and array indices in brackets: {@code "data.u"}, {@code "[-1]"},
     * {@code "[1].a"}, {@code "data[2]"} (see the class comment for the syntax).
     *
     * @param path the keys and indices, outermost first.
     * @return the path.
     * @throws IllegalArgumentException if a key is empty (two dots, a leading or trailing dot, a dot before a
     *                                  bracket) or holds a quote, a backslash or a stray bracket, or an index is not
     *                                  an integer of the form {@code [0]}, {@code [7]} or {@code [-1]} that fits an
     *                                  int, or something other than a dot or a bracket follows an index.
     */
    public static JsonFieldPath of(final String path)
    {
        if (null == path || path.isEmpty())
        {
            throw new IllegalArgumentException("a JSON field path must not be empty");
        }
        final int length = path.length();
        int segments = 0;
        for (int c = 0; c < length; c++)
        {
            final char ch = path.charAt(c);
            segments += '.' == ch || '[' == ch ? 1 : 0;
        }
        final byte[][] keys = new byte[segments + 1][];
        final int[] indices = new int[segments + 1];
        int count = 0;
        int c = 0;
        // at the start, a key or an index; after a dot, a key; after a key or an index, a dot, an index or the end
        boolean keyNext = '[' != path.charAt(0);
        while (c < length)
        {
            if (keyNext)
            {
                int stop = c;
                while (stop < length && '.' != path.charAt(stop) && '[' != path.charAt(stop))
                {
                    stop++;
                }
                keys[count++] = keyBytes(path, c, stop);
                c = stop;
            }
            else
            {
                final int close = path.indexOf(']', c);
                if (close < 0)
                {
                    throw new IllegalArgumentException("JSON field path \"" + path + "\": '[' at " + c +
                        " has no ']'");
                }
                indices[count++] = index(path, c, close);
                c = close + 1;
            }
            if (c == length)
            {
                break;
            }
            final char next = path.charAt(c);
            if ('.' == next)
            {
                c++;
                if (c == length || '.' == path.charAt(c) || '[' == path.charAt(c))
                {
                    throw new IllegalArgumentException("JSON field path \"" + path + "\": empty key after the dot" +
                        " at " + (c - 1) + " (an index follows its key directly: a[0], not a.[0])");
                }
                keyNext = true;
            }
            else if ('[' == next)
            {
                keyNext = false;
            }
            else
            {
                throw new IllegalArgumentException("JSON field path \"" + path + "\": '" + next + "' at " + c +
                    " after an index: only '.' or '[' may follow ']'");
            }
        }
        return new JsonFieldPath(path, Arrays.copyOf(keys, count), Arrays.copyOf(indices, count));
    }

    /**
     * A path of keys given one by one, each taken whole: for keys that contain dots or brackets. No array indices.
     *
     * @param keys outermost first.
     * @return the path.
     * @throws IllegalArgumentException if there is no key, or one is empty or holds a quote or a backslash.
     */
    public static JsonFieldPath ofKeys(final String... keys)
    {
        if (0 == keys.length)
        {
            throw new IllegalArgumentException("a JSON field path needs at least one key");
        }
        final byte[][] bytes = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++)
        {
            final String key = keys[i];
            if (null == key || key.isEmpty() || key.indexOf('"') >= 0 || key.indexOf('\\') >= 0)
            {
                throw new IllegalArgumentException("key " + i + " of JSON field path " + Arrays.toString(keys) +
                    " must be non-empty, without quotes or backslashes: " + key);
            }
            bytes[i] = key.getBytes(StandardCharsets.UTF_8);
        }
        return new JsonFieldPath(String.join(".", keys), bytes, new int[keys.length]);
    }

    private static byte[] keyBytes(final String path, final int start, final int stop)
    {
        final String key = path.substring(start, stop);
        if (key.isEmpty())
        {
            throw new IllegalArgumentException("JSON field path \"" + path + "\": empty key at " + start);
        }
        for (int c = 0; c < key.length(); c++)
        {
            final char ch = key.charAt(c);
            if ('"' == ch || '\\' == ch || ']' == ch)
            {
                throw new IllegalArgumentException("JSON field path \"" + path + "\": key \"" + key + "\" holds '" +
                    ch + "' (keys may hold no quote, backslash or stray ']'; JsonFieldPath.ofKeys takes a key whole)");
            }
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The index between the brackets at {@code open} and {@code close}: 0, a positive integer without leading zeros,
     * or a minus and one.
     */
    private static int index(final String path, final int open, final int close)
    {
        final String text = path.substring(open + 1, close);
        final boolean negative = text.startsWith("-");
        final String digits = negative ? text.substring(1) : text;
        boolean valid = !digits.isEmpty() && digits.length() <= 10 &&
            (!digits.startsWith("0") || (!negative && 1 == digits.length()));
        for (int c = 0; valid && c < digits.length(); c++)
        {
            valid = digits.charAt(c) >= '0' && digits.charAt(c) <= '9';
        }
        final long value = valid ? Long.parseLong(digits) : -1;
        if (!valid || value > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("JSON field path \"" + path + "\": array index [" + text + "] at " +
                open + " must be an integer such as [0], [2] or [-1] (negative from the end), without sign, spaces " +
                "or leading zeros, that fits an int");
        }
        return negative ? (int)-value : (int)value;
    }

    /**
     * Where the value at this path starts in a message.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @return the index in {@code buffer} of the value's first byte, or {@link JsonBytes#NOT_FOUND} if the message
     * has no such value (a key is missing, an index is past the array's end, a value on the way is not the object or
     * array the path goes into, or the message is cut short).
     */
    public int valueAt(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int at = offset;
        for (int s = 0; s < keys.length; s++)
        {
            final byte[] key = keys[s];
            at = null != key ?
                JsonBytes.findMember(buffer, at, end, key) : JsonBytes.findElement(buffer, at, end, indices[s]);
            if (at < 0)
            {
                return JsonBytes.NOT_FOUND;
            }
        }
        return at;
    }

    /**
     * Read the integer at this path: a JSON integer, or a string holding one (as venues that quote their ids send
     * it), as {@link JsonIntegers#readLong} reads it.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @return the value, or {@link #NO_VALUE} if the value is missing or is not an integer that fits a long (a
     * decimal, an exponent, a literal, an overflow; {@code Long.MIN_VALUE} itself reads as {@link #NO_VALUE}).
     */
    public long readLong(final DirectBuffer buffer, final int offset, final int length)
    {
        final int at = valueAt(buffer, offset, length);
        return at < 0 ? NO_VALUE : JsonIntegers.readLong(buffer, at, offset + length);
    }

    /**
     * How many segments (keys and array indices) the path has.
     *
     * @return at least 1.
     */
    public int depth()
    {
        return keys.length;
    }

    /**
     * Is a segment an array index rather than a key?
     *
     * @param index of the segment, 0 the outermost.
     * @return true for an array index ({@link #arrayIndex}), false for a key ({@link #key}).
     */
    public boolean isArrayIndex(final int index)
    {
        return null == keys[index];
    }

    /**
     * The array index of a segment that is one.
     *
     * @param index of the segment, 0 the outermost.
     * @return the element's index: from 0 at the start, or from -1 for the last element.
     * @throws IllegalArgumentException if the segment is a key.
     */
    public int arrayIndex(final int index)
    {
        if (null != keys[index])
        {
            throw new IllegalArgumentException("segment " + index + " of JSON field path \"" + path +
                "\" is a key, not an array index");
        }
        return indices[index];
    }

    /**
     * The UTF-8 bytes of a segment that is a key (a copy).
     *
     * @param index of the segment, 0 the outermost.
     * @return its bytes.
     * @throws IllegalArgumentException if the segment is an array index.
     */
    public byte[] key(final int index)
    {
        if (null == keys[index])
        {
            throw new IllegalArgumentException("segment " + index + " of JSON field path \"" + path +
                "\" is an array index, not a key");
        }
        return keys[index].clone();
    }

    /** The key's bytes, not copied, or null for an array index. */
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
        final JsonFieldPath that = (JsonFieldPath)other;
        return Arrays.deepEquals(keys, that.keys) && Arrays.equals(indices, that.indices);
    }

    @Override
    public int hashCode()
    {
        return 31 * Arrays.deepHashCode(keys) + Arrays.hashCode(indices);
    }

    /**
     * The path as given: keys separated by dots, indices in brackets.
     *
     * @return the path.
     */
    @Override
    public String toString()
    {
        return path;
    }
}
