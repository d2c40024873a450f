/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.scan.JsonBytes;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads several {@link JsonFieldPath}s of one message in a single pass: the paths are merged into a tree of keys,
 * the walk descends only into the objects on a path, steps over every other value whole, and stops as soon as the
 * last field is read (a Binance depth delta is done before its bid and ask arrays). Every field is required. Immutable
 * and stateless: what the walk finds goes to the caller's {@link FieldReader} and target.
 */
final class JsonFieldTree
{
    /** Up to 31 fields: found fields are bits of an int. */
    static final int MAX_FIELDS = 31;

    private static final long FAILED = -1L;

    /**
     * Takes the value of each field as the walk finds it.
     *
     * @param <T> what the values are read into.
     */
    interface FieldReader<T>
    {
        /**
         * Read one field's value. The message's span is already checked against the buffer
         * ({@link JsonBytes#checkSpan}), so the value may be read with the unchecked {@link JsonBytes} methods.
         *
         * @param field   its index in the paths the tree was made of.
         * @param buffer  holding the message.
         * @param array   the buffer's {@link DirectBuffer#byteArray()} (null for off-heap memory).
         * @param address the buffer's {@link DirectBuffer#addressOffset()}.
         * @param valueAt index of the value's first byte.
         * @param end     index after the message.
         * @param target  to read into.
         * @param last    true if this is the last field the walk needs: it stops after it, so the value's end is not
         *                looked for.
         * @return the index just after the value (any index of 0 or more when {@code last}), so that the walk goes
         * on from there without stepping over it again; or a negative number to stop the walk: the value is not what
         * the field needs.
         */
        int read(
            int field, DirectBuffer buffer, byte[] array, long address, int valueAt, int end, T target, boolean last);
    }

    private final Node root;
    private final int allFields;

    /**
     * A tree of paths.
     *
     * @param paths the fields, by index; none may be a prefix of another, nor repeat one.
     */
    JsonFieldTree(final JsonFieldPath... paths)
    {
        if (0 == paths.length || paths.length > MAX_FIELDS)
        {
            throw new IllegalArgumentException("between 1 and " + MAX_FIELDS + " JSON fields, not " + paths.length);
        }
        final Builder top = new Builder();
        for (int field = 0; field < paths.length; field++)
        {
            top.add(paths[field], 0, field);
        }
        root = top.build();
        allFields = (int)((1L << paths.length) - 1);
    }

    /**
     * Walk a message and read every field.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @param reader takes the values.
     * @param target passed to the reader.
     * @param <T>    what the values are read into.
     * @return true if every field was found and read; false if one is missing, the reader refused one, or the
     * message is not a JSON object or is cut short before the last field.
     */
    <T> boolean read(
        final DirectBuffer buffer, final int offset, final int length, final FieldReader<T> reader, final T target)
    {
        final int end = offset + length;
        // one bounds check for the whole walk: every step below reads inside [offset, end) unchecked
        JsonBytes.checkSpan(buffer, offset, end);
        final byte[] array = buffer.byteArray();
        final long address = buffer.addressOffset();
        final int at = JsonBytes.skipSpace(array, address, offset, end);
        if (at >= end || '{' != JsonBytes.byteAt(array, address, at))
        {
            return false;
        }
        final long walked = walk(buffer, array, address, at, end, root, 0, reader, target);
        return FAILED != walked && allFields == (int)walked;
    }

