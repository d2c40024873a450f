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
 * Reads several {@link JsonFieldPath}s of one message in a single pass: the paths are merged into a tree of keys and
 * array indices, the walk descends only into the objects and arrays on a path, steps over every other value whole,
 * and stops as soon as the last field is read (a Binance depth delta is done before its bid and ask arrays). An array
 * with a field at a negative index (from its end) is walked to its closing bracket first, remembering where its last
 * two elements start; an index further from the end steps over the array again up to that element. Every field is
 * required. Immutable and stateless: what the walk finds goes to the caller's {@link FieldReader} and target.
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
     * message is not the JSON object (or array, for paths that start with an index) the paths start in, or is cut
     * short before the last field.
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
        if (at >= end || root.open != JsonBytes.byteAt(array, address, at))
        {
            return false;
        }
        final long walked = root.isArray ?
            walkArray(buffer, array, address, at, end, root, 0, reader, target) :
            walk(buffer, array, address, at, end, root, 0, reader, target);
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
                final Node inner = node.children[child];
                if (inner.open == JsonBytes.byteAt(array, address, valueAt))
                {
                    final long walked = inner.isArray ?
                        walkArray(buffer, array, address, valueAt, end, inner, found, reader, target) :
                        walk(buffer, array, address, valueAt, end, inner, found, reader, target);
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
     * Walk one array: the elements at indices from its start as the walk passes them, then those at indices from
     * its end once its closing bracket is found (the last two from where they were seen to start, others by stepping
     * to them again).
     *
     * @return as {@link #walk}.
     */
    private <T> long walkArray(
        final DirectBuffer buffer,
        final byte[] array,
        final long address,
        final int arrayAt,
        final int end,
        final Node node,
        final int foundBefore,
        final FieldReader<T> reader,
        final T target)
    {
        int found = foundBefore;
        int i = arrayAt + 1;
        int count = 0;
        int lastAt = JsonBytes.NOT_FOUND;
        int beforeLastAt = JsonBytes.NOT_FOUND;
        while (true)
        {
            final int elementAt = JsonBytes.nextElement(array, address, i, end);
            if (elementAt < 0)
            {
                return FAILED;
            }
            if (']' == JsonBytes.byteAt(array, address, elementAt))
            {
                i = elementAt + 1;
                break;
            }
            final int child = count <= node.maxFromStart ? node.findIndex(count) : -1;
            if (child >= 0)
            {
                final long read =
                    readElement(buffer, array, address, elementAt, end, node, child, found, reader, target);
                if (FAILED == read || allFields == (int)read)
                {
                    return read;
                }
                found = (int)read;
                i = (int)(read >>> 32);
            }
            else
            {
                i = JsonBytes.skipValue(array, address, elementAt, end);
                if (i < 0)
                {
                    return FAILED;
                }
            }
            beforeLastAt = lastAt;
            lastAt = elementAt;
            count++;
        }
        for (final int child : node.fromEnd)
        {
            final int index = count + node.indices[child];
            if (index < 0)
            {
                return FAILED; // before the array's first element: a field is missing, and every one is required
            }
            final int elementAt = index == count - 1 ? lastAt :
                (index == count - 2 ? beforeLastAt : JsonBytes.elementAt(array, address, arrayAt, end, index));
            final long read = readElement(buffer, array, address, elementAt, end, node, child, found, reader, target);
            if (FAILED == read || allFields == (int)read)
            {
                return read;
            }
            found = (int)read;
        }
        return ((long)i << 32) | (found & 0xFFFF_FFFFL);
    }

    /**
     * Read the field, or walk the object or array, that one array element is.
     *
     * @return {@link #FAILED} (a field below is missing or refused: every one is required), or as {@link #walk}
     * with the index after the element.
     */
    private <T> long readElement(
        final DirectBuffer buffer,
        final byte[] array,
        final long address,
        final int elementAt,
        final int end,
        final Node node,
        final int child,
        final int foundBefore,
        final FieldReader<T> reader,
        final T target)
    {
        final int field = node.fields[child];
        if (field >= 0)
        {
            final int found = foundBefore | 1 << field;
            final boolean last = allFields == found;
            final int after = reader.read(field, buffer, array, address, elementAt, end, target, last);
            if (after < 0)
            {
                return FAILED;
            }
            return last ? found : ((long)after << 32) | (found & 0xFFFF_FFFFL);
        }
        final Node inner = node.children[child];
        if (inner.open != JsonBytes.byteAt(array, address, elementAt))
        {
            return FAILED;
        }
        return inner.isArray ?
            walkArray(buffer, array, address, elementAt, end, inner, foundBefore, reader, target) :
            walk(buffer, array, address, elementAt, end, inner, foundBefore, reader, target);
    }

    /**
     * What one object or array is looked into for: keys few enough to compare one by one, or array indices.
     */
    private static final class Node
    {
        final boolean isArray;
        /** The byte that opens the value: a brace or a bracket. */
        final byte open;
        /** An object's keys; null for an array. */
        final byte[][] keys;
        /** An array's indices (negative from its end); null for an object. */
        final int[] indices;
        /** The largest index from an array's start, -1 if none. */
        final int maxFromStart;
        /** Which entries of an array are at indices from its end. */
        final int[] fromEnd;
        /** The field an entry is, or -1 where the entry is an object or array to descend into. */
        final int[] fields;
        final Node[] children;
        /** The fields at or under each entry, as bits. */
        final int[] fieldsBelow;

        Node(
            final byte[][] keys,
            final int[] indices,
            final int[] fields,
            final Node[] children,
            final int[] fieldsBelow)
        {
            this.isArray = null != indices;
            this.open = (byte)(isArray ? '[' : '{');
            this.keys = keys;
            this.indices = indices;
            this.fields = fields;
            this.children = children;
            this.fieldsBelow = fieldsBelow;
            int max = -1;
            int negatives = 0;
            for (int k = 0; isArray && k < indices.length; k++)
            {
                max = Math.max(max, indices[k]);
                negatives += indices[k] < 0 ? 1 : 0;
            }
            maxFromStart = max;
            fromEnd = new int[negatives];
            for (int k = 0, n = 0; isArray && k < indices.length; k++)
            {
                if (indices[k] < 0)
                {
                    fromEnd[n++] = k;
                }
            }
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

        int findIndex(final int element)
        {
            for (int k = 0; k < indices.length; k++)
            {
                if (element == indices[k])
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
        /** Keys for an object's entries, null for an array's. */
        private final List<byte[]> keys = new ArrayList<>();
        private final List<Integer> indices = new ArrayList<>();
        private final List<String> paths = new ArrayList<>();
        private final List<Integer> fields = new ArrayList<>();
        private final List<Builder> children = new ArrayList<>();

        void add(final JsonFieldPath path, final int depth, final int field)
        {
            final byte[] key = path.keyBytes(depth);
            final int index = null == key ? path.arrayIndex(depth) : 0;
            final boolean last = depth == path.depth() - 1;
            if (!keys.isEmpty() && (null == key) != (null == keys.get(0)))
            {
                throw new IllegalArgumentException("JSON field paths \"" + paths.get(0) + "\" and \"" + path +
                    "\" disagree: one goes into an object where the other goes into an array");
            }
            int k = indexOf(key, index);
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
                indices.add(index);
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

        private int indexOf(final byte[] key, final int index)
        {
            for (int k = 0; k < keys.size(); k++)
            {
                if (null == key ? index == indices.get(k) : Arrays.equals(keys.get(k), key))
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
            final int[] indexOf = new int[size];
            for (int k = 0; k < size; k++)
            {
                fieldOf[k] = fields.get(k);
                indexOf[k] = indices.get(k);
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
            final boolean isArray = size > 0 && null == keys.get(0);
            return new Node(
                isArray ? null : keys.toArray(new byte[0][]), isArray ? indexOf : null, fieldOf, built, below);
        }
    }
}
