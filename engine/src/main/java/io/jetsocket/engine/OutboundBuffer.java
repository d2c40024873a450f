/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Bytes of one connection that the socket has not taken yet. Allocated only when a write is partial
 * (an idle or keeping-up connection owns none), grown by doubling up to the connection's outbound cap,
 * and released again once drained if it had grown large.
 */
final class OutboundBuffer
{
    private static final int INITIAL_CAPACITY = 4096;
    private static final int RETAINED_CAPACITY = 256 * 1024;

    private final int maxCapacity;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private ByteBuffer byteBuffer;
    private int readIndex;
    private int writeIndex;

    OutboundBuffer(final int maxCapacity)
    {
        this.maxCapacity = maxCapacity;
    }

    boolean isEmpty()
    {
        return readIndex == writeIndex;
    }

    int size()
    {
        return writeIndex - readIndex;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Make room for {@code length} more bytes and return the offset to write them at; the caller then
     * calls {@link #commit(int)}. The caller has checked the outbound cap.
     */
    int claim(final int length)
    {
        if (null == byteBuffer || writeIndex + length > byteBuffer.capacity())
        {
            makeRoom(length);
        }
        return writeIndex;
    }

    void commit(final int length)
    {
        writeIndex += length;
    }

    void append(final DirectBuffer src, final int offset, final int length)
    {
        final int at = claim(length);
        buffer.putBytes(at, src, offset, length);
        commit(length);
    }

    /**
     * Write as much as the channel takes.
     *
     * @return bytes written.
     */
    int flushTo(final Transport transport) throws IOException
    {
        if (isEmpty())
        {
            return 0;
        }
        byteBuffer.limit(writeIndex).position(readIndex);
        final int written = transport.write(byteBuffer);
        readIndex += written;
        if (isEmpty())
        {
            readIndex = 0;
            writeIndex = 0;
            if (byteBuffer.capacity() > RETAINED_CAPACITY)
            {
                release();
            }
        }
        return written;
    }

    void release()
    {
        if (null != byteBuffer)
        {
            BufferUtil.free(byteBuffer);
            byteBuffer = null;
            buffer.wrap(0, 0);
        }
        readIndex = 0;
        writeIndex = 0;
    }

    private void makeRoom(final int length)
    {
        final int size = size();
        final int required = size + length;
        if (required > maxCapacity)
        {
            throw new IllegalStateException("outbound buffer over its cap: " + required + " > " + maxCapacity);
        }
        if (null != byteBuffer && required <= byteBuffer.capacity())
        {
            buffer.putBytes(0, buffer, readIndex, size); // compact: move the unsent bytes to the front
        }
        else
        {
            final int capacity = (int)Math.min(maxCapacity,
                Math.max(INITIAL_CAPACITY, Long.highestOneBit(Math.max(1, required - 1)) << 1));
            final ByteBuffer grown = ByteBuffer.allocateDirect(capacity);
            final UnsafeBuffer target = new UnsafeBuffer(grown);
            if (size > 0)
            {
                target.putBytes(0, buffer, readIndex, size);
            }
            if (null != byteBuffer)
            {
                BufferUtil.free(byteBuffer);
            }
            byteBuffer = grown;
            buffer.wrap(grown);
        }
        readIndex = 0;
        writeIndex = size;
    }
}
