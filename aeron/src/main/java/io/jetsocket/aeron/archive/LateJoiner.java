/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron.archive;

import io.aeron.Aeron;
import io.aeron.ChannelUriStringBuilder;
import io.aeron.CommonContext;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ReplayMerge;
import io.aeron.logbuffer.FragmentHandler;
import io.jetsocket.aeron.AeronFeedSubscriber;
import io.jetsocket.aeron.FeedEventHandler;
import io.jetsocket.aeron.FeedMessageHandler;
import org.agrona.CloseHelper;

/**
 * A consumer that starts late: it replays a feed's recording from a position (its start, for the whole history) and
 * then merges onto the live stream, so that its handlers get every message once and in order, with no gap and no
 * duplicate at the switch (Aeron's {@link ReplayMerge}: the replay and the live stream feed one image of the same
 * session, and the replay stops once the live stream has caught up with it).
 * <p>
 * Channel conventions (Aeron supports merging over UDP only, not IPC):
 * <ul>
 *     <li>the feed's publication is a multi-destination publication with a control endpoint,
 *     {@link #publicationChannel(String)}: {@code aeron:udp?control=<host:port>|control-mode=dynamic};</li>
 *     <li>it is recorded locally by {@link FeedRecorder} (a spy in the archive's media driver);</li>
 *     <li>this class subscribes with {@code aeron:udp?control-mode=manual|session-id=<the publication's>} and adds
 *     two destinations: the replay ({@code aeron:udp?endpoint=<host>:0}) and the live stream
 *     ({@code aeron:udp?endpoint=<host>:0|control=<host:port>}); the archive replays with the live session id.</li>
 * </ul>
 * Not thread safe: one consumer thread polls it. If the merge fails ({@link #hasFailed()}: the replay made no
 * progress for a while, or the archive refused), close it and join again from the last sequence handled.
 */
public final class LateJoiner implements AutoCloseable
{
    private final Subscription subscription;
    private final ReplayMerge merge;
    private final FragmentHandler handler;

    /**
     * Join a feed: start the replay from a position and merge onto the live stream.
     *
     * @param archive         the archive client (not shared with another thread: ReplayMerge polls its responses).
     * @param controlEndpoint the publication's control endpoint, e.g. {@code localhost:40123}.
     * @param host            this consumer's address for the replay and live destinations, e.g. {@code localhost}.
     * @param streamId        the feed's stream id.
     * @param sessionId       the publication's session id ({@link FeedRecorder#sessionId()}).
     * @param recordingId     the recording ({@link FeedRecorder#recordingId()}).
     * @param startPosition   where to start the replay: the recording's start position for the whole history.
     * @param messages        gets data messages.
     * @param events          gets lifecycle events.
     */
    public LateJoiner(
        final AeronArchive archive,
        final String controlEndpoint,
        final String host,
        final int streamId,
        final int sessionId,
        final long recordingId,
        final long startPosition,
        final FeedMessageHandler messages,
        final FeedEventHandler events)
    {
        final Aeron aeron = archive.context().aeron();
        subscription = aeron.addSubscription(new ChannelUriStringBuilder()
            .media(CommonContext.UDP_MEDIA)
            .controlMode(CommonContext.MDC_CONTROL_MODE_MANUAL)
            .sessionId(sessionId)
            .build(), streamId);
        try
        {
            final String replayChannel = new ChannelUriStringBuilder()
                .media(CommonContext.UDP_MEDIA)
                .sessionId(sessionId)
                .build();
            final String replayDestination = new ChannelUriStringBuilder()
                .media(CommonContext.UDP_MEDIA)
                .endpoint(host + ":0")
                .build();
            final String liveDestination = new ChannelUriStringBuilder()
                .media(CommonContext.UDP_MEDIA)
                .endpoint(host + ":0")
                .controlEndpoint(controlEndpoint)
                .build();
            merge = new ReplayMerge(
                subscription, archive, replayChannel, replayDestination, liveDestination, recordingId, startPosition);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(subscription);
            throw ex;
        }
        handler = AeronFeedSubscriber.fragmentHandler(messages, events);
    }

    /**
     * The channel a feed's publication needs for late joiners: UDP with a control endpoint, destinations added by
     * the subscribers themselves.
     *
     * @param controlEndpoint {@code host:port} the publication listens on for its subscribers.
     * @return the publication channel URI.
     */
    public static String publicationChannel(final String controlEndpoint)
    {
        return new ChannelUriStringBuilder()
            .media(CommonContext.UDP_MEDIA)
            .controlEndpoint(controlEndpoint)
            .controlMode(CommonContext.MDC_CONTROL_MODE_DYNAMIC)
            .build();
    }

    /**
     * Deliver messages, replayed and then live, to the handlers; drives the merge until it is done.
     *
     * @param fragmentLimit the most fragments to read.
     * @return work done (fragments read, or merge steps).
     */
    public int poll(final int fragmentLimit)
    {
        if (merge.isMerged())
        {
            return merge.image().poll(handler, fragmentLimit);
        }
        return merge.poll(handler, fragmentLimit);
    }

    /**
     * Is the replay done and the consumer reading the live stream only.
     *
     * @return true once merged.
     */
    public boolean isMerged()
    {
        return merge.isMerged();
    }

    /**
     * Has the merge failed (then close this and join again).
     *
     * @return true if failed.
     */
    public boolean hasFailed()
    {
        return merge.hasFailed();
    }

    /**
     * The merged image (replay, then live), once the replay has started.
     *
     * @return the image, or null before.
     */
    public Image image()
    {
        return merge.image();
    }

    /**
     * Stop the replay if it still runs and close the subscription.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(merge, subscription);
    }
}
