/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import java.util.concurrent.CompletableFuture;

/**
 * Fetches a stream's snapshot (a REST call, typically) when the stream starts or after a gap. Called on the
 * executor given with {@link SequencedFeed.Builder#resync}, never on the engine thread, so it may block; its result
 * reaches the engine thread through the engine's task queue.
 *
 * @param <S> the snapshot payload type.
 */
@FunctionalInterface
public interface SnapshotFetcher<S>
{
    /**
     * Start fetching a snapshot of a stream.
     *
     * @param stream the stream's name ({@code ""} for the unnamed stream).
     * @return the snapshot to come; completing exceptionally (or throwing here) counts as a failed attempt, which
     * is retried after a back-off.
     */
    CompletableFuture<Snapshot<S>> fetch(String stream);
}
