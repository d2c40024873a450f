/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * The routing table (engine thread only): channel to subscription, looked up either by a channel's UTF-8 bytes in
 * a message's buffer (open addressing, no allocation) or by a decoded channel name. Changes are rare (subscribe,
 * unsubscribe), lookups are per message: a removal rebuilds the byte table rather than keeping tombstones.
 *
 * @param <V> the subscription type.
 */
final class ChannelTable<V>
{
    private final HashMap<String, V> byName = new HashMap<>();
    private byte[][] keys = new byte[16][];
    private Object[] values = new Object[16];
    private int size;

    void put(final String channel, final V value)
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

    void remove(final String channel)
    {
        if (null != byName.remove(channel))
        {
            rebuild(keys.length);
        }
    }

    V get(final String channel)
    {
        return byName.get(channel);
    }

    @SuppressWarnings("unchecked")
    V get(final DirectBuffer buffer, final int offset, final int length)
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

    int size()
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
