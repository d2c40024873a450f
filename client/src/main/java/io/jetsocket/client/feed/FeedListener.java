/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import java.util.Objects;

/**
 * What happens to the streams of a {@link SequencedFeed} or a {@link RedundantFeed}: gaps, resets and resyncs (the
 * {@code sequence_gap} and {@code stream_reset} events of the market-data layer; a redundant feed reports gaps only).
 * Called on the engine thread; every method does nothing unless overridden. A listener must not block.
 */
public interface FeedListener
{
    /** A listener that ignores everything. */
    FeedListener NONE = new FeedListener()
    {
    };

    /**
     * The handler of gaps alone, for a lambda: {@code FeedListener.onGaps((stream, from, to) -> ...)}.
     */
    @FunctionalInterface
    interface GapHandler
    {
        /**
         * Ids {@code from} to {@code to} of a stream are missing.
         *
         * @param stream the stream's name.
         * @param from   the first missing id.
         * @param to     the last missing id.
         */
        void onSequenceGap(String stream, long from, long to);
    }

    /**
     * A listener of gaps only.
     *
     * @param gaps called for each gap.
     * @return the listener.
     */
    static FeedListener onGaps(final GapHandler gaps)
    {
        Objects.requireNonNull(gaps, "gaps");
        return new FeedListener()
        {
            @Override
            public void onSequenceGap(final String stream, final long from, final long to)
            {
                gaps.onSequenceGap(stream, from, to);
            }
        };
    }

    /**
     * Ids {@code from} to {@code to} of a stream never arrived before a later one did ({@code sequence_gap}).
     *
     * @param stream the stream's name.
     * @param from   the first missing id.
     * @param to     the last missing id.
     */
    default void onSequenceGap(final String stream, final long from, final long to)
    {
    }

    /**
     * A stream's tracking restarted ({@code stream_reset}): an explicit reset, a snapshot applied, or a reconnect
     * with {@code resetOnReconnect}. Its next message (or the snapshot) starts it again.
     *
     * @param stream the stream's name.
     */
    default void onStreamReset(final String stream)
    {
    }

    /**
     * A stream started buffering its deltas and fetching a snapshot.
     *
     * @param stream the stream's name.
     * @param reason why.
     */
    default void onResyncStarted(final String stream, final ResyncReason reason)
    {
    }

    /**
     * A stream's snapshot was applied and the buffered deltas after it replayed: it is live again.
     *
     * @param stream       the stream's name.
     * @param lastSequence the snapshot's last id.
     * @param replayed     how many buffered deltas were delivered after it.
     */
    default void onResyncCompleted(final String stream, final long lastSequence, final int replayed)
    {
    }

    /**
     * A snapshot fetch failed.
     *
     * @param stream    the stream's name.
     * @param cause     what the fetcher threw or completed with.
     * @param attempt   how many fetches in a row failed, this one included.
     * @param exhausted true when no more are made (the stream is {@link StreamState#FAILED}); false when another
     *                  starts after a back-off.
     */
    default void onResyncFailed(final String stream, final Throwable cause, final int attempt, final boolean exhausted)
    {
    }

    /**
     * A stream's buffered deltas outgrew {@code maxBufferedBytes} while it waited for a snapshot: they were dropped
     * (the snapshot to come is then too old for what follows, and is fetched again).
     *
     * @param stream the stream's name.
     * @param bytes  how many bytes were dropped.
     */
    default void onBufferOverflow(final String stream, final int bytes)
    {
    }
}
