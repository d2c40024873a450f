/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;

/**
 * Presents a range of a {@link DirectBuffer} to {@code java.util.zip} without copying: the backing array when the
 * buffer wraps one, otherwise a duplicate of the backing {@link ByteBuffer}, made once per backing buffer and then
 * repositioned (so a connection that always sends from, or reads into, the same buffers allocates nothing).
 */
final class InputView
{
    private ByteBuffer origin;
    private ByteBuffer view;

    /**
     * A view positioned on the range, or null when the buffer is backed by an array (or by a raw address) and the
     * caller must use {@link DirectBuffer#byteArray()} or copy.
     */
    ByteBuffer byteBufferOf(final DirectBuffer buffer, final int offset, final int length)
    {
        final ByteBuffer backing = buffer.byteBuffer();
        if (null == backing || null != buffer.byteArray())
        {
            return null;
        }
        if (backing != origin)
        {
            origin = backing;
            view = backing.duplicate();
        }
        final int position = buffer.wrapAdjustment() + offset;
        view.clear();
        view.position(position);
        view.limit(position + length);
        return view;
    }

    void clear()
    {
        origin = null;
        view = null;
    }
}
