/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.jetsocket.engine.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reused JSON parser against Jackson's own: the same values (and value classes, and key order) for valid JSON,
 * a {@link CodecException} for invalid JSON after which the same codec decodes the next message correctly, the same
 * limits, correct results from threads sharing a codec, and the allocation per message bounded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JsonDecodingTest
{
    private static final JsonFactory JACKSON = new JsonFactory();
    private static final String TICK =
        "{\"e\":\"trade\",\"E\":1733323200123,\"s\":\"BTCUSDT\",\"t\":3351234567,\"p\":\"64123.10\"," +
        "\"q\":\"0.015\",\"b\":88,\"a\":50,\"T\":1733323200122,\"m\":true}";

    private static final String[] VALID = {
        TICK,
        "{}", "[]", " { } ", "[[]]", "[{}]", "{\"a\":{}}", "{\"a\":[]}",
        "null", "true", "false", "0", "-0", "1", "-1", "\"\"", "\"x\"", "  42  ", "\t\r\n[1]\n",
        "-0.0", "0.0", "1.5", "1E5", "1e-7", "1.5e+3", "2E-0", "-1.25e2", "0.1", "1e22", "1e23", "5e-324",
        "1.7976931348623157e308", "1e400", "-1e400", "1e-400", "9007199254740993", "9007199254740993.0",
        "123456789012345678.5", "0.30000000000000004", "3.141592653589793238462643383279", "100000000000000000000.0",
        "1e0000000005", "0e99999", "64123.10", "0.000001234", "12345678901234567890123456789e-10",
        "2147483647", "2147483648", "-2147483648", "-2147483649",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "999999999999999999", "1000000000000000000", "99999999999999999999", "123456789012345678901234567890",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\u0041\\u00e9\\u4e2d\\uFFFF\\u0000\"", "\"\\ud83d\\ude00\"",
        "\"\\uD800\"", "\"\\uDC00x\"", "\"é中😀\"", "\"\u007f\"", "{\"é\":\"ü\",\"😀\":[\"😀\"]}",
        "{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":2,\"a\":3}",
        "{\"s\":\"x\",\"i\":42,\"big\":123456789012345678901234,\"d\":1.5,\"t\":true,\"f\":false,\"n\":null," +
            "\"list\":[1,\"two\",[3]],\"obj\":{\"k\":\"v\"}}",
        "[1,[2,[3,[4,[5,{\"deep\":[null,true,false,\"end\"]}]]]]]",
        " { \"a\" : [ 1 , 2 ] , \"b\" : { \"c\" : null } } ",
        "\"a string longer than the sixteen characters the value cache holds\"",
        "{\"a name longer than the sixty-four characters that the name cache keeps, by design\":1}",
        "\uFEFF{\"bom\":true}",
    };

    private static final String[] INVALID = {
        "", "   ", "{", "}", "[", "]", "{\"a\":}", "{\"a\"}", "{\"a\" 1}", "{a:1}", "{'a':1}", "[1,]", "{\"a\":1,}",
        "[1 2]", "{\"a\":1 \"b\":2}", "[1,,2]", "[,1]", "01", "-01", "1.", ".5", "-", "+1", "1e", "1e+", "1.e3",
        "--1", "0x10", "NaN", "Infinity", "-Infinity", "tru", "truex", "nul", "nulll", "False", "[true1]",
        "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\", "\"tab\there\"", "\"nl\nhere\"", "{} {}", "{}x",
        "[] []", "1 2", "{\"a\":1}}", "[1]]", "{\"a\":[1}", "[{\"a\":1]", "\"a\" \"b\"", "/* c */ 1", "[1]//c",
    };

    private static UnsafeBuffer buffer(final String json)
    {
        return new UnsafeBuffer(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Object decode(final Codec<?> codec, final String json)
    {
        final UnsafeBuffer buffer = buffer(json);
        return codec.decode(MessageType.TEXT, buffer, 0, buffer.capacity());
    }

    /**
     * What the codec returned before the parser was reused: Jackson's streaming parser into plain values.
     */
    private static Object reference(final String json, final boolean bigDecimals) throws IOException
    {
        try (JsonParser parser = JACKSON.createParser(json.getBytes(StandardCharsets.UTF_8)))
        {
            final Object value = read(parser, parser.nextToken(), bigDecimals);
            assertNull(parser.nextToken(), "reference trailing content");
            return value;
        }
    }

    private static Object read(final JsonParser parser, final JsonToken token, final boolean bigDecimals)
        throws IOException
    {
        switch (token)
        {
            case START_OBJECT:
            {
                final Map<String, Object> map = new LinkedHashMap<>();
                while (JsonToken.FIELD_NAME == parser.nextToken())
                {
                    final String name = parser.currentName();
                    map.put(name, read(parser, parser.nextToken(), bigDecimals));
                }
                return map;
            }
            case START_ARRAY:
            {
                final List<Object> list = new ArrayList<>();
                JsonToken next;
                while (JsonToken.END_ARRAY != (next = parser.nextToken()))
                {
                    list.add(read(parser, next, bigDecimals));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return JsonParser.NumberType.BIG_INTEGER == parser.getNumberType() ?
                    parser.getBigIntegerValue() : (Object)parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return bigDecimals ? parser.getDecimalValue() : (Object)parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /**
     * Equal, with the same classes and the same key order all the way down (equals alone lets 1L equal nothing
     * but 1L, yet says nothing about order).
     */
    private static void assertSameValue(final Object expected, final Object actual, final String json)
    {
        assertEquals(expected, actual, json);
        if (null == expected)
        {
            return;
        }
        if (expected instanceof Map)
        {
            assertTrue(actual instanceof Map, json);
            final Iterator<? extends Map.Entry<?, ?>> e = ((Map<?, ?>)expected).entrySet().iterator();
            final Iterator<? extends Map.Entry<?, ?>> a = ((Map<?, ?>)actual).entrySet().iterator();
            while (e.hasNext())
            {
                final Map.Entry<?, ?> ee = e.next();
                final Map.Entry<?, ?> ae = a.next();
                assertEquals(ee.getKey(), ae.getKey(), "key order of " + json);
                assertSameValue(ee.getValue(), ae.getValue(), json);
            }
            assertFalse(a.hasNext(), json);
        }
        else if (expected instanceof List)
        {
            assertTrue(actual instanceof ArrayList, json);
            for (int i = 0; i < ((List<?>)expected).size(); i++)
            {
                assertSameValue(((List<?>)expected).get(i), ((List<?>)actual).get(i), json);
            }
        }
        else
        {
            assertEquals(expected.getClass(), actual.getClass(), json);
            if (expected instanceof Double)
            {
                assertEquals(Double.doubleToRawLongBits((Double)expected),
                    Double.doubleToRawLongBits((Double)actual), json);
            }
            if (expected instanceof BigDecimal)
            {
                assertEquals(((BigDecimal)expected).scale(), ((BigDecimal)actual).scale(), json);
            }
        }
    }

    @Test
    void shouldDecodeWhatJacksonDecodesIntoTheSameValues() throws IOException
    {
        for (final String json : VALID)
        {
            assertSameValue(reference(json, false), decode(JsonCodec.INSTANCE, json), json);
            assertSameValue(reference(json, true), decode(JsonCodec.bigDecimals(), json), json);
        }
    }

    @Test
    void shouldDecodeRandomDocumentsAsJacksonDoes() throws IOException
    {
        final Random random = new Random(42);
        for (int i = 0; i < 2_000; i++)
        {
            final String json = randomDocument(random);
            assertSameValue(reference(json, false), decode(JsonCodec.INSTANCE, json), json);
        }
    }

    @Test
    void shouldDecodeRandomDoublesExactly() throws IOException
    {
        final Random random = new Random(7);
        for (int i = 0; i < 20_000; i++)
        {
            final double value = switch (i % 4)
            {
                case 0 -> random.nextDouble() * 100_000;
                case 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> Math.round(random.nextDouble() * 1e8) / 100.0;
                default -> (random.nextInt(2_000_000) - 1_000_000) / Math.pow(10, random.nextInt(20));
            };
            if (Double.isNaN(value) || Double.isInfinite(value))
            {
                continue;
            }
            final String json = i % 3 == 0 ? String.format(Locale.ROOT, "%.6f", value) : Double.toString(value);
            assertSameValue(reference(json, false), decode(JsonCodec.INSTANCE, json), json);
        }
    }

    @Test
    void shouldRefuseInvalidJsonAndDecodeTheNextMessage()
    {
        final JsonCodec codec = JsonCodec.INSTANCE;
        for (final String json : INVALID)
        {
            assertThrows(Throwable.class, () -> reference(json, false), "Jackson accepts " + json);
            final CodecException error = assertThrows(CodecException.class, () -> decode(codec, json), json);
            assertTrue(error.getMessage().startsWith("not JSON"), error.getMessage());
            assertEquals(Map.of("e", "after", "n", List.of(1L)), decode(codec, "{\"e\":\"after\",\"n\":[1]}"), json);
        }
    }

    @Test
    void shouldRefuseInvalidUtf8()
    {
        final byte[][] invalid = {
            { '"', (byte)0xFF, '"' }, { '"', (byte)0xC3, '"' }, { '"', (byte)0x80, '"' }, { '"', (byte)0xC3 },
            { '"', (byte)0xE4, (byte)0xB8, '"' }, { '"', (byte)0xF0, (byte)0x9F, (byte)0x98, '"' },
            { '"', (byte)0xC0, (byte)0x80, '"' }, { '"', (byte)0xED, (byte)0xA0, (byte)0x80, '"' },
            { '"', (byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80, '"' },
        };
        for (final byte[] json : invalid)
        {
            final CodecException error = assertThrows(CodecException.class,
                () -> JsonCodec.INSTANCE.decode(MessageType.BINARY, new UnsafeBuffer(json), 0, json.length));
            assertTrue(error.getMessage().contains("UTF-8") || error.getMessage().contains("end-of-input"),
                error.getMessage());
            assertEquals("ok", decode(JsonCodec.INSTANCE, "\"ok\""));
        }
    }

    @Test
    void shouldApplyJacksonsNestingAndNumberLimits()
    {
        final int depth = JsonCodec.MAX_NESTING_DEPTH;
        assertTrue(decode(JsonCodec.INSTANCE, "[".repeat(depth) + "]".repeat(depth)) instanceof List);
        final CodecException deep = assertThrows(CodecException.class,
            () -> decode(JsonCodec.INSTANCE, "[".repeat(depth + 1) + "]".repeat(depth + 1)));
        assertTrue(deep.getMessage().contains("nesting depth (" + (depth + 1) + ")"), deep.getMessage());

        final String longest = "9".repeat(JsonCodec.MAX_NUMBER_LENGTH);
        assertEquals(new BigInteger(longest), decode(JsonCodec.INSTANCE, longest));
        final CodecException tooLong = assertThrows(CodecException.class,
            () -> decode(JsonCodec.INSTANCE, longest + "9"));
        assertTrue(tooLong.getMessage().contains("Number value length"), tooLong.getMessage());
        assertThrows(CodecException.class, () -> decode(JsonCodec.INSTANCE, "1." + longest));

        final Codec<Object> small = JsonCodec.INSTANCE.withMaxMessageSize(16);
        assertEquals("0123456789ab", decode(small, "\"0123456789ab\""));
        final CodecException big = assertThrows(CodecException.class, () -> decode(small, "\"0123456789abcdef\""));
        assertTrue(big.getMessage().contains("(16"), big.getMessage());
        assertEquals(1L, decode(small, "1"));
    }

    @Test
    void shouldDecodeFromOffsetsInDirectMemory()
    {
        final byte[] json = ("xyz" + TICK + "uvw").getBytes(StandardCharsets.UTF_8);
        final ByteBuffer direct = ByteBuffer.allocateDirect(json.length);
        direct.put(json).flip();
        final Map<?, ?> tick = (Map<?, ?>)JsonCodec.INSTANCE.decode(MessageType.TEXT, new UnsafeBuffer(direct), 3,
            TICK.length());
        assertEquals("BTCUSDT", tick.get("s"));
        assertEquals(true, tick.get("m"));
        assertEquals(10, tick.size());
    }

    @Test
    void shouldGiveMutableMapsThatDoNotShareChanges()
    {
        final Map<String, Object> first = castMap(decode(JsonCodec.INSTANCE, "{\"a\":1,\"b\":2}"));
        final Map<String, Object> second = castMap(decode(JsonCodec.INSTANCE, "{\"a\":3,\"b\":4}"));
        first.put("c", 5L);
        first.remove("a");
        first.put("b", "two");
        assertEquals("{b=two, c=5}", first.toString());
        assertEquals("{a=3, b=4}", second.toString());
        assertEquals(Map.of("a", 3L, "b", 4L), second);
        assertEquals(second, Map.of("a", 3L, "b", 4L));
        assertEquals(Map.of("a", 3L, "b", 4L).hashCode(), second.hashCode());

        final Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("a", 3L);
        reference.put("b", 4L);
        assertEquals(reference.toString(), second.toString());
        assertEquals(reference.keySet(), second.keySet());
        assertEquals(new ArrayList<>(reference.values()), new ArrayList<>(second.values()));
        assertTrue(second.containsKey("a") && !second.containsKey("z") && second.containsValue(4L));
        assertNull(second.get("z"));

        final Iterator<Map.Entry<String, Object>> entries = second.entrySet().iterator();
        entries.next().setValue(30L);
        entries.next();
        entries.remove();
        assertEquals(Map.of("a", 30L), second);
        final Map<String, Object> third = castMap(decode(JsonCodec.INSTANCE, "{\"a\":5,\"b\":6}"));
        assertEquals(Map.of("a", 5L, "b", 6L), third);
        third.clear();
        assertTrue(third.isEmpty());
        third.put("x", null);
        assertEquals(1, third.size());
        assertTrue(third.containsKey("x"));
    }

    @Test
    void shouldKeepTheLastValueOfARepeatedName()
    {
        final Map<String, Object> map = castMap(decode(JsonCodec.INSTANCE, "{\"a\":1,\"b\":2,\"a\":3}"));
        assertEquals(2, map.size());
        assertEquals(3L, map.get("a"));
        assertEquals(List.of("a", "b"), new ArrayList<>(map.keySet()));
    }

    @Test
    void shouldServeRepeatedNamesAndShortValuesFromCaches()
    {
        final Map<?, ?> first = (Map<?, ?>)decode(JsonCodec.INSTANCE, TICK);
        final Map<?, ?> second = (Map<?, ?>)decode(JsonCodec.INSTANCE, TICK);
        assertNotSame(first, second);
        assertSame(first.get("s"), second.get("s"));
        assertSame(first.keySet().iterator().next(), second.keySet().iterator().next());
    }

    @Test
    void shouldDecodeCorrectlyFromThreadsSharingACodec() throws Exception
    {
        final int threads = 4;
        final CountDownLatch start = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Codec<Tick> typed = Codecs.typed(Tick.class);
        final List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final int id = t;
            final Thread thread = new Thread(() ->
            {
                try
                {
                    start.await();
                    for (int i = 0; i < 20_000; i++)
                    {
                        final String symbol = "SYM" + id + "_" + (i % 7);
                        final String json = "{\"e\":\"trade\",\"s\":\"" + symbol + "\",\"t\":" + i +
                            ",\"p\":\"" + id + "." + i + "\",\"list\":[" + id + "," + i + "]}";
                        final Map<?, ?> map = (Map<?, ?>)decode(JsonCodec.INSTANCE, json);
                        if (!symbol.equals(map.get("s")) || (long)i != (Long)map.get("t") ||
                            !List.of((long)id, (long)i).equals(map.get("list")))
                        {
                            throw new AssertionError("thread " + id + " got " + map + " for " + json);
                        }
                        final Tick tick = typed.decode(MessageType.TEXT, buffer(json), 0, json.length());
                        if (!symbol.equals(tick.s()) || i != tick.t())
                        {
                            throw new AssertionError("thread " + id + " got " + tick + " for " + json);
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "decoder-" + t);
            thread.start();
            running.add(thread);
        }
        start.countDown();
        for (final Thread thread : running)
        {
            thread.join();
        }
        if (null != failure.get())
        {
            fail(failure.get());
        }
    }

    /**
     * A tick, bound by the typed codec.
     *
     * @param e event type.
     * @param s symbol.
     * @param t trade id.
     * @param p price.
     */
    record Tick(String e, String s, long t, String p)
    {
    }

    @Test
    void shouldBindAsDatabindDoesFromItsOwnParser() throws IOException
    {
        final ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            false);
        final Codec<Object> typed = Codecs.typed(Object.class);
        final Random random = new Random(3);
        final List<String> corpus = new ArrayList<>(List.of(VALID));
        for (int i = 0; i < 500; i++)
        {
            corpus.add(randomDocument(random));
        }
        for (final String json : corpus)
        {
            final Object expected = mapper.readValue(json.getBytes(StandardCharsets.UTF_8), Object.class);
            final Object actual = decode(typed, json);
            assertEquals(expected, actual, json);
            if (null != expected && !(expected instanceof Map) && !(expected instanceof List))
            {
                assertEquals(expected.getClass(), actual.getClass(), json);
            }
        }
        final Codec<Tick> ticks = Codecs.typed(Tick.class);
        assertEquals(new Tick("trade", "BTCUSDT", 3351234567L, "64123.10"), decode(ticks, TICK));
        for (final String json : INVALID)
        {
            // as before: refused when Databind over Jackson's parser refuses it (content after a complete value
            // is ignored, FAIL_ON_TRAILING_TOKENS being off)
            boolean jacksonRefuses = false;
            try
            {
                mapper.readValue(json.getBytes(StandardCharsets.UTF_8), Tick.class);
            }
            catch (final IOException ex)
            {
                jacksonRefuses = true;
            }
            if (jacksonRefuses)
            {
                assertThrows(CodecException.class, () -> decode(ticks, json), json);
            }
            else
            {
                decode(ticks, json);
            }
            assertEquals(new Tick("x", null, 1, null), decode(ticks, "{\"e\":\"x\",\"t\":1}"), json);
        }
    }

    /**
     * Decodes a string field's content with the codecs, on the thread binding the outer message.
     */
    static final class InnerJson extends StdDeserializer<Object>
    {
        private static final long serialVersionUID = 1L;

        InnerJson()
        {
            super(Object.class);
        }

        @Override
        public Object deserialize(final JsonParser parser, final DeserializationContext context) throws IOException
        {
            final String inner = parser.getText();
            return List.of(decode(Codecs.typed(Tick.class), inner), decode(JsonCodec.INSTANCE, inner));
        }
    }

    /**
     * A message carrying another as a string.
     *
     * @param payload the inner message, decoded twice.
     * @param after   a field after it.
     */
    record Envelope(@JsonDeserialize(using = InnerJson.class) Object payload, String after)
    {
    }

    @Test
    void shouldDecodeAMessageInsideTheBindingOfAnother()
    {
        final String json = "{\"payload\":\"{\\\"e\\\":\\\"in\\\",\\\"t\\\":7}\",\"after\":\"out\"}";
        final Envelope envelope = (Envelope)decode(Codecs.typed(Envelope.class), json);
        assertEquals(new Envelope(List.of(new Tick("in", null, 7, null), Map.of("e", "in", "t", 7L)), "out"),
            envelope);
    }

    @Test
    void shouldAllocateLittleMoreThanTheResult()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final UnsafeBuffer[] messages = new UnsafeBuffer[512];
        for (int i = 0; i < messages.length; i++)
        {
            final String json = String.format("{\"e\":\"trade\",\"E\":1733323200%03d,\"s\":\"BTCUSDT\"," +
                "\"t\":3351234%03d,\"p\":\"64123.%02d\",\"q\":\"0.%03d\",\"b\":88,\"a\":50,\"T\":1733323200%03d," +
                "\"m\":true}", i % 1000, i % 1000, i % 100, i % 1000, i % 1000);
            assertEquals(128, json.length());
            messages[i] = buffer(json);
        }
        long checksum = 0;
        for (int i = 0; i < 200_000; i++)
        {
            final UnsafeBuffer message = messages[i & 511];
            checksum += ((Map<?, ?>)JsonCodec.INSTANCE.decode(MessageType.TEXT, message, 0, 128)).size();
        }
        final int measured = 200_000;
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < measured; i++)
        {
            final UnsafeBuffer message = messages[i & 511];
            checksum += ((Map<?, ?>)JsonCodec.INSTANCE.decode(MessageType.TEXT, message, 0, 128)).size();
        }
        final double perMessage = (double)(threads.getCurrentThreadAllocatedBytes() - before) / measured;
        System.out.printf("JSON to Map, 128-byte tick: %.1f bytes per message%n", perMessage);
        assertEquals(10L * 400_000, checksum);
        // the result alone: a map (24) and its values (56), two price strings (2 x 48), three Longs (3 x 16)
        assertTrue(perMessage <= 256, "JSON to Map allocates " + perMessage + " bytes per 128-byte tick");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(final Object value)
    {
        return (Map<String, Object>)value;
    }

    private static String randomDocument(final Random random)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JACKSON.createGenerator(out))
        {
            writeRandom(generator, random, 0);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        final String json = out.toString(StandardCharsets.UTF_8);
        return random.nextBoolean() ? json : json.replace(",", " ,\n ").replace(":", " : ");
    }

    private static void writeRandom(final JsonGenerator generator, final Random random, final int depth)
        throws IOException
    {
        final int kind = random.nextInt(depth > 4 ? 7 : 9);
        switch (kind)
        {
            case 0 -> generator.writeNull();
            case 1 -> generator.writeBoolean(random.nextBoolean());
            case 2 -> generator.writeNumber(random.nextInt(2) == 0 ? random.nextInt(300) - 150 : random.nextLong());
            case 3 -> generator.writeNumber(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> generator.writeNumber(new BigInteger(70 + random.nextInt(30), random));
            case 5, 6 -> generator.writeString(randomString(random));
            case 7 ->
            {
                generator.writeStartArray();
                for (int i = random.nextInt(6); i > 0; i--)
                {
                    writeRandom(generator, random, depth + 1);
                }
                generator.writeEndArray();
            }
            default ->
            {
                generator.writeStartObject();
                for (int i = random.nextInt(random.nextInt(10) == 0 ? 40 : 8); i > 0; i--)
                {
                    generator.writeFieldName(randomString(random));
                    writeRandom(generator, random, depth + 1);
                }
                generator.writeEndObject();
            }
        }
    }

    private static String randomString(final Random random)
    {
        final String alphabet = "abcXYZ019 _-\"\\/\n\t\u0001é中\u20ac";
        final StringBuilder builder = new StringBuilder();
        for (int i = random.nextInt(random.nextInt(8) == 0 ? 80 : 10); i > 0; i--)
        {
            if (random.nextInt(30) == 0)
            {
                builder.appendCodePoint(0x1F600 + random.nextInt(50));
            }
            else
            {
                builder.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return builder.toString();
    }
}
