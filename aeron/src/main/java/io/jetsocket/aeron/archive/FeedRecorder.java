/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron.archive;

import io.aeron.ChannelUri;
import io.aeron.Publication;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.status.CountersReader;

import java.time.Duration;

import static org.agrona.concurrent.status.CountersReader.NULL_COUNTER_ID;

/**
 * Records a feed publication in an Aeron Archive: the raw stream, headers and payloads, as the media driver sees it.
 * The recording runs in the archive (a spy on the publication for {@link SourceLocation#LOCAL}), so the publisher on
 * the engine thread does not change and pays nothing for it.
 * <p>
 * Channel conventions: the recording is of the publication's own channel with its {@code session-id} added, so that
 * exactly this publication is recorded and not another publisher on the same channel and stream; for IPC that is
 * {@code aeron:ipc?session-id=<id>}, for UDP the publication's channel (for a late joiner, a multi-destination
 * channel {@code aeron:udp?control=<host:port>|control-mode=dynamic|ssc=true}, see {@link LateJoiner}). Start the
 * recording before the WebSocket connects to keep the stream from its first message (sequence 1). A UDP publication
 * needs {@code ssc=true} (spies simulate connection, as {@link LateJoiner#publicationChannel} sets it): without it
 * the recording's spy does not count as a reader, and while no live consumer is connected the publisher publishes
 * nothing, so nothing is recorded (an IPC recording is a subscriber and counts).
 * <p>
 * Not thread safe; for setup and tear down threads, never the engine thread (it waits for the archive).
 * <pre>{@code
 * try (FeedRecorder recorder = FeedRecorder.start(archive, publication, Duration.ofSeconds(5)))
 * {
 *     ws.connect().get();
 *     ...
 *     long recordingId = recorder.recordingId(); // for FeedReplay and LateJoiner
 * }
 * }</pre>
 */
public final class FeedRecorder implements AutoCloseable
{
    private final AeronArchive archive;
    private final String channel;
    private final int streamId;
    private final int sessionId;
    private final long subscriptionId;
    private final long recordingId;
    private final int counterId;
    private boolean stopped;

    private FeedRecorder(
        final AeronArchive archive,
        final String channel,
        final int streamId,
        final int sessionId,
        final long subscriptionId,
        final long recordingId,
        final int counterId)
    {
        this.archive = archive;
        this.channel = channel;
        this.streamId = streamId;
        this.sessionId = sessionId;
        this.subscriptionId = subscriptionId;
        this.recordingId = recordingId;
        this.counterId = counterId;
    }

    /**
     * Start recording a publication (local to the archive's media driver) and wait until the archive has opened the
     * recording.
     *
     * @param archive     the archive client; its Aeron client must be on the publication's media driver.
     * @param publication the feed's publication (the one given to {@code AeronFeedPublisher}).
     * @param timeout     how long to wait for the recording to start.
     * @return the recorder, with its recording id.
     * @throws IllegalStateException if the recording did not start in time.
     */
    public static FeedRecorder start(final AeronArchive archive, final Publication publication, final Duration timeout)
    {
        final int sessionId = publication.sessionId();
        final String channel = ChannelUri.addSessionId(publication.channel(), sessionId);
        final long subscriptionId = archive.startRecording(channel, publication.streamId(), SourceLocation.LOCAL);
        final CountersReader counters = archive.context().aeron().countersReader();
        final long deadline = System.nanoTime() + timeout.toNanos();
        final IdleStrategy idle = new YieldingIdleStrategy();
        int counterId;
        while (NULL_COUNTER_ID == (counterId = RecordingPos.findCounterIdBySession(
            counters, sessionId, archive.archiveId())))
        {
            if (System.nanoTime() - deadline > 0)
            {
                archive.stopRecording(subscriptionId);
                throw new IllegalStateException("the archive did not start recording " + channel + " stream " +
                    publication.streamId() + " within " + timeout);
            }
            idle.idle();
        }
        final long recordingId = RecordingPos.getRecordingId(counters, counterId);
        return new FeedRecorder(
            archive, channel, publication.streamId(), sessionId, subscriptionId, recordingId, counterId);
    }

    /**
     * The recording's id in the archive's catalog.
     *
     * @return the recording id.
     */
    public long recordingId()
    {
        return recordingId;
    }

    /**
     * The session id of the recorded publication (what a {@link LateJoiner} merges onto).
     *
     * @return the session id.
     */
    public int sessionId()
    {
        return sessionId;
    }

    /**
     * The channel recorded (the publication's, with its session id).
     *
     * @return the channel URI.
     */
    public String channel()
    {
        return channel;
    }

    /**
     * The stream id recorded.
     *
     * @return the stream id.
     */
    public int streamId()
    {
        return streamId;
    }

    /**
     * How far the archive has recorded, while the recording runs.
     *
     * @return the recorded position, or {@link AeronArchive#NULL_POSITION} once stopped.
     */
    public long position()
    {
        final CountersReader counters = archive.context().aeron().countersReader();
        return !stopped && RecordingPos.isActive(counters, counterId, recordingId) ?
            counters.getCounterValue(counterId) : AeronArchive.NULL_POSITION;
    }

    /**
     * Wait until the archive has recorded up to a position, e.g. the publication's {@code position()} before stopping,
     * so that nothing published is left out of the recording.
     *
     * @param position to reach.
     * @param timeout  how long to wait.
     * @throws IllegalStateException if the recording stopped or did not reach the position in time.
     */
    public void awaitPosition(final long position, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final IdleStrategy idle = new YieldingIdleStrategy();
        long recorded;
        while ((recorded = position()) < position)
        {
            if (AeronArchive.NULL_POSITION == recorded || System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("recording " + recordingId + " of " + channel + " reached " +
                    recorded + ", not " + position + ", within " + timeout);
            }
            idle.idle();
        }
    }

    /**
     * Stop the recording (it stays in the archive's catalog for replay). Idempotent.
     */
    public void stop()
    {
        if (!stopped)
        {
            stopped = true;
            archive.stopRecording(subscriptionId);
        }
    }

    /**
     * Stop the recording.
     */
    @Override
    public void close()
    {
        stop();
    }
}
