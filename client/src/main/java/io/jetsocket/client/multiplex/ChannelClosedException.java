/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.ConnectionState;
import io.jetsocket.client.InvalidStateException;

import java.util.EnumSet;

/**
 * A channel subscription (or its multiplexer) is closed: what {@code recv} throws once its queue is empty, and
 * what {@code subscribe} throws on a closed multiplexer.
 */
public final class ChannelClosedException extends InvalidStateException
{
    private static final long serialVersionUID = 1L;

    /** The channel. */
    private final String channel;
    /** The message: the inherited one speaks of connection states. */
    private final String detail;

    /**
     * Create the exception.
     *
     * @param operation what was attempted, e.g. {@code recv}.
     * @param channel   the channel.
     * @param why       why it is closed, e.g. {@code unsubscribed}.
     */
    public ChannelClosedException(final String operation, final String channel, final String why)
    {
        super(operation, ConnectionState.CLOSED, EnumSet.of(ConnectionState.CONNECTED));
        this.channel = channel;
        this.detail = "cannot " + operation + " on channel '" + channel + "': " + why;
    }

    /**
     * The channel.
     *
     * @return its name.
     */
    public String channel()
    {
        return channel;
    }

    @Override
    public String getMessage()
    {
        return detail;
    }
}
