/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.FragmentAssembler;
import io.aeron.logbuffer.FragmentHandler;

/**
 * The consumer side in one call: a fragment handler to poll a subscription with.
 * <pre>{@code
 * try (Aeron aeron = Aeron.connect();
 *     Subscription feed = aeron.addSubscription("aeron:ipc", 1001))
 * {
 *     FragmentHandler handler = AeronFeedSubscriber.fragmentHandler(
 *         (header, buffer, offset, length) -> book.apply(header.sequence(), buffer, offset, length),
 *         (type, header, length) -> { if (type != FeedMessageType.CONNECTED) book.rebuild(); });
 *     IdleStrategy idle = new BackoffIdleStrategy();
 *     while (running)
 *     {
 *         idle.idle(feed.poll(handler, 256));
 *     }
 * }
 * }</pre>
 */
public final class AeronFeedSubscriber
{
    private AeronFeedSubscriber()
    {
    }

    /**
     * A fragment handler that reassembles fragmented messages, decodes the header, and hands data and events over
     * zero copy.
     *
     * @param messages gets data messages.
     * @param events   gets lifecycle events ({@link FeedEventHandler#NONE} to ignore them).
     * @return the handler to give {@code Subscription.poll}; one per subscription (it keeps reassembly state).
     */
    public static FragmentHandler fragmentHandler(final FeedMessageHandler messages, final FeedEventHandler events)
    {
        return new FragmentAssembler(new FeedFragmentHandler(messages, events));
    }
}
