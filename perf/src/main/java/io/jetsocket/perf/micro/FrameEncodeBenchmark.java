/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.micro;

import io.jetsocket.engine.frame.FrameEncoder;
import io.jetsocket.engine.frame.MaskKeySource;
import io.jetsocket.engine.frame.Opcode;
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

import java.util.concurrent.TimeUnit;

/**
 * {@link FrameEncoder#encode}: header, a fresh mask key and the masked copy of the payload, into a reused
 * direct destination buffer as large as the engine's send scratch buffer. Keys come from a
 * {@link MaskKeySource} as the engine configures it (the kernel CSPRNG read a block at a time), which refills
 * once per {@value MaskKeySource#KEYS_PER_REFILL} frames; that cost is included, amortised.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = MicroSupport.ADD_EXPORTS)
public class FrameEncodeBenchmark
{
    private static final int FIRST_BYTE = Opcode.FIN_BIT | Opcode.TEXT;

    private final FrameEncoder encoder = new FrameEncoder(new MaskKeySource());
    private final UnsafeBuffer dst = MicroSupport.directBuffer(FrameEncoder.frameLength(MicroSupport.LARGE));

    private UnsafeBuffer direct128;
    private UnsafeBuffer direct64KiB;
    private byte[] array128;
    private byte[] array64KiB;

    /**
     * Build the payloads and check one encode of each.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        array128 = MicroSupport.marketDataJson(MicroSupport.SMALL);
        array64KiB = MicroSupport.marketDataJson(MicroSupport.LARGE);
        direct128 = MicroSupport.directBufferOf(array128);
        direct64KiB = MicroSupport.directBufferOf(array64KiB);

        check(encodeDirect128(), array128);
        check(encodeDirect64KiB(), array64KiB);
        check(encodeArray128(), array128);
        check(encodeArray64KiB(), array64KiB);
    }

    /**
     * A 128-byte payload from a direct buffer.
     *
     * @return bytes written.
     */
    @Benchmark
    public int encodeDirect128()
    {
        return encoder.encode(FIRST_BYTE, direct128, 0, MicroSupport.SMALL, dst, 0);
    }

    /**
     * A 64 KiB payload from a direct buffer.
     *
     * @return bytes written.
     */
    @Benchmark
    public int encodeDirect64KiB()
    {
        return encoder.encode(FIRST_BYTE, direct64KiB, 0, MicroSupport.LARGE, dst, 0);
    }

    /**
     * A 128-byte payload from a byte array.
     *
     * @return bytes written.
     */
    @Benchmark
    public int encodeArray128()
    {
        return encoder.encode(FIRST_BYTE, array128, 0, MicroSupport.SMALL, dst, 0);
    }

    /**
     * A 64 KiB payload from a byte array.
     *
     * @return bytes written.
     */
    @Benchmark
    public int encodeArray64KiB()
    {
        return encoder.encode(FIRST_BYTE, array64KiB, 0, MicroSupport.LARGE, dst, 0);
    }

    /**
     * Unmask what was written and compare it with the payload.
     */
    private void check(final int encoded, final byte[] payload)
    {
        final int headerLength = FrameEncoder.headerLength(payload.length);
        if (encoded != headerLength + payload.length || (dst.getByte(0) & 0xFF) != FIRST_BYTE)
        {
            throw new IllegalStateException("bad frame: encoded=" + encoded + " payload=" + payload.length);
        }
        final int keyOffset = headerLength - 4;
        for (int i = 0; i < payload.length; i++)
        {
            final byte unmasked = (byte)(dst.getByte(headerLength + i) ^ dst.getByte(keyOffset + (i & 3)));
            if (unmasked != payload[i])
            {
                throw new IllegalStateException("payload byte " + i + " does not unmask");
            }
        }
    }
}
