/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.engine.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonKeyScannerTest
{
    private final RawChannelExtractor stream = RawChannelExtractor.jsonKey("stream");
    private final ChannelSpan span = new ChannelSpan();

    @Test
    void shouldFindTheChannelWhenItComesFirst()
    {
        assertEquals("btcusdt@trade", found("{\"stream\":\"btcusdt@trade\",\"data\":{\"p\":\"1.5\"}}"));
        assertEquals("a", found("  { \"stream\" : \"a\" }"));
    }

    @Test
    void shouldSkipNestedValuesAndTrickyStringsBeforeTheKey()
    {
        assertEquals("s1", found("{\"data\":{\"a\":\"}\\\"{[\",\"b\":[1,{\"stream\":\"inner\"}]},\"n\":-1.5e3," +
            "\"t\":true,\"z\":null,\"e\":[],\"stream\":\"s1\"}"));
    }

    @Test
    void shouldFindNoChannelWhereThereIsNone()
    {
        assertEquals(RawChannelExtractor.NONE, extract("{\"result\":null,\"id\":1}"));
        assertEquals(RawChannelExtractor.NONE, extract("{\"data\":{\"stream\":\"nested only\"}}"));
        assertEquals(RawChannelExtractor.NONE, extract("[\"stream\",\"a\"]"));
        assertEquals(RawChannelExtractor.NONE, extract("{\"stream\":null}"));
        assertEquals(RawChannelExtractor.NONE, extract("{\"stream\":\"unterminated"));
        assertEquals(RawChannelExtractor.NONE, extract("{\"data\":{\"a\":1}"));
        assertEquals(RawChannelExtractor.NONE, extract(""));
        final byte[] bytes = "{\"stream\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(RawChannelExtractor.NONE,
            stream.extract(MessageType.BINARY, new UnsafeBuffer(bytes), 0, bytes.length, span));
    }

    @Test
    void shouldAskForDecodingWhenTheBytesAreNotTheChannel()
    {
        assertEquals(RawChannelExtractor.DECODE, extract("{\"stream\":\"a\\/b\"}"));
        assertEquals(RawChannelExtractor.DECODE, extract("{\"stream\":42}"));
    }

    @Test
    void shouldFindTheChannelInsideALargerBuffer()
    {
        final byte[] bytes = "xx{\"stream\":\"abc\"}yy".getBytes(StandardCharsets.UTF_8);
        assertEquals(RawChannelExtractor.FOUND,
            stream.extract(MessageType.TEXT, new UnsafeBuffer(bytes), 2, bytes.length - 4, span));
        assertEquals("abc", new String(bytes, span.offset(), span.length(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseKeysItCannotMatchInBytes()
    {
        assertThrows(IllegalArgumentException.class, () -> RawChannelExtractor.jsonKey(""));
        assertThrows(IllegalArgumentException.class, () -> RawChannelExtractor.jsonKey("a\"b"));
    }

    private String found(final String json)
    {
        assertEquals(RawChannelExtractor.FOUND, extract(json), json);
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new String(bytes, span.offset(), span.length(), StandardCharsets.UTF_8);
    }

    private int extract(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return stream.extract(MessageType.TEXT, new UnsafeBuffer(bytes), 0, bytes.length, span);
    }
}
