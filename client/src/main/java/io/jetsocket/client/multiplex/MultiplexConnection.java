/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.WebSocket;

/**
 * The multiplexer's current connection: the client that new channels subscribe on and that a silent channel's
 * watchdog acts on. A rotation replaces it ({@link ConnectionRotation}); every other part reads it here, so there
 * is one place that says which client is the current one.
 *
 * @param <T> type of the messages.
 */
final class MultiplexConnection<T> implements ChannelWatchdog.Host<T>
{
    /** A close frame's reason is at most 123 bytes: a longer one is replaced by a short one. */
    private static final int CLOSE_REASON_MAX = 60;

    private final ChannelMessages<T> messages;
    private volatile WebSocket<T> client; // written under the multiplexer's lock, by a rotation

    MultiplexConnection(final WebSocket<T> client, final ChannelMessages<T> messages)
    {
        this.client = client;
        this.messages = messages;
    }

    /**
     * The newest connection's client.
     */
    WebSocket<T> client()
    {
        return client;
    }

    /**
     * Make a rotation's new client the current one (under the multiplexer's lock).
     */
    void replace(final WebSocket<T> fresh)
    {
        client = fresh;
    }

    /**
     * An engine-clock time (nanoseconds) as epoch milliseconds of the client's epoch clock.
     */
    long toEpochMs(final long engineNs)
    {
        final WebSocket<T> current = client;
        return current.config().epochClock().time() - (current.engine().nowNs() - engineNs) / 1_000_000L;
    }

    @Override
    public boolean isConnected()
    {
        return client.isConnected();
    }

    @Override
    public void resubscribe(final ChannelSubscription<T> subscription)
    {
        messages.resubscribe(client, subscription.channel());
    }

    @Override
    public void reconnect(final String reason)
    {
        client.reconnect(reason.length() > CLOSE_REASON_MAX ? "a channel stayed silent" : reason);
    }
}
