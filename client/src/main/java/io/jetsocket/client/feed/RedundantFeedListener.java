/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

/**
 * Told when no leg of a {@link RedundantFeed} brought some ids of a stream in time: the feed then moves on past
 * them. Called on the engine thread, just before the message after the gap reaches the {@link ArbitratedHandler}.
 */
@FunctionalInterface
public interface RedundantFeedListener
{
    /**
     * Ids {@code from} to {@code to} of a stream never arrived on any leg (within the gap-fill timeout, or before
     * the hold buffer filled up, or with no other leg connected to bring them).
     *
     * @param stream the stream's name ({@code ""} for the unnamed stream).
     * @param from   the first missing id.
     * @param to     the last missing id.
     */
    void onSequenceGap(String stream, long from, long to);
}
