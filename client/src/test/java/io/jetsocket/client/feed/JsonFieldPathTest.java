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
import static org.junit.jupiter.api.Assertions.assertThrows;

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
