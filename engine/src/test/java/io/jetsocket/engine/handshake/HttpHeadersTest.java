/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpHeadersTest
{
    @Test
    void shouldKeepFieldsInArrivalOrderWithCaseInsensitiveLookup()
    {
        final HttpHeaders headers = HttpHeaders.of("Via", "a", "X-Id", "1", "via", "b", "VIA", "c");

        assertEquals(4, headers.size());
        assertEquals(List.of("Via", "X-Id"), headers.names());
        assertEquals(List.of("a", "b", "c"), headers.all("vIa"));
        assertEquals("a", headers.first("VIA"));
        assertEquals("VIA", headers.name(3));
        assertEquals("c", headers.value(3));
        assertTrue(headers.contains("x-id"));
        assertFalse(headers.contains("x-other"));
        assertNull(headers.first("x-other"));
    }

    @Test
    void shouldExposeCaseInsensitiveUnmodifiableMap()
    {
        final Map<String, List<String>> map = HttpHeaders.of("Via", "a", "X-Id", "1", "via", "b").asMap();

        assertEquals(List.of("a", "b"), map.get("VIA"));
        assertEquals(List.of("1"), map.get("x-id"));
        assertEquals(2, map.size());
        assertThrows(UnsupportedOperationException.class, () -> map.put("x", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> map.get("via").add("c"));
    }

    @Test
    void shouldBeEmptyWithoutFields()
    {
        assertSame(HttpHeaders.EMPTY, HttpHeaders.of());
        assertTrue(HttpHeaders.EMPTY.isEmpty());
        assertTrue(HttpHeaders.EMPTY.all("x").isEmpty());
        assertTrue(HttpHeaders.EMPTY.asMap().isEmpty());
    }

    @Test
    void shouldCompareFieldByField()
    {
        assertEquals(HttpHeaders.of("A", "1", "B", "2"), HttpHeaders.of("A", "1", "B", "2"));
        assertEquals(HttpHeaders.of("A", "1").hashCode(), HttpHeaders.of("A", "1").hashCode());
        assertFalse(HttpHeaders.of("A", "1", "B", "2").equals(HttpHeaders.of("B", "2", "A", "1")));
    }

    @Test
    void shouldRejectOddOrNullArguments()
    {
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("A"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("A", null));
    }

    @Test
    void shouldEscapeControlCharactersInToString()
    {
        assertEquals("X: \"a\\x0Db\"\n", HttpHeaders.of("X", "a\rb").toString());
    }
}
