/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * The sending half of permessage-deflate (RFC 7692 §7.2.1) for one connection: a raw-deflate {@link Deflater},
 * created on the first message worth compressing (a connection that only sends small messages never pays for its
 * few hundred KiB of native memory), reused for every message, and {@link #close() ended} when the connection is
 * released.
 * <p>
 * Each message is compressed whole with a sync flush and the trailing {@code 00 00 ff ff} removed. With
 * {@code client_no_context_takeover} the deflater is reset after every message.
 * <p>
 * <b>A window below 15 bits.</b> The JDK deflater always compresses with a 32 KiB (15-bit) window: its
 * back-references may reach up to 32 KiB behind, into earlier messages too, which a server that limited our window
 * to 2^N bytes ({@code client_max_window_bits=N}) cannot resolve. Below 15 bits every message is therefore made so
 * that no back-reference reaches further than 2^N bytes:
 * <ul>
 *   <li>a message of at most 2^N bytes: the deflater is reset (so it knows nothing of earlier messages) and, unless
 *       {@code client_no_context_takeover} is in force, given as preset dictionary the last 2^N - length bytes of
 *       what the server has inflated so far (kept here in a 2^N-byte history). Every distance is then below the
 *       dictionary length plus the message length, at most 2^N, and the server's inflater, whose window holds
 *       exactly those bytes, resolves it. This keeps most of the gain of context takeover for small messages;</li>
 *   <li>a longer message: a second deflater with the {@link Deflater#HUFFMAN_ONLY} strategy, which emits no
 *       back-reference at all, only literals coded by frequency. Its own strategy never changes, so it cannot
 *       flush input with another strategy as a {@code deflateParams} switch on a used stream may.</li>
 * </ul>
 * Measured on market-data JSON (perf {@code DeflateWindowRatio}: 2000 messages of one size, level 6, bytes sent
 * over message bytes; 1.000 is uncompressed):
 * <pre>
 * message  15-bit window   this, 12 bits  this, 9 bits  this, 8 bits  reset, no dictionary  Huffman-only
 *   200 B  0.106           0.112          0.140         0.578         0.682                 0.757
 *   512 B  0.054           0.054          0.392         0.600 (H)     0.392 (at 9 bits)     0.600
 *  1000 B  0.032           0.032          0.539 (H)     0.539 (H)     0.290 (at 12 bits)    0.539
 * 16384 B  0.013           0.481 (H)      0.481 (H)     0.481 (H)     -                     0.481
 * </pre>
 * (H): longer than the window, so Huffman-only; sending those uncompressed instead would give 1.000. A third
 * way was measured and not taken: a long message cut into chunks of half the window, each from a reset deflater
 * with the previous half window as dictionary, gives 0.26 (9 bits) and 0.19 (12 bits) on 16-64 KiB messages, but
 * every {@link Deflater#reset()} clears zlib's 128 KiB hash table, about three times the CPU time of Huffman-only
 * on the engine thread for a 64 KiB message at 9 bits. The caller sends the message compressed exactly when
 * {@link #deflate} returns less than its length, as the history assumes.
 * <p>
 * Not thread safe.
 */
public final class MessageDeflater implements AutoCloseable
{
    private static final int CHUNK = 8 * 1024;

    private final int level;
    private final boolean noContextTakeover;
    private final int windowSize;
    private final boolean reducedWindow;
    private final InputView inputView = new InputView();
    private Deflater deflater;
    private Deflater huffmanDeflater;
    private byte[] history;
    private int historyLength;
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
        this(level, noContextTakeover, DeflateParameters.MAX_WINDOW_BITS);
    }

    /**
     * A deflater for one connection whose window the server may have limited.
     *
     * @param level             compression level, 0-9, or {@link Deflater#DEFAULT_COMPRESSION}.
     * @param noContextTakeover true when {@code client_no_context_takeover} was negotiated.
     * @param windowBits        the negotiated {@code client_max_window_bits}, 8..15.
     */
    public MessageDeflater(final int level, final boolean noContextTakeover, final int windowBits)
    {
        if (level != Deflater.DEFAULT_COMPRESSION && (level < Deflater.NO_COMPRESSION || level > 9))
        {
            throw new IllegalArgumentException("compression level must be -1 or 0..9: " + level);
        }
        if (!DeflateOffer.isWindowBits(windowBits))
        {
            throw new IllegalArgumentException("window bits must be 8..15: " + windowBits);
        }
        this.level = level;
        this.noContextTakeover = noContextTakeover;
        this.windowSize = 1 << windowBits;
        this.reducedWindow = windowBits < DeflateParameters.MAX_WINDOW_BITS;
    }

    /**
     * Compress one whole message.
     *
     * @param src       holding the payload.
     * @param offset    of the payload.
     * @param length    of the payload.
     * @param dst       where the compressed bytes go; grown as needed.
     * @param dstOffset where the compressed bytes start.
     * @return the length of the compressed payload (without the {@code 00 00 ff ff} tail); the caller sends the
     * message compressed exactly when this is less than {@code length}, and otherwise calls {@link #resetContext()}.
     */
    public int deflate(
        final DirectBuffer src,
        final int offset,
        final int length,
        final ExpandableArrayBuffer dst,
        final int dstOffset)
    {
        final Deflater deflater = reducedWindow ? windowedDeflater(length) : deflater();
        final ByteBuffer view = inputView.byteBufferOf(src, offset, length);
        int produced;
        if (null != view)
        {
            deflater.setInput(view);
            produced = drain(deflater, dst, dstOffset);
        }
        else if (null != src.byteArray())
        {
            deflater.setInput(src.byteArray(), src.wrapAdjustment() + offset, length);
            produced = drain(deflater, dst, dstOffset);
        }
        else
        {
            produced = deflateByCopy(deflater, src, offset, length, dst, dstOffset);
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
        else if (reducedWindow && produced < length)
        {
            // Sent compressed: these bytes are now the end of what the server's inflater holds.
            remember(src, offset, length);
        }
        return produced;
    }

    /**
     * Forget the compression context: the next message starts a fresh deflate stream, which any receiver can
     * inflate whatever its own context (used when a compressed message turned out larger than the original and is
     * sent uncompressed instead). Below a 15-bit window there is nothing to forget: every message starts from a
     * reset deflater, and the history only holds what was sent compressed.
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
        return null != deflater || null != huffmanDeflater;
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
        if (null != huffmanDeflater)
        {
            huffmanDeflater.end();
            huffmanDeflater = null;
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

    /**
     * The deflater for one message under a window of {@link #windowSize} bytes, ready for its input: see the class
     * comment for why no back-reference it makes can reach outside the window.
     */
    private Deflater windowedDeflater(final int length)
    {
        if (length > windowSize)
        {
            if (null == huffmanDeflater)
            {
                if (closed)
                {
                    throw new IllegalStateException("deflater used after close()");
                }
                // Strategy set before the first deflate call, never changed afterwards.
                huffmanDeflater = new Deflater(level, true);
                huffmanDeflater.setStrategy(Deflater.HUFFMAN_ONLY);
            }
            return huffmanDeflater;
        }
        final Deflater deflater = deflater();
        deflater.reset();
        if (!noContextTakeover && historyLength > 0)
        {
            final int dictionaryLength = Math.min(historyLength, windowSize - length);
            if (dictionaryLength > 0)
            {
                deflater.setDictionary(history, historyLength - dictionaryLength, dictionaryLength);
            }
        }
        return deflater;
    }

    /**
     * Append a message sent compressed to the history: the last {@link #windowSize} bytes the server inflated.
     */
    private void remember(final DirectBuffer src, final int offset, final int length)
    {
        if (null == history)
        {
            history = new byte[windowSize];
        }
        if (length >= windowSize)
        {
            src.getBytes(offset + length - windowSize, history, 0, windowSize);
            historyLength = windowSize;
        }
        else
        {
            final int kept = Math.min(historyLength, windowSize - length);
            System.arraycopy(history, historyLength - kept, history, 0, kept);
            src.getBytes(offset, history, kept, length);
            historyLength = kept + length;
        }
    }

    private int deflateByCopy(
        final Deflater deflater,
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
            produced += drain(deflater, dst, dstOffset + produced);
        }
        while (done < length);
        return produced;
    }

    /**
     * Deflate with a sync flush until the deflater leaves room in the output with all input consumed: then it is
     * flushed (see {@link Deflater#deflate(byte[], int, int, int)}). The input check matters for the first call on a
     * deflater whose strategy was set: that call only applies the strategy and consumes nothing.
     */
    private static int drain(final Deflater deflater, final ExpandableArrayBuffer dst, final int dstOffset)
    {
        int produced = 0;
        while (true)
        {
            dst.checkLimit(dstOffset + produced + CHUNK);
            final int room = dst.capacity() - dstOffset - produced;
            final int n = deflater.deflate(dst.byteArray(), dstOffset + produced, room, Deflater.SYNC_FLUSH);
            produced += n;
            if (n < room && deflater.needsInput())
            {
                return produced;
            }
        }
    }
}
