/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.nio.ByteBuffer;

/**
 * The sink's frame step ({@link PongSink}): masked client frames in, nothing kept. Data frames are counted and
 * their payloads skipped, across reads, without copying; control frames (at most 131 bytes) are read whole; a pong
 * with an 8-byte payload reports that payload (the ping's sequence number). Engine-free so that a test can feed
 * it any split of the stream.
 */
final class SinkFrames
{
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PONG = 0xA;

    private long skip;
    private volatile long dataFrames;
    private long dataBytes;

    /**
     * What the scan found besides data frames.
     */
    interface Listener
    {
        /**
         * A pong with an 8-byte payload arrived.
         *
         * @param payload the payload, unmasked, read big-endian.
         */
        void onPong(long payload);
    }

    /**
     * Consume every complete control frame and every data frame's bytes in {@code in} (read mode); a partial
     * header or control frame stays at the position, to be completed by the next read.
     *
     * @param in       client bytes.
     * @param listener told of pongs.
     * @return false once a close frame was read.
     */
    boolean scan(final ByteBuffer in, final Listener listener)
    {
        while (true)
        {
            if (skip > 0)
            {
                final int n = (int)Math.min(skip, in.remaining());
                in.position(in.position() + n);
                skip -= n;
                if (skip > 0)
                {
                    return true;
                }
            }
            final int p = in.position();
            final int header = FrameHeader.length(in, p);
            if (FrameHeader.INCOMPLETE == header)
            {
                return true;
            }
            final int opcode = in.get(p) & 0x0F;
            final long length = FrameHeader.payloadLength(in, p);
            if (opcode >= OPCODE_CLOSE)
            {
                if (in.remaining() < header + length)
                {
                    return true;
                }
                if (OPCODE_PONG == opcode && Long.BYTES == length)
                {
                    final int mask = FrameHeader.isMasked(in, p) ? in.getInt(p + header - 4) : 0;
                    final long mask64 = ((long)mask << 32) | (mask & 0xFFFF_FFFFL);
                    listener.onPong(in.getLong(p + header) ^ mask64);
                }
                in.position(p + header + (int)length);
                if (OPCODE_CLOSE == opcode)
                {
                    return false;
                }
            }
            else
            {
                dataFrames++; // only the reading thread writes it
                dataBytes += length;
                in.position(p + header);
                skip = length;
            }
        }
    }

    /**
     * Data frames whose header has been read; readable from any thread.
     *
     * @return the count.
     */
    long dataFrames()
    {
        return dataFrames;
    }

    /**
     * Payload bytes of the data frames counted (reading thread only).
     *
     * @return bytes.
     */
    long dataBytes()
    {
        return dataBytes;
    }
}
