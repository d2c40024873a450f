/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron.archive;

import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.logbuffer.FragmentHandler;
import io.jetsocket.aeron.AeronFeedSubscriber;
import io.jetsocket.aeron.FeedEventHandler;
import io.jetsocket.aeron.FeedMessageHandler;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;

/**
 * Replays a recorded feed through the consumer's own handlers ({@link AeronFeedSubscriber#fragmentHandler}), for
 * deterministic backtests: the handlers get the recorded messages, headers and payloads byte for byte as the live
 * consumer got them, in the same order, and then the replay is done.
 * <p>
 * The bytes are the recorded ones, so {@link io.jetsocket.aeron.FeedHeader#FLAG_REPLAYED} is not set because of the
 * archive (it stays set only on the messages the publisher flagged: deltas a sequenced feed replayed after a
 * snapshot; the archive returns what it stored, and this class does not copy messages to rewrite a flag): a consumer
 * knows it is replaying a recording by the handler it gave this class, or by polling a {@code FeedReplay} rather
 * than a live subscription.
 * <p>
 * The replay goes to its own channel and stream: use a stream id no live subscriber reads (the archive adds the
 * replay's session id to the channel, but a live subscription without a session id on the same channel and stream
 * would see the replay too). IPC ({@code aeron:ipc}) is the cheapest when the archive is on the consumer's host.
 * <p>
 * Not thread safe: one consumer thread polls it.
 * <pre>{@code
 * try (FeedReplay replay = FeedReplay.start(archive, recordingId, "aeron:ipc", 9001, book::apply, book::onEvent))
 * {
 *     while (!replay.isDone())
 *     {
 *         idle.idle(replay.poll(256));
 *     }
 * }
 * }</pre>
 */
public final class FeedReplay implements AutoCloseable
{
    private final long recordingId;
    private final long stopPosition;
    private final Subscription subscription;
    private final FragmentHandler handler;
    private Image image;

    private FeedReplay(
        final long recordingId, final long stopPosition, final Subscription subscription, final FragmentHandler handler)
    {
        this.recordingId = recordingId;
        this.stopPosition = stopPosition;
        this.subscription = subscription;
        this.handler = handler;
    }

    /**
     * Start replaying a whole recording: from its start to its stop position, or, while it still records, to where it
     * has recorded now.
     *
     * @param archive        the archive client.
     * @param recordingId    the recording ({@link FeedRecorder#recordingId()}).
     * @param replayChannel  where the archive sends the replay, e.g. {@code aeron:ipc}.
     * @param replayStreamId a stream id no live subscriber reads.
     * @param messages       gets data messages (the same handler as the live consumer's).
     * @param events         gets lifecycle events.
     * @return the replay, to poll.
     */
    public static FeedReplay start(
        final AeronArchive archive,
        final long recordingId,
        final String replayChannel,
        final int replayStreamId,
        final FeedMessageHandler messages,
        final FeedEventHandler events)
    {
        final long startPosition = archive.getStartPosition(recordingId);
        long stopPosition = archive.getStopPosition(recordingId);
        if (AeronArchive.NULL_POSITION == stopPosition)
        {
            stopPosition = archive.getRecordingPosition(recordingId);
        }
        // the archive refuses a replay of nothing (start at the highest recorded position): an empty replay is done
        final Subscription subscription = stopPosition > startPosition ? archive.replay(
            recordingId, startPosition, stopPosition - startPosition, replayChannel, replayStreamId) : null;
        return new FeedReplay(
            recordingId, stopPosition, subscription, AeronFeedSubscriber.fragmentHandler(messages, events));
    }

    /**
     * Replay a whole recording through the handlers on the calling thread, and return when it is done.
     *
     * @param archive        the archive client.
     * @param recordingId    the recording.
     * @param replayChannel  where the archive sends the replay.
     * @param replayStreamId a stream id no live subscriber reads.
     * @param messages       gets data messages.
     * @param events         gets lifecycle events.
     * @param idle           between polls that found nothing.
     * @param timeout        how long the whole replay may take.
     * @throws IllegalStateException if the replay did not finish in time or its image went away before the end.
     */
    public static void replayAll(
        final AeronArchive archive,
        final long recordingId,
        final String replayChannel,
        final int replayStreamId,
        final FeedMessageHandler messages,
        final FeedEventHandler events,
        final IdleStrategy idle,
        final Duration timeout)
    {
        try (FeedReplay replay = start(archive, recordingId, replayChannel, replayStreamId, messages, events))
        {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (!replay.isDone())
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("replay of recording " + recordingId + " reached " +
                        replay.position() + " of " + replay.stopPosition + " within " + timeout);
                }
                idle.idle(replay.poll(256));
            }
        }
    }

    /**
     * Deliver replayed messages to the handlers.
     *
     * @param fragmentLimit the most fragments to read.
     * @return fragments read.
     * @throws IllegalStateException if the replay's image closed before the end of the recording.
     */
    public int poll(final int fragmentLimit)
    {
        if (null == image)
        {
            if (null == subscription || subscription.imageCount() == 0)
            {
                return 0;
            }
            image = subscription.imageAtIndex(0);
        }
        final int fragments = image.poll(handler, fragmentLimit);
        if (0 == fragments && image.isClosed() && image.position() < stopPosition)
        {
            throw new IllegalStateException("replay of recording " + recordingId + " ended at " + image.position() +
                " before its stop position " + stopPosition);
        }
        return fragments;
    }

    /**
     * Has every message up to the stop position been delivered.
     *
     * @return true when done.
     */
    public boolean isDone()
    {
        return null == subscription || null != image && image.position() >= stopPosition;
    }

    /**
     * Where the replay has got to.
     *
     * @return the position delivered up to, or {@link AeronArchive#NULL_POSITION} before the replay's image arrives
     * (or for an empty recording).
     */
    public long position()
    {
        return null == image ? AeronArchive.NULL_POSITION : image.position();
    }

    /**
     * The position the replay ends at.
     *
     * @return the stop position.
     */
    public long stopPosition()
    {
        return stopPosition;
    }

    /**
     * Close the replay's subscription (which ends the replay in the archive if it still runs).
     */
    @Override
    public void close()
    {
        CloseHelper.close(subscription); // null for an empty recording: nothing to close
    }
}