    /**
     * Walk one object.
     *
     * @return {@link #FAILED}, or the fields found so far in the low 32 bits and, unless they are all the fields, the
     * index after the object's closing brace in the high 32 bits.
     */
    private <T> long walk(
        final DirectBuffer buffer,
        final byte[] array,
        final long address,
        final int objectAt,
        final int end,
        final Node node,
        final int foundBefore,
        final FieldReader<T> reader,
        final T target)
    {
        int found = foundBefore;
        int i = objectAt + 1;
        while (true)
        {
            final int nameAt = JsonBytes.nextMember(array, address, i, end);
            if (nameAt < 0)
            {
                return FAILED;
            }
            if ('}' == JsonBytes.byteAt(array, address, nameAt))
            {
                return ((long)(nameAt + 1) << 32) | (found & 0xFFFF_FFFFL);
            }
            final int nameQuote = JsonBytes.closingQuote(array, address, nameAt + 1, end);
            if (nameQuote < 0)
            {
                return FAILED;
            }
            final int valueAt = JsonBytes.memberValue(array, address, nameQuote, end);
            if (valueAt < 0)
            {
                return FAILED;
            }
            final int child = node.find(array, address, nameAt + 1, nameQuote);
            // a repeated key: its first occurrence counted, and this one is stepped over like any other member
            if (child >= 0 && (found & node.fieldsBelow[child]) != node.fieldsBelow[child])
            {
                final int field = node.fields[child];
                if (field >= 0)
                {
                    found |= 1 << field;
                    final boolean last = allFields == found;
                    final int after = reader.read(field, buffer, array, address, valueAt, end, target, last);
                    if (after < 0)
                    {
                        return FAILED;
                    }
                    if (last)
                    {
                        return found;
                    }
                    i = after;
                    continue;
                }
                else if ('{' == JsonBytes.byteAt(array, address, valueAt))
                {
                    final long walked = walk(
                        buffer, array, address, valueAt, end, node.children[child], found, reader, target);
                    if (FAILED == walked || allFields == (int)walked)
                    {
                        return walked;
                    }
                    found = (int)walked;
                    i = (int)(walked >>> 32);
                    continue;
                }
            }
            i = JsonBytes.skipValue(array, address, valueAt, end);
            if (i < 0)
            {
                return FAILED;
            }
        }
    }

    /**
     * The keys looked for in one object, few enough to compare one by one.
     */
    private static final class Node
    {
        final byte[][] keys;
        /** The field a key is, or -1 where the key is an object to descend into. */
        final int[] fields;
        final Node[] children;
        /** The fields at or under each key, as bits. */
        final int[] fieldsBelow;

        Node(final byte[][] keys, final int[] fields, final Node[] children, final int[] fieldsBelow)
        {
            this.keys = keys;
            this.fields = fields;
            this.children = children;
            this.fieldsBelow = fieldsBelow;
        }

        int find(final byte[] array, final long address, final int start, final int stop)
        {
            // lengths first: most names in a message differ in length from every key looked for
            final int length = stop - start;
            for (int k = 0; k < keys.length; k++)
            {
                final byte[] key = keys[k];
                if (key.length == length && JsonBytes.contentEquals(array, address, start, stop, key))
                {
                    return k;
                }
            }
            return -1;
        }
    }

    /**
     * Merges paths into nodes at construction.
     */
    private static final class Builder
    {
        private final List<byte[]> keys = new ArrayList<>();
        private final List<String> paths = new ArrayList<>();
        private final List<Integer> fields = new ArrayList<>();
        private final List<Builder> children = new ArrayList<>();

        void add(final JsonFieldPath path, final int depth, final int field)
        {
            final byte[] key = path.keyBytes(depth);
            final boolean last = depth == path.depth() - 1;
            int k = indexOf(key);
            if (k >= 0)
            {
                if (last || fields.get(k) >= 0)
                {
                    throw new IllegalArgumentException("JSON field paths \"" + paths.get(k) + "\" and \"" + path +
                        "\" overlap: one is the other or inside it");
                }
            }
            else
            {
                keys.add(key);
                paths.add(path.toString());
                fields.add(last ? field : -1);
                children.add(last ? null : new Builder());
                k = keys.size() - 1;
            }
            if (!last)
            {
                children.get(k).add(path, depth + 1, field);
            }
        }

        private int indexOf(final byte[] key)
        {
            for (int k = 0; k < keys.size(); k++)
            {
                if (Arrays.equals(keys.get(k), key))
                {
                    return k;
                }
            }
            return -1;
        }

        Node build()
        {
            final int size = keys.size();
            final Node[] built = new Node[size];
            final int[] below = new int[size];
            final int[] fieldOf = new int[size];
            for (int k = 0; k < size; k++)
            {
                fieldOf[k] = fields.get(k);
                if (fieldOf[k] >= 0)
                {
                    below[k] = 1 << fieldOf[k];
                }
                else
                {
                    built[k] = children.get(k).build();
                    for (final int bits : built[k].fieldsBelow)
                    {
                        below[k] |= bits;
                    }
                }
            }
            return new Node(keys.toArray(new byte[0][]), fieldOf, built, below);
        }
    }
}
