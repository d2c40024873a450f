/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import static io.jetsocket.aeron.FeedHeader.FLAG_DROPPED_BEFORE;
import static io.jetsocket.aeron.FeedHeader.FLAG_FIRST_AFTER_RECONNECT;

/**
 * Where the published stream stands: the sequence number and connection id the next message is stamped with, and
 * the flags it carries for what happened before it (a message dropped, a new connection). Shared by the
 * publisher's direct sends and the {@link BackPressureHandler}'s sends of held messages, so that both number one
 * stream.
 * <p>
 * Engine thread only.
 */
final class FeedSequence
{
    private long nextSequence = 1;
    private int connectionId;
    private boolean firstAfterReconnect;
    private boolean droppedBefore;

    /**
     * The sequence number the next published message gets.
     *
     * @return one more than the last published.
     */
    long nextSequence()
    {
        return nextSequence;
    }

    /**
     * The connection id messages are stamped with now.
     *
     * @return 0 before the first connection, then 1, 2, ...
     */
    int connectionId()
    {
        return connectionId;
    }

    /**
     * The client connected: a new connection id; after a reconnect, the first data message is flagged.
     */
    void onConnected()
    {
        connectionId++;
        firstAfterReconnect = connectionId > 1;
    }

    /**
     * A message was lost on this side: the next one published is flagged.
     */
    void onDropped()
    {
        droppedBefore = true;
    }

    /**
     * The flags a message of this type carries for what happened before it.
     *
     * @param type the message's type.
     * @return {@link FeedHeader#FLAG_DROPPED_BEFORE} and {@link FeedHeader#FLAG_FIRST_AFTER_RECONNECT}, as due.
     */
    int pendingFlags(final FeedMessageType type)
    {
        return (droppedBefore ? FLAG_DROPPED_BEFORE : 0) |
            (firstAfterReconnect && FeedMessageType.DATA == type ? FLAG_FIRST_AFTER_RECONNECT : 0);
    }

    /**
     * A message went out with {@link #nextSequence()}: the flags it carried are spent.
     *
     * @param type the message's type.
     */
    void onPublished(final FeedMessageType type)
    {
        nextSequence++;
        droppedBefore = false;
        if (FeedMessageType.DATA == type)
        {
            firstAfterReconnect = false;
        }
    }
}
