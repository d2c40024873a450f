/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * The sending half of permessage-deflate (RFC 7692 §7.2.1) for one connection: one raw-deflate {@link Deflater},
 * created on the first message worth compressing (a connection that only sends small messages never pays for its
 * few hundred KiB of native memory), reused for every message, and {@link #close() ended} when the connection is
 * released.
 * <p>
 * Each message is compressed whole with a sync flush and the trailing {@code 00 00 ff ff} removed. The JDK deflater
 * always uses a 32 KiB (15-bit) window, which is why the client never offers {@code client_max_window_bits}. With
 * {@code client_no_context_takeover} the deflater is reset after every message. Not thread safe.
 */
public final class MessageDeflater implements AutoCloseable
{
    private static final int CHUNK = 8 * 1024;

    private final int level;
    private final boolean noContextTakeover;
    private final InputView inputView = new InputView();
    private Deflater deflater;
    private byte[] copyChunk;
    private boolean closed;

    /**
     * A deflater for one connection.
     *
     * @param level             compression level, 0-9, or {@link Deflater#DEFAULT_COMPRESSION}.
     * @param noContextTakeover true when {@code client_no_context_takeover} was negotiated.
     */
    public MessageDeflater(final int level, final boolean noContextTakeover)
    {
        if (level != Deflater.DEFAULT_COMPRESSION && (level < Deflater.NO_COMPRESSION || level > 9))
        {
            throw new IllegalArgumentException("compression level must be -1 or 0..9: " + level);
        }
        this.level = level;
        this.noContextTakeover = noContextTakeover;
    }

    /**
     * Compress one whole message.
     *
     * @param src       holding the payload.
     * @param offset    of the payload.
     * @param length    of the payload.
     * @param dst       where the compressed bytes go; grown as needed.
     * @param dstOffset where the compressed bytes start.
     * @return the length of the compressed payload (without the {@code 00 00 ff ff} tail).
     */
    public int deflate(
        final DirectBuffer src,
        final int offset,
        final int length,
        final ExpandableArrayBuffer dst,
        final int dstOffset)
    {
        final Deflater deflater = deflater();
        final ByteBuffer view = inputView.byteBufferOf(src, offset, length);
        int produced;
        if (null != view)
        {
            deflater.setInput(view);
            produced = drain(dst, dstOffset);
        }
        else if (null != src.byteArray())
        {
            deflater.setInput(src.byteArray(), src.wrapAdjustment() + offset, length);
            produced = drain(dst, dstOffset);
        }
        else
        {
            produced = deflateByCopy(src, offset, length, dst, dstOffset);
        }
        if (produced >= 4 &&
            0 == dst.getByte(dstOffset + produced - 4) && 0 == dst.getByte(dstOffset + produced - 3) &&
            (byte)0xFF == dst.getByte(dstOffset + produced - 2) && (byte)0xFF == dst.getByte(dstOffset + produced - 1))
        {
            produced -= 4;
        }
        else
        {
            throw new IllegalStateException("deflater output does not end with a sync flush");
        }
        if (noContextTakeover)
        {
            deflater.reset();
        }
        return produced;
    }

    /**
     * Forget the compression context: the next message starts a fresh deflate stream, which any receiver can
     * inflate whatever its own context (used when a compressed message turned out larger than the original and is
     * sent uncompressed instead).
     */
    public void resetContext()
    {
        if (null != deflater)
        {
            deflater.reset();
        }
    }

    /**
     * Has the deflater been created (by a first compressed message)?
     *
     * @return true once native memory is held.
     */
    public boolean isAllocated()
    {
        return null != deflater;
    }

    /**
     * Release the native memory of the deflater. Idempotent; the object must not be used afterwards.
     */
    public void close()
    {
        closed = true;
        if (null != deflater)
        {
            deflater.end();
            deflater = null;
        }
        inputView.clear();
    }

    private Deflater deflater()
    {
        if (null == deflater)
        {
            if (closed)
            {
                throw new IllegalStateException("deflater used after close()");
            }
            deflater = new Deflater(level, true);
        }
        return deflater;
    }

    private int deflateByCopy(
        final DirectBuffer src,
        final int offset,
        final int length,
        final ExpandableArrayBuffer dst,
        final int dstOffset)
    {
        if (null == copyChunk)
        {
            copyChunk = new byte[CHUNK];
        }
        int produced = 0;
        int done = 0;
        do
        {
            final int n = Math.min(CHUNK, length - done);
            src.getBytes(offset + done, copyChunk, 0, n);
            deflater.setInput(copyChunk, 0, n);
            done += n;
            produced += drain(dst, dstOffset + produced);
        }
        while (done < length);
        return produced;
    }

    /**
     * Deflate with a sync flush until the deflater leaves room in the output: then all input is consumed and
     * flushed (see {@link Deflater#deflate(byte[], int, int, int)}).
     */
    private int drain(final ExpandableArrayBuffer dst, final int dstOffset)
    {
        int produced = 0;
        while (true)
        {
            dst.checkLimit(dstOffset + produced + CHUNK);
            final int room = dst.capacity() - dstOffset - produced;
            final int n = deflater.deflate(dst.byteArray(), dstOffset + produced, room, Deflater.SYNC_FLUSH);
            produced += n;
            if (n < room)
            {
                return produced;
            }
        }
    }
}
