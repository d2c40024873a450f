/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.compression;

import io.jetsocket.client.config.PayloadCompression;
import io.jetsocket.client.config.PayloadCompressionConfig;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.frame.CloseCode;
import io.jetsocket.engine.frame.Utf8Validator;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates whole messages compressed outside RFC 7692 (gzip, zlib or raw deflate binary frames, see
 * {@link PayloadCompression}) into one output buffer reused for every message, on the engine thread.
 * <p>
 * One raw-deflate {@link Inflater} (reset per message) does the deflate data of every format; the gzip and zlib
 * headers are parsed here and their trailers (CRC-32 and length, Adler-32) checked over the output, so that nothing
 * is allocated per message: {@code GZIPInputStream} would build a stream, a buffer and an inflater each time. The
 * compressed bytes are read from the caller's buffer in place when it is backed by an array, or copied in pieces of
 * {@value #INPUT_CHUNK} bytes into one reused array when it is off-heap (the engine's read buffers), which costs
 * little next to inflating and keeps the input side bounded.
 * <p>
 * The output never grows past {@code maxLength + 1} bytes: the inflater produces at most one byte more than the
 * limit allows before a message is refused with {@link #TOO_BIG}, so a compression bomb costs bounded memory and
 * time. Data that is not a valid, complete stream of its format is refused with {@link #CORRUPT}; then
 * {@link #failureReason()} says why and {@link #failureCloseCode()} gives the close code. Not thread safe.
 */
public final class PayloadInflater implements AutoCloseable
{
    /** Returned when the message would inflate past the limit: close with 1009. */
    public static final int TOO_BIG = -1;
    /** Returned when the message is not valid data of its format (or not UTF-8 where text is asked): 1007. */
    public static final int CORRUPT = -2;

    /** First size of the output buffer (grown, up to the limit, by whatever message needs more). */
    static final int INITIAL_CAPACITY = 4 * 1024;
    /** Largest piece of off-heap input copied at a time. */
    static final int INPUT_CHUNK = 8 * 1024;

    private static final int GZIP_ID1 = 0x1f;
    private static final int GZIP_ID2 = 0x8b;
    private static final int DEFLATE_METHOD = 8;
    private static final int GZIP_HEADER_LENGTH = 10;
    private static final int GZIP_TRAILER_LENGTH = 8;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int GZIP_RESERVED_FLAGS = 0xE0;
    private static final int ZLIB_HEADER_LENGTH = 2;
    private static final int ZLIB_TRAILER_LENGTH = 4;
    private static final int ZLIB_MAX_WINDOW_INFO = 7;
    private static final int ZLIB_FDICT = 0x20;
    private static final int ZLIB_CHECK_DIVISOR = 31;
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final PayloadCompression format;
    private final boolean validateUtf8;
    private final int maxLength;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc32 = new CRC32();
    private final Adler32 adler32 = new Adler32();
    private final UnsafeBuffer output;
    private byte[] out;
    private byte[] inputCopy;
    private int outLength;
    private PayloadCompression lastFormat;
    private String failureReason;
    private int failureCloseCode;
    private long messages;
    private long inflatedBytes;

    /**
     * An inflater of messages of one format.
     *
     * @param format       how every message is compressed; not {@link PayloadCompression#NONE}.
     * @param validateUtf8 refuse output that is not UTF-8 ({@link #CORRUPT}): for delivery as text.
     * @param maxLength    largest inflated message, in bytes (the client's {@code maxMessageSize}).
     */
    public PayloadInflater(final PayloadCompression format, final boolean validateUtf8, final int maxLength)
    {
        if (PayloadCompression.NONE == format)
        {
            throw new IllegalArgumentException("no inflater for PayloadCompression.NONE");
        }
        if (maxLength <= 0)
        {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        this.format = format;
        this.validateUtf8 = validateUtf8;
        this.maxLength = Math.min(maxLength, MAX_ARRAY_LENGTH - 1); // room for the byte past the limit
        this.out = new byte[(int)Math.min(INITIAL_CAPACITY, maxLength + 1L)];
        this.output = new UnsafeBuffer(out);
    }

    /**
     * The inflater a client's options ask for.
     *
     * @param config         the client's {@code payloadCompression}.
     * @param maxMessageSize the client's {@code maxMessageSize}.
     * @return the inflater, or null when binary frames are delivered as they come.
     */
    public static PayloadInflater of(final PayloadCompressionConfig config, final int maxMessageSize)
    {
        return config.isEnabled() ?
            new PayloadInflater(config.format(), MessageType.TEXT == config.deliverAs(), maxMessageSize) : null;
    }

    /**
     * Inflate one whole message into {@link #buffer()}, which holds it from index 0 until the next call.
     *
     * @param src    holding the compressed message.
     * @param offset of the message.
     * @param length of the message.
     * @return the inflated length, or {@link #TOO_BIG} or {@link #CORRUPT}.
     */
    public int inflate(final DirectBuffer src, final int offset, final int length)
    {
        outLength = 0;
        final PayloadCompression actual = PayloadCompression.AUTO == format ? detect(src, offset, length) : format;
        lastFormat = actual;
        final int end = offset + length;
        final int result;
        switch (actual)
        {
            case GZIP:
                result = gzip(src, offset, end);
                break;

            case ZLIB:
                result = zlib(src, offset, end);
                break;

            default:
                result = rawDeflate(src, offset, end);
                break;
        }
        if (result < 0)
        {
            return result;
        }
        if (validateUtf8 && !Utf8Validator.isValid(output, 0, outLength))
        {
            return corrupt("the inflated message is not valid UTF-8 (delivered as text)");
        }
        messages++;
        inflatedBytes += outLength;
        return outLength;
    }

    /**
     * The inflated message, from index 0 (valid until the next {@link #inflate}); the same object every time.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return output;
    }

    /**
     * The format the last message was read as: the configured one, or for {@link PayloadCompression#AUTO} the one
     * its first bytes told.
     *
     * @return the format, or null before the first message.
     */
    public PayloadCompression lastFormat()
    {
        return lastFormat;
    }

    /**
     * What was wrong with the last message refused.
     *
     * @return a short description, or null.
     */
    public String failureReason()
    {
        return failureReason;
    }

    /**
     * The close code for the last message refused.
     *
     * @return {@link CloseCode#INVALID_PAYLOAD} after {@link #CORRUPT}, {@link CloseCode#MESSAGE_TOO_BIG} after
     * {@link #TOO_BIG}, 0 before any refusal.
     */
    public int failureCloseCode()
    {
        return failureCloseCode;
    }

    /**
     * Messages inflated (refused ones not counted).
     *
     * @return the count.
     */
    public long messages()
    {
        return messages;
    }

    /**
     * Bytes those messages inflated to.
     *
     * @return the total.
     */
    public long inflatedBytes()
    {
        return inflatedBytes;
    }

    /**
     * Size of the output buffer now: at most the limit plus one byte.
     *
     * @return bytes.
     */
    public int capacity()
    {
        return out.length;
    }

    /**
     * Release the inflater's native memory; the object must not be used afterwards. Idempotent.
     */
    @Override
    public void close()
    {
        inflater.end();
    }

    // ---------------------------------------------------------------- formats

    /**
     * Gzip by its magic, zlib by a valid header, raw deflate otherwise (see {@link PayloadCompression#AUTO}).
     */
    static PayloadCompression detect(final DirectBuffer src, final int offset, final int length)
    {
        if (length < 2)
        {
            return PayloadCompression.DEFLATE;
        }
        final int first = src.getByte(offset) & 0xFF;
        final int second = src.getByte(offset + 1) & 0xFF;
        if (GZIP_ID1 == first && GZIP_ID2 == second)
        {
            return PayloadCompression.GZIP;
        }
        final boolean zlib = DEFLATE_METHOD == (first & 0x0F) && (first >>> 4) <= ZLIB_MAX_WINDOW_INFO &&
            0 == ((first << 8) | second) % ZLIB_CHECK_DIVISOR;
        return zlib ? PayloadCompression.ZLIB : PayloadCompression.DEFLATE;
    }

    private int rawDeflate(final DirectBuffer src, final int offset, final int end)
    {
        final int dataEnd = deflate(src, offset, end);
        if (dataEnd < 0)
        {
            return dataEnd;
        }
        return dataEnd < end ? corrupt((end - dataEnd) + " bytes after the final deflate block") : outLength;
    }

    /**
     * Gzip members (RFC 1952), one or more in a row: header, deflate data, CRC-32 and ISIZE of the member's output.
     */
    private int gzip(final DirectBuffer src, final int offset, final int end)
    {
        int position = offset;
        do
        {
            if (position > offset && (end - position < 2 || GZIP_ID1 != (src.getByte(position) & 0xFF) ||
                GZIP_ID2 != (src.getByte(position + 1) & 0xFF)))
            {
                return corrupt((end - position) + " bytes after the gzip trailer that start no other member");
            }
            position = gzipHeader(src, position, end);
            if (position < 0)
            {
                return position;
            }
            final int memberStart = outLength;
            position = deflate(src, position, end);
            if (position < 0)
            {
                return position;
            }
            if (end - position < GZIP_TRAILER_LENGTH)
            {
                return corrupt("truncated gzip trailer: " + (end - position) + " of 8 bytes");
            }
            final int memberLength = outLength - memberStart;
            crc32.reset();
            crc32.update(out, memberStart, memberLength);
            final int expectedCrc = src.getInt(position, ByteOrder.LITTLE_ENDIAN);
            if ((int)crc32.getValue() != expectedCrc)
            {
                return corrupt(String.format("gzip CRC-32 mismatch: trailer %08x, inflated data %08x",
                    expectedCrc, (int)crc32.getValue()));
            }
            final int expectedSize = src.getInt(position + 4, ByteOrder.LITTLE_ENDIAN); // length mod 2^32
            if (memberLength != expectedSize)
            {
                return corrupt("gzip length mismatch: trailer " + Integer.toUnsignedString(expectedSize) +
                    ", inflated " + memberLength + " bytes");
            }
            position += GZIP_TRAILER_LENGTH;
        }
        while (position < end);
        return outLength;
    }

    /**
     * Check a gzip member header and skip its optional fields.
     *
     * @return the index of the deflate data, or {@link #CORRUPT}.
     */
    private int gzipHeader(final DirectBuffer src, final int start, final int end)
    {
        if (end - start < GZIP_HEADER_LENGTH)
        {
            return corrupt("truncated gzip header: " + (end - start) + " bytes");
        }
        final int id1 = src.getByte(start) & 0xFF;
        final int id2 = src.getByte(start + 1) & 0xFF;
        if (GZIP_ID1 != id1 || GZIP_ID2 != id2)
        {
            return corrupt(String.format("not gzip: starts with %02x %02x, not 1f 8b", id1, id2));
        }
        final int method = src.getByte(start + 2) & 0xFF;
        if (DEFLATE_METHOD != method)
        {
            return corrupt("gzip compression method " + method + ", not 8 (deflate)");
        }
        final int flags = src.getByte(start + 3) & 0xFF;
        if (0 != (flags & GZIP_RESERVED_FLAGS))
        {
            return corrupt(String.format("reserved gzip flags set: %02x", flags));
        }
        int position = start + GZIP_HEADER_LENGTH; // past MTIME, XFL and OS, which say nothing we need
        if (0 != (flags & FEXTRA))
        {
            if (end - position < 2)
            {
                return corrupt("truncated gzip header: no room for the extra field's length");
            }
            final int extraLength = src.getShort(position, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            if (end - position - 2 < extraLength)
            {
                return corrupt("truncated gzip header: extra field of " + extraLength + " bytes");
            }
            position += 2 + extraLength;
        }
        if (0 != (flags & FNAME))
        {
            position = skipZeroTerminated(src, position, end, "file name");
        }
        if (position >= 0 && 0 != (flags & FCOMMENT))
        {
            position = skipZeroTerminated(src, position, end, "comment");
        }
        if (position >= 0 && 0 != (flags & FHCRC))
        {
            position = checkHeaderCrc(src, start, position, end);
        }
        return position;
    }

    private int skipZeroTerminated(final DirectBuffer src, final int from, final int end, final String field)
    {
        for (int i = from; i < end; i++)
        {
            if (0 == src.getByte(i))
            {
                return i + 1;
            }
        }
        return corrupt("truncated gzip header: the " + field + " does not end");
    }

    /**
     * FHCRC: the two low bytes of the CRC-32 of the header up to them (headers are short: byte by byte).
     */
    private int checkHeaderCrc(final DirectBuffer src, final int start, final int position, final int end)
    {
        if (end - position < 2)
        {
            return corrupt("truncated gzip header: no room for its CRC-16");
        }
        crc32.reset();
        for (int i = start; i < position; i++)
        {
            crc32.update(src.getByte(i));
        }
        final int expected = src.getShort(position, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int actual = (int)crc32.getValue() & 0xFFFF;
        if (expected != actual)
        {
            return corrupt(String.format("gzip header CRC-16 mismatch: header %04x, computed %04x", expected, actual));
        }
        return position + 2;
    }

    /**
     * A zlib stream (RFC 1950): header, deflate data, Adler-32 of the output (big-endian), nothing after.
     */
    private int zlib(final DirectBuffer src, final int offset, final int end)
    {
        if (end - offset < ZLIB_HEADER_LENGTH)
        {
            return corrupt("truncated zlib header: " + (end - offset) + " bytes");
        }
        final int cmf = src.getByte(offset) & 0xFF;
        final int flg = src.getByte(offset + 1) & 0xFF;
        if (DEFLATE_METHOD != (cmf & 0x0F) || (cmf >>> 4) > ZLIB_MAX_WINDOW_INFO)
        {
            return corrupt(String.format("not zlib: method and window byte %02x", cmf));
        }
        if (0 != ((cmf << 8) | flg) % ZLIB_CHECK_DIVISOR)
        {
            return corrupt(String.format("not zlib: header check fails on %02x %02x", cmf, flg));
        }
        if (0 != (flg & ZLIB_FDICT))
        {
            return corrupt("zlib data needs a preset dictionary");
        }
        final int position = deflate(src, offset + ZLIB_HEADER_LENGTH, end);
        if (position < 0)
        {
            return position;
        }
        if (end - position < ZLIB_TRAILER_LENGTH)
        {
            return corrupt("truncated zlib trailer: " + (end - position) + " of 4 bytes");
        }
        adler32.reset();
        adler32.update(out, 0, outLength);
        final int expected = src.getInt(position, ByteOrder.BIG_ENDIAN);
        if ((int)adler32.getValue() != expected)
        {
            return corrupt(String.format("zlib Adler-32 mismatch: trailer %08x, inflated data %08x",
                expected, (int)adler32.getValue()));
        }
        final int after = end - position - ZLIB_TRAILER_LENGTH;
        return 0 == after ? outLength : corrupt(after + " bytes after the zlib trailer");
    }

    // ---------------------------------------------------------------- deflate data

    /**
     * Inflate one deflate stream that starts at {@code from} and must end, with its final block, by {@code end};
     * the output is appended at {@link #outLength}.
     *
     * @return the index just past the deflate data, or {@link #TOO_BIG} or {@link #CORRUPT}.
     */
    private int deflate(final DirectBuffer src, final int from, final int end)
    {
        final Inflater inflater = this.inflater;
        inflater.reset();
        final byte[] array = src.byteArray();
        if (null != array)
        {
            inflater.setInput(array, src.wrapAdjustment() + from, end - from);
            final int result = drain();
            if (result < 0)
            {
                return result;
            }
            return inflater.finished() ? end - inflater.getRemaining() : truncated();
        }
        byte[] copy = inputCopy;
        if (null == copy)
        {
            copy = inputCopy = new byte[INPUT_CHUNK];
        }
        for (int position = from; position < end; )
        {
            final int length = Math.min(INPUT_CHUNK, end - position);
            src.getBytes(position, copy, 0, length);
            inflater.setInput(copy, 0, length);
            final int result = drain();
            if (result < 0)
            {
                return result;
            }
            position += length;
            if (inflater.finished())
            {
                return position - inflater.getRemaining();
            }
        }
        return truncated();
    }

    /**
     * Inflate the input set until it is used up or the stream ends, growing the output by doubling, stopping one
     * byte past the limit.
     *
     * @return 0, or {@link #TOO_BIG} or {@link #CORRUPT}.
     */
    private int drain()
    {
        final Inflater inflater = this.inflater;
        while (true)
        {
            if (outLength == out.length)
            {
                grow();
            }
            // Into the room there is, never past one byte over the limit: that byte tells "at it" from "over it".
            final int want = (int)Math.min(out.length - outLength, (long)maxLength - outLength + 1);
            final int produced;
            try
            {
                produced = inflater.inflate(out, outLength, want);
            }
            catch (final DataFormatException ex)
            {
                return corrupt("invalid deflate data: " + ex.getMessage());
            }
            outLength += produced;
            if (outLength > maxLength)
            {
                return tooBig();
            }
            if (inflater.finished())
            {
                return 0;
            }
            if (inflater.needsDictionary())
            {
                return corrupt("deflate data needs a preset dictionary");
            }
            if (produced < want)
            {
                if (inflater.needsInput())
                {
                    return 0;
                }
                if (0 == produced)
                {
                    return corrupt("deflate data makes no progress");
                }
            }
        }
    }

    /**
     * Double the output buffer, up to the limit plus the one byte that detects a message over it.
     */
    private void grow()
    {
        out = Arrays.copyOf(out, (int)Math.min(2L * out.length, maxLength + 1L));
        output.wrap(out);
    }

    private int truncated()
    {
        return corrupt("truncated: the deflate data ends before its final block");
    }

    private int tooBig()
    {
        failureReason = "inflates to more than the " + maxLength + "-byte message size limit";
        failureCloseCode = CloseCode.MESSAGE_TOO_BIG;
        return TOO_BIG;
    }

    private int corrupt(final String reason)
    {
        failureReason = reason;
        failureCloseCode = CloseCode.INVALID_PAYLOAD;
        return CORRUPT;
    }
}
