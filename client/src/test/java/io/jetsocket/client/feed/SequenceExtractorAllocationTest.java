/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.EngineThreadAllocation;
import io.jetsocket.engine.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What extraction costs in allocation, measured with the thread's allocation counter over many calls in steady state
 * (after the JIT has compiled the path): reading the stream and range of Binance-like depth deltas, a single id
 * through {@link JsonFieldPath}, and the fields of a binary message must allocate nothing per message. Bounds, not
 * exact zero: the JVM allocates a few bytes of its own now and then.
 */
class SequenceExtractorAllocationTest
{
    private static final int WARM_UP = 300_000;
    private static final int MEASURED = 1_000_000;
    private static final int MESSAGES = 16;

    @Test
    void shouldExtractJsonDepthDeltasWithoutAllocating()
    {
        final JsonSequenceExtractor extractor =
            JsonSequenceExtractor.builder().stream("stream").range("data.U", "data.u").build();
        final JsonFieldPath eventTime = JsonFieldPath.of("data.E");
        final UnsafeBuffer[] messages = new UnsafeBuffer[MESSAGES];
        for (int m = 0; m < MESSAGES; m++)
        {
            final long first = 1_000_000L * m;
            messages[m] = new UnsafeBuffer(("{\"stream\":\"sym" + m + "usdt@depth@100ms\",\"data\":{\"e\":" +
                "\"depthUpdate\",\"E\":" + (1732262400123L + m) + ",\"s\":\"SYM" + m + "USDT\",\"U\":" + first +
                ",\"u\":" + (first + 3) + ",\"b\":[[\"64123.10\",\"0.015\"],[\"64122.00\",\"1.200\"]],\"a\":" +
                "[[\"64124.50\",\"0.400\"],[\"64125.00\",\"0.000\"]]}}").getBytes(StandardCharsets.UTF_8));
        }
        final SequenceFields fields = new SequenceFields();
        final long[] sums = new long[2];
        final Runnable pass = () ->
        {
            for (int m = 0; m < MESSAGES; m++)
            {
                final UnsafeBuffer message = messages[m];
                if (extractor.extract(MessageType.TEXT, message, 0, message.capacity(), fields.clear()))
                {
                    sums[0] += fields.last() - fields.first() + fields.streamLength();
                }
                sums[1] += eventTime.readLong(message, 0, message.capacity());
            }
        };
        final long allocated = measure(pass);
        long expected = 0;
        long times = 0;
        for (int m = 0; m < MESSAGES; m++)
        {
            expected += 3 + ("sym" + m + "usdt@depth@100ms").length();
            times += 1732262400123L + m;
        }
        final long passes = (WARM_UP + MEASURED) / MESSAGES;
        assertEquals(passes * expected, sums[0]);
        assertEquals(passes * times, sums[1]);
        System.out.println("JSON depth-delta extraction: " + allocated + " bytes allocated for " + MEASURED +
            " messages (" + (double)allocated / MEASURED + " B/msg)");
        EngineThreadAllocation.assertAllocationFree("JSON extraction", allocated, MEASURED);
    }

    @Test
    void shouldExtractFromJsonArraysWithoutAllocating()
    {
        // Bitfinex-like: the channel id first, the sequence last (found by walking to the array's end), and a
        // Kraken-like object two from the end
        final JsonSequenceExtractor last = JsonSequenceExtractor.builder().stream("[0]").sequence("[-1]").build();
        final JsonSequenceExtractor nested =
            JsonSequenceExtractor.builder().stream("[-1]").sequence("[-2].sequence").build();
        final UnsafeBuffer[] messages = new UnsafeBuffer[MESSAGES];
        final UnsafeBuffer[] objects = new UnsafeBuffer[MESSAGES];
        for (int m = 0; m < MESSAGES; m++)
        {
            messages[m] = new UnsafeBuffer(("[" + (17000 + m) + ",[[7254.7,3,3.04],[7254.6,1,-0.5]]," + m + "]")
                .getBytes(StandardCharsets.UTF_8));
            objects[m] = new UnsafeBuffer(("[[{\"a\":[\"1\",\"2\"]}],{\"sequence\":" + m + "},\"ownTrades\"]")
                .getBytes(StandardCharsets.UTF_8));
        }
        final SequenceFields fields = new SequenceFields();
        final long[] sum = new long[1];
        final long allocated = measure(() ->
        {
            for (int m = 0; m < MESSAGES; m++)
            {
                if (last.extract(MessageType.TEXT, messages[m], 0, messages[m].capacity(), fields.clear()))
                {
                    sum[0] += fields.last() + fields.streamLength();
                }
                if (nested.extract(MessageType.TEXT, objects[m], 0, objects[m].capacity(), fields.clear()))
                {
                    sum[0] += fields.last() + fields.streamLength();
                }
            }
        });
        long expected = 0;
        for (int m = 0; m < MESSAGES; m++)
        {
            expected += m + 5 + m + "ownTrades".length();
        }
        assertEquals((WARM_UP + MEASURED) / MESSAGES * expected, sum[0]);
        System.out.println("JSON array extraction: " + allocated + " bytes allocated for " + MEASURED + " messages");
        EngineThreadAllocation.assertAllocationFree("JSON array extraction", allocated, MEASURED);
    }

    @Test
    void shouldExtractBinaryMessagesWithoutAllocating()
    {
        final BinarySequenceExtractor extractor = BinarySequenceExtractor.builder()
            .onlyIf(2, (short)42).rangeAt(8, 16, ByteOrder.LITTLE_ENDIAN).streamAt(24, 16).build();
        final UnsafeBuffer[] messages = new UnsafeBuffer[MESSAGES];
        for (int m = 0; m < MESSAGES; m++)
        {
            messages[m] = new UnsafeBuffer(new byte[64]);
            messages[m].putShort(2, (short)42, ByteOrder.LITTLE_ENDIAN);
            messages[m].putLong(8, m, ByteOrder.LITTLE_ENDIAN);
            messages[m].putLong(16, m + 2L, ByteOrder.LITTLE_ENDIAN);
            messages[m].putStringWithoutLengthAscii(24, "SYM" + m);
        }
        final SequenceFields fields = new SequenceFields();
        final long[] sum = new long[1];
        final long allocated = measure(() ->
        {
            for (int m = 0; m < MESSAGES; m++)
            {
                if (extractor.extract(MessageType.BINARY, messages[m], 0, 64, fields.clear()))
                {
                    sum[0] += fields.last() - fields.first() + fields.streamLength();
                }
            }
        });
        long expected = 0;
        for (int m = 0; m < MESSAGES; m++)
        {
            expected += 2 + ("SYM" + m).length();
        }
        assertEquals((WARM_UP + MEASURED) / MESSAGES * expected, sum[0]);
        System.out.println("binary extraction: " + allocated + " bytes allocated for " + MEASURED + " messages");
        EngineThreadAllocation.assertAllocationFree("binary extraction", allocated, MEASURED);
    }

    /**
     * Run passes of {@link #MESSAGES} messages: {@link #WARM_UP} messages, then {@link #MEASURED} counted.
     */
    private static long measure(final Runnable pass)
    {
        for (int i = 0; i < WARM_UP / MESSAGES; i++)
        {
            pass.run();
        }
        return EngineThreadAllocation.allocatedBytes(() ->
        {
            for (int i = 0; i < MEASURED / MESSAGES; i++)
            {
                pass.run();
            }
        });
    }
}
