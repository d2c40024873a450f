/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Drives a {@link FrameDecoder} the way the engine's {@code Connection} does, without a socket: a read buffer of
 * fixed capacity, bytes appended behind the unconsumed ones as they "arrive" (never more than the free space, like
 * {@code channel.read}), a decode from the first unconsumed byte after every append, and the unconsumed bytes
 * compacted to the front of the buffer before the next append (the engine's {@code ReceiverEndpoint} runs the
 * same {@link ReadWindow}).
 * <p>
 * The decoder's contract with this loop is checked on every call: it consumes between 0 and the offered bytes,
 * everything once failed or closed, and it never leaves a full buffer unconsumed (the engine could then read
 * nothing more and the connection would hang).
 */
final class DecoderHarness
{
    /** Limits used when a test does not care about them. */
    static final long LARGE_LIMIT = 64L * 1024 * 1024;
    static final int MANY_FRAGMENTS = 100_000;

    private final FrameDecoder decoder;
    private final UnsafeBuffer readBuffer;
    private final RecordingHandler handler;
    private final ReadWindow window = new ReadWindow();
    private int decodeCalls;
    private long bytesConsumed;

    DecoderHarness(final int capacity)
    {
        this(capacity, LARGE_LIMIT, LARGE_LIMIT, MANY_FRAGMENTS);
    }

    DecoderHarness(final int capacity, final long maxFrameLength, final long maxMessageLength, final int maxFragments)
    {
        this(new FrameDecoder(maxFrameLength, maxMessageLength, capacity, maxFragments), capacity);
    }

    DecoderHarness(final FrameDecoder decoder, final int capacity)
    {
        this.decoder = decoder;
        this.readBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
        this.handler = new RecordingHandler(readBuffer);
        this.window.wrap(readBuffer);
    }

    FrameDecoder decoder()
    {
        return decoder;
    }

    UnsafeBuffer readBuffer()
    {
        return readBuffer;
    }

    List<FrameEvent> events()
    {
        return handler.events();
    }

    /**
     * Everything observable: the events, then the decoder's state and failure code.
     */
    List<Object> outcome()
    {
        final List<Object> outcome = new ArrayList<>(handler.events());
        outcome.add(decoder.state());
        outcome.add(decoder.failureCode());
        return outcome;
    }

    int decodeCalls()
    {
        return decodeCalls;
    }

    long bytesConsumed()
    {
        return bytesConsumed;
    }

    /**
     * Bytes received but not yet consumed (an incomplete frame).
     */
    int unconsumed()
    {
        return window.remaining();
    }

    DecoderHarness feed(final byte[] data)
    {
        return feed(data, 0, data.length);
    }

    /**
     * Bytes arriving from the network: appended as far as the buffer has room, decoded, compacted, repeated.
     */
    DecoderHarness feed(final byte[] data, final int offset, final int length)
    {
        int position = offset;
        final int end = offset + length;
        while (position < end)
        {
            window.compact();
            final int free = readBuffer.capacity() - window.limit();
            if (0 == free)
            {
                throw new AssertionError("decoder stalled: the read buffer of " + readBuffer.capacity() +
                    " bytes is full of unconsumed input, state " + decoder.state());
            }
            final int read = Math.min(free, end - position);
            readBuffer.putBytes(window.limit(), data, position, read);
            window.appended(read);
            position += read;
            decodeAvailable();
        }
        return this;
    }

    /**
     * Feed the data in chunks whose lengths the chunker chooses, given how many bytes remain.
     */
    DecoderHarness feedInChunks(final byte[] data, final IntUnaryOperator chunker)
    {
        int position = 0;
        while (position < data.length)
        {
            final int chunk = Math.max(1, Math.min(data.length - position, chunker.applyAsInt(data.length - position)));
            feed(data, position, chunk);
            position += chunk;
        }
        return this;
    }

    private void decodeAvailable()
    {
        final int offered = window.remaining();
        final int eventsBefore = handler.events().size();
        final DecoderState stateBefore = decoder.state();
        final int consumed = window.decode(decoder, handler);
        decodeCalls++;
        if (consumed < 0 || consumed > offered)
        {
            throw new AssertionError("decode consumed " + consumed + " of " + offered + " bytes");
        }
        final DecoderState state = decoder.state();
        if ((DecoderState.FAILED == state || DecoderState.CLOSED == state) && consumed != offered)
        {
            throw new AssertionError("decoder " + state + " but consumed only " + consumed + " of " + offered);
        }
        if ((DecoderState.FAILED == stateBefore || DecoderState.CLOSED == stateBefore) &&
            handler.events().size() != eventsBefore)
        {
            throw new AssertionError("decoder delivered " + handler.events() + " after " + stateBefore);
        }
        bytesConsumed += consumed;
    }
}
