/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.engine.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonSequenceExtractorTest
{
    static final String BINANCE_DEPTH = "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\"," +
        "\"E\":1732262400123,\"s\":\"BTCUSDT\",\"U\":157,\"u\":160,\"b\":[[\"64123.10\",\"0.015\"]," +
        "[\"64122.00\",\"1.200\"]],\"a\":[[\"64124.50\",\"0.400\"],[\"64125.00\",\"0.000\"]]}}";

    private final SequenceFields fields = new SequenceFields();

    private final JsonSequenceExtractor combinedDepth =
        JsonSequenceExtractor.builder().stream("stream").range("data.U", "data.u").build();
    private final JsonSequenceExtractor channelSeq =
        JsonSequenceExtractor.builder().stream("channel").sequence("seq").build();
    private final JsonSequenceExtractor futuresDepth =
        JsonSequenceExtractor.builder().stream("s").previousAndSequence("pu", "u").build();

    @Test
    void shouldReadABinanceCombinedDepthDelta()
    {
        assertTrue(extract(combinedDepth, BINANCE_DEPTH));
        assertEquals("btcusdt@depth@100ms", stream());
        assertEquals(157, fields.first());
        assertEquals(160, fields.last());
        assertFalse(fields.hasPrevious());
    }

    @Test
    void shouldReadASingleSequenceAndAPreviousPair()
    {
        assertTrue(extract(channelSeq, "{\"channel\":\"trades\",\"seq\":42,\"data\":[1,2]}"));
        assertEquals("trades", stream());
        assertEquals(42, fields.first());
        assertEquals(42, fields.last());
        assertFalse(fields.hasPrevious());

        assertTrue(extract(futuresDepth,
            "{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":1,\"u\":5,\"pu\":0,\"b\":[],\"a\":[]}"));
        assertEquals("BTCUSDT", stream());
        assertEquals(0, fields.previous());
        assertEquals(5, fields.last());
        assertTrue(fields.hasPrevious());
    }

    @Test
    void shouldReadFieldsInAnyOrder()
    {
        assertTrue(extract(combinedDepth, "{\"data\":{\"u\":9,\"x\":{\"U\":1},\"U\":7},\"stream\":\"s\"}"));
        assertEquals("s", stream());
        assertEquals(7, fields.first());
        assertEquals(9, fields.last());

        assertTrue(extract(futuresDepth, "{\"u\":12,\"pu\":11,\"s\":\"X\"}"));
        assertEquals(11, fields.previous());
        assertEquals(12, fields.last());
        assertEquals("X", stream());
    }

    @Test
    void shouldPutMessagesWithoutAStreamPathInTheUnnamedStream()
    {
        final JsonSequenceExtractor seqOnly = JsonSequenceExtractor.builder().sequence("seq").build();
        assertTrue(extract(seqOnly, "{\"seq\":3}"));
        assertNull(fields.streamBuffer());
        assertEquals(0, fields.streamLength());
        assertEquals(3, fields.last());
    }

    @Test
    void shouldReadDeeplyNestedPaths()
    {
        final JsonSequenceExtractor deep =
            JsonSequenceExtractor.builder().stream("arg.instId").previousAndSequence("d.0.p", "d.0.s").build();
        assertTrue(extract(deep,
            "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\"," +
            "\"d\":{\"0\":{\"asks\":[[\"1\",\"2\"]],\"p\":-1,\"s\":123}}}"));
        assertEquals("BTC-USDT", stream());
        assertEquals(-1, fields.previous());
        assertEquals(123, fields.last());
    }

    @Test
    void shouldAcceptQuotedIntegers()
    {
        assertTrue(extract(channelSeq, "{\"channel\":\"c\",\"seq\":\"9007199254740993\"}"));
        assertEquals(9007199254740993L, fields.last());
        assertTrue(extract(combinedDepth, "{\"stream\":\"s\",\"data\":{\"U\":\"5\",\"u\":6}}"));
        assertEquals(5, fields.first());
        assertEquals(6, fields.last());
    }

    @Test
    void shouldAcceptLongLimitsAndNegativeIds()
    {
        assertTrue(extract(channelSeq, "{\"channel\":\"c\",\"seq\":9223372036854775807}"));
        assertEquals(Long.MAX_VALUE, fields.last());
        assertTrue(extract(channelSeq, "{\"channel\":\"c\",\"seq\":-9223372036854775807}"));
        assertEquals(-Long.MAX_VALUE, fields.last());
        assertTrue(extract(channelSeq, "{\"channel\":\"c\",\"seq\":0}"));
        assertEquals(0, fields.last());
    }

    @Test
    void shouldRefuseValuesThatAreNotIntegersOfALong()
    {
        final String[] bad = {
            "9223372036854775808", "-9223372036854775809", "-9223372036854775808", "99999999999999999999999",
            "1.5", "1e3", "1E3", "2.0", "-", "\"\"", "\"12a\"", "\"1 \"", "\" 1\"", "\"1.0\"", "true", "null",
            "{\"v\":1}", "[1]", "+1", "\"-\"", "0x10" };
        for (final String value : bad)
        {
            assertFalse(extract(channelSeq, "{\"channel\":\"c\",\"seq\":" + value + "}"), value);
        }
    }

    @Test
    void shouldReturnFalseWhenAFieldIsMissing()
    {
        assertFalse(extract(combinedDepth, "{\"result\":null,\"id\":1}"));
        assertFalse(extract(combinedDepth, "{\"stream\":\"s\",\"data\":{\"U\":1}}"));
        assertFalse(extract(combinedDepth, "{\"stream\":\"s\",\"data\":{\"u\":1}}"));
        assertFalse(extract(combinedDepth, "{\"data\":{\"U\":1,\"u\":2}}"));
        assertFalse(extract(combinedDepth, "{\"stream\":\"s\",\"data\":[{\"U\":1,\"u\":2}]}"));
        assertFalse(extract(combinedDepth, "{\"stream\":\"s\",\"data\":\"{\\\"U\\\":1,\\\"u\\\":2}\"}"));
        assertFalse(extract(channelSeq, "{\"channel\":\"c\"}"));
        assertFalse(extract(channelSeq, "{\"seq\":1}"));
        assertFalse(extract(channelSeq, "{}"));
        assertFalse(extract(channelSeq, "[{\"channel\":\"c\",\"seq\":1}]"));
        assertFalse(extract(channelSeq, "pong"));
        assertFalse(extract(channelSeq, ""));
        assertFalse(extract(channelSeq, "   "));
    }

    @Test
    void shouldNotMatchKeysInStringsOrInTheWrongObject()
    {
        // "seq" appears as a string value, inside a nested object, in an array, and as escaped text before the
        // real member
        assertTrue(extract(channelSeq, "{\"note\":\"seq\",\"x\":{\"seq\":1},\"y\":[{\"seq\":2},\"seq\"]," +
            "\"z\":\"\\\"seq\\\":3\",\"channel\":\"c\",\"seq\":4}"));
        assertEquals(4, fields.last());
        // the range keys at the top level, not under data
        assertFalse(extract(combinedDepth, "{\"stream\":\"s\",\"U\":1,\"u\":2,\"data\":{\"e\":1}}"));
        // a top-level "u" is not data.u, a nested "U" under another object is not data.U
        assertTrue(extract(combinedDepth,
            "{\"u\":100,\"stream\":\"s\",\"other\":{\"U\":50}," +
            "\"data\":{\"inner\":{\"U\":60,\"u\":61},\"U\":7,\"u\":8}}"));
        assertEquals(7, fields.first());
        assertEquals(8, fields.last());
        // a key that is a prefix or an extension of the wanted one
        assertTrue(extract(channelSeq, "{\"seqNum\":5,\"se\":6,\"channel\":\"c\",\"seq\":7}"));
        assertEquals(7, fields.last());
    }

    @Test
    void shouldSkipStringsWithBracesAndEscapedQuotes()
    {
        assertTrue(extract(combinedDepth, "{\"msg\":\"}]{[\\\"\\\\\",\"stream\":\"s\",\"data\":" +
            "{\"t\":\"a\\\"}\\\"b\",\"U\":1,\"n\":[\"]\",{\"}\":\"{\"}],\"u\":2}}"));
        assertEquals("s", stream());
        assertEquals(1, fields.first());
        assertEquals(2, fields.last());
    }

    @Test
    void shouldAllowWhitespaceEverywhere()
    {
        assertTrue(extract(combinedDepth, " \n{ \"stream\" :\t\"s\" ,\r\n \"data\" : { \"U\" : 1 , \"u\" :\n2 } } "));
        assertEquals("s", stream());
        assertEquals(1, fields.first());
        assertEquals(2, fields.last());
        assertTrue(extract(channelSeq, "{\"channel\":\"c\",\"seq\":\"3\" }"));
        assertEquals(3, fields.last());
    }

    @Test
    void shouldTakeTheFirstOfARepeatedKey()
    {
        assertTrue(extract(channelSeq, "{\"channel\":\"c\",\"seq\":1,\"seq\":2}"));
        assertEquals(1, fields.last());
    }

    @Test
    void shouldKeepEscapedStreamNamesAsWrittenAndNumericOnesAsDigits()
    {
        assertTrue(extract(channelSeq, "{\"channel\":\"BTC\\/USD\",\"seq\":1}"));
        assertEquals("BTC\\/USD", stream());
        assertTrue(extract(channelSeq, "{\"channel\":42,\"seq\":1}"));
        assertEquals("42", stream());
        assertFalse(extract(channelSeq, "{\"channel\":null,\"seq\":1}"));
        assertFalse(extract(channelSeq, "{\"channel\":{\"id\":1},\"seq\":1}"));
        assertFalse(extract(channelSeq, "{\"channel\":[\"c\"],\"seq\":1}"));
        assertFalse(extract(channelSeq, "{\"channel\":true,\"seq\":1}"));
    }

    @Test
    void shouldRefuseAReversedRangeAndTruncatedMessages()
    {
        assertFalse(extract(combinedDepth, "{\"stream\":\"s\",\"data\":{\"U\":5,\"u\":4}}"));
        final String whole = "{\"stream\":\"s\",\"data\":{\"U\":5,\"u\":40}}";
        for (int cut = 0; cut < whole.length() - 2; cut++)
        {
            assertFalse(extract(combinedDepth, whole.substring(0, cut)), whole.substring(0, cut));
        }
        assertFalse(extract(channelSeq, "{\"channel\":\"c\",\"seq\":12"));
        assertFalse(extract(channelSeq, "{\"channel\":\"c\",\"seq\":\"12"));
        assertFalse(extract(channelSeq, "{\"channel\":\"c,\"seq\":12}"));
    }

    @Test
    void shouldGoOnFromTheEndOfEachValueItRead()
    {
        // the walk resumes just after a read value rather than stepping over it again: a stream name with an escaped
        // quote and a comma, a numeric stream name, and ids followed by whitespace, all before further fields
        assertTrue(extract(combinedDepth,
            "{\"stream\":\"a\\\",\\\"U\\\":9\",\"data\":{\"U\":\"3\" ,\"x\":\"u\",\"u\":4 },\"z\":1}"));
        assertEquals("a\\\",\\\"U\\\":9", stream());
        assertEquals(3, fields.first());
        assertEquals(4, fields.last());
        assertTrue(extract(futuresDepth, "{\"s\":-12 , \"pu\":007\t,\"p\":\"u\",\"u\":8}"));
        assertEquals("-12", stream());
        assertEquals(7, fields.previous());
        assertEquals(8, fields.last());
        // a value cut short after a field was read
        assertFalse(extract(futuresDepth, "{\"s\":\"x\",\"pu\":1,\"q\":\"u"));
    }

    @Test
    void shouldRefuseASpanOutsideTheBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer("{\"channel\":\"c\",\"seq\":1}".getBytes(StandardCharsets.UTF_8));
        assertThrows(IndexOutOfBoundsException.class,
            () -> channelSeq.extract(MessageType.TEXT, buffer, 0, buffer.capacity() + 1, fields.clear()));
        assertThrows(IndexOutOfBoundsException.class,
            () -> channelSeq.extract(MessageType.TEXT, buffer, -1, 4, fields.clear()));
    }

    @Test
    void shouldReadTheMessageWhereItLiesInALargerBufferOfEitherType()
    {
        final byte[] message = ("{\"channel\":\"c\",\"seq\":77}").getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = new byte[message.length + 20];
        java.util.Arrays.fill(bytes, (byte)'9');
        System.arraycopy(message, 0, bytes, 7, message.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        assertTrue(channelSeq.extract(MessageType.BINARY, buffer, 7, message.length, fields.clear()));
        assertEquals(77, fields.last());
        assertEquals(7 + 12, fields.streamOffset());
        assertEquals(1, fields.streamLength());
        // cut before the closing brace: the digits after the message must not be read
        assertFalse(channelSeq.extract(MessageType.TEXT, buffer, 7, message.length - 1, fields.clear()));
    }

    @Test
    void shouldValidateItsBuilder()
    {
        assertThrows(IllegalStateException.class, () -> JsonSequenceExtractor.builder().stream("s").build());
        assertThrows(IllegalStateException.class,
            () -> JsonSequenceExtractor.builder().sequence("a").range("b", "c"));
        assertThrows(IllegalArgumentException.class, () -> JsonSequenceExtractor.builder().sequence("a..b"));
        assertThrows(IllegalArgumentException.class, () -> JsonSequenceExtractor.builder().sequence(".a"));
        assertThrows(IllegalArgumentException.class, () -> JsonSequenceExtractor.builder().sequence("a."));
        assertThrows(IllegalArgumentException.class, () -> JsonSequenceExtractor.builder().sequence(""));
        assertThrows(IllegalArgumentException.class, () -> JsonSequenceExtractor.builder().sequence("a\"b"));
        final IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
            () -> JsonSequenceExtractor.builder().range("data.u", "data.u").build());
        assertTrue(same.getMessage().contains("data.u"), same.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> JsonSequenceExtractor.builder().stream("data").range("data.U", "data.u").build());
        assertThrows(IllegalArgumentException.class,
            () -> JsonSequenceExtractor.builder().stream("data.U.x").range("data.U", "data.u").build());
        assertEquals("JsonSequenceExtractor{stream=stream, first=data.U, last=data.u}", combinedDepth.toString());
    }

    private boolean extract(final SequenceExtractor extractor, final String json)
    {
        return extract(extractor, json, fields);
    }

    private String stream()
    {
        return stream(fields);
    }

    static boolean extract(final SequenceExtractor extractor, final String json, final SequenceFields into)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(json.getBytes(StandardCharsets.UTF_8));
        return extractor.extract(MessageType.TEXT, buffer, 0, buffer.capacity(), into.clear());
    }

    static String stream(final SequenceFields fields)
    {
        final byte[] name = new byte[fields.streamLength()];
        fields.streamBuffer().getBytes(fields.streamOffset(), name);
        return new String(name, StandardCharsets.UTF_8);
    }
}
