/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Market-data-like messages of an exact size and their unmasked server frames, built once before any
 * measurement. All text is ASCII JSON (valid UTF-8), so a message's length in chars equals its length in
 * bytes whichever way a client hands it over.
 */
final class FeedMessages
{
    /** Opcode byte of a final text frame. */
    static final int TEXT = 0x81;

    /** Opcode byte of a final binary frame. */
    static final int BINARY = 0x82;

    /** Opcode byte of a final text frame with RSV1 set: a compressed message (RFC 7692). */
    static final int TEXT_COMPRESSED = 0xC1;

    /** The tail every deflated message ends with before the sender strips it (RFC 7692 §7.2.1). */
    static final byte[] DEFLATE_TAIL = {0, 0, (byte)0xFF, (byte)0xFF};

    /** Smallest message {@link #json(int, long)} can build. */
    static final int MIN_SIZE = 32;

    private FeedMessages()
    {
    }

    /**
     * Valid JSON of exactly {@code size} bytes: a trade (small sizes) or a trade with book levels (large),
     * padded with insignificant spaces before the closing brace.
     *
     * @param size of the message in bytes, at least {@link #MIN_SIZE}.
     * @param seq  sequence number to write into the message.
     * @return the ASCII bytes.
     */
    static byte[] json(final int size, final long seq)
    {
        if (size < MIN_SIZE)
        {
            throw new IllegalArgumentException("message size below " + MIN_SIZE + ": " + size);
        }
        final StringBuilder json = new StringBuilder(size)
            .append("{\"type\":\"trade\",\"seq\":").append(seq % 1_000_000);
        final String[] fields = {
            ",\"sym\":\"BTC-USD\"",
            ",\"px\":\"" + (64_231 + seq % 97) + "." + (10 + seq % 90) + "\"",
            ",\"qty\":\"0.0" + (1000 + seq % 9000) + "\"",
            ",\"side\":\"" + (0 == (seq & 1) ? "buy" : "sell") + "\"",
            ",\"ts\":" + (1_732_262_400_123_456L + seq),
        };
        for (final String field : fields)
        {
            if (json.length() + field.length() + 1 <= size)
            {
                json.append(field);
            }
        }
        for (int level = 0; ; level++)
        {
            final String entry = ",\"b" + level + "\":[\"" + (64_230 - level) + ".50\",\"" + (1 + level % 7) + ".25\"]";
            if (json.length() + entry.length() + 1 > size)
            {
                break;
            }
            json.append(entry);
        }
        while (json.length() < size - 1)
        {
            json.append(' ');
        }
        json.append('}');
        final byte[] bytes = json.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != size)
        {
            throw new IllegalStateException("built " + bytes.length + " bytes, wanted " + size);
        }
        return bytes;
    }

    /**
     * Length of an unmasked server frame with a payload of {@code length} bytes.
     *
     * @param length of the payload.
     * @return the frame length, header included.
     */
    static int serverFrameLength(final long length)
    {
        return (int)(headerLength(length, false) + length);
    }

    /**
     * Header length of a frame.
     *
     * @param length of the payload.
     * @param masked whether a mask key follows the length.
     * @return the header length in bytes.
     */
    static int headerLength(final long length, final boolean masked)
    {
        final int base = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        return masked ? base + 4 : base;
    }

    /**
     * Write an unmasked frame header at the buffer's position.
     *
     * @param buffer    to write to (its position advances).
     * @param firstByte FIN, RSV and opcode.
     * @param length    of the payload.
     */
    static void putServerHeader(final ByteBuffer buffer, final int firstByte, final long length)
    {
        buffer.put((byte)firstByte);
        if (length < 126)
        {
            buffer.put((byte)length);
        }
        else if (length <= 0xFFFF)
        {
            buffer.put((byte)126);
            buffer.putShort((short)length);
        }
        else
        {
            buffer.put((byte)127);
            buffer.putLong(length);
        }
    }

    /**
     * A direct buffer of {@code frames} back-to-back text frames of {@code size}-byte messages with
     * consecutive sequence numbers, for pushing as fast as the socket takes them.
     *
     * @param size   of each message.
     * @param frames how many frames.
     * @return the frames, position 0, limit at the end of the last frame.
     */
    static ByteBuffer textFrames(final int size, final int frames)
    {
        return frames(TEXT, size, frames);
    }

    /**
     * A direct buffer of {@code frames} back-to-back final frames of {@code size}-byte JSON messages.
     *
     * @param firstByte {@link #TEXT} or {@link #BINARY}.
     * @param size      of each message.
     * @param frames    how many frames.
     * @return the frames, position 0, limit at the end of the last frame.
     */
    static ByteBuffer frames(final int firstByte, final int size, final int frames)
    {
        final ByteBuffer batch = ByteBuffer.allocateDirect(serverFrameLength(size) * frames);
        for (int i = 0; i < frames; i++)
        {
            putServerHeader(batch, firstByte, size);
            batch.put(json(size, i));
        }
        return batch.flip();
    }

    /**
     * A batch of {@code frames} final frames of {@code size}-byte JSON messages with consecutive sequence numbers,
     * each deflated on its own when {@code deflate} is set (permessage-deflate without context takeover: raw
     * deflate, sync flush, the {@code 00 00 ff ff} tail stripped, RSV1 set; binary frames are not compressed).
     *
     * @param firstByte {@link #TEXT} or {@link #BINARY}.
     * @param size      of each message before compression.
     * @param frames    how many frames.
     * @param deflate   whether to compress each message.
     * @param direct    a direct buffer (for a {@code SocketChannel}) or a heap one (for a stream).
     * @return the batch.
     */
    static Batch batch(final int firstByte, final int size, final int frames, final boolean deflate,
        final boolean direct)
    {
        final byte[][] payloads = new byte[frames][];
        final Deflater deflater = deflate ? new Deflater(Deflater.DEFAULT_COMPRESSION, true) : null;
        long total = 0;
        for (int i = 0; i < frames; i++)
        {
            final byte[] json = json(size, i);
            payloads[i] = null == deflater ? json : deflate(deflater, json);
            total += serverFrameLength(payloads[i].length);
        }
        if (null != deflater)
        {
            deflater.end();
        }
        final ByteBuffer buffer = direct ? ByteBuffer.allocateDirect((int)total) : ByteBuffer.allocate((int)total);
        final int[] ends = new int[frames];
        final int opcode = deflate ? firstByte | 0x40 : firstByte;
        for (int i = 0; i < frames; i++)
        {
            putServerHeader(buffer, opcode, payloads[i].length);
            buffer.put(payloads[i]);
            ends[i] = buffer.position();
        }
        return new Batch(buffer.flip(), ends);
    }

    /**
     * One message deflated as permessage-deflate sends it with no context takeover: the deflater reset, the
     * message compressed with a sync flush, and the trailing {@code 00 00 ff ff} removed.
     *
     * @param deflater a raw ({@code nowrap}) deflater, reset here.
     * @param message  to compress.
     * @return the compressed payload.
     */
    static byte[] deflate(final Deflater deflater, final byte[] message)
    {
        deflater.reset();
        deflater.setInput(message);
        byte[] out = new byte[message.length + 64];
        int length = 0;
        while (true)
        {
            length += deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
            if (length < out.length)
            {
                break;
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (length < DEFLATE_TAIL.length ||
            !Arrays.equals(out, length - DEFLATE_TAIL.length, length, DEFLATE_TAIL, 0, DEFLATE_TAIL.length))
        {
            throw new IllegalStateException("a sync flush did not end with 00 00 ff ff");
        }
        return Arrays.copyOf(out, length - DEFLATE_TAIL.length);
    }

    /**
     * Frames back to back in one buffer, and where each one ends.
     */
    static final class Batch
    {
        final ByteBuffer buffer;
        private final int[] ends;

        Batch(final ByteBuffer buffer, final int[] ends)
        {
            this.buffer = buffer;
            this.ends = ends;
        }

        /**
         * How many frames the batch holds.
         *
         * @return the count.
         */
        int frames()
        {
            return ends.length;
        }

        /**
         * Bytes of the first {@code frames} frames.
         *
         * @param frames how many, at most {@link #frames()}.
         * @return their length, headers included.
         */
        int bytes(final int frames)
        {
            return 0 == frames ? 0 : ends[frames - 1];
        }

        /**
         * Average frame length, header included.
         *
         * @return bytes per frame.
         */
        double averageFrameLength()
        {
            return bytes(ends.length) / (double)ends.length;
        }
    }
}
