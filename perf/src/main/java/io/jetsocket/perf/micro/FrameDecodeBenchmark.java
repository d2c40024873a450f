/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.micro;

import io.jetsocket.engine.frame.DecoderState;
import io.jetsocket.engine.frame.FrameDecoder;
import io.jetsocket.engine.frame.FrameHandler;
import io.jetsocket.engine.frame.Opcode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * {@link FrameDecoder#decode} of complete, unmasked server frames sitting in a direct read buffer, as the
 * engine's read loop calls it. Every message is delivered in place (no copy); text is always UTF-8
 * validated by the decoder, binary payloads are not touched by it.
 * <p>
 * One decoder is reused for the whole run and never reset: after a complete single-frame message it is
 * back in {@link DecoderState#FRAME_START}, which setup and every iteration's teardown check. The handler
 * reads the first payload byte and the length into a {@link Blackhole}, the least a consumer can do.
 * Payload sizes are payload bytes; the frames carry a 4-byte (128 B) or 10-byte (64 KiB) header.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = MicroSupport.ADD_EXPORTS)
public class FrameDecodeBenchmark
{
    /** Frames in the back-to-back read buffer. */
    static final int BATCH_FRAMES = 100;

    /** A read buffer large enough to hold a whole 64 KiB frame, so that it too is delivered in place. */
    private static final int RECEIVE_BUFFER_LENGTH = 128 * 1024;
    private static final int MAX_MESSAGE_LENGTH = 64 * 1024 * 1024;

    private final FrameDecoder decoder =
        new FrameDecoder(MAX_MESSAGE_LENGTH, MAX_MESSAGE_LENGTH, RECEIVE_BUFFER_LENGTH, Integer.MAX_VALUE);
    private final ConsumingHandler handler = new ConsumingHandler();

    private UnsafeBuffer text128;
    private UnsafeBuffer binary128;
    private UnsafeBuffer text64KiB;
    private UnsafeBuffer binary64KiB;
    private UnsafeBuffer text128Batch;

    /**
     * Build the read buffers and check that each decodes to the expected messages.
     *
     * @param bh the handler's sink for the payload bytes it reads.
     */
    @Setup(Level.Trial)
    public void setUp(final Blackhole bh)
    {
        handler.bh = bh;
        final byte[] json128 = MicroSupport.marketDataJson(MicroSupport.SMALL);
        final byte[] json64KiB = MicroSupport.marketDataJson(MicroSupport.LARGE);
        text128 = MicroSupport.serverFrames(Opcode.TEXT, json128, 1);
        binary128 = MicroSupport.serverFrames(Opcode.BINARY, json128, 1);
        text64KiB = MicroSupport.serverFrames(Opcode.TEXT, json64KiB, 1);
        binary64KiB = MicroSupport.serverFrames(Opcode.BINARY, json64KiB, 1);
        text128Batch = MicroSupport.serverFrames(Opcode.TEXT, json128, BATCH_FRAMES);

        check(text128, 1, MicroSupport.SMALL);
        check(binary128, 1, MicroSupport.SMALL);
        check(text64KiB, 1, MicroSupport.LARGE);
        check(binary64KiB, 1, MicroSupport.LARGE);
        check(text128Batch, BATCH_FRAMES, (long)BATCH_FRAMES * MicroSupport.SMALL);
    }

    /**
     * Fail the run if the decoder left its normal state (a failure would make later ops no-ops).
     */
    @TearDown(Level.Iteration)
    public void checkDecoderState()
    {
        if (DecoderState.FRAME_START != decoder.state())
        {
            throw new IllegalStateException("decoder in " + decoder.state() + ": " + decoder.failureReason());
        }
    }

    /**
     * One 128-byte JSON text frame: header, UTF-8 validation, delivery.
     *
     * @return bytes consumed.
     */
    @Benchmark
    public int text128()
    {
        return decoder.decode(text128, 0, text128.capacity(), handler);
    }

    /**
     * One 128-byte binary frame: header and delivery only.
     *
     * @return bytes consumed.
     */
    @Benchmark
    public int binary128()
    {
        return decoder.decode(binary128, 0, binary128.capacity(), handler);
    }

    /**
     * One 64 KiB JSON text frame: dominated by UTF-8 validation of the payload.
     *
     * @return bytes consumed.
     */
    @Benchmark
    public int text64KiB()
    {
        return decoder.decode(text64KiB, 0, text64KiB.capacity(), handler);
    }

    /**
     * One 64 KiB binary frame: the payload is delivered as a view, never read by the decoder.
     *
     * @return bytes consumed.
     */
    @Benchmark
    public int binary64KiB()
    {
        return decoder.decode(binary64KiB, 0, binary64KiB.capacity(), handler);
    }

    /**
     * A read buffer holding {@value #BATCH_FRAMES} back-to-back 128-byte text frames, decoded in one call;
     * the score is per frame.
     *
     * @return bytes consumed.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_FRAMES)
    public int text128Batch()
    {
        return decoder.decode(text128Batch, 0, text128Batch.capacity(), handler);
    }

    private void check(final UnsafeBuffer frames, final int expectedMessages, final long expectedPayloadBytes)
    {
        final long messagesBefore = handler.messages;
        final long bytesBefore = handler.payloadBytes;
        final int consumed = decoder.decode(frames, 0, frames.capacity(), handler);
        final long messages = handler.messages - messagesBefore;
        final long bytes = handler.payloadBytes - bytesBefore;
        if (consumed != frames.capacity() || messages != expectedMessages || bytes != expectedPayloadBytes ||
            DecoderState.FRAME_START != decoder.state())
        {
            throw new IllegalStateException("decode check failed: consumed=" + consumed + "/" + frames.capacity() +
                " messages=" + messages + " bytes=" + bytes + " state=" + decoder.state() + " reason=" +
                decoder.failureReason());
        }
    }

    /**
     * Consumes each message as cheaply as a real handler could: one payload byte and the length.
     */
    static final class ConsumingHandler implements FrameHandler
    {
        Blackhole bh;
        long messages;
        long payloadBytes;

        @Override
        public void onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            messages++;
            payloadBytes += length;
            bh.consume(buffer.getByte(offset));
            bh.consume(length);
        }

        @Override
        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
            throw new IllegalStateException("unexpected ping");
        }

        @Override
        public void onPong(final DirectBuffer buffer, final int offset, final int length)
        {
            throw new IllegalStateException("unexpected pong");
        }

        @Override
        public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
        {
            throw new IllegalStateException("unexpected close " + code);
        }
    }
}
