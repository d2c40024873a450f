/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.multiplex.Multiplex;

/**
 * What a {@link FeedControlAgent} drives: the feed handler's subscriptions.
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
     * Drive a multiplexer's channels. A channel subscribed this way has no handler of its own: its messages reach
     * consumers through the publisher attached to the multiplexer's client, which publishes every message.
     *
     * @param multiplex whose channels the control stream drives.
     * @return the control.
     */
    static SubscriptionControl of(final Multiplex<?> multiplex)
    {
        final RawMessageHandler published = (type, buffer, offset, length) -> {};
        return new SubscriptionControl()
        {
            @Override
            public void subscribe(final String channel)
            {
                multiplex.subscribeRaw(channel, published);
            }

            @Override
            public void unsubscribe(final String channel)
            {
                multiplex.unsubscribe(channel);
            }
        };
    }
}
