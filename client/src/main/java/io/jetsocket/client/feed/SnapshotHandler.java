/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

/**
 * Gets each snapshot a resync fetched, on the engine thread, just before the buffered deltas that follow it are
 * replayed to the {@link FeedHandler}: the place to replace the application's book with the snapshot's.
 *
 * @param <S> the snapshot payload type.
 */
@FunctionalInterface
public interface SnapshotHandler<S>
{
    /**
     * A snapshot is applied: the stream's deltas after {@link Snapshot#lastSequence()} follow.
     *
     * @param stream   the stream's name.
     * @param snapshot what the fetcher returned.
     */
    void onSnapshot(String stream, Snapshot<S> snapshot);
}
