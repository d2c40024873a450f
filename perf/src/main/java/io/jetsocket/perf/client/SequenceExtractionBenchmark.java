/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jetsocket.client.feed.BinarySequenceExtractor;
import io.jetsocket.client.feed.JsonFieldPath;
import io.jetsocket.client.feed.JsonSequenceExtractor;
import io.jetsocket.client.feed.SequenceFields;
import io.jetsocket.engine.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What reading the sequence fields of one message costs ({@code io.jetsocket.client.feed}), on messages already in
 * memory (the engine's read buffer in real use), cycling over 64 variants whose names and ids differ:
 * <ul>
 *     <li>{@code jsonNestedRange}: stream and {@code data.U}/{@code data.u} of a Binance combined-stream depth delta
 *     of about 200 bytes (two bid and two ask levels after the ids, which the extractor never reads);</li>
 *     <li>{@code jsonSingleSequence}: stream and {@code seq} of a ~200-byte channel message whose id comes after its
 *     event type and time;</li>
 *     <li>{@code jsonFieldPathLong}: the event time {@code data.E} of the depth delta ({@link JsonFieldPath}, as a
 *     timestamp extractor reads it);</li>
 *     <li>{@code jsonArrayLast}: channel id {@code [0]} and sequence {@code [-1]} of a ~100-byte Bitfinex-like
 *     array message (a book snapshot of four levels between them, walked to the array's end);</li>
 *     <li>{@code binaryRange}: template filter, range and padded symbol of an SBE-like 64-byte message;</li>
 *     <li>{@code jacksonStreamingRange}: the baseline, the depth delta's three fields with a Jackson streaming
 *     parser made per message (what a handler that decodes would do first).</li>
 * </ul>
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class SequenceExtractionBenchmark
{
    private static final int VARIANTS = 64;
    private static final int MASK = VARIANTS - 1;

    private final JsonSequenceExtractor depthExtractor =
        JsonSequenceExtractor.builder().stream("stream").range("data.U", "data.u").build();
    private final JsonSequenceExtractor seqExtractor =
        JsonSequenceExtractor.builder().stream("channel").sequence("seq").build();
    private final JsonFieldPath eventTime = JsonFieldPath.of("data.E");
    private final JsonSequenceExtractor arrayExtractor =
        JsonSequenceExtractor.builder().stream("[0]").sequence("[-1]").build();
    private final BinarySequenceExtractor binaryExtractor = BinarySequenceExtractor.builder()
        .onlyIf(2, (short)42).rangeAt(8, 16, ByteOrder.LITTLE_ENDIAN).streamAt(24, 16).build();
    private final SequenceFields fields = new SequenceFields();
    private final JsonFactory jackson = new JsonFactory();

    private final UnsafeBuffer[] depth = new UnsafeBuffer[VARIANTS];
    private final byte[][] depthBytes = new byte[VARIANTS][];
    private final UnsafeBuffer[] channel = new UnsafeBuffer[VARIANTS];
    private final UnsafeBuffer[] arrays = new UnsafeBuffer[VARIANTS];
    private final UnsafeBuffer[] binary = new UnsafeBuffer[VARIANTS];
    private int next;

    /**
     * Build the messages (direct buffers, as the engine's read buffer is) and check every extractor reads them.
     *
     * @throws IOException never, on these messages.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        for (int v = 0; v < VARIANTS; v++)
        {
            final long id = 4_123_456_789L + 1000L * v;
            depthBytes[v] = ("{\"stream\":\"sym" + v + "usdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" +
                (1_732_262_400_123L + v) + ",\"s\":\"SYM" + v + "USDT\",\"U\":" + id + ",\"u\":" + (id + 7) +
                ",\"b\":[[\"64123.10\",\"0.015\"],[\"64122.00\",\"1.200\"]],\"a\":[[\"64124.50\",\"0.400\"]," +
                "[\"64125.00\",\"0.000\"]]}}").getBytes(StandardCharsets.UTF_8);
            depth[v] = direct(depthBytes[v]);
            channel[v] = direct(("{\"channel\":\"trades." + v + "\",\"type\":\"update\",\"time\":" +
                (1_732_262_400_123L + v) + ",\"seq\":" + id + ",\"data\":{\"price\":\"64123.10\",\"qty\":\"0.015\"," +
                "\"side\":\"buy\",\"id\":" + (id * 3) + ",\"liquidation\":false,\"venue\":\"spot\"},\"pad\":\"" +
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}").getBytes(StandardCharsets.UTF_8));
            arrays[v] = direct(("[" + (17082 + v) + ",[[64123.1,3,0.015],[64122,1,-1.2],[64124.5,2,0.4]," +
                "[64125,1,-2.25]]," + id + "]").getBytes(StandardCharsets.UTF_8));
            binary[v] = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            binary[v].putShort(2, (short)42, ByteOrder.LITTLE_ENDIAN);
            binary[v].putLong(8, id, ByteOrder.LITTLE_ENDIAN);
            binary[v].putLong(16, id + 7, ByteOrder.LITTLE_ENDIAN);
            binary[v].putStringWithoutLengthAscii(24, "SYM" + v + "USDT");
            if (!depthExtractor.extract(MessageType.TEXT, depth[v], 0, depth[v].capacity(), fields.clear()) ||
                fields.last() != id + 7 ||
                !seqExtractor.extract(MessageType.TEXT, channel[v], 0, channel[v].capacity(), fields.clear()) ||
                fields.last() != id ||
                !arrayExtractor.extract(MessageType.TEXT, arrays[v], 0, arrays[v].capacity(), fields.clear()) ||
                fields.last() != id ||
                !binaryExtractor.extract(MessageType.BINARY, binary[v], 0, 64, fields.clear()) ||
                fields.first() != id ||
                eventTime.readLong(depth[v], 0, depth[v].capacity()) != 1_732_262_400_123L + v ||
                jacksonRange(depthBytes[v]) != 7 + ("sym" + v + "usdt@depth@100ms").length())
            {
                throw new IllegalStateException("variant " + v + " not extracted: " + fields);
            }
        }
    }

    private static UnsafeBuffer direct(final byte[] bytes)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        buffer.putBytes(0, bytes);
        return buffer;
    }

    /**
     * Stream and range of a ~200-byte depth delta.
     *
     * @return the range's width plus the name's length, so that nothing is optimised away.
     */
    @Benchmark
    public long jsonNestedRange()
    {
        final UnsafeBuffer message = depth[next++ & MASK];
        if (!depthExtractor.extract(MessageType.TEXT, message, 0, message.capacity(), fields.clear()))
        {
            return -1;
        }
        return fields.last() - fields.first() + fields.streamLength();
    }

    /**
     * Stream and single sequence number of a ~200-byte channel message.
     *
     * @return the sequence plus the name's length.
     */
    @Benchmark
    public long jsonSingleSequence()
    {
        final UnsafeBuffer message = channel[next++ & MASK];
        if (!seqExtractor.extract(MessageType.TEXT, message, 0, message.capacity(), fields.clear()))
        {
            return -1;
        }
        return fields.last() + fields.streamLength();
    }

    /**
     * Channel id and last-element sequence of a ~100-byte array message.
     *
     * @return the sequence plus the name's length.
     */
    @Benchmark
    public long jsonArrayLast()
    {
        final UnsafeBuffer message = arrays[next++ & MASK];
        if (!arrayExtractor.extract(MessageType.TEXT, message, 0, message.capacity(), fields.clear()))
        {
            return -1;
        }
        return fields.last() + fields.streamLength();
    }

    /**
     * One nested integer ({@code data.E}) of the depth delta.
     *
     * @return the value.
     */
    @Benchmark
    public long jsonFieldPathLong()
    {
        final UnsafeBuffer message = depth[next++ & MASK];
        return eventTime.readLong(message, 0, message.capacity());
    }

    /**
     * Template filter, range and padded symbol of a 64-byte binary message.
     *
     * @return the range's width plus the name's length.
     */
    @Benchmark
    public long binaryRange()
    {
        final UnsafeBuffer message = binary[next++ & MASK];
        if (!binaryExtractor.extract(MessageType.BINARY, message, 0, 64, fields.clear()))
        {
            return -1;
        }
        return fields.last() - fields.first() + fields.streamLength();
    }

    /**
     * Baseline: the depth delta's stream and range with a Jackson streaming parser over its bytes.
     *
     * @return the range's width plus the name's length.
     * @throws IOException never, on these messages.
     */
    @Benchmark
    public long jacksonStreamingRange() throws IOException
    {
        return jacksonRange(depthBytes[next++ & MASK]);
    }

    private long jacksonRange(final byte[] message) throws IOException
    {
        long first = -1;
        long last = -1;
        int streamLength = 0;
        try (JsonParser parser = jackson.createParser(message))
        {
            parser.nextToken();
            while (JsonToken.END_OBJECT != parser.nextToken())
            {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                if ("stream".equals(name))
                {
                    streamLength = parser.getTextLength();
                }
                else if ("data".equals(name) && JsonToken.START_OBJECT == value)
                {
                    while (JsonToken.END_OBJECT != parser.nextToken())
                    {
                        final String field = parser.currentName();
                        parser.nextToken();
                        if ("U".equals(field))
                        {
                            first = parser.getLongValue();
                        }
                        else if ("u".equals(field))
                        {
                            last = parser.getLongValue();
                        }
                        else
                        {
                            parser.skipChildren();
                        }
                    }
                }
                else
                {
                    parser.skipChildren();
                }
            }
        }
        return last - first + streamLength;
    }
}
