/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.transport.Transport;
import io.jetsocket.engine.frame.FrameEncoder;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Bytes of one connection that the socket has not taken yet. Allocated only when a write is partial
 * (an idle or keeping-up connection owns none), grown by doubling up to the connection's outbound cap,
 * and released again once drained if it had grown large.
 * <p>
 * It knows where its frames end, so that a control frame can be written at the next frame boundary, ahead of the
 * data behind it: {@link #frameEnd} is a boundary at or after {@link #readIndex} (or, after a write went past it, a
 * boundary from which the frame headers are walked forward). Units appended with {@link #appendUnit} (the tail of
 * a frame the socket took only part of, handshake bytes) count as one frame; frames added with {@link #appendFrame}
 * or with {@link #claim(int)} and {@link #commit(int)} are the encoder's whole frames.
 */
final class OutboundBuffer
{
    private static final int INITIAL_CAPACITY = 4096;
    private static final int RETAINED_CAPACITY = 256 * 1024;

    private final int maxCapacity;
    private final int growthLimit;
    private long bytesMoved;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private ByteBuffer byteBuffer;
    private int readIndex;
    private int writeIndex;
    private int frameEnd;

    OutboundBuffer(final int maxCapacity)
    {
        this.maxCapacity = maxCapacity;
        // Room to grow beyond the cap on queued bytes, so that compaction waits until as much has been written out
        // at the front as there is to move (see makeRoom).
        this.growthLimit = (int)Math.min(Integer.MAX_VALUE - 8, 2L * maxCapacity);
    }

    boolean isEmpty()
    {
        return readIndex == writeIndex;
    }

    int size()
    {
        return writeIndex - readIndex;
    }

    /**
     * Bytes moved by compaction so far (each byte should move about once at most).
     */
    long bytesMoved()
    {
        return bytesMoved;
    }

    int capacity()
    {
        return null == byteBuffer ? 0 : byteBuffer.capacity();
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

    /**
     * Append bytes that must go out as one unit, never split by a control frame: the unwritten tail of a frame, or
     * handshake bytes.
     */
    void appendUnit(final DirectBuffer src, final int offset, final int length)
    {
        final int at = claim(length);
        buffer.putBytes(at, src, offset, length);
        commit(length);
        // Everything queued so far is now one unit: the next boundary is its end. (Only the tail of a frame comes
        // here once the connection is open, and only into an empty buffer.)
        frameEnd = writeIndex;
    }

    /**
     * Append one whole encoded frame.
     */
    void appendFrame(final DirectBuffer src, final int offset, final int length)
    {
        final int at = claim(length);
        buffer.putBytes(at, src, offset, length);
        commit(length);
    }

    /**
     * Bytes to write before the next frame boundary: 0 when the next byte starts a frame (or nothing is queued).
     */
    int bytesToFrameBoundary()
    {
        walkToReadIndex();
        return frameEnd - readIndex;
    }

    /**
     * Write as much as the channel takes.
     *
     * @return bytes written.
     */
    int flushTo(final Transport transport) throws IOException
    {
        return flushTo(transport, size());
    }

    /**
     * Write at most {@code maxBytes} (e.g. up to the next frame boundary).
     *
     * @return bytes written.
     */
    int flushTo(final Transport transport, final int maxBytes) throws IOException
    {
        if (isEmpty())
        {
            return 0;
        }
        byteBuffer.limit(readIndex + Math.min(maxBytes, size())).position(readIndex);
        final int written = transport.write(byteBuffer);
        readIndex += written;
        if (isEmpty())
        {
            clear();
            if (byteBuffer.capacity() > RETAINED_CAPACITY)
            {
                release();
            }
        }
        return written;
    }

    /**
     * Hand each frame not yet started to the visitor (the frame at the read index counts as started when part of
     * it was written), then forget every queued byte. The visitor may change the frame's bytes (unmask them).
     *
     * @return bytes of the frame already partly written that were dropped with it (0 at a boundary).
     */
    int drainUnsent(final FrameVisitor visitor)
    {
        final int partial = bytesToFrameBoundary();
        int at = frameEnd;
        while (at < writeIndex)
        {
            final int length = FrameEncoder.encodedFrameLength(buffer, at);
            visitor.onFrame(buffer, at, length);
            at += length;
        }
        clear();
        return partial;
    }

    void release()
    {
        if (null != byteBuffer)
        {
            BufferUtil.free(byteBuffer);
            byteBuffer = null;
            buffer.wrap(0, 0);
        }
        clear();
    }

    private void clear()
    {
        readIndex = 0;
        writeIndex = 0;
        frameEnd = 0;
    }

    /**
     * Bring {@link #frameEnd} to the first boundary at or after the read index, reading the headers of the frames
     * written since. Only needed when a control frame waits, or before compacting.
     */
    private void walkToReadIndex()
    {
        while (frameEnd < readIndex)
        {
            frameEnd += FrameEncoder.encodedFrameLength(buffer, frameEnd);
        }
    }

    private void makeRoom(final int length)
    {
        walkToReadIndex();
        final int size = size();
        final int required = size + length;
        if (required > maxCapacity)
        {
            throw new IllegalStateException("outbound buffer over its cap: " + required + " > " + maxCapacity);
        }
        final int frameEndOffset = frameEnd - readIndex;
        final int capacity = null == byteBuffer ? 0 : byteBuffer.capacity();
        // Compact only once the space already written out at the front is at least what has to move (or the buffer
        // may grow no more): each byte then moves about once, instead of the whole backlog on every write of a
        // saturated connection.
        if (required <= capacity && (readIndex >= size || capacity >= growthLimit))
        {
            buffer.putBytes(0, buffer, readIndex, size); // compact: move the unsent bytes to the front
            bytesMoved += size;
        }
        else
        {
            final int newCapacity = (int)Math.min(growthLimit,
                Math.max(INITIAL_CAPACITY, Long.highestOneBit(Math.max(1, 2L * required - 1)) << 1));
            final ByteBuffer grown = ByteBuffer.allocateDirect(newCapacity);
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
        frameEnd = frameEndOffset;
    }

    /**
     * Sees each whole frame left in the buffer when a connection ends.
     */
    @FunctionalInterface
    interface FrameVisitor
    {
        /**
         * One encoded frame.
         *
         * @param buffer holding it.
         * @param offset of its first header byte.
         * @param length of the whole frame.
         */
        void onFrame(UnsafeBuffer buffer, int offset, int length);
    }
}
