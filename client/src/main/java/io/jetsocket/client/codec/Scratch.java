/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import org.agrona.DirectBuffer;

/**
 * Per-thread scratch arrays, to hand a parser a {@code byte[]} view of a payload without allocating per
 * message.
 */
final class Scratch
{
    private static final ThreadLocal<byte[][]> BYTES = ThreadLocal.withInitial(() -> new byte[][]{ new byte[4096] });

    private Scratch()
    {
    }

    /**
     * A per-thread array holding a copy of the payload at index 0 (valid until the next call on this thread).
     */
    static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[][] holder = BYTES.get();
        byte[] bytes = holder[0];
        if (bytes.length < length)
        {
            bytes = new byte[Math.max(length, bytes.length * 2)];
            holder[0] = bytes;
        }
        buffer.getBytes(offset, bytes, 0, length);
        return bytes;
    }

    /**
     * The array behind a buffer and the index of {@code offset} in it, if the buffer wraps a {@code byte[]}.
     */
    static int arrayIndex(final DirectBuffer buffer, final int offset)
    {
        return buffer.wrapAdjustment() + offset;
    }
}
