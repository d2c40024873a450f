/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The received bytes of one connection that the decoder has not consumed yet: {@code [position, limit)} of a read
 * buffer. Reads append at the limit, the decoder consumes from the position, and {@link #compact()} moves what is
 * left (a partial frame) to the front before the next read so the buffer never fills with consumed bytes. The
 * engine's receiver and the decoder tests drive the decoder through it, so both run the same loop.
 */
public final class ReadWindow
{
    private UnsafeBuffer buffer;
    private int position;
    private int limit;

    /**
     * An empty window: {@link #wrap} a buffer before reading into it.
     */
    public ReadWindow()
    {
    }

    /**
     * Read into this buffer from now on (the window is emptied).
     *
     * @param buffer the read buffer.
     */
    public void wrap(final UnsafeBuffer buffer)
    {
        this.buffer = buffer;
        position = 0;
        limit = 0;
    }

    /**
     * Move the unconsumed bytes to the front of the buffer (or empty the window when none are left).
     */
    public void compact()
    {
        if (position == limit)
        {
            position = 0;
            limit = 0;
        }
        else if (position > 0)
        {
            final int remaining = limit - position;
            buffer.putBytes(0, buffer, position, remaining);
            position = 0;
            limit = remaining;
        }
    }

    /**
     * Bytes were read into the buffer at {@link #limit()}.
     *
     * @param length how many.
     */
    public void appended(final int length)
    {
        limit += length;
    }

    /**
     * Everything up to here was consumed (by a parser that keeps what it needs).
     *
     * @param newPosition the first unconsumed byte.
     */
    public void consumedTo(final int newPosition)
    {
        position = newPosition;
    }

    /**
     * Offer the unconsumed bytes to the decoder and consume what it took.
     *
     * @param decoder to decode with.
     * @param handler of the frames' events.
     * @return bytes the decoder consumed.
     */
    public int decode(final FrameDecoder decoder, final FrameHandler handler)
    {
        final int consumed = decoder.decode(buffer, position, limit - position, handler);
        position += consumed;
        return consumed;
    }

    /**
     * The buffer read into.
     *
     * @return the buffer, or null before {@link #wrap}.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * First unconsumed byte.
     *
     * @return the position.
     */
    public int position()
    {
        return position;
    }

    /**
     * End of the bytes read.
     *
     * @return the limit.
     */
    public int limit()
    {
        return limit;
    }

    /**
     * Bytes read but not consumed.
     *
     * @return limit minus position.
     */
    public int remaining()
    {
        return limit - position;
    }
}
