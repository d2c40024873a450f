/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

/**
 * Gets the lifecycle events of a feed stream on the consumer side (connected, disconnected, resubscribed, gap,
 * reset): the cue to rebuild a book. The header is valid only during the call; {@link FeedHeader#eventFrom()} and
 * {@link FeedHeader#eventTo()} give a gap's range.
 */
@FunctionalInterface
public interface FeedEventHandler
{
    /** A handler that ignores every event. */
    FeedEventHandler NONE = (type, header, messageLength) -> {};

    /**
     * A lifecycle event.
     *
     * @param type          which event.
     * @param header        its header (sequence, timestamps, connection id); the body follows it.
     * @param messageLength of the whole message, for {@link FeedHeader#eventStream(int)}.
     */
    void onEvent(FeedMessageType type, FeedHeader header, int messageLength);
}
