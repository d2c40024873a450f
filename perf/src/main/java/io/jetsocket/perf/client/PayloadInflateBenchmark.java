/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.client;

import io.jetsocket.client.compression.PayloadInflater;
import io.jetsocket.client.config.PayloadCompression;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Inflating one venue-compressed message (a Huobi-like trade JSON of about {@code size} bytes) with the client's
 * {@link PayloadInflater}: gzip from an off-heap buffer (the engine's read buffers: copied in pieces to the
 * inflater), gzip from an array-backed buffer (read in place), raw deflate off-heap; and, for comparison, what a
 * handler doing it itself with {@code GZIPInputStream} per message costs. UTF-8 validation (delivery as text) is
 * included in the inflater's figures.
 * <p>
 * Run with {@code -prof gc}: 0 B/op expected for the inflater.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class PayloadInflateBenchmark
{
    /** JSON size in bytes, before compression. */
    @Param({"300", "4096"})
    public int size;

    private final byte[] scratch = new byte[64 * 1024];
    private PayloadInflater gzipInflater;
    private PayloadInflater deflateInflater;
    private UnsafeBuffer gzipOffHeap;
    private UnsafeBuffer gzipOnHeap;
    private UnsafeBuffer deflateOffHeap;
    private byte[] gzip;

    /**
     * Compress the message and check that each way inflates it back.
     *
     * @throws IOException never.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final byte[] json = json(size);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes))
        {
            out.write(json);
        }
        gzip = bytes.toByteArray();
        gzipOffHeap = offHeap(gzip);
        gzipOnHeap = new UnsafeBuffer(gzip);
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(json);
        deflater.finish();
        final byte[] raw = new byte[json.length + 64];
        final int rawLength = deflater.deflate(raw);
        deflater.end();
        deflateOffHeap = offHeap(java.util.Arrays.copyOf(raw, rawLength));
        gzipInflater = new PayloadInflater(PayloadCompression.GZIP, true, 64 * 1024 * 1024);
        deflateInflater = new PayloadInflater(PayloadCompression.DEFLATE, true, 64 * 1024 * 1024);
        if (json.length != gzipOffHeap() || json.length != gzipOnHeap() || json.length != deflateOffHeap() ||
            json.length != gzipInputStream())
        {
            throw new IllegalStateException("did not inflate back to " + json.length + " bytes: " +
                gzipInflater.failureReason() + " / " + deflateInflater.failureReason());
        }
    }

    /**
     * Release the inflaters' native memory.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        gzipInflater.close();
        deflateInflater.close();
    }

    /**
     * Gzip from an off-heap buffer, as the engine delivers a frame.
     *
     * @return inflated length.
     */
    @Benchmark
    public int gzipOffHeap()
    {
        return gzipInflater.inflate(gzipOffHeap, 0, gzipOffHeap.capacity());
    }

    /**
     * Gzip from an array-backed buffer (a reassembled frame).
     *
     * @return inflated length.
     */
    @Benchmark
    public int gzipOnHeap()
    {
        return gzipInflater.inflate(gzipOnHeap, 0, gzipOnHeap.capacity());
    }

    /**
     * Raw deflate from an off-heap buffer.
     *
     * @return inflated length.
     */
    @Benchmark
    public int deflateOffHeap()
    {
        return deflateInflater.inflate(deflateOffHeap, 0, deflateOffHeap.capacity());
    }

    /**
     * The do-it-yourself way: a {@code GZIPInputStream} per message (which allocates its inflater and buffers).
     *
     * @return inflated length.
     * @throws IOException never.
     */
    @Benchmark
    public int gzipInputStream() throws IOException
    {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip)))
        {
            int total = 0;
            for (int n; (n = in.read(scratch, total, scratch.length - total)) > 0; )
            {
                total += n;
            }
            return total;
        }
    }

    private static UnsafeBuffer offHeap(final byte[] bytes)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        buffer.putBytes(0, bytes);
        return buffer;
    }

    private static byte[] json(final int size)
    {
        final StringBuilder json = new StringBuilder("{\"ch\":\"market.btcusdt.trade.detail\",\"ts\":1733300000123," +
            "\"tick\":{\"id\":1234567890,\"data\":[");
        for (int i = 0; json.length() < size - 4; i++)
        {
            json.append(i > 0 ? "," : "").append("{\"id\":").append(100000001 + i).append(",\"price\":")
                .append(64123 + i % 7).append(".1,\"amount\":0.0").append(15 + i % 80).append(",\"direction\":\"")
                .append(0 == i % 2 ? "buy" : "sell").append("\"}");
        }
        return json.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
