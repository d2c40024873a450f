/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.jetsocket.client.feed.SequencedFeed;
import io.jetsocket.client.multiplex.Multiplex;

import java.util.Objects;

/**
 * What a {@link FeedControlAgent} drives: the feed handler's subscriptions, and the recovery of a consumer that lost
 * its place. Every method runs on the engine thread (the agent's duty cycle); one that cannot do what is asked
 * throws, and the agent counts the message as rejected.
 */
public interface SubscriptionControl
{
    /**
     * Subscribe a channel.
     *
     * @param channel as the venue names it.
     */
    void subscribe(String channel);

    /**
     * Unsubscribe a channel.
     *
     * @param channel as the venue names it.
     */
    void unsubscribe(String channel);

    /**
     * {@link ControlCommand#SNAPSHOT_REQUEST}: a consumer wants a fresh snapshot of a channel (it starts late, or
     * checks its book). The default refuses.
     *
     * @param channel the channel, or the sequenced feed's stream name where a feed is attached.
     * @throws UnsupportedOperationException when this control cannot get snapshots.
     */
    default void snapshot(final String channel)
    {
        throw new UnsupportedOperationException("snapshot request for " + channel + ": not supported by " + this);
    }

    /**
     * {@link ControlCommand#RECOVERY_REQUEST}: a consumer lost its place on a channel (it fell behind the stream's
     * retention, or restarted) and needs the channel's state again. The default refuses.
     *
     * @param channel as the venue names it.
     * @throws UnsupportedOperationException when this control cannot recover channels.
     */
    default void recover(final String channel)
    {
        throw new UnsupportedOperationException("recovery request for " + channel + ": not supported by " + this);
    }

    /**
     * Drive a multiplexer's channels. A channel subscribed this way has no handler of its own: its messages reach
     * consumers through the publisher attached to the multiplexer's client, which publishes every message. Snapshot
     * and recovery requests resubscribe the channel (so the venue sends its state afresh) when the control
     * subscribed it; no RESET event goes out, as there is no publisher to send it.
     *
     * @param multiplex whose channels the control stream drives.
     * @return the control.
     */
    static SubscriptionControl of(final Multiplex<?> multiplex)
    {
        return new MultiplexControl(multiplex, null, null);
    }

    /**
     * Drive a multiplexer's channels, and answer snapshot and recovery requests: a RESET event for the channel goes
     * out on the feed stream (every consumer drops that channel's state), then the channel is resubscribed, so
     * that the venue sends a fresh snapshot that consumers rebuild from.
     *
     * @param multiplex whose channels the control stream drives.
     * @param publisher that publishes the multiplexer's client (on the same engine as the control agent).
     * @return the control.
     */
    static SubscriptionControl of(final Multiplex<?> multiplex, final AeronFeedPublisher publisher)
    {
        return new MultiplexControl(multiplex, Objects.requireNonNull(publisher, "publisher"), null);
    }

    /**
     * As {@link #of(Multiplex, AeronFeedPublisher)}, with a sequenced feed: a snapshot request resyncs the feed's
     * stream of that name ({@link SequencedFeed#resync}, whose listener reports the reset), or resubscribes the
     * channel when the feed has no snapshot fetcher. Recovery requests resubscribe as without a feed.
     *
     * @param multiplex whose channels the control stream drives.
     * @param publisher that publishes the multiplexer's client.
     * @param feed      the sequenced feed over the multiplexer's client.
     * @return the control.
     */
    static SubscriptionControl of(
        final Multiplex<?> multiplex, final AeronFeedPublisher publisher, final SequencedFeed feed)
    {
        Objects.requireNonNull(feed, "feed");
        return new MultiplexControl(multiplex, Objects.requireNonNull(publisher, "publisher"), feed::resync);
    }
}
