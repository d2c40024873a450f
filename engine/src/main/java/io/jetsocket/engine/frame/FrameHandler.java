/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import org.agrona.DirectBuffer;

/**
 * Receives what {@link FrameDecoder} finds. Every buffer view is valid only for the duration of the
 * call: it points into the connection's read buffer or reassembly buffer, which are reused.
 */
public interface FrameHandler
{
    /**
     * A complete data message (a single frame, or reassembled fragments), already validated.
     *
     * @param opcode {@link Opcode#TEXT} or {@link Opcode#BINARY}.
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     */
    void onMessage(int opcode, DirectBuffer buffer, int offset, int length);

    /**
     * A ping frame.
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload, at most 125.
     */
    void onPing(DirectBuffer buffer, int offset, int length);

    /**
     * A pong frame.
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload, at most 125.
     */
    void onPong(DirectBuffer buffer, int offset, int length);

    /**
     * A valid close frame. The decoder ignores all input after it.
     *
     * @param code         the status code, or {@link CloseCode#NO_STATUS} when the frame had no body.
     * @param buffer       holding the reason.
     * @param reasonOffset of the UTF-8 reason.
     * @param reasonLength of the UTF-8 reason (0 when absent).
     */
    void onClose(int code, DirectBuffer buffer, int reasonOffset, int reasonLength);
}
