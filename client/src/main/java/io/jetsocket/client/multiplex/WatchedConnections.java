/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.WebSocketEngine;

/**
 * The multiplexer's clients as its per-channel watchdog sees them: once any channel is watched (a default timeout,
 * or a channel's own), every client, the current one and each a rotation opens, tells the watchdog when its
 * connection opens, because a silence before that is the connection's, not the channels'. Until then no client
 * carries the hook.
 *
 * @param <T> type of the messages.
 */
final class WatchedConnections<T>
{
    private final Object lock;
    private final WebSocketEngine engine;
    private final MultiplexConnection<T> connection;
    private final ChannelWatchdog<T> watchdog;
    private boolean watching; // lock: the clients tell the watchdog when they connect

    WatchedConnections(
        final Object lock,
        final MultiplexConnection<T> connection,
        final ChannelWatchdog<T> watchdog,
        final boolean watchEveryChannel)
    {
        this.lock = lock;
        this.engine = connection.client().engine();
        this.connection = connection;
        this.watchdog = watchdog;
        if (watchEveryChannel)
        {
            synchronized (lock)
            {
                hookUp(connection.client());
            }
        }
    }

    /**
     * Hook up a rotation's new client, if channels are watched (under the lock).
     */
    void add(final WebSocket<T> client)
    {
        if (watching)
        {
            hookUp(client);
        }
    }

    /**
     * Give a channel a no-data timeout of its own (any thread); the first channel watched starts the hooks.
     *
     * @param timeoutNs the timeout; 0 not to watch the channel.
     */
    void retime(final ChannelSubscription<T> subscription, final long timeoutNs)
    {
        synchronized (lock)
        {
            if (timeoutNs > 0 && !watching)
            {
                final WebSocket<T> client = connection.client();
                hookUp(client); // the first channel watched: the connected time counts from the next
                if (client.isConnected())
                {
                    EngineTasks.run(engine, watchdog::onConnected); // open already: from now, at the latest
                }
            }
        }
        EngineTasks.run(engine, () -> watchdog.retime(subscription, timeoutNs));
    }

    /**
     * Tell the watchdog when a client's connection opens; under the lock.
     */
    private void hookUp(final WebSocket<T> client)
    {
        watching = true;
        client.on(EventType.CONNECTED, (event) -> EngineTasks.run(engine, watchdog::onConnected));
    }
}
