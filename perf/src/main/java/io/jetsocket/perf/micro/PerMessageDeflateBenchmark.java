/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.micro;

import io.jetsocket.engine.deflate.MessageDeflater;
import io.jetsocket.engine.deflate.MessageInflater;
import io.jetsocket.engine.frame.DecoderState;
import io.jetsocket.engine.frame.FrameDecoder;
import io.jetsocket.engine.frame.FrameHandler;
import io.jetsocket.engine.frame.Opcode;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
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
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/**
 * permessage-deflate on typical market-data JSON: compressing one outgoing message with the connection's
 * {@link MessageDeflater} (with context takeover, so later messages refer back to earlier ones, and without), and
 * receiving one compressed text frame through {@link FrameDecoder} with a {@link MessageInflater} (inflated into
 * the reassembly buffer, UTF-8 validated). The received frame was compressed with a fresh deflater, as a server
 * with {@code server_no_context_takeover} sends it, so the same bytes can be decoded again and again.
 * <p>
 * Run with {@code -prof gc} to see the allocation rate (0 B/op expected).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = MicroSupport.ADD_EXPORTS)
public class PerMessageDeflateBenchmark
{
    /** Payload size in bytes. */
    @Param({"128", "1024", "16384"})
    public int size;

    private final ExpandableArrayBuffer compressed = new ExpandableArrayBuffer(64 * 1024);
    private final ConsumingHandler handler = new ConsumingHandler();
    private MessageDeflater deflaterWithContext;
    private MessageDeflater deflaterNoContext;
    private MessageInflater inflater;
    private FrameDecoder decoder;
    private UnsafeBuffer json;
    private UnsafeBuffer compressedFrame;

    /**
     * Build the payload and the compressed frame, and check that it decodes back to the payload.
     *
     * @param bh the handler's sink.
     */
    @Setup(Level.Trial)
    public void setUp(final Blackhole bh)
    {
        handler.bh = bh;
        final byte[] payload = MicroSupport.marketDataJson(size);
        json = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        json.putBytes(0, payload);
        deflaterWithContext = new MessageDeflater(Deflater.DEFAULT_COMPRESSION, false);
        deflaterNoContext = new MessageDeflater(Deflater.DEFAULT_COMPRESSION, true);
        inflater = new MessageInflater(true);
        decoder = new FrameDecoder(64 * 1024 * 1024, 64 * 1024 * 1024, 128 * 1024, Integer.MAX_VALUE);
        decoder.inflater(inflater);

        final MessageDeflater fresh = new MessageDeflater(Deflater.DEFAULT_COMPRESSION, true);
        final int length = fresh.deflate(json, 0, size, compressed, 0);
        fresh.close();
        final int header = length <= 125 ? 2 : 4;
        compressedFrame = new UnsafeBuffer(ByteBuffer.allocateDirect(header + length));
        compressedFrame.putByte(0, (byte)(Opcode.FIN_BIT | Opcode.RSV1_BIT | Opcode.TEXT));
        if (2 == header)
        {
            compressedFrame.putByte(1, (byte)length);
        }
        else
        {
            compressedFrame.putByte(1, (byte)126);
            compressedFrame.putByte(2, (byte)(length >>> 8));
            compressedFrame.putByte(3, (byte)length);
        }
        compressedFrame.putBytes(header, compressed, 0, length);
        handler.lastLength = -1;
        decoder.decode(compressedFrame, 0, compressedFrame.capacity(), handler);
        if (DecoderState.FRAME_START != decoder.state() || size != handler.lastLength)
        {
            throw new IllegalStateException("compressed frame did not decode: " + decoder.failureReason());
        }
    }

    /**
     * Release the native memory of the deflaters and the inflater.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        deflaterWithContext.close();
        deflaterNoContext.close();
        inflater.close();
    }

    /**
     * Compress one message with context takeover (the default).
     *
     * @return compressed length.
     */
    @Benchmark
    public int deflateWithContextTakeover()
    {
        return deflaterWithContext.deflate(json, 0, size, compressed, 0);
    }

    /**
     * Compress one message with {@code client_no_context_takeover} (the deflater is reset after it).
     *
     * @return compressed length.
     */
    @Benchmark
    public int deflateNoContextTakeover()
    {
        return deflaterNoContext.deflate(json, 0, size, compressed, 0);
    }

    /**
     * Decode one compressed text frame: header, inflate into the reassembly buffer, UTF-8 check, delivery.
     *
     * @return bytes consumed.
     */
    @Benchmark
    public int inflateFrame()
    {
        return decoder.decode(compressedFrame, 0, compressedFrame.capacity(), handler);
    }

    /**
     * Reads the length and the last byte of each message, the least a consumer can do.
     */
    static final class ConsumingHandler implements FrameHandler
    {
        Blackhole bh;
        int lastLength;

        public void onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            lastLength = length;
            bh.consume(buffer.getByte(offset + length - 1));
        }

        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onPong(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
        {
        }
    }
}
