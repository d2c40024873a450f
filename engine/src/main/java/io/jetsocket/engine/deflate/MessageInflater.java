/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The receiving half of permessage-deflate (RFC 7692 §7.2.2) for one connection: one raw-deflate
 * {@link Inflater}, reused for every compressed message and {@link #close() ended} when the connection is
 * released (its native memory is not reclaimed by the garbage collector in time otherwise).
 * <p>
 * Compressed payload bytes are fed as they arrive ({@link #inflate}), and inflated straight into the caller's
 * reassembly buffer in chunks of at most {@value #CHUNK} bytes, never producing more than one byte past the room
 * the caller allows: a decompression bomb is stopped as soon as it passes the message size limit, with memory
 * bounded by that limit. At the end of the message {@link #finishMessage} appends the {@code 00 00 ff ff} tail the
 * sender removed and drains the rest.
 * <p>
 * A message whose deflate data ends with a final block (BFINAL set, RFC 7692 §7.2.3.4) is accepted; bytes after a
 * final block, corrupt data, or a preset dictionary fail the message with {@link #CORRUPT}. After a failure the
 * inflater is reset, never reused in a broken state. Not thread safe.
 */
public final class MessageInflater implements AutoCloseable
{
    /** Returned when inflating would exceed the room allowed: fail the connection with 1009. */
    public static final int TOO_BIG = -1;
    /** Returned when the deflate data is invalid: fail the connection with 1007 (see {@link #failureReason()}). */
    public static final int CORRUPT = -2;

    /** Largest piece inflated in one call, so that output grows in bounded steps. */
    static final int CHUNK = 16 * 1024;
    private static final byte[] TAIL = {0, 0, (byte)0xFF, (byte)0xFF};
    private static final int COPY_CHUNK = 8 * 1024;

    private final boolean noContextTakeover;
    private final InputView inputView = new InputView();
    private Inflater inflater;
    private byte[] copyChunk;
    private boolean streamFinished;
    private String failureReason;

    /**
     * An inflater for one connection.
     *
     * @param noContextTakeover true when {@code server_no_context_takeover} was negotiated: the inflater is reset
     *                          after every message.
     */
    public MessageInflater(final boolean noContextTakeover)
    {
        this.noContextTakeover = noContextTakeover;
        this.inflater = new Inflater(true);
    }

    /**
     * Inflate more compressed bytes of the current message.
     *
     * @param src       holding compressed bytes.
     * @param offset    of the compressed bytes.
     * @param length    of the compressed bytes.
     * @param dst       reassembly buffer to inflate into; grown as needed.
     * @param dstOffset where the inflated bytes go.
     * @param maxOutput room left under the message size limit.
     * @return bytes inflated (all input is consumed), or {@link #TOO_BIG} or {@link #CORRUPT}.
     */
    public int inflate(
        final DirectBuffer src,
        final int offset,
        final int length,
        final ExpandableArrayBuffer dst,
        final int dstOffset,
        final int maxOutput)
    {
        if (0 == length)
        {
            return 0;
        }
        if (streamFinished)
        {
            return corrupt("compressed data after the final deflate block");
        }
        final Inflater inflater = inflater();
        final ByteBuffer view = inputView.byteBufferOf(src, offset, length);
        if (null != view)
        {
            inflater.setInput(view);
            return drain(dst, dstOffset, maxOutput);
        }
        final byte[] array = src.byteArray();
        if (null != array)
        {
            inflater.setInput(array, src.wrapAdjustment() + offset, length);
            return drain(dst, dstOffset, maxOutput);
        }
        return inflateByCopy(src, offset, length, dst, dstOffset, maxOutput);
    }

    /**
     * End the current message: inflate the {@code 00 00 ff ff} tail and whatever is still pending, then reset the
     * inflater when there is no context takeover (or when the sender ended its deflate stream).
     *
     * @param dst       reassembly buffer to inflate into.
     * @param dstOffset where the inflated bytes go.
     * @param maxOutput room left under the message size limit.
     * @return bytes inflated, or {@link #TOO_BIG} or {@link #CORRUPT}.
     */
    public int finishMessage(final ExpandableArrayBuffer dst, final int dstOffset, final int maxOutput)
    {
        final Inflater inflater = inflater();
        if (streamFinished)
        {
            // The sender closed its deflate stream: the next message starts a new one.
            streamFinished = false;
            inflater.reset();
            return 0;
        }
        inflater.setInput(TAIL, 0, TAIL.length);
        final int produced = drain(dst, dstOffset, maxOutput);
        if (produced >= 0)
        {
            if (streamFinished || noContextTakeover)
            {
                streamFinished = false;
                inflater.reset();
            }
        }
        return produced;
    }

    /**
     * Forget the current message and the compression context (after a failure, or before reuse).
     */
    public void reset()
    {
        streamFinished = false;
        failureReason = null;
        if (null != inflater)
        {
            inflater.reset();
        }
    }

    /**
     * What was wrong with the data after {@link #CORRUPT}.
     *
     * @return a short description, or null.
     */
    public String failureReason()
    {
        return failureReason;
    }

    /**
     * Is the inflater's native memory released?
     *
     * @return true after {@link #close()}.
     */
    public boolean isClosed()
    {
        return null == inflater;
    }

    /**
     * Release the native memory of the inflater. Idempotent; the object must not be used afterwards.
     */
    public void close()
    {
        if (null != inflater)
        {
            inflater.end();
            inflater = null;
        }
        inputView.clear();
    }

    private Inflater inflater()
    {
        if (null == inflater)
        {
            throw new IllegalStateException("inflater used after close()");
        }
        return inflater;
    }

    private int inflateByCopy(
        final DirectBuffer src,
        final int offset,
        final int length,
        final ExpandableArrayBuffer dst,
        final int dstOffset,
        final int maxOutput)
    {
        if (null == copyChunk)
        {
            copyChunk = new byte[COPY_CHUNK];
        }
        int total = 0;
        for (int done = 0; done < length; )
        {
            final int n = Math.min(COPY_CHUNK, length - done);
            src.getBytes(offset + done, copyChunk, 0, n);
            inflater.setInput(copyChunk, 0, n);
            final int produced = drain(dst, dstOffset + total, maxOutput - total);
            if (produced < 0)
            {
                return produced;
            }
            total += produced;
            done += n;
            if (streamFinished && done < length)
            {
                return corrupt("compressed data after the final deflate block");
            }
        }
        return total;
    }

    /**
     * Inflate until the input is used up, in chunks, stopping one byte past {@code maxOutput}.
     */
    private int drain(final ExpandableArrayBuffer dst, final int dstOffset, final int maxOutput)
    {
        final Inflater inflater = this.inflater;
        int produced = 0;
        while (true)
        {
            // One byte of room past the limit tells "exactly at the limit" from "over it".
            final int want = (int)Math.min(CHUNK, (long)maxOutput - produced + 1);
            dst.checkLimit(dstOffset + produced + want);
            final int n;
            try
            {
                n = inflater.inflate(dst.byteArray(), dstOffset + produced, want);
            }
            catch (final DataFormatException ex)
            {
                return corrupt("invalid deflate data: " + ex.getMessage());
            }
            produced += n;
            if (produced > maxOutput)
            {
                inflater.reset();
                streamFinished = false;
                return TOO_BIG;
            }
            if (inflater.finished())
            {
                streamFinished = true;
                return inflater.getRemaining() > 0 ? corrupt("compressed data after the final deflate block") :
                    produced;
            }
            if (inflater.needsDictionary())
            {
                return corrupt("deflate data needs a preset dictionary");
            }
            if (n < want)
            {
                if (inflater.needsInput())
                {
                    return produced;
                }
                if (0 == n)
                {
                    return corrupt("deflate data makes no progress");
                }
            }
        }
    }

    private int corrupt(final String reason)
    {
        failureReason = reason;
        streamFinished = false;
        if (null != inflater)
        {
            inflater.reset();
        }
        return CORRUPT;
    }
}
