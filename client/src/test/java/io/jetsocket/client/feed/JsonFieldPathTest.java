/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.scan.JsonBytes;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFieldPathTest
{
    @Test
    void shouldReadAnIntegerAtATopLevelOrNestedPath()
    {
        final String json = JsonSequenceExtractorTest.BINANCE_DEPTH;
        assertEquals(1732262400123L, read("data.E", json));
        assertEquals(160, read("data.u", json));
        assertEquals(JsonFieldPath.NO_VALUE, read("E", json));
        assertEquals(JsonFieldPath.NO_VALUE, read("data.e", json)); // a string that is not a number
        assertEquals(JsonFieldPath.NO_VALUE, read("data.b", json)); // an array
        assertEquals(JsonFieldPath.NO_VALUE, read("stream.x", json)); // a string is not an object
        assertEquals(JsonFieldPath.NO_VALUE, read("data.E.x", json));
        assertEquals(7, read("T", "{\"T\":\"7\"}"));
        assertEquals(-3, read("a.b.c", "{\"a\":{\"b\":{\"c\":-3}}}"));
    }

    @Test
    void shouldFindWhereAValueStarts()
    {
        final String json = "{\"a\":{\"b\":[1,2]},\"c\":\"x\"}";
        final UnsafeBuffer buffer = buffer(json);
        assertEquals(json.indexOf('['), JsonFieldPath.of("a.b").valueAt(buffer, 0, buffer.capacity()));
        assertEquals(json.lastIndexOf('"') - 2, JsonFieldPath.of("c").valueAt(buffer, 0, buffer.capacity()));
        assertEquals(JsonBytes.NOT_FOUND, JsonFieldPath.of("b").valueAt(buffer, 0, buffer.capacity()));
    }

    @Test
    void shouldTakeKeysWithDotsOneByOne()
    {
        final JsonFieldPath path = JsonFieldPath.ofKeys("a.b", "c");
        assertEquals(2, path.depth());
        assertArrayEquals("a.b".getBytes(StandardCharsets.UTF_8), path.key(0));
        assertEquals(5, path.readLong(buffer("{\"a.b\":{\"c\":5}}"), 0, 15));
        assertEquals(JsonFieldPath.of("x.y"), JsonFieldPath.ofKeys("x", "y"));
        assertEquals(JsonFieldPath.of("x.y").hashCode(), JsonFieldPath.ofKeys("x", "y").hashCode());
        assertEquals("a.b.c", path.toString());
        assertThrows(IllegalArgumentException.class, JsonFieldPath::ofKeys);
        assertThrows(IllegalArgumentException.class, () -> JsonFieldPath.ofKeys("a", ""));
        assertThrows(IllegalArgumentException.class, () -> JsonFieldPath.of("a\\b"));
        assertThrows(IllegalArgumentException.class, () -> JsonFieldPath.of(null));
    }

    @Test
    void shouldParseKeysAndArrayIndices()
    {
        final JsonFieldPath path = JsonFieldPath.of("data[2][-1].u");
        assertEquals(4, path.depth());
        assertFalse(path.isArrayIndex(0));
        assertArrayEquals("data".getBytes(StandardCharsets.UTF_8), path.key(0));
        assertTrue(path.isArrayIndex(1));
        assertEquals(2, path.arrayIndex(1));
        assertEquals(-1, path.arrayIndex(2));
        assertArrayEquals("u".getBytes(StandardCharsets.UTF_8), path.key(3));
        assertEquals("data[2][-1].u", path.toString());
        assertThrows(IllegalArgumentException.class, () -> path.key(1));
        assertThrows(IllegalArgumentException.class, () -> path.arrayIndex(0));
        assertEquals(1, JsonFieldPath.of("[0]").depth());
        assertEquals(Integer.MAX_VALUE, JsonFieldPath.of("[2147483647]").arrayIndex(0));
        assertEquals(-Integer.MAX_VALUE, JsonFieldPath.of("[-2147483647]").arrayIndex(0));
        assertEquals(JsonFieldPath.of("[1].a"), JsonFieldPath.of("[1].a"));
        assertEquals(JsonFieldPath.of("[1].a").hashCode(), JsonFieldPath.of("[1].a").hashCode());
        assertNotEquals(JsonFieldPath.of("[1].a"), JsonFieldPath.of("[-1].a"));
        assertNotEquals(JsonFieldPath.of("a[0]"), JsonFieldPath.ofKeys("a[0]")); // a key taken whole
        assertArrayEquals("a[0]".getBytes(StandardCharsets.UTF_8), JsonFieldPath.ofKeys("a[0]").key(0));
    }

    @Test
    void shouldRefuseMalformedPathsSayingWhere()
    {
        final String[][] bad = {
            { "[", "has no ']'" }, { "a[0", "has no ']'" }, { "[]", "[]" }, { "[x]", "[x]" }, { "[ 0]", "[ 0]" },
            { "[+1]", "[+1]" }, { "[-0]", "[-0]" }, { "[01]", "[01]" }, { "[-]", "[-]" }, { "[1.5]", "[1.5]" },
            { "[2147483648]", "fits an int" }, { "[99999999999]", "fits an int" }, { "[0]a", "'a' at 3" },
            { "[0]]", "']' at 3" }, { "a.[0]", "a[0], not a.[0]" }, { "a]", "stray ']'" }, { "a..b", "dot at 1" },
            { ".a", "empty key at 0" }, { "a.", "dot at 1" }, { "a\"b", "quote" }, { "[0].", "dot at 3" },
            { "[[0]]", "[[0]" } };
        for (final String[] path : bad)
        {
            final IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> JsonFieldPath.of(path[0]), path[0]);
            assertTrue(error.getMessage().contains("\"" + path[0] + "\"") && error.getMessage().contains(path[1]),
                path[0] + ": " + error.getMessage());
        }
    }

    @Test
    void shouldReadValuesInArrays()
    {
        final String json = "[17082,[7254.7,3,\"a]\"],{\"seq\":[5,6]},\"x\",\"8\"]";
        assertEquals(17082, read("[0]", json));
        assertEquals(3, read("[1][1]", json));
        assertEquals(JsonFieldPath.NO_VALUE, read("[1][0]", json)); // a decimal
        assertEquals(6, read("[2].seq[1]", json));
        assertEquals(5, read("[-3].seq[-2]", json));
        assertEquals(8, read("[-1]", json));
        assertEquals(JsonFieldPath.NO_VALUE, read("[5]", json));
        assertEquals(JsonFieldPath.NO_VALUE, read("[-6]", json));
        assertEquals(JsonFieldPath.NO_VALUE, read("[0].a", json)); // a number is not an object
        assertEquals(JsonFieldPath.NO_VALUE, read("[2][0]", json)); // an object is not an array
        assertEquals(JsonFieldPath.NO_VALUE, read("seq", json)); // an array is not an object
        assertEquals(160, read("data.u", JsonSequenceExtractorTest.BINANCE_DEPTH));
        final String depth = JsonSequenceExtractorTest.BINANCE_DEPTH;
        final UnsafeBuffer buffer = buffer(depth);
        assertEquals(depth.indexOf("\"0.015\""), JsonFieldPath.of("data.b[0][-1]").valueAt(buffer, 0, depth.length()));
        for (int cut = 0; cut < json.length(); cut++)
        {
            assertEquals(JsonFieldPath.NO_VALUE, read("[-1]", json.substring(0, cut)), json.substring(0, cut));
        }
    }

    private static long read(final String path, final String json)
    {
        final UnsafeBuffer buffer = buffer(json);
        return JsonFieldPath.of(path).readLong(buffer, 0, buffer.capacity());
    }

    private static UnsafeBuffer buffer(final String json)
    {
        return new UnsafeBuffer(json.getBytes(StandardCharsets.UTF_8));
    }
}
