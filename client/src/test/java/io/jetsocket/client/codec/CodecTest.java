/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import io.jetsocket.engine.MessageType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CodecTest
{
    private static <T> String encode(final Codec<T> codec, final T message)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4);
        final int length = codec.encode(message, buffer, 3);
        return buffer.getStringWithoutLengthUtf8(3, length);
    }

    private static Object decodeJson(final String json)
    {
        return JsonCodec.INSTANCE.decode(MessageType.TEXT, new UnsafeBuffer(json.getBytes(StandardCharsets.UTF_8)),
            0, json.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void shouldDecodeJsonIntoPlainValues()
    {
        final Object value = decodeJson(
            "{\"s\":\"x\",\"i\":42,\"big\":123456789012345678901234,\"d\":1.5,\"t\":true,\"f\":false,\"n\":null," +
            "\"list\":[1,\"two\",[3]],\"obj\":{\"k\":\"v\"}}");
        final Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "x");
        expected.put("i", 42L);
        expected.put("big", new BigInteger("123456789012345678901234"));
        expected.put("d", 1.5);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("list", List.of(1L, "two", List.of(3L)));
        expected.put("obj", Map.of("k", "v"));
        assertEquals(expected, value);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(((Map<?, ?>)value).keySet()), "ordered");
        assertNull(decodeJson("null"));
        assertEquals("plain", decodeJson("\"plain\""));
        assertEquals(List.of(), decodeJson(" [ ] "));
    }

    @Test
    void shouldDecodeFromDirectAndOffsetBuffers()
    {
        final byte[] json = "xx{\"a\":[1]}yy".getBytes(StandardCharsets.UTF_8);
        final ByteBuffer direct = ByteBuffer.allocateDirect(json.length);
        direct.put(json).flip();
        assertEquals(Map.of("a", List.of(1L)), JsonCodec.INSTANCE.decode(MessageType.BINARY,
            new UnsafeBuffer(direct), 2, json.length - 4));
        assertEquals(Map.of("a", List.of(1L)), JsonCodec.INSTANCE.decode(MessageType.TEXT,
            new UnsafeBuffer(json, 1, json.length - 1), 1, json.length - 4));
    }

    @Test
    void shouldRefuseInvalidJson()
    {
        assertThrows(CodecException.class, () -> decodeJson("{\"a\":"));
        assertThrows(CodecException.class, () -> decodeJson("{} {}"));
        assertThrows(CodecException.class, () -> decodeJson(""));
        assertThrows(CodecException.class, () -> decodeJson("nope"));
    }

    @Test
    void shouldDecodeBigDecimalsOnRequest()
    {
        final Object value = JsonCodec.bigDecimals().decode(MessageType.TEXT,
            new UnsafeBuffer("{\"p\":50000.10}".getBytes()), 0, 14);
        assertEquals(Map.of("p", new BigDecimal("50000.10")), value);
    }

    @Test
    void shouldEncodeJsonFromPlainValues()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "subscribe");
        map.put("n", 1);
        map.put("x", 2.5);
        map.put("ok", true);
        map.put("none", null);
        map.put("list", Arrays.asList(1L, "a", null));
        map.put("array", new Object[]{ 'c', MessageType.TEXT });
        map.put("big", new BigDecimal("1.10"));
        assertEquals("{\"type\":\"subscribe\",\"n\":1,\"x\":2.5,\"ok\":true,\"none\":null,\"list\":[1,\"a\",null]," +
            "\"array\":[\"c\",\"TEXT\"],\"big\":1.10}", encode(JsonCodec.INSTANCE, map));
        assertEquals("\"é\\\"\"", encode(JsonCodec.INSTANCE, "é\""));
        assertEquals("null", encode(JsonCodec.INSTANCE, null));
        assertEquals(MessageType.TEXT, JsonCodec.INSTANCE.frameType());
    }

    @Test
    void shouldRefuseWhatJsonCannotHold()
    {
        assertThrows(CodecException.class, () -> encode(JsonCodec.INSTANCE, new Object()));
        assertThrows(CodecException.class, () -> encode(JsonCodec.INSTANCE, Double.NaN));
        assertThrows(CodecException.class, () -> encode(JsonCodec.INSTANCE, Map.of("k", new Object())));
    }

    @Test
    void shouldRoundTripLargeJson()
    {
        final List<Object> list = new ArrayList<>();
        for (int i = 0; i < 10_000; i++)
        {
            list.add(Map.of("i", (long)i));
        }
        assertEquals(list, decodeJson(encode(JsonCodec.INSTANCE, list)));
    }

    @Test
    void shouldEncodeAndDecodeStringsAndBytes()
    {
        assertEquals("héllo", encode(StringCodec.INSTANCE, "héllo"));
        assertEquals("héllo", StringCodec.INSTANCE.decode(MessageType.BINARY,
            new UnsafeBuffer("héllo".getBytes(StandardCharsets.UTF_8)), 0, 6));
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1);
        assertEquals(3, BytesCodec.INSTANCE.encode(new byte[]{ 1, 2, 3 }, buffer, 0));
        assertArrayEquals(new byte[]{ 2, 3 }, BytesCodec.INSTANCE.decode(MessageType.BINARY, buffer, 1, 2));
        assertEquals(MessageType.BINARY, BytesCodec.INSTANCE.frameType());
        assertThrows(CodecException.class, () -> encode(StringCodec.INSTANCE, null));
    }

    @Test
    void shouldBindTypedRecords()
    {
        final Codec<Quote> codec = Codecs.typed(Quote.class);
        final String json = encode(codec, new Quote("BTC", 1.5, List.of(1L, 2L)));
        assertEquals("{\"symbol\":\"BTC\",\"price\":1.5,\"levels\":[1,2]}", json);
        final byte[] bytes = "{\"symbol\":\"ETH\",\"price\":2,\"levels\":[],\"unknown\":1}".getBytes();
        assertEquals(new Quote("ETH", 2.0, List.of()), codec.decode(MessageType.TEXT, new UnsafeBuffer(bytes), 0,
            bytes.length));
        final CodecException invalid = assertThrows(CodecException.class,
            () -> codec.decode(MessageType.TEXT, new UnsafeBuffer("{\"price\":\"x\"}".getBytes()), 0, 13));
        assertTrue(invalid.getMessage().contains("Quote"), invalid.getMessage());
    }

    @Test
    void shouldWrapTheSeedsSerializerFunctions()
    {
        final Codec<String> codec = Codecs.of((String s) -> s.toUpperCase().getBytes(), (bytes) -> new String(bytes));
        assertEquals("ABC", encode(codec, "abc"));
        assertEquals("xyz", codec.decode(MessageType.TEXT, new UnsafeBuffer("xyz".getBytes()), 0, 3));
        final Codec<String> broken = Codecs.of((String s) ->
        {
            throw new IllegalStateException("boom");
        }, (bytes) ->
        {
            throw new IllegalStateException("bang");
        });
        assertInstanceOf(IllegalStateException.class, assertThrows(CodecException.class,
            () -> encode(broken, "x")).getCause());
        assertThrows(CodecException.class, () -> broken.decode(MessageType.TEXT, new UnsafeBuffer(new byte[1]), 0, 1));
    }

    /**
     * A typed message.
     */
    record Quote(String symbol, double price, List<Long> levels)
    {
    }
}
