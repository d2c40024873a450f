/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * A map from a name to a value, looked up either by the name's UTF-8 bytes inside a message's buffer (open
 * addressing, no allocation) or by the name itself: the multiplexer's channel routing table and the market-data
 * layer's per-stream state. Changes are rare (a new stream, a subscribe, an unsubscribe), lookups are per message: a
 * removal rebuilds the byte table rather than keeping tombstones. Not thread safe (one thread, the engine's).
 *
 * @param <V> the value type.
 */
public final class Utf8KeyTable<V>
{
    /**
     * An empty table.
     */
    public Utf8KeyTable()
    {
    }

    private final HashMap<String, V> byName = new HashMap<>();
    private byte[][] keys = new byte[16][];
    private Object[] values = new Object[16];
    private int size;

    /**
     * Map a name to a value (allocates: a cold-path call).
     *
     * @param channel the name.
     * @param value   its value.
     */
    public void put(final String channel, final V value)
    {
        if (null != byName.put(channel, value))
        {
            rebuild(keys.length); // replaced: the byte table must hold the new value
            return;
        }
        if ((size + 1) * 2 > keys.length)
        {
            rebuild(keys.length * 2);
        }
        else
        {
            insert(channel.getBytes(StandardCharsets.UTF_8), value);
        }
    }

    /**
     * Forget a name.
     *
     * @param channel the name.
     */
    public void remove(final String channel)
    {
        if (null != byName.remove(channel))
        {
            rebuild(keys.length);
        }
    }

    /**
     * The value of a name.
     *
     * @param channel the name.
     * @return its value, or null.
     */
    public V get(final String channel)
    {
        return byName.get(channel);
    }

    /**
     * The value of the name whose UTF-8 bytes are at {@code buffer[offset, offset + length)}; allocates nothing.
     *
     * @param buffer holding the name's bytes.
     * @param offset of the first byte.
     * @param length in bytes.
     * @return its value, or null.
     */
    @SuppressWarnings("unchecked")
    public V get(final DirectBuffer buffer, final int offset, final int length)
    {
        final int mask = keys.length - 1;
        for (int i = hash(buffer, offset, length) & mask; ; i = (i + 1) & mask)
        {
            final byte[] key = keys[i];
            if (null == key)
            {
                return null;
            }
            if (key.length == length && equal(key, buffer, offset))
            {
                return (V)values[i];
            }
        }
    }

    /**
     * The number of names.
     *
     * @return the count.
     */
    public int size()
    {
        return byName.size();
    }

    private void rebuild(final int capacity)
    {
        keys = new byte[capacity][];
        values = new Object[capacity];
        size = 0;
        byName.forEach((channel, value) -> insert(channel.getBytes(StandardCharsets.UTF_8), value));
    }

    private void insert(final byte[] key, final Object value)
    {
        final int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (null != keys[i])
        {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    private static boolean equal(final byte[] key, final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < key.length; i++)
        {
            if (key[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    // FNV-1a, then the high bits folded down: channel names share long prefixes ("btcusdt@", "ethusdt@")

    private static int hash(final DirectBuffer buffer, final int offset, final int length)
    {
        int h = 0x811c9dc5;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ (buffer.getByte(offset + i) & 0xff)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private static int hash(final byte[] key)
    {
        int h = 0x811c9dc5;
        for (final byte b : key)
        {
            h = (h ^ (b & 0xff)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
