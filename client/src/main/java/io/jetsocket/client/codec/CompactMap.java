/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An insertion-ordered, mutable {@code Map<String, Object>} held in two arrays, for the small JSON objects of market
 * data: about a third of a {@code LinkedHashMap}'s footprint, and objects with the same field names in the same
 * order share one array of keys (copied before the first change that adds or removes a key). Lookups scan the keys,
 * so the decoder uses it for small objects only. Equality, hash code and string form are those of any
 * {@link java.util.Map}; null keys and values are allowed. Not thread safe.
 */
final class CompactMap extends AbstractMap<String, Object> implements Serializable
{
    private static final long serialVersionUID = 1L;

    private String[] keys;
    private Object[] values;
    private int size;
    private boolean sharedKeys;
    private transient int modCount;
    private transient Set<Entry<String, Object>> entries;

    /**
     * A map over arrays the caller hands over.
     *
     * @param keys       distinct keys, possibly shared with other maps (never written to by this one).
     * @param values     the values, in key order; owned by this map.
     * @param size       how many entries.
     */
    CompactMap(final String[] keys, final Object[] values, final int size)
    {
        this.keys = keys;
        this.values = values;
        this.size = size;
        this.sharedKeys = true;
    }

    @Override
    public int size()
    {
        return size;
    }

    @Override
    public boolean isEmpty()
    {
        return 0 == size;
    }

    private int indexOf(final Object key)
    {
        final String[] keys = this.keys;
        for (int i = 0, n = size; i < n; i++)
        {
            final String k = keys[i];
            if (k == key || (null != key && key.equals(k)))
            {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(final Object key)
    {
        return indexOf(key) >= 0;
    }

    @Override
    public boolean containsValue(final Object value)
    {
        for (int i = 0; i < size; i++)
        {
            if (Objects.equals(value, values[i]))
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object get(final Object key)
    {
        final int index = indexOf(key);
        return index < 0 ? null : values[index];
    }

    @Override
    public Object put(final String key, final Object value)
    {
        final int index = indexOf(key);
        if (index >= 0)
        {
            final Object old = values[index];
            values[index] = value;
            return old;
        }
        if (size == values.length || size == keys.length || sharedKeys)
        {
            final int capacity = Math.max(4, size == values.length ? size * 2 : values.length);
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
            sharedKeys = false;
        }
        keys[size] = key;
        values[size] = value;
        size++;
        modCount++;
        return null;
    }

    @Override
    public Object remove(final Object key)
    {
        final int index = indexOf(key);
        if (index < 0)
        {
            return null;
        }
        final Object old = values[index];
        removeAt(index);
        return old;
    }

    private void removeAt(final int index)
    {
        if (sharedKeys)
        {
            keys = Arrays.copyOf(keys, keys.length);
            sharedKeys = false;
        }
        final int moved = size - index - 1;
        System.arraycopy(keys, index + 1, keys, index, moved);
        System.arraycopy(values, index + 1, values, index, moved);
        size--;
        keys[size] = null;
        values[size] = null;
        modCount++;
    }

    @Override
    public void clear()
    {
        keys = new String[0];
        values = new Object[0];
        sharedKeys = false;
        size = 0;
        modCount++;
    }

    @Override
    public void forEach(final BiConsumer<? super String, ? super Object> action)
    {
        final int expected = modCount;
        for (int i = 0; i < size; i++)
        {
            action.accept(keys[i], values[i]);
            if (expected != modCount)
            {
                throw new ConcurrentModificationException();
            }
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet()
    {
        Set<Entry<String, Object>> set = entries;
        if (null == set)
        {
            set = new EntrySet();
            entries = set;
        }
        return set;
    }

    private final class EntrySet extends AbstractSet<Entry<String, Object>>
    {
        @Override
        public Iterator<Entry<String, Object>> iterator()
        {
            return new EntryIterator();
        }

        @Override
        public int size()
        {
            return size;
        }

        @Override
        public void clear()
        {
            CompactMap.this.clear();
        }
    }

    private final class EntryIterator implements Iterator<Entry<String, Object>>
    {
        private int next;
        private int last = -1;
        private int expected = modCount;

        @Override
        public boolean hasNext()
        {
            return next < size;
        }

        @Override
        public Entry<String, Object> next()
        {
            if (expected != modCount)
            {
                throw new ConcurrentModificationException();
            }
            if (next >= size)
            {
                throw new NoSuchElementException();
            }
            last = next++;
            return new MapEntry(last);
        }

        @Override
        public void remove()
        {
            if (last < 0)
            {
                throw new IllegalStateException("next() first");
            }
            if (expected != modCount)
            {
                throw new ConcurrentModificationException();
            }
            removeAt(last);
            next = last;
            last = -1;
            expected = modCount;
        }
    }

    /**
     * An entry that writes through to the map ({@link #setValue}) while its key is still at its index.
     */
    private final class MapEntry extends SimpleEntry<String, Object>
    {
        private static final long serialVersionUID = 1L;
        private final int index;

        MapEntry(final int index)
        {
            super(keys[index], values[index]);
            this.index = index;
        }

        @Override
        public Object setValue(final Object value)
        {
            if (index < size && Objects.equals(keys[index], getKey()))
            {
                values[index] = value;
            }
            return super.setValue(value);
        }
    }
}
