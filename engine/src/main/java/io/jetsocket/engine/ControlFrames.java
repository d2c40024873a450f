/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.transport.Transport;
import io.jetsocket.engine.frame.FrameEncoder;
import io.jetsocket.engine.frame.Opcode;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Control frames that go out ahead of queued data, at the next frame boundary: the pong that answers the latest
 * ping (RFC 6455 §5.5.3 lets an endpoint answer only the most recent one) and a close that must not wait behind
 * data (the echo of the server's close, or the close that fails the connection). Like OkHttp's writer, which polls
 * its pong queue before its message queue: a heartbeat-based server must see the pong even while a producer keeps
 * the socket full.
 * <p>
 * Holds no memory until a control frame has to wait: the pong payload (125 bytes) and the few bytes of a control
 * frame the socket took only part of are allocated on first use.
 */
final class ControlFrames
{
    private static final int MAX_CONTROL_FRAME = FrameEncoder.MAX_HEADER_LENGTH + Opcode.MAX_CONTROL_PAYLOAD;

    private UnsafeBuffer pongPayload;
    private int pongLength = -1;
    private boolean closeWaiting;
    private int closeCode;
    private byte[] closeReason;
    private ByteBuffer partial;

    /**
     * Keep the payload of a pong to send at the next boundary, replacing one not started yet.
     */
    void pong(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null == pongPayload)
        {
            pongPayload = new UnsafeBuffer(new byte[Opcode.MAX_CONTROL_PAYLOAD]);
        }
        pongPayload.putBytes(0, buffer, offset, length);
        pongLength = length;
    }

    /**
     * Keep a close to send at the next boundary (after a waiting pong).
     */
    void close(final int code, final byte[] reason)
    {
        closeWaiting = true;
        closeCode = code;
        closeReason = reason;
    }

    /**
     * Is a control frame waiting that has not been started?
     */
    boolean hasWaiting()
    {
        return pongLength >= 0 || closeWaiting;
    }

    /**
     * Is a control frame partly written? Its rest goes before anything else.
     */
    boolean hasPartial()
    {
        return null != partial && partial.hasRemaining();
    }

    boolean isEmpty()
    {
        return !hasWaiting() && !hasPartial();
    }

    /**
     * Write the rest of a partly written control frame.
     *
     * @return bytes written.
     */
    int flushPartial(final Transport transport) throws IOException
    {
        return hasPartial() ? transport.write(partial) : 0;
    }

    /**
     * Encode the waiting control frames (pong first) into the scratch and write them; what the socket does not take
     * is kept as the partial frame.
     *
     * @return bytes written.
     */
    int writeWaiting(
        final Transport transport,
        final FrameEncoder encoder,
        final MutableDirectBuffer scratch,
        final ByteBuffer scratchBytes) throws IOException
    {
        int length = 0;
        if (pongLength >= 0)
        {
            length += encoder.encode(Opcode.FIN_BIT | Opcode.PONG, pongPayload, 0, pongLength, scratch, 0);
            pongLength = -1;
        }
        if (closeWaiting)
        {
            length += encoder.encodeClose(closeCode, null == closeReason ? new byte[0] : closeReason, scratch, length);
            closeWaiting = false;
            closeReason = null;
        }
        scratchBytes.limit(length).position(0);
        final int written = transport.write(scratchBytes);
        if (written < length)
        {
            if (null == partial)
            {
                partial = ByteBuffer.allocateDirect(2 * MAX_CONTROL_FRAME);
            }
            partial.clear();
            scratchBytes.position(written);
            partial.put(scratchBytes).flip();
        }
        return written;
    }

    /**
     * Was a close queued here that has not been written whole yet?
     */
    boolean closeWaiting()
    {
        return closeWaiting;
    }

    void release()
    {
        if (null != partial)
        {
            BufferUtil.free(partial);
            partial = null;
        }
        pongPayload = null;
        pongLength = -1;
        closeWaiting = false;
        closeReason = null;
    }
}
