/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A consumer that keeps every message it is handed, data and events, as the bytes on the stream (header and body),
 * in order: to compare two consumers byte for byte.
 */
final class RawCapture implements FeedMessageHandler, FeedEventHandler
{
    final List<ByteBuffer> messages = new ArrayList<>();
    final List<Long> sequences = new ArrayList<>();
    int replayedFlags;

    @Override
    public void onMessage(final FeedHeader header, final DirectBuffer buffer, final int offset, final int length)
    {
        keep(header, header.headerLength() + length);
    }

    @Override
    public void onEvent(final FeedMessageType type, final FeedHeader header, final int messageLength)
    {
        keep(header, messageLength);
    }

    int size()
    {
        return messages.size();
    }

    /**
     * The payload of a data message, as text.
     *
     * @param index of the message.
     * @return its payload.
     */
    String payload(final int index)
    {
        final ByteBuffer message = messages.get(index);
        final FeedHeader header = new FeedHeader().wrap(new org.agrona.concurrent.UnsafeBuffer(message), 0);
        final int start = header.headerLength();
        return header.buffer().getStringWithoutLengthUtf8(start, message.capacity() - start);
    }

    private void keep(final FeedHeader header, final int messageLength)
    {
        final byte[] bytes = new byte[messageLength];
        header.buffer().getBytes(header.offset(), bytes);
        messages.add(ByteBuffer.wrap(bytes));
        sequences.add(header.sequence());
        if (header.hasFlag(FeedHeader.FLAG_REPLAYED))
        {
            replayedFlags++;
        }
    }
}
