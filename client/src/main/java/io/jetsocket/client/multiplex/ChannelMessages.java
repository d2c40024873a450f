/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.Subscription;
import io.jetsocket.client.WebSocket;

import java.util.function.Function;

/**
 * The venue's side of a channel: the messages that subscribe to it and unsubscribe from it
 * ({@link Multiplex.Builder#subscribeMessage}, {@link Multiplex.Builder#unsubscribeMessage}), each optional, and
 * how they go out on a client.
 *
 * @param <T> type of the messages.
 */
final class ChannelMessages<T>
{
    private final Function<String, ? extends T> subscribeMessage;
    private final Function<String, ? extends T> unsubscribeMessage;

    ChannelMessages(
        final Function<String, ? extends T> subscribeMessage, final Function<String, ? extends T> unsubscribeMessage)
    {
        this.subscribeMessage = subscribeMessage;
        this.unsubscribeMessage = unsubscribeMessage;
    }

    /**
     * Subscribe a channel on a client: its subscribe message goes out now if connected and again, in subscription
     * order, on every new connection of that client ({@link WebSocket#subscribe}).
     *
     * @return the client's subscription, to cancel when the channel ends; null without a subscribe message.
     */
    Subscription subscribe(final WebSocket<T> client, final String channel)
    {
        return null == subscribeMessage ? null : client.subscribe(subscribeMessage.apply(channel));
    }

    /**
     * Send a channel's unsubscribe message, if there is one (not connected: nothing to unsubscribe from).
     */
    void unsubscribe(final WebSocket<T> client, final String channel)
    {
        final T message = null == unsubscribeMessage ? null : unsubscribeMessage.apply(channel);
        if (null != message)
        {
            client.send(message);
        }
    }

    /**
     * Ask the server again for a silent channel, once (the client's subscription, restored on each new
     * connection, stays as it is): its unsubscribe message if there is one, then its subscribe message.
     */
    void resubscribe(final WebSocket<T> client, final String channel)
    {
        if (null != unsubscribeMessage)
        {
            client.send(unsubscribeMessage.apply(channel));
        }
        if (null != subscribeMessage)
        {
            client.send(subscribeMessage.apply(channel));
        }
    }
}
