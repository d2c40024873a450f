/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The read buffers of one engine thread.
 * <p>
 * Connections read into one <em>shared</em> buffer. Only one connection reads at a time, and nothing in the
 * shared buffer outlives that read. A connection whose read ends inside a frame cannot leave those bytes
 * there, so it borrows a <em>private</em> buffer until it has no partial frame left, then gives it back. An idle
 * connection, or one whose messages arrive whole, holds no read buffer. Ten thousand quiet connections then cost
 * one buffer instead of ten thousand.
 * <p>
 * Returned private buffers stay in a small pool. A connection that keeps ending its reads mid-frame (a
 * saturated feed) borrows from the pool, not from the allocator. Engine thread only.
 */
final class ReadBuffers
{
    private final int length;
    private final int maxPooled;
    private final ReadBuffer shared;
    private final ArrayDeque<ReadBuffer> pool;
    private int lent;

    /**
     * @param length    of every buffer: the largest frame delivered in place.
     * @param maxPooled private buffers kept for reuse; more are freed on return.
     */
    ReadBuffers(final int length, final int maxPooled)
    {
        this.length = length;
        this.maxPooled = maxPooled;
        this.shared = new ReadBuffer(ByteBuffer.allocateDirect(length), true);
        this.pool = new ArrayDeque<>(maxPooled);
    }

    ReadBuffer shared()
    {
        return shared;
    }

    ReadBuffer borrow()
    {
        lent++;
        final ReadBuffer pooled = pool.pollFirst();
        return null != pooled ? pooled : new ReadBuffer(ByteBuffer.allocateDirect(length), false);
    }

    void giveBack(final ReadBuffer buffer)
    {
        if (buffer.isShared)
        {
            return;
        }
        lent--;
        if (pool.size() < maxPooled)
        {
            pool.addFirst(buffer);
        }
        else
        {
            BufferUtil.free(buffer.byteBuffer);
        }
    }

    int pooled()
    {
        return pool.size();
    }

    /**
     * @return private buffers borrowed and not yet given back: connections holding a partial frame.
     */
    int lent()
    {
        return lent;
    }

    /**
     * Free every buffer; the engine is closing.
     */
    void free()
    {
        ReadBuffer buffer;
        while (null != (buffer = pool.pollFirst()))
        {
            BufferUtil.free(buffer.byteBuffer);
        }
        BufferUtil.free(shared.byteBuffer);
    }

    /**
     * A direct buffer seen both as a {@link ByteBuffer} (for the channel) and as an {@link UnsafeBuffer} (for the
     * decoder).
     */
    static final class ReadBuffer
    {
        final ByteBuffer byteBuffer;
        final UnsafeBuffer buffer;
        final boolean isShared;

        ReadBuffer(final ByteBuffer byteBuffer, final boolean isShared)
        {
            this.byteBuffer = byteBuffer;
            this.buffer = new UnsafeBuffer(byteBuffer);
            this.isShared = isShared;
        }
    }
}
