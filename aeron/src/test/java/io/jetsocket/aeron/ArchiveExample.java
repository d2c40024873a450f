/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.archive.client.AeronArchive;
import io.jetsocket.aeron.archive.FeedRecorder;
import io.jetsocket.aeron.archive.FeedReplay;
import io.jetsocket.aeron.archive.LateJoiner;
import io.jetsocket.client.WebSocket;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;

/**
 * Aeron Archive as a user writes it (compiled here so that a README example can keep compiling): record a feed's
 * publication, replay the recording through the consumer's handler (a backtest), and join late with the whole
 * history. Needs an archiving media driver ({@code io.aeron.archive.ArchivingMediaDriver}) and
 * {@code io.aeron:aeron-archive} on the class path.
 */
public final class ArchiveExample
{
    private ArchiveExample()
    {
    }

    /**
     * Publish a WebSocket's feed on a channel late joiners can merge onto, and record it.
     *
     * @param ws the feed's WebSocket, not yet connected.
     * @throws Exception if the connection fails.
     */
    static void record(final WebSocket<Object> ws) throws Exception
    {
        try (AeronArchive archive = AeronArchive.connect();
            Publication publication = archive.context().aeron().addExclusivePublication(
                LateJoiner.publicationChannel("localhost:40456"), 1001);
            FeedRecorder recorder = FeedRecorder.start(archive, publication, Duration.ofSeconds(5)))
        {
            AeronFeedPublisher.attach(ws, publication, PublisherOptions.builder().build(),
                PublisherCounters.aeron(archive.context().aeron(), "venue-a"));
            ws.connect().get();
            System.out.println("recording " + recorder.recordingId() + " of session " + recorder.sessionId());
            Thread.sleep(Long.MAX_VALUE); // publish and record until interrupted
        }
    }

    /**
     * Replay a recording through the same handler a live consumer has: a deterministic backtest.
     *
     * @param recordingId the recording.
     */
    static void backtest(final long recordingId)
    {
        // tag::aeron-backtest[]
        final FeedMessageHandler strategy = (header, buffer, offset, length) ->
            System.out.println(header.sequence() + " " + buffer.getStringWithoutLengthUtf8(offset, length));
        try (AeronArchive archive = AeronArchive.connect())
        {
            FeedReplay.replayAll(archive, recordingId, "aeron:ipc", 9001, strategy, FeedEventHandler.NONE,
                new BackoffIdleStrategy(), Duration.ofMinutes(5));
        }
        // end::aeron-backtest[]
    }

    /**
     * Start late: the whole history from the recording, then the live stream, each message once and in order.
     *
     * @param sessionId   the publication's session id.
     * @param recordingId its recording.
     */
    static void joinLate(final int sessionId, final long recordingId)
    {
        // tag::aeron-late-joiner[]
        try (AeronArchive archive = AeronArchive.connect();
            LateJoiner joiner = new LateJoiner(archive, "localhost:40456", "localhost", 1001, sessionId,
                recordingId, archive.getStartPosition(recordingId), 3,
                (header, buffer, offset, length) -> System.out.println(header.sequence()),
                (type, header, length) -> System.out.println(type)))
        {
            final IdleStrategy idle = new BackoffIdleStrategy();
            while (!Thread.currentThread().isInterrupted())
            {
                idle.idle(joiner.poll(256));
            }
        }
        // end::aeron-late-joiner[]
    }
}
