/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron.archive;

import io.aeron.Aeron;
import io.aeron.ChannelUriStringBuilder;
import io.aeron.CommonContext;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ReplayMerge;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.jetsocket.aeron.FeedEventHandler;
import io.jetsocket.aeron.FeedFragmentHandler;
import io.jetsocket.aeron.FeedMessageHandler;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

/**
 * A consumer that starts late: it replays a feed's recording from a position (its start, for the whole history) and
 * then merges onto the live stream, so that its handlers get every message once and in order, with no gap and no
 * duplicate at the switch (Aeron's {@link ReplayMerge}: the replay and the live stream feed one image of the same
 * session, and the replay stops once the live stream has caught up with it).
 * <p>
 * Channel conventions (Aeron supports merging over UDP only, not IPC):
 * <ul>
 *     <li>the feed's publication is a multi-destination publication with a control endpoint,
 *     {@link #publicationChannel(String)}: {@code aeron:udp?control=<host:port>|control-mode=dynamic|ssc=true};</li>
 *     <li>it is recorded locally by {@link FeedRecorder} (a spy in the archive's media driver);</li>
 *     <li>this class subscribes with {@code aeron:udp?control-mode=manual|session-id=<the publication's>} and adds
 *     two destinations: the replay ({@code aeron:udp?endpoint=<host>:0}) and the live stream
 *     ({@code aeron:udp?endpoint=<host>:0|control=<host:port>}); the archive replays with the live session id.</li>
 * </ul>
 * If a merge fails (the replay made no progress for a while, or the archive refused a request), the joiner joins
 * again from just after the last whole message it delivered, up to a number of times, so that the handlers still get
 * each message once and in order; past that {@link #poll(int)} throws the failure. Once merged it reads the live
 * image only and does not join again: if that image closes (the publication went away, {@link #image()}'s
 * {@code isClosed()}), {@link #poll(int)} returns 0 from then on; a new joiner can catch up from the recording.
 * <p>
 * A message longer than the publication's largest payload comes as several Aeron fragments, which the joiner
 * reassembles (a {@link FragmentAssembler}) before its handlers see it, whole, from the replay and live alike. Where a
 * rejoin starts is tracked per whole message, never per fragment: if a merge fails while a long message is half
 * reassembled, the fragments read of it are dropped and the next join replays it from its first fragment, so that it
 * is delivered once and whole, neither lost, cut short nor repeated.
 * <p>
 * An exception thrown by a handler is not a failed merge, and its message is never delivered twice: it goes where
 * Aeron's own {@code Image.poll} sends it, the same before the merge and after (to the Aeron client's
 * {@code subscriberErrorHandler}, by default logged; out of {@link #poll(int)} when that handler rethrows), and the
 * joiner goes on with the next message (see {@link #poll(int)}).
 * <p>
 * Not thread safe: one consumer thread polls it (setup allocates; polling a merged joiner does not).
 */
