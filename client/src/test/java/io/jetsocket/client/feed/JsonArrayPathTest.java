/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.engine.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JsonSequenceExtractor} over messages that are arrays, or hold arrays on the way to a field: paths with
 * indices from the start ({@code [0]}, {@code [1].a}) and from the end ({@code [-1]}).
 */
class JsonArrayPathTest
{
    private final SequenceFields fields = new SequenceFields();

    /** Bitfinex style: the channel id first, the sequence number last. */
    private final JsonSequenceExtractor channelAndLast =
        JsonSequenceExtractor.builder().stream("[0]").sequence("[-1]").build();
    /** Kraken v1 private feeds: the channel name second, an object with the sequence last. */
    private final JsonSequenceExtractor krakenPrivate =
        JsonSequenceExtractor.builder().stream("[1]").sequence("[-1].sequence").build();

    @Test
    void shouldReadBitfinexLikeUpdatesHeartbeatsAndChecksums()
    {
        assertTrue(extract(channelAndLast, "[17082,[7254.7,3,3.04],5]"));
        assertEquals("17082", stream());
        assertEquals(5, fields.last());
        assertTrue(extract(channelAndLast, "[17082,\"hb\",6]"));
        assertEquals("17082", stream());
        assertEquals(6, fields.last());
        assertTrue(extract(channelAndLast, "[17082,\"cs\",-1432185919,7]"));
        assertEquals(7, fields.last());
        // a snapshot: an array of arrays before the sequence
        assertTrue(extract(channelAndLast, "[17082,[[7254.7,3,3.04],[7254.6,1,-0.5],[7254.5,2,-1]],8]"));
        assertEquals(8, fields.last());
        // the subscription acknowledgement and info events are objects: unsequenced
        assertFalse(extract(channelAndLast, "{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17082}"));
        assertFalse(extract(channelAndLast, "{\"event\":\"info\",\"version\":2}"));
    }

    @Test
    void shouldReadKrakenLikeMessages()
    {
        assertTrue(extract(krakenPrivate,
            "[[{\"TDLH43-DVQXD-2KHVYY\":{\"pair\":\"XBT/EUR\",\"price\":\"100000.0\",\"vol\":\"1\"}}]," +
            "\"ownTrades\",{\"sequence\":2}]"));
        assertEquals("ownTrades", stream());
        assertEquals(2, fields.last());
        // a public book message: the pair last, the channel name before it, the channel id first
        final JsonSequenceExtractor book = JsonSequenceExtractor.builder()
            .stream("[-1]").previousAndSequence("[0]", "[1].a[0][2]").build();
        assertTrue(extract(book,
            "[1234,{\"a\":[[\"5541.30000\",\"2.50700000\",\"1534614248\"]]},\"book-10\",\"XBT/USD\"]"));
        assertEquals("XBT/USD", stream());
        assertEquals(1234, fields.previous());
        assertEquals(1534614248L, fields.last());
        // the name two from the end, where a second object makes the message one element longer
        final JsonSequenceExtractor channelName =
            JsonSequenceExtractor.builder().stream("[-2]").sequence("[0]").build();
        assertTrue(extract(channelName, "[1234,{\"a\":[]},{\"b\":[]},\"book-10\",\"XBT/USD\"]"));
        assertEquals("book-10", stream());
        assertEquals(1234, fields.last());
        assertTrue(extract(channelName, "[1234,{\"b\":[]},\"book-10\",\"XBT/USD\"]"));
        assertEquals("book-10", stream());
    }

    @Test
    void shouldReadIndicesFurtherFromTheEndThanTwo()
    {
        final JsonSequenceExtractor third = JsonSequenceExtractor.builder().range("[-3]", "[-1]").build();
        assertTrue(extract(third, "[\"x\",[1,[2]],10,{\"y\":[3]},12]"));
        assertEquals(10, fields.first());
        assertEquals(12, fields.last());
        assertFalse(extract(third, "[10,12]"));
        assertTrue(extract(third, "[10,11,12]"));
        assertEquals(10, fields.first());
        final JsonSequenceExtractor fifth = JsonSequenceExtractor.builder().sequence("[-5]").build();
        assertTrue(extract(fifth, "[ 5 , 4 , 3 , 2 , 1 ]"));
        assertEquals(5, fields.last());
        assertFalse(extract(fifth, "[4,3,2,1]"));
    }

