/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.micro;

import io.jetsocket.engine.frame.Masker;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@link Masker#maskCopy(org.agrona.DirectBuffer, int, org.agrona.MutableDirectBuffer, int, int, int)}, eight
 * bytes per step, against the textbook byte-at-a-time loop over the same direct buffers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = MicroSupport.ADD_EXPORTS)
public class MaskingBenchmark
{
    /** Payload size in bytes. */
    @Param({ "16", "128", "1024", "65536" })
    public int size;

    private UnsafeBuffer src;
    private UnsafeBuffer dst;
    private int maskKey;
    private final byte[] keyBytes = new byte[4];

    /**
     * Fill the source with text, pick a key, and check that both methods agree.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        src = MicroSupport.directBufferOf(MicroSupport.multiByteText(size));
        dst = MicroSupport.directBuffer(size);
        maskKey = ThreadLocalRandom.current().nextInt() | 0x0101_0101; // no zero key byte
        for (int i = 0; i < 4; i++)
        {
            keyBytes[i] = (byte)(maskKey >>> (24 - 8 * i));
        }

        byteAtATime();
        final byte[] expected = new byte[size];
        dst.getBytes(0, expected);
        maskCopy();
        for (int i = 0; i < size; i++)
        {
            if (dst.getByte(i) != expected[i] || (byte)(expected[i] ^ keyBytes[i & 3]) != src.getByte(i))
            {
                throw new IllegalStateException("mask mismatch at byte " + i);
            }
        }
    }

    /**
     * The engine's masking copy.
     *
     * @return the last masked byte.
     */
    @Benchmark
    public byte maskCopy()
    {
        Masker.maskCopy(src, 0, dst, 0, size, maskKey);
        return dst.getByte(size - 1);
    }

    /**
     * Baseline: one byte per step, key byte chosen by index.
     *
     * @return the last masked byte.
     */
    @Benchmark
    public byte byteAtATime()
    {
        final UnsafeBuffer src = this.src;
        final UnsafeBuffer dst = this.dst;
        final byte[] keyBytes = this.keyBytes;
        for (int i = 0, size = this.size; i < size; i++)
        {
            dst.putByte(i, (byte)(src.getByte(i) ^ keyBytes[i & 3]));
        }
        return dst.getByte(size - 1);
    }
}
