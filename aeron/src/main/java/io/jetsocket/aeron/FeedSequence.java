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
    /** The connection id of the last data message published: a data message of a later one is its first. */
    private int lastDataConnectionId;
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
     * The client connected: a new connection id; after a reconnect, its first data message is flagged.
     */
    void onConnected()
    {
        connectionId++;
    }

    /**
     * A message was lost on this side: the next one published is flagged.
     */
    void onDropped()
    {
        droppedBefore = true;
    }

    /**
     * The flags a message carries for what happened before it. {@link FeedHeader#FLAG_FIRST_AFTER_RECONNECT} goes on
     * the first data message published <em>of each connection</em> after the first, by the connection id it is
     * stamped with: a message CONFLATE held from an earlier connection, going out after the reconnect, keeps that
     * connection's id and does not take the new connection's flag (it takes its own connection's if it is its first).
     *
     * @param type         the message's type.
     * @param connectionId the connection id the message is stamped with.
     * @return {@link FeedHeader#FLAG_DROPPED_BEFORE} and {@link FeedHeader#FLAG_FIRST_AFTER_RECONNECT}, as due.
     */
    int pendingFlags(final FeedMessageType type, final int connectionId)
    {
        return (droppedBefore ? FLAG_DROPPED_BEFORE : 0) |
            (isFirstOfNewConnection(type, connectionId) ? FLAG_FIRST_AFTER_RECONNECT : 0);
    }

    /**
     * A message went out with {@link #nextSequence()}: the flags it carried are spent.
     *
     * @param type         the message's type.
     * @param connectionId the connection id it was stamped with.
     */
    void onPublished(final FeedMessageType type, final int connectionId)
    {
        nextSequence++;
        droppedBefore = false;
        if (FeedMessageType.DATA == type)
        {
            lastDataConnectionId = connectionId;
        }
    }

    private boolean isFirstOfNewConnection(final FeedMessageType type, final int connectionId)
    {
        // ids only grow and messages go out in the order they were stamped, so "later than the last" is "first"
        return FeedMessageType.DATA == type && connectionId > 1 && connectionId > lastDataConnectionId;
    }
}
