/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;

/**
 * Records what the decoder delivers, copying each payload (views are only valid during the callback) and noting
 * whether it was a view of the read buffer (zero copy).
 */
final class RecordingHandler implements FrameHandler
{
    private final List<FrameEvent> events = new ArrayList<>();
    private final DirectBuffer readBuffer;

    RecordingHandler(final DirectBuffer readBuffer)
    {
        this.readBuffer = readBuffer;
    }

    List<FrameEvent> events()
    {
        return events;
    }

    @Override
    public void onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
    {
        events.add(new FrameEvent(FrameEvent.MESSAGE, opcode, copy(buffer, offset, length), buffer == readBuffer));
    }

    @Override
    public void onPing(final DirectBuffer buffer, final int offset, final int length)
    {
        events.add(new FrameEvent(FrameEvent.PING, 0, copy(buffer, offset, length), buffer == readBuffer));
    }

    @Override
    public void onPong(final DirectBuffer buffer, final int offset, final int length)
    {
        events.add(new FrameEvent(FrameEvent.PONG, 0, copy(buffer, offset, length), buffer == readBuffer));
    }

    @Override
    public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
    {
        events.add(new FrameEvent(
            FrameEvent.CLOSE, code, copy(buffer, reasonOffset, reasonLength), buffer == readBuffer));
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
