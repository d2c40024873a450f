/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

/**
 * Decodes the {@link FeedHeader} of each whole message and hands data to a {@link FeedMessageHandler} and events to
 * a {@link FeedEventHandler}, without copying or allocating. It expects whole messages: use
 * {@link AeronFeedSubscriber#fragmentHandler}, which puts a {@code FragmentAssembler} in front of it for messages
 * longer than one frame.
 * <p>
 * A message of another layout version, of a type this version does not know, or shorter than a header is counted
 * ({@link #skipped()}) and skipped.
 */
public final class FeedFragmentHandler implements FragmentHandler
{
    private final FeedHeader header = new FeedHeader();
    private final FeedMessageHandler messages;
    private final FeedEventHandler events;
    private long skipped;

    /**
     * A handler for whole messages.
     *
     * @param messages gets data messages.
     * @param events   gets lifecycle events.
     */
    public FeedFragmentHandler(final FeedMessageHandler messages, final FeedEventHandler events)
    {
        this.messages = messages;
        this.events = events;
    }

    /** {@inheritDoc} */
    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        if (length < FeedHeader.LENGTH)
        {
            skipped++;
            return;
        }
        header.wrap(buffer, offset);
        final int headerLength = header.headerLength();
        final FeedMessageType type = header.type();
        if (FeedHeader.VERSION != header.version() || null == type || headerLength < FeedHeader.LENGTH ||
            headerLength > length)
        {
            skipped++;
            return;
        }
        if (FeedMessageType.DATA == type)
        {
            messages.onMessage(header, buffer, offset + headerLength, length - headerLength);
        }
        else
        {
            events.onEvent(type, header, length);
        }
    }

    /**
     * Messages skipped as unreadable (consumer thread).
     *
     * @return how many.
     */
    public long skipped()
    {
        return skipped;
    }
}