    @Test
    void shouldReadTheOnlyElementFromEitherEnd()
    {
        final JsonSequenceExtractor both = JsonSequenceExtractor.builder().previousAndSequence("[0]", "[-1]").build();
        assertTrue(extract(both, "[42]"));
        assertEquals(42, fields.previous());
        assertEquals(42, fields.last());
        final JsonSequenceExtractor last = JsonSequenceExtractor.builder().sequence("[-1]").build();
        assertTrue(extract(last, "[42]"));
        assertEquals(42, fields.last());
        assertFalse(extract(JsonSequenceExtractor.builder().sequence("[-2]").build(), "[42]"));
        assertFalse(extract(JsonSequenceExtractor.builder().sequence("[1]").build(), "[42]"));
    }

    @Test
    void shouldFindNothingInEmptyArraysOrPastTheEnd()
    {
        final JsonSequenceExtractor first = JsonSequenceExtractor.builder().sequence("[0]").build();
        final JsonSequenceExtractor last = JsonSequenceExtractor.builder().sequence("[-1]").build();
        for (final String empty : new String[]{ "[]", "[ ]", " [\n] " })
        {
            assertFalse(extract(first, empty), empty);
            assertFalse(extract(last, empty), empty);
        }
        assertFalse(extract(JsonSequenceExtractor.builder().sequence("[3]").build(), "[0,1,2]"));
        assertTrue(extract(JsonSequenceExtractor.builder().sequence("[2]").build(), "[0,1,2]"));
        assertEquals(2, fields.last());
        assertFalse(extract(JsonSequenceExtractor.builder().sequence("[-4]").build(), "[0,1,2]"));
        assertTrue(extract(JsonSequenceExtractor.builder().sequence("[-3]").build(), "[0,1,2]"));
        assertEquals(0, fields.last());
        final JsonSequenceExtractor nested = JsonSequenceExtractor.builder().sequence("data[0]").build();
        assertFalse(extract(nested, "{\"data\":[]}"));
        assertFalse(extract(nested, "{\"data\":{\"0\":1}}"));
        assertTrue(extract(nested, "{\"data\":[9]}"));
        assertEquals(9, fields.last());
    }

    @Test
    void shouldStepOverStringsWithBracketsCommasAndEscapedQuotes()
    {
        assertTrue(extract(channelAndLast, "[\"a,]b\",\"[\\\"x\\\",1]\",\"\\\\\",{\"k\":\"]}\"},[\"],[\"],3]"));
        assertEquals("a,]b", stream());
        assertEquals(3, fields.last());
        // the stream name itself holds a bracket, a comma and an escaped quote
        assertTrue(extract(channelAndLast, "[\"c]h,\\\"1\",\"hb\",4]"));
        assertEquals("c]h,\\\"1", stream());
        assertEquals(4, fields.last());
        final JsonSequenceExtractor second = JsonSequenceExtractor.builder().sequence("[1]").build();
        assertTrue(extract(second, "[\"],[\",5,\"6\"]"));
        assertEquals(5, fields.last());
    }

    @Test
    void shouldReadNestedArraysAndObjectsInArrays()
    {
        final JsonSequenceExtractor deep = JsonSequenceExtractor.builder()
            .stream("[1].name").range("[2][0][1]", "[2][-1][-1]").build();
        assertTrue(extract(deep, "[0,{\"x\":[1],\"name\":\"s\"},[[9,10,11],[],[12,13]],\"tail\"]"));
        assertEquals("s", stream());
        assertEquals(10, fields.first());
        assertEquals(13, fields.last());
        // the same fields with the values in the wrong shape
        assertFalse(extract(deep, "[0,{\"name\":\"s\"},{\"0\":[9,10]},\"tail\"]"));
        assertFalse(extract(deep, "[0,[\"s\"],[[9,10,11],[12,13]]]"));
        // an array under a key, with an object key beside it
        final JsonSequenceExtractor keyed =
            JsonSequenceExtractor.builder().stream("arg.channel").sequence("data[0].seqId").build();
        assertTrue(extract(keyed, "{\"arg\":{\"channel\":\"books\"},\"data\":[{\"asks\":[[\"1\",\"2\"]]," +
            "\"seqId\":77},{\"seqId\":78}]}"));
        assertEquals("books", stream());
        assertEquals(77, fields.last());
    }

