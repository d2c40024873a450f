/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.Subscription;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * One channel of a {@link Multiplex}: its messages go to its handler (decoded or raw, on the engine thread) or to
 * its bounded queue, read with {@link #recv()}, {@link #recv(Duration)} or iteration from any other thread. A
 * subscription is active until {@link #close()}, {@link Multiplex#unsubscribe} or {@link Multiplex#close()}; then
 * readers take what is still queued and get a {@link ChannelClosedException}. Thread safe.
 *
 * @param <T> type of the messages.
 */
public final class ChannelSubscription<T> implements Iterable<T>, AutoCloseable
{
    private static final long NEVER = Long.MIN_VALUE;
    private static final VarHandle MESSAGES;
    private static final VarHandle LAST_MESSAGE_NS;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            MESSAGES = lookup.findVarHandle(ChannelSubscription.class, "messages", long.class);
            LAST_MESSAGE_NS = lookup.findVarHandle(ChannelSubscription.class, "lastMessageNs", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final ChannelRegistry<T> owner; // its multiplexer's channels
    private final String channel;
    private final Consumer<? super T> handler;
    private final RawMessageHandler rawHandler;
    private final ChannelQueue<T> queue;
    private final Object listenerKey;
    private Subscription restore; // guarded by the multiplexer's lock
    private volatile boolean active = true;
    private volatile String closedWhy = "unsubscribed";
    // Written by the engine thread only (one writer: release stores, no fence per message), read by any thread.
    private long messages;
    private long lastMessageNs = NEVER;
    private volatile long drops; // rare: a plain volatile
    // Rotation state, the router's (engine thread only): the connection generation this channel takes its messages
    // from, the last sequence id delivered and the highest one the next connection has shown during an overlap.
    int deliverGeneration;
    long lastSequence = Long.MIN_VALUE;
    long newLatest = Long.MIN_VALUE;
    boolean catchingUp; // switched while the old connection was ahead: drop the new one's ids up to lastSequence
    // The no-data watchdog's state (ChannelWatchdog, engine thread only): its timer, when the current silent period
    // started (the last subscribe or resubscribe), and silent periods in a row.
    io.jetsocket.engine.EngineTimer watchTimer;
    long watchTimerId = -1;
    long watchTimeoutNs = -1; // -1: the multiplexer's default
    long watchFromNs;
    int silentPeriods;

    ChannelSubscription(
        final ChannelRegistry<T> owner,
        final String channel,
        final Consumer<? super T> handler,
        final RawMessageHandler rawHandler,
        final ChannelQueue<T> queue)
    {
        this.owner = owner;
        this.channel = channel;
        this.handler = handler;
        this.rawHandler = rawHandler;
        this.queue = queue;
        this.listenerKey = null != handler ? handler : rawHandler;
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

    /**
     * Is it still delivering?
     *
     * @return true until closed or unsubscribed.
     */
    public boolean isActive()
    {
        return active;
    }

    /**
     * Block for the next message of this channel, with no time limit.
     *
     * @return the message.
     * @throws ChannelClosedException once the subscription is closed and its queue empty.
     * @throws IllegalStateException  if it has a handler instead of a queue, or on the engine thread.
     * @throws InterruptedException   if interrupted while waiting.
     */
    public T recv() throws InterruptedException
    {
        return recv(null);
    }

    /**
     * Block for the next message of this channel.
     *
     * @param timeout the longest wait; null for no limit.
     * @return the message.
     * @throws io.jetsocket.client.OperationTimeoutException if none came in time (operation {@code recv}).
     * @throws ChannelClosedException once the subscription is closed and its queue empty.
     * @throws IllegalStateException  if it has a handler instead of a queue, or on the engine thread.
     * @throws InterruptedException   if interrupted while waiting.
     */
    public T recv(final Duration timeout) throws InterruptedException
    {
        checkCanBlock("recv");
        return queue.take(timeout, () -> new ChannelClosedException("recv", channel, closedWhy),
            "channel '" + channel + "' of " + owner.uri());
    }

    /**
     * Take a queued message without waiting.
     *
     * @return the message, or null when none is queued.
     * @throws IllegalStateException if it has a handler instead of a queue.
     */
    public T poll()
    {
        checkQueue("poll");
        return queue.poll();
    }

    /**
     * Blocking iteration: {@code hasNext()} waits for the next message and returns false once the subscription is
     * closed and its queue drained.
     *
     * @return an iterator.
     * @throws IllegalStateException if it has a handler instead of a queue, or on the engine thread.
     */
    @Override
    public Iterator<T> iterator()
    {
        checkCanBlock("iterate");
        return new Iterator<>()
        {
            @Override
            public boolean hasNext()
            {
                try
                {
                    return queue.awaitNext("channel '" + channel + "'");
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }

            @Override
            public T next()
            {
                if (!hasNext())
                {
                    throw new NoSuchElementException("channel '" + channel + "' is closed");
                }
                return queue.poll();
            }
        };
    }

    /**
     * A snapshot of its counters.
     *
     * @return the statistics.
     */
    public SubscriptionStats stats()
    {
        final long lastNs = (long)LAST_MESSAGE_NS.getAcquire(this);
        return new SubscriptionStats(channel, (long)MESSAGES.getAcquire(this), drops,
            null == queue ? 0 : queue.size(), NEVER == lastNs ? -1 : owner.toEpochMs(lastNs), active);
    }

    /**
     * Watch this channel for silence with a timeout of its own instead of the multiplexer's
     * ({@link Multiplex.Builder#channelNoDataTimeout}), e.g. a longer one for a sparse channel (liquidations) or
     * none at all; the policy is the multiplexer's (resubscribe, then replace the connection). The silence counts
     * from now. Any thread.
     *
     * @param timeout positive, or null for no watchdog on this channel.
     * @return this subscription.
     */
    public ChannelSubscription<T> noDataTimeout(final Duration timeout)
    {
        if (null != timeout && (timeout.isNegative() || timeout.isZero()))
        {
            throw new IllegalArgumentException("noDataTimeout of channel '" + channel + "' must be positive: " +
                timeout);
        }
        owner.retime(this, null == timeout ? 0 : timeout.toNanos());
        return this;
    }

    /**
     * Unsubscribe: the same as {@link Multiplex#unsubscribe} of this channel. Idempotent.
     */
    @Override
    public void close()
    {
        owner.unsubscribe(this);
    }

    @Override
    public String toString()
    {
        return "ChannelSubscription{" + channel + ", " + (active ? "active" : "closed") + "}";
    }

    // ---------------------------------------------------------------- the multiplexer's side

    boolean sameListener(final Object handlerOrRaw)
    {
        return listenerKey == handlerOrRaw;
    }

    boolean needsDecoded()
    {
        return null != handler || null != queue;
    }

    Subscription restore()
    {
        return restore;
    }

    void restore(final Subscription restore)
    {
        this.restore = restore;
    }

    /**
     * End delivery (any thread): readers take what is queued, then get the closed error.
     */
    void deactivate(final String why)
    {
        closedWhy = why;
        active = false;
        if (null != queue)
        {
            queue.close();
        }
    }

    /**
     * Count a routed message (engine thread).
     */
    void onRouted(final long nowNs)
    {
        MESSAGES.setRelease(this, messages + 1); // the one writer reads its own plain value
        LAST_MESSAGE_NS.setRelease(this, nowNs);
    }

    /**
     * When the last message was routed to it (engine thread: the one writer reads its own plain value).
     *
     * @return engine nanoseconds, {@code Long.MIN_VALUE} before the first.
     */
    long lastMessageNs()
    {
        return lastMessageNs;
    }

    void onRaw(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != rawHandler)
        {
            rawHandler.onMessage(type, buffer, offset, length);
        }
    }

    /**
     * Deliver a decoded message (engine thread).
     *
     * @return messages dropped by the queue: 0 or 1.
     */
    int onDecoded(final T message)
    {
        if (null != handler)
        {
            handler.accept(message);
        }
        if (null != queue)
        {
            final int dropped = queue.offer(message);
            if (dropped > 0)
            {
                drops += dropped; // one writer: the engine thread
            }
            return dropped;
        }
        return 0;
    }

    long drops()
    {
        return drops;
    }

    private void checkQueue(final String operation)
    {
        if (null == queue)
        {
            throw new IllegalStateException("cannot " + operation + " channel '" + channel +
                "': it was subscribed with a handler, not a queue");
        }
    }

    private void checkCanBlock(final String operation)
    {
        checkQueue(operation);
        if (owner.isEngineThread())
        {
            throw new IllegalStateException(operation + " blocks: it must not be called on the engine thread " +
                "(from a handler)");
        }
    }
}
