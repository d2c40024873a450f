/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * What one consumer received: every message (data and events) with its header fields, in order.
 */
final class Received implements FeedMessageHandler, FeedEventHandler
{
    record Message(FeedMessageType type, long sequence, int flags, int connectionId, long from, long to,
        String payload)
    {
    }

    /**
     * Counts messages without keeping them (no allocation per message).
     */
    static final class Counting implements FeedMessageHandler
    {
        final FragmentHandler handler = AeronFeedSubscriber.fragmentHandler(this, FeedEventHandler.NONE);
        long count;

        @Override
        public void onMessage(final FeedHeader header, final DirectBuffer buffer, final int offset, final int length)
        {
            count++;
        }
    }

    final List<Message> messages = new ArrayList<>();
    /** The receive timestamp of each message in {@link #messages}, at the same index. */
    final List<Long> receiveTimestampsNs = new ArrayList<>();
    final FragmentHandler handler = AeronFeedSubscriber.fragmentHandler(this, this);

    @Override
    public void onMessage(final FeedHeader header, final DirectBuffer buffer, final int offset, final int length)
    {
        messages.add(new Message(FeedMessageType.DATA, header.sequence(), header.flags(), header.connectionId(), 0, 0,
            buffer.getStringWithoutLengthUtf8(offset, length)));
        receiveTimestampsNs.add(header.receiveTimestampNs());
    }

    @Override
    public void onEvent(final FeedMessageType type, final FeedHeader header, final int messageLength)
    {
        messages.add(new Message(type, header.sequence(), header.flags(), header.connectionId(), header.eventFrom(),
            header.eventTo(), header.eventStream(messageLength)));
        receiveTimestampsNs.add(header.receiveTimestampNs());
    }

    int poll(final Subscription subscription)
    {
        return subscription.poll(handler, 1024);
    }

    List<String> payloads()
    {
        final List<String> payloads = new ArrayList<>();
        for (final Message message : messages)
        {
            if (FeedMessageType.DATA == message.type())
            {
                payloads.add(message.payload());
            }
        }
        return payloads;
    }

    List<Long> sequences()
    {
        final List<Long> sequences = new ArrayList<>();
        for (final Message message : messages)
        {
            sequences.add(message.sequence());
        }
        return sequences;
    }
}
