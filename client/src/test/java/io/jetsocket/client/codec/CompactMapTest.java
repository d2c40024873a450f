/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CompactMap}'s views against {@link LinkedHashMap}'s: order, removal through an iterator, fail-fast, and the
 * shared key array left alone.
 */
class CompactMapTest
{
    private static final String[] SHARED_KEYS = { "a", "b", "c" };

    private static CompactMap map()
    {
        return new CompactMap(SHARED_KEYS, new Object[]{ 1, null, "three" }, 3);
    }

    private static LinkedHashMap<String, Object> expected()
    {
        final LinkedHashMap<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", 1);
        expected.put("b", null);
        expected.put("c", "three");
        return expected;
    }

    @Test
    void viewsIterateInInsertionOrder()
    {
        final CompactMap map = map();
        assertEquals(List.copyOf(expected().keySet()), List.copyOf(map.keySet()));
        assertEquals(new ArrayList<>(expected().values()), new ArrayList<>(map.values()));
        assertEquals(List.copyOf(expected().entrySet()), List.copyOf(map.entrySet()));
        assertEquals(expected(), map);
        assertEquals(expected().hashCode(), map.hashCode());
        assertEquals(expected().toString(), map.toString());
    }

    @Test
    void keyIteratorRemovesWithoutTouchingTheSharedKeys()
    {
        final CompactMap map = map();
        final Iterator<String> keys = map.keySet().iterator();
        assertThrows(IllegalStateException.class, keys::remove);
        assertEquals("a", keys.next());
        assertEquals("b", keys.next());
        keys.remove();
        assertEquals("c", keys.next());
        assertFalse(keys.hasNext());
        assertThrows(NoSuchElementException.class, keys::next);

        final Map<String, Object> expected = expected();
        expected.remove("b");
        assertEquals(expected, map);
        assertEquals(List.of("a", "b", "c"), List.of(SHARED_KEYS));
    }

    @Test
    void valueIteratorRemovesEveryEntry()
    {
        final CompactMap map = map();
        final Collection<Object> values = map.values();
        final Iterator<Object> iterator = values.iterator();
        assertEquals(1, iterator.next());
        iterator.remove();
        assertEquals(null, iterator.next());
        iterator.remove();
        assertEquals("three", iterator.next());
        iterator.remove();
        assertTrue(map.isEmpty());
        assertEquals(0, values.size());
    }

    @Test
    void iteratorsFailFastOnAChangeMadeAroundThem()
    {
        final CompactMap map = map();
        final Iterator<String> keys = map.keySet().iterator();
        final Iterator<Object> values = map.values().iterator();
        final Iterator<Map.Entry<String, Object>> entries = map.entrySet().iterator();
        keys.next();
        map.put("d", 4);
        assertThrows(ConcurrentModificationException.class, keys::next);
        assertThrows(ConcurrentModificationException.class, values::next);
        assertThrows(ConcurrentModificationException.class, entries::next);
    }

    @Test
    void entryWritesThrough()
    {
        final CompactMap map = map();
        final Map.Entry<String, Object> first = map.entrySet().iterator().next();
        assertEquals(1, first.setValue("one"));
        assertSame("one", map.get("a"));
    }
}
