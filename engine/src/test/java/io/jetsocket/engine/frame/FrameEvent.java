/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One callback recorded from {@link FrameDecoder}: a message, a ping, a pong or a close, with a copy of its
 * payload. Equality ignores {@link #zeroCopy()}, which only says whether the payload was a view of the read buffer.
 */
final class FrameEvent
{
    static final String MESSAGE = "message";
    static final String PING = "ping";
    static final String PONG = "pong";
    static final String CLOSE = "close";

    private final String kind;
    private final int code;
    private final byte[] payload;
    private final boolean zeroCopy;

    FrameEvent(final String kind, final int code, final byte[] payload, final boolean zeroCopy)
    {
        this.kind = kind;
        this.code = code;
        this.payload = payload;
        this.zeroCopy = zeroCopy;
    }

    static FrameEvent text(final String text)
    {
        return new FrameEvent(MESSAGE, Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8), false);
    }

    static FrameEvent text(final byte[] utf8)
    {
        return new FrameEvent(MESSAGE, Opcode.TEXT, utf8, false);
    }

    static FrameEvent binary(final byte[] payload)
    {
        return new FrameEvent(MESSAGE, Opcode.BINARY, payload, false);
    }

    static FrameEvent message(final int opcode, final byte[] payload)
    {
        return new FrameEvent(MESSAGE, opcode, payload, false);
    }

    static FrameEvent ping(final String payload)
    {
        return ping(payload.getBytes(StandardCharsets.UTF_8));
    }

    static FrameEvent ping(final byte[] payload)
    {
        return new FrameEvent(PING, 0, payload, false);
    }

    static FrameEvent pong(final String payload)
    {
        return pong(payload.getBytes(StandardCharsets.UTF_8));
    }

    static FrameEvent pong(final byte[] payload)
    {
        return new FrameEvent(PONG, 0, payload, false);
    }

    static FrameEvent close(final int code, final String reason)
    {
        return close(code, reason.getBytes(StandardCharsets.UTF_8));
    }

    static FrameEvent close(final int code, final byte[] reason)
    {
        return new FrameEvent(CLOSE, code, reason, false);
    }

    String kind()
    {
        return kind;
    }

    /**
     * The opcode of a message, the status code of a close, 0 for ping and pong.
     */
    int code()
    {
        return code;
    }

    byte[] payload()
    {
        return payload;
    }

    boolean zeroCopy()
    {
        return zeroCopy;
    }

    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof FrameEvent))
        {
            return false;
        }
        final FrameEvent that = (FrameEvent)other;
        return kind.equals(that.kind) && code == that.code && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(kind, code, Arrays.hashCode(payload));
    }

    @Override
    public String toString()
    {
        final String shown = payload.length <= 32 ? TestFrames.hex(payload) :
            TestFrames.hex(Arrays.copyOf(payload, 16)) + " ... (hash " + Arrays.hashCode(payload) + ")";
        return kind + "(" + code + ", " + payload.length + " bytes: " + shown + ")";
    }
}
