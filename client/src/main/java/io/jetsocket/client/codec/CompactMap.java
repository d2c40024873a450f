/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import java.io.Serializable;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An insertion-ordered, mutable {@code Map<String, Object>} held in two arrays, for the small JSON objects of market
 * data: about a third of a {@code LinkedHashMap}'s footprint, and objects with the same field names in the same
 * order share one array of keys (copied before the first change that adds or removes a key). Lookups scan the keys,
 * so the decoder uses it for small objects only. Equality, hash code and string form follow the {@link Map}
 * contract (as {@code LinkedHashMap}'s do); null keys and values are allowed; views are made on each call and write
 * through. Not thread safe.
 */
final class CompactMap implements Map<String, Object>, Serializable
{
    private static final long serialVersionUID = 1L;

    // Four fields and no cached views keep the map at 32 bytes: it is allocated once per decoded object
    private String[] keys;
    private Object[] values;
    private int size;
    /** Structural changes so far; 0 also means the keys are still shared with other maps. */
    private int modCount;

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
        if (size == values.length || 0 == modCount)
        {
            final int capacity = Math.max(4, size == values.length ? size * 2 : values.length);
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
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
        if (0 == modCount)
        {
            keys = Arrays.copyOf(keys, keys.length);
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
    public void putAll(final Map<? extends String, ?> map)
    {
        for (final Entry<? extends String, ?> entry : map.entrySet())
        {
            put(entry.getKey(), entry.getValue());
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet()
    {
        return new EntrySet();
    }

    @Override
    public Set<String> keySet()
    {
        return new AbstractSet<>()
        {
            @Override
            public Iterator<String> iterator()
            {
                return new KeyIterator();
            }

            @Override
            public int size()
            {
                return size;
            }

            @Override
            public boolean contains(final Object key)
            {
                return containsKey(key);
            }
        };
    }

    @Override
    public Collection<Object> values()
    {
        return new AbstractCollection<>()
        {
            @Override
            public Iterator<Object> iterator()
            {
                return new ValueIterator();
            }

            @Override
            public int size()
            {
                return size;
            }
        };
    }

    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof Map<?, ?> map) || map.size() != size)
        {
            return false;
        }
        for (int i = 0; i < size; i++)
        {
            final Object value = values[i];
            final Object theirs = map.get(keys[i]);
            if (null == value ? null != theirs || !map.containsKey(keys[i]) : !value.equals(theirs))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode()
    {
        int hash = 0;
        for (int i = 0; i < size; i++)
        {
            hash += Objects.hashCode(keys[i]) ^ Objects.hashCode(values[i]);
        }
        return hash;
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < size; i++)
        {
            if (i > 0)
            {
                text.append(", ");
            }
            text.append(keys[i]).append('=').append(this == values[i] ? "(this Map)" : values[i]);
        }
        return text.append('}').toString();
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

    /**
     * The iteration the entry, key and value iterators share: fail-fast on changes not made through it, and
     * removal through it.
     */
    private abstract class IndexIterator<T> implements Iterator<T>
    {
        private int next;
        private int last = -1;
        private int expected = modCount;

        @Override
        public boolean hasNext()
        {
            return next < size;
        }

        /**
         * Step to the next entry.
         *
         * @return its index.
         */
        final int nextIndex()
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
            return last;
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

    private final class EntryIterator extends IndexIterator<Entry<String, Object>>
    {
        @Override
        public Entry<String, Object> next()
        {
            return new MapEntry(nextIndex());
        }
    }

    private final class KeyIterator extends IndexIterator<String>
    {
        @Override
        public String next()
        {
            return keys[nextIndex()];
        }
    }

    private final class ValueIterator extends IndexIterator<Object>
    {
        @Override
        public Object next()
        {
            return values[nextIndex()];
        }
    }

    /**
     * An entry that writes through to the map ({@link #setValue}) while its key is still at its index.
     */
    private final class MapEntry extends AbstractMap.SimpleEntry<String, Object>
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
