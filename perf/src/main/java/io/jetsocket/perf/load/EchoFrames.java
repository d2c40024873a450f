/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.nio.ByteBuffer;

/**
 * The echo server's frame step: masked client frames in, the same messages unmasked out.
 */
final class EchoFrames
{
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;

    private EchoFrames()
    {
    }

    /**
     * Echo every complete frame in {@code in} (read mode) into {@code out} (write mode): data frames with
     * the same first byte, pings as pongs, a close as a close. Pongs are dropped. A trailing partial frame
     * is left in {@code in}.
     *
     * @param in  client bytes, position at the first unconsumed byte.
     * @param out where the echoed frames go; must have at least as much room as {@code in} has bytes.
     * @return false once a close frame was echoed.
     * @throws IllegalStateException if a frame cannot fit in {@code in} at all.
     */
    static boolean echo(final ByteBuffer in, final ByteBuffer out)
    {
        while (true)
        {
            final int p = in.position();
            final int header = FrameHeader.length(in, p);
            if (FrameHeader.INCOMPLETE == header)
            {
                break;
            }
            final int b0 = in.get(p) & 0xFF;
            final long length = FrameHeader.payloadLength(in, p);
            final boolean masked = FrameHeader.isMasked(in, p);
            if (header + length > in.capacity())
            {
                throw new IllegalStateException("frame of " + length + " bytes exceeds the echo buffer");
            }
            if (in.remaining() < header + length)
            {
                break;
            }
            final int opcode = b0 & 0x0F;
            final int mask = masked ? in.getInt(p + header - 4) : 0;
            if (OPCODE_PONG != opcode)
            {
                final int firstByte = OPCODE_PING == opcode ? (0x80 | OPCODE_PONG) : b0;
                FeedMessages.putServerHeader(out, firstByte, length);
                unmask(in, p + header, (int)length, mask, out);
            }
            in.position(p + header + (int)length);
            if (OPCODE_CLOSE == opcode)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Copy {@code length} bytes from {@code in} at {@code offset} to {@code out}, XOR-ed with the 4-byte key
     * (eight bytes per step).
     *
     * @param in     source, absolute offsets.
     * @param offset of the first payload byte.
     * @param length of the payload.
     * @param mask   the key, first key byte in the high bits.
     * @param out    destination, at its position (which advances).
     */
    static void unmask(final ByteBuffer in, final int offset, final int length, final int mask, final ByteBuffer out)
    {
        final long mask64 = ((long)mask << 32) | (mask & 0xFFFF_FFFFL);
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            out.putLong(in.getLong(offset + i) ^ mask64);
        }
        for (; i < length; i++)
        {
            out.put((byte)(in.get(offset + i) ^ (mask >>> (24 - ((i & 3) << 3)))));
        }
    }
}
