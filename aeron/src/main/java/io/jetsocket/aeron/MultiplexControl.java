/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.multiplex.Multiplex;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link SubscriptionControl} over a {@link Multiplex} (engine thread only). It resubscribes only the channels it
 * subscribed itself: a channel the application subscribed with its own handler would lose that handler to an
 * unsubscribe and subscribe, so a request for it is refused.
 */
final class MultiplexControl implements SubscriptionControl
{
    // the channel's messages reach consumers through the publisher, which publishes every message of the client
    private static final RawMessageHandler PUBLISHED = (type, buffer, offset, length) -> {};

    private final Multiplex<?> multiplex;
    private final AeronFeedPublisher publisher;
    private final Consumer<String> resync;
    private final Set<String> owned = new HashSet<>(); // control messages are rare: a set is fine here

    /**
     * A control over a multiplexer.
     *
     * @param multiplex whose channels it drives.
     * @param publisher that sends RESET events, or null for none.
     * @param resync    the sequenced feed's resync, or null to resubscribe on snapshot requests.
     */
    MultiplexControl(final Multiplex<?> multiplex, final AeronFeedPublisher publisher, final Consumer<String> resync)
    {
        this.multiplex = multiplex;
        this.publisher = publisher;
        this.resync = resync;
    }

    @Override
    public void subscribe(final String channel)
    {
        multiplex.subscribeRaw(channel, PUBLISHED);
        owned.add(channel);
    }

    @Override
    public void unsubscribe(final String channel)
    {
        multiplex.unsubscribe(channel);
        owned.remove(channel);
    }

    @Override
    public void snapshot(final String channel)
    {
        if (null != resync)
        {
            try
            {
                resync.accept(channel);
                return;
            }
            catch (final IllegalStateException noFetcher)
            {
                // the feed cannot fetch snapshots: most venues send one on subscribe, so resubscribe instead
            }
        }
        recover(channel);
    }

    @Override
    public void recover(final String channel)
    {
        if (!owned.contains(channel))
        {
            throw new IllegalStateException("cannot resubscribe " + channel + ": not subscribed by the control stream");
        }
        if (null != publisher)
        {
            // before the resubscribe: consumers drop the channel's state, then rebuild from what the venue sends
            publisher.feedListener().onStreamReset(channel);
        }
        multiplex.unsubscribe(channel);
        multiplex.subscribeRaw(channel, PUBLISHED);
    }

    @Override
    public String toString()
    {
        return "MultiplexControl{" + multiplex + ", channels " + owned + "}";
    }
}