public final class LateJoiner implements AutoCloseable
{
    private final AeronArchive archive;
    private final String controlEndpoint;
    private final String host;
    private final int streamId;
    private final int sessionId;
    private final long recordingId;
    private final int maxRejoins;
    private final FeedFragmentHandler feed;
    private final FragmentHandler positionTracking = this::onMessage;
    private FragmentHandler handler;
    private Subscription subscription;
    private ReplayMerge merge;
    private long nextPosition;
    private int rejoins;
    /** Set while a handler runs: an exception out of the merge's poll with it set is the handler's. */
    private boolean handlerFailed;

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
     * @param maxRejoins      how many times to join again after a failed merge before giving up.
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
        final int maxRejoins,
        final FeedMessageHandler messages,
        final FeedEventHandler events)
    {
        this.archive = archive;
        this.controlEndpoint = controlEndpoint;
        this.host = host;
        this.streamId = streamId;
        this.sessionId = sessionId;
        this.recordingId = recordingId;
        this.maxRejoins = maxRejoins;
        this.feed = new FeedFragmentHandler(messages, events);
        this.nextPosition = startPosition;
        join();
    }

    /**
     * The channel a feed's publication needs for late joiners: UDP with a control endpoint, destinations added by
     * the subscribers themselves, and spies counted as readers ({@code ssc=true}): the {@link FeedRecorder}'s spy then
     * keeps the publication connected while no live consumer is, so that what is published then is recorded. Without
     * it the publisher finds the publication not connected, publishes nothing (counted as not connected, no sequence
     * number spent) and the recording, which late joiners replay, misses those messages without a trace.
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
            .spiesSimulateConnection(true)
            .build();
    }

    /**
     * Deliver messages, replayed and then live, to the handlers; drives the merge until it is done, and joins again
     * after a failed merge.
     * <p>
     * A handler's exception is treated as Aeron's {@code Image.poll} treats it, before the merge and after alike:
     * the image hands it to the Aeron client's {@code subscriberErrorHandler} (by default its {@code errorHandler},
     * which logs it: the poll ends there and the next one goes on with the next message); if that handler rethrows
     * ({@code RethrowingErrorHandler}), it propagates out of this method. Either way the message counts as
     * delivered: neither the next poll nor a later rejoin delivers it again, and it is not a failed merge.
     *
     * @param fragmentLimit the most fragments to read.
     * @return work done (fragments read, or merge steps).
     * @throws RuntimeException the merge's failure, once it has failed more than {@code maxRejoins} times; or what a
     *                          handler threw, when the Aeron client's {@code subscriberErrorHandler} rethrows it.
     */
    public int poll(final int fragmentLimit)
    {
        if (merge.isMerged())
        {
            return merge.image().poll(handler, fragmentLimit);
        }
        handlerFailed = false;
        final int work;
        try
        {
            work = merge.poll(handler, fragmentLimit);
        }
        catch (final RuntimeException ex)
        {
            if (handlerFailed)
            {
                throw ex; // the consumer's, not the merge's: joining again would deliver its message twice
            }
            return rejoinOrThrow(ex);
        }
        if (merge.hasFailed())
        {
            return rejoinOrThrow(new IllegalStateException("replay merge failed: " + merge));
        }
        return work;
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
     * How many times a failed merge was started again.
     *
     * @return the count.
     */
    public int rejoins()
    {
        return rejoins;
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
        leave();
    }

    private int rejoinOrThrow(final RuntimeException failure)
    {
        if (rejoins >= maxRejoins)
        {
            throw failure;
        }
        rejoins++;
        leave();
        join();
        return 1;
    }

    private void onMessage(
        final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        // after this whole message: where a rejoin starts. For a reassembled message the header is the assembler's,
        // whose position is the end of the message's last fragment (Aeron sets its frame length to all the
        // fragments'); a fragment's end would start a rejoin inside the message and lose it. Moved before the
        // handler runs, as the image's position is: a message whose handler throws has been delivered, and a rejoin
        // must not deliver it again
        nextPosition = header.position();
        handlerFailed = true; // stays set if the handler throws: poll() then tells its exception from the merge's
        feed.onFragment(buffer, offset, length, header);
        handlerFailed = false;
    }

    private void join()
    {
        final Aeron aeron = archive.context().aeron();
        subscription = aeron.addSubscription(new ChannelUriStringBuilder()
            .media(CommonContext.UDP_MEDIA)
            .controlMode(CommonContext.MDC_CONTROL_MODE_MANUAL)
            .sessionId(sessionId)
            .build(), streamId);
        try
        {
            // the archive replays with the live session id, so that replay and live feed one image
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
                subscription, archive, replayChannel, replayDestination, liveDestination, recordingId, nextPosition);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(subscription);
            throw ex;
        }
        // a fresh assembler: the fragments of a message half reassembled when a merge failed are dropped, and the
        // next merge, which replays from that message's start, delivers it whole (Aeron's assembler would also
        // restart at the message's first fragment; a fresh one does not depend on it)
        handler = new FragmentAssembler(positionTracking);
    }

    private void leave()
    {
        CloseHelper.quietCloseAll(merge, subscription);
    }
}
