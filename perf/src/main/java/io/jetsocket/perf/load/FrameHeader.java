/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.nio.ByteBuffer;

/**
 * The header of a WebSocket frame in a {@link ByteBuffer}, at an absolute offset: for the load tool's hand-written
 * peers (the echo server and the raw-socket floor), which only need its length and the payload length.
 */
final class FrameHeader
{
    /** Returned by {@link #length} while the header has not all arrived. */
    static final int INCOMPLETE = -1;

    private FrameHeader()
    {
    }

    /**
     * @param in buffer whose limit ends the bytes read so far.
     * @param p  offset of the frame's first byte.
     * @return the header's length in bytes (2 to 14, mask key included), or {@link #INCOMPLETE}.
     */
    static int length(final ByteBuffer in, final int p)
    {
        final int available = in.limit() - p;
        if (available < 2)
        {
            return INCOMPLETE;
        }
        final int b1 = in.get(p + 1) & 0xFF;
        final int lengthField = b1 & 0x7F;
        final int header = (126 == lengthField ? 4 : 127 == lengthField ? 10 : 2) + ((b1 & 0x80) != 0 ? 4 : 0);
        return available < header ? INCOMPLETE : header;
    }

    /**
     * @param in buffer holding the whole header.
     * @param p  offset of the frame's first byte.
     * @return the payload length.
     */
    static long payloadLength(final ByteBuffer in, final int p)
    {
        final int lengthField = in.get(p + 1) & 0x7F;
        if (126 == lengthField)
        {
            return in.getShort(p + 2) & 0xFFFF;
        }
        return 127 == lengthField ? in.getLong(p + 2) : lengthField;
    }

    /**
     * @param in buffer holding the whole header.
     * @param p  offset of the frame's first byte.
     * @return whether the frame carries a mask key (the last four bytes of its header).
     */
    static boolean isMasked(final ByteBuffer in, final int p)
    {
        return (in.get(p + 1) & 0x80) != 0;
    }
}