    @Test
    void shouldAllowWhitespaceEverywhere()
    {
        assertTrue(extract(channelAndLast, " \n[ 17082 ,\t[ 1 , [ 2 ] ] ,\r\n\"x\" , 5 ] "));
        assertEquals("17082", stream());
        assertEquals(5, fields.last());
        assertTrue(extract(channelAndLast, "[17082,5\n]"));
        assertEquals(5, fields.last());
        assertTrue(extract(krakenPrivate, "[ [ ] , \"ownTrades\" , { \"sequence\" : 3 } ]"));
        assertEquals(3, fields.last());
    }

    @Test
    @Timeout(10) // a step that does not move on would spin, not fail
    void shouldRefuseTruncatedAndMalformedArraysWithoutThrowing()
    {
        final String whole = "[17082,[7254.7,3,\"a]\"],\"x\",5]";
        for (int cut = 0; cut < whole.length(); cut++)
        {
            assertFalse(extract(channelAndLast, whole.substring(0, cut)), whole.substring(0, cut));
        }
        final JsonSequenceExtractor first = JsonSequenceExtractor.builder().stream("[0]").sequence("[1]").build();
        final String pair = "[\"c\",12]";
        for (int cut = 0; cut < pair.length(); cut++)
        {
            assertFalse(extract(first, pair.substring(0, cut)), pair.substring(0, cut));
        }
        // a walk that needs the array's end finds it is no array; one that reads from the start stops at its value
        assertFalse(extract(channelAndLast, "[17082,5}"));
        assertTrue(extract(first, "[17082,5}"));
        final String[] malformed = {
            "[17082,{]", "[17082,\"hb,5]", "[}", "[17082,}5]", "]", "[", "[[[[", "[1,[2,[3]]",
            "{\"a\":[1,2]}", "17082", "\"[1,2]\"", "[17082 5", "[,,]" };
        for (final String message : malformed)
        {
            assertFalse(extract(channelAndLast, message), message);
            assertFalse(extract(first, message), message);
        }
    }

    @Test
    void shouldNotReadPastTheMessageInALargerBuffer()
    {
        final byte[] message = "[7,\"hb\",12]".getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = new byte[message.length + 16];
        java.util.Arrays.fill(bytes, (byte)']');
        System.arraycopy(message, 0, bytes, 5, message.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        assertTrue(channelAndLast.extract(MessageType.BINARY, buffer, 5, message.length, fields.clear()));
        assertEquals(12, fields.last());
        for (int cut = 1; cut < message.length; cut++)
        {
            assertFalse(channelAndLast.extract(MessageType.TEXT, buffer, 5, message.length - cut, fields.clear()));
        }
    }

    @Test
    void shouldRefusePathsThatDisagreeOnObjectOrArray()
    {
        final IllegalArgumentException top = assertThrows(IllegalArgumentException.class,
            () -> JsonSequenceExtractor.builder().stream("channel").sequence("[-1]").build());
        assertTrue(top.getMessage().contains("\"channel\"") && top.getMessage().contains("\"[-1]\"") &&
            top.getMessage().contains("array"), top.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> JsonSequenceExtractor.builder().stream("d.a").sequence("d[0]").build());
        assertThrows(IllegalArgumentException.class,
            () -> JsonSequenceExtractor.builder().stream("[0]").sequence("[0]").build());
        assertThrows(IllegalArgumentException.class,
            () -> JsonSequenceExtractor.builder().stream("[1]").sequence("[1].seq").build());
        // the same element from both ends is two paths: both read it when it is both
        assertTrue(extract(JsonSequenceExtractor.builder().stream("[0]").sequence("[-1]").build(), "[\"x\",1]"));
        assertEquals("JsonSequenceExtractor{stream=[0], sequence=[-1]}", channelAndLast.toString());
    }

    private boolean extract(final SequenceExtractor extractor, final String json)
    {
        return JsonSequenceExtractorTest.extract(extractor, json, fields);
    }

    private String stream()
    {
        return JsonSequenceExtractorTest.stream(fields);
    }
}
