/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.engine.WebSocketEngine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The multiplexer's channels: the subscription of each active channel, in subscription order, and whether the
 * multiplexer is closed, all under the multiplexer's lock (shared with {@link ConnectionRotation}, which copies
 * the channels and switches the client in one step against a subscribe). A channel starts with its route and its
 * watch, set up on the engine thread ahead of its subscribe message so the server's first answer finds them, and
 * ends with its route removed, its restore on new connections cancelled and its unsubscribe message sent. A
 * subscription asks the registry that made it for what it needs of its multiplexer.
 *
 * @param <T> type of the messages.
 */
final class ChannelRegistry<T>
{
    private final Object lock;
    private final WebSocketEngine engine;
    private final MultiplexConnection<T> connection;
    private final ChannelRouter<T> router;
    private final ChannelWatchdog<T> watchdog;
    private final WatchedConnections<T> watched;
    private final ChannelMessages<T> messages;
    private final int queueSize;
    private final OverflowPolicy overflowPolicy;
    private final LinkedHashMap<String, ChannelSubscription<T>> subscriptions = new LinkedHashMap<>(); // lock
    private boolean closed; // lock

    ChannelRegistry(
        final Object lock,
        final MultiplexConnection<T> connection,
        final ChannelRouter<T> router,
        final ChannelWatchdog<T> watchdog,
        final WatchedConnections<T> watched,
        final ChannelMessages<T> messages,
        final MultiplexSettings<T> settings)
    {
        this.lock = lock;
        this.engine = connection.client().engine();
        this.connection = connection;
        this.router = router;
        this.watchdog = watchdog;
        this.watched = watched;
        this.messages = messages;
        this.queueSize = settings.queueSize;
        this.overflowPolicy = settings.overflowPolicy;
    }

    /**
     * Subscribe a channel, or return its subscription if it has one with the same handler (or queue).
     *
     * @param handler    its decoded messages' handler; null for a raw handler or a queue.
     * @param rawHandler its raw messages' handler; null for a handler or a queue.
     */
    ChannelSubscription<T> subscribe(
        final String channel, final Consumer<? super T> handler, final RawMessageHandler rawHandler)
    {
        Objects.requireNonNull(channel, "channel");
        synchronized (lock)
        {
            if (closed)
            {
                throw new ChannelClosedException("subscribe", channel, "the multiplexer is closed");
            }
            final ChannelSubscription<T> existing = subscriptions.get(channel);
            final Object listener = null != handler ? handler : rawHandler;
            if (null != existing)
            {
                if (!existing.sameListener(listener))
                {
                    throw new IllegalStateException("channel '" + channel + "' is already subscribed with " +
                        "another handler (or queue): unsubscribe it first");
                }
                return existing;
            }
            final ChannelQueue<T> queue = null == listener ? new ChannelQueue<>(queueSize, overflowPolicy) : null;
            final ChannelSubscription<T> subscription =
                new ChannelSubscription<>(this, channel, handler, rawHandler, queue);
            // The route goes first through the engine's ordered command channel: the server's first answer to the
            // subscribe message below always finds it.
            EngineTasks.run(engine, () ->
            {
                router.add(subscription);
                watchdog.watch(subscription);
            });
            subscriptions.put(channel, subscription);
            subscription.restore(messages.subscribe(connection.client(), channel));
            return subscription;
        }
    }

    boolean unsubscribe(final String channel)
    {
        final ChannelSubscription<T> subscription;
        synchronized (lock)
        {
            subscription = subscriptions.get(channel);
        }
        return null != subscription && unsubscribe(subscription);
    }

    boolean unsubscribe(final ChannelSubscription<T> subscription)
    {
        synchronized (lock)
        {
            if (subscriptions.get(subscription.channel()) != subscription)
            {
                return false; // unsubscribed already, or the multiplexer closed
            }
            subscriptions.remove(subscription.channel());
            end(subscription, "unsubscribed");
            messages.unsubscribe(connection.client(), subscription.channel());
        }
        return true;
    }

    ChannelSubscription<T> subscription(final String channel)
    {
        synchronized (lock)
        {
            return subscriptions.get(channel);
        }
    }

    List<String> channels()
    {
        synchronized (lock)
        {
            return List.copyOf(subscriptions.keySet());
        }
    }

    /**
     * The number of active channels, for a sharded multiplexer's placement (no copy).
     */
    int channelCount()
    {
        synchronized (lock)
        {
            return subscriptions.size();
        }
    }

    /**
     * The active subscriptions, in subscription order: a copy, for a rotation to subscribe on its new connection.
     */
    List<ChannelSubscription<T>> active()
    {
        synchronized (lock)
        {
            return new ArrayList<>(subscriptions.values());
        }
    }

    List<SubscriptionStats> stats()
    {
        final List<SubscriptionStats> perChannel = new ArrayList<>();
        synchronized (lock)
        {
            for (final ChannelSubscription<T> subscription : subscriptions.values())
            {
                perChannel.add(subscription.stats());
            }
        }
        return perChannel;
    }

    boolean isClosed()
    {
        synchronized (lock)
        {
            return closed;
        }
    }

    /**
     * Close: every subscription ends; no unsubscribe messages are sent (the connection closes next).
     *
     * @return false if closed already.
     */
    boolean close()
    {
        synchronized (lock)
        {
            if (closed)
            {
                return false;
            }
            closed = true;
            final List<ChannelSubscription<T>> ended = new ArrayList<>(subscriptions.values());
            subscriptions.clear();
            for (final ChannelSubscription<T> subscription : ended)
            {
                end(subscription, "the multiplexer is closed");
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- what a subscription asks of its multiplexer

    /**
     * A channel's own no-data timeout (any thread).
     */
    void retime(final ChannelSubscription<T> subscription, final long timeoutNs)
    {
        watched.retime(subscription, timeoutNs);
    }

    String uri()
    {
        return connection.client().uri();
    }

    /**
     * An engine-clock time (nanoseconds) as epoch milliseconds of the client's epoch clock.
     */
    long toEpochMs(final long engineNs)
    {
        return connection.toEpochMs(engineNs);
    }

    boolean isEngineThread()
    {
        return engine.isEngineThread();
    }

    /**
     * End a subscription (under the lock): no more deliveries, no more restores, its route removed.
     */
    private void end(final ChannelSubscription<T> subscription, final String why)
    {
        subscription.deactivate(why);
        if (null != subscription.restore())
        {
            subscription.restore().cancel();
        }
        EngineTasks.runIfOpen(engine, () ->
        {
            router.remove(subscription);
            watchdog.unwatch(subscription);
        });
    }
}
