/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.time;

import io.jetsocket.engine.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTimestampFieldTest
{
    private static final long MS = 1_700_000_000_123L;

    @Test
    void shouldReadMillisecondsOfATopLevelFieldAfterOtherMembers()
    {
        final ExchangeTimestampExtractor e = ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS);
        assertEquals(MS * 1_000_000L, extract(e, "{\"e\":\"trade\",\"data\":{\"E\":1},\"E\":" + MS + ",\"s\":\"X\"}"));
        assertEquals(MS * 1_000_000L, extract(e, " { \"E\" : " + MS + " } "));
    }

    @Test
    void shouldReadEachUnitQuotedAndDecimal()
    {
        assertEquals(1_700_000_000_123_456_000L,
            extract(ExchangeTimestampExtractor.jsonField("T", TimeUnit.MICROSECONDS), "{\"T\":1700000000123456}"));
        assertEquals(1_700_000_000_123_456_789L,
            extract(ExchangeTimestampExtractor.jsonField("ts", TimeUnit.NANOSECONDS), "{\"ts\":1700000000123456789}"));
        assertEquals(1_700_000_000_123_456_000L,
            extract(ExchangeTimestampExtractor.jsonField("time", TimeUnit.SECONDS),
            "{\"time\":\"1700000000.123456\"}"));
        assertEquals(1_700_000_000_123_456_789L,
            extract(ExchangeTimestampExtractor.jsonField("time", TimeUnit.SECONDS),
            "{\"time\":1700000000.1234567891}"), "digits beyond nanoseconds are dropped");
        assertEquals(MS * 1_000_000L + 500_000L,
            extract(ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS), "{\"E\":\"" + MS + ".5\"}"));
    }

    @Test
    void shouldFindNoTimestampWhereThereIsNone()
    {
        final ExchangeTimestampExtractor e = ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS);
        assertEquals(ExchangeTimestampExtractor.NONE, extract(e, "{\"result\":null,\"id\":1}"));
        assertEquals(ExchangeTimestampExtractor.NONE, extract(e, "{\"data\":{\"E\":" + MS + "}}"), "nested");
        assertEquals(ExchangeTimestampExtractor.NONE, extract(e, "{\"E\":null}"));
        assertEquals(ExchangeTimestampExtractor.NONE, extract(e, "{\"E\":-5}"));
        assertEquals(ExchangeTimestampExtractor.NONE, extract(e, "{\"E\":1.5e3}"), "not a plain number");
        assertEquals(ExchangeTimestampExtractor.NONE, extract(e, "{\"E\":\"17x\"}"));
        assertEquals(ExchangeTimestampExtractor.NONE, extract(e, "[1,2]"));
        assertEquals(ExchangeTimestampExtractor.NONE, extract(e, "{\"E\":99999999999999999999}"), "overflow");
        assertEquals(ExchangeTimestampExtractor.NONE, extract(e, "{\"E\":9223372036854775}"), "too large in ns");
        final UnsafeBuffer binary = new UnsafeBuffer(("{\"E\":" + MS + "}").getBytes(StandardCharsets.UTF_8));
        assertEquals(ExchangeTimestampExtractor.NONE, e.extractEpochNanos(MessageType.BINARY, binary, 0,
            binary.capacity()));
    }

    @Test
    void shouldReadOnlyWithinTheMessage()
    {
        final byte[] bytes = ("xx{\"E\":" + MS + "}{\"E\":1}").getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int length = ("{\"E\":" + MS + "}").length();
        assertEquals(MS * 1_000_000L, ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS)
            .extractEpochNanos(MessageType.TEXT, buffer, 2, length));
        assertEquals(ExchangeTimestampExtractor.NONE, ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS)
            .extractEpochNanos(MessageType.TEXT, buffer, 2, 6), "cut inside the key's value");
    }

    @Test
    void shouldRejectBadKeysAndUnits()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ExchangeTimestampExtractor.jsonField("E", TimeUnit.MINUTES));
        assertTrue(ex.getMessage().contains("MINUTES"), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> ExchangeTimestampExtractor.jsonField("", TimeUnit.MILLISECONDS));
        assertThrows(IllegalArgumentException.class,
            () -> ExchangeTimestampExtractor.jsonField("a\"b", TimeUnit.MILLISECONDS));
    }

    @Test
    void shouldReadAtAPathOfKeysAndArrayIndices()
    {
        // Bitfinex with its timestamp flag: the time in milliseconds appended as the last element
        final ExchangeTimestampExtractor last = ExchangeTimestampExtractor.jsonPath("[-1]", TimeUnit.MILLISECONDS);
        assertEquals(MS * 1_000_000L, extract(last, "[198,[10335,2,1.25]," + MS + "]"));
        assertEquals(MS * 1_000_000L, extract(last, "[198,\"hb\", " + MS + " ]"));
        assertEquals(ExchangeTimestampExtractor.NONE, extract(last, "[198,[10335,2,1.25]," + MS));
        assertEquals(ExchangeTimestampExtractor.NONE, extract(last, "[]"));
        assertEquals(ExchangeTimestampExtractor.NONE, extract(last, "{\"event\":\"info\"}"));
        final ExchangeTimestampExtractor nested = ExchangeTimestampExtractor.jsonPath("data[0].ts", TimeUnit.SECONDS);
        assertEquals(1_700_000_000_500_000_000L, extract(nested, "{\"data\":[{\"ts\":\"1700000000.5\"}]}"));
        assertEquals(ExchangeTimestampExtractor.NONE, extract(nested, "{\"data\":{\"ts\":1700000000}}"));
        assertEquals("jsonPath(\"data[0].ts\", SECONDS)", nested.toString());
        // a key taken whole by jsonField: brackets and dots are part of it
        assertEquals(MS * 1_000_000L,
            extract(ExchangeTimestampExtractor.jsonField("t[0]", TimeUnit.MILLISECONDS), "{\"t[0]\":" + MS + "}"));
        assertThrows(IllegalArgumentException.class, () -> ExchangeTimestampExtractor.jsonPath("a.[0]",
            TimeUnit.MILLISECONDS));
        assertThrows(IllegalArgumentException.class, () -> ExchangeTimestampExtractor.jsonPath("[0]",
            TimeUnit.HOURS));
    }

    private static long extract(final ExchangeTimestampExtractor extractor, final String json)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(json.getBytes(StandardCharsets.UTF_8));
        return extractor.extractEpochNanos(MessageType.TEXT, buffer, 0, buffer.capacity());
    }
}
