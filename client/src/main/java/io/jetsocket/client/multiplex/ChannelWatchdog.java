/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.engine.WebSocketEngine;

import java.util.function.Consumer;

/**
 * The per-channel no-data watchdog of a {@link Multiplex} (engine thread): one engine timer per watched channel,
 * never rescheduled per message. The router stamps each routed message's time on its subscription; the channel's
 * timer, when it expires, compares that stamp with the timeout and re-arms for what is left, or finds the channel
 * silent. Time the connection is down does not count: the silence is measured from the later of the channel's last
 * message, its last (re)subscribe and the connection's opening.
 * <p>
 * The policy: a channel silent for the timeout is subscribed again ({@link Host#resubscribe}, an
 * {@link MultiplexEvent.Type#SILENT} event); when it is still silent after {@code resubscribes} such attempts in a
 * row, the next silent period replaces the connection instead ({@link Host#reconnect}, an
 * {@link MultiplexEvent.Type#SILENT_RECONNECT} event), and the count starts again. A message on the channel resets
 * the count.
 *
 * @param <T> type of the messages.
 */
final class ChannelWatchdog<T>
{
    /**
     * What the watchdog does to its multiplexer (engine thread).
     *
     * @param <T> type of the messages.
     */
    interface Host<T>
    {
        /**
         * Is the connection open? A channel is not silent while it is not.
         *
         * @return true when connected.
         */
        boolean isConnected();

        /**
         * Send the channel's subscribe message again (after its unsubscribe message, when there is one).
         *
         * @param subscription the silent channel.
         */
        void resubscribe(ChannelSubscription<T> subscription);

        /**
         * Replace the connection.
         *
         * @param reason why, for the close frame.
         */
        void reconnect(String reason);
    }

    private final WebSocketEngine engine;
    /** The multiplexer's default timeout; 0: a channel is watched only with a timeout of its own. */
    private final long defaultTimeoutNs;
    private final int resubscribes;
    private final Host<T> host;
    private final Consumer<MultiplexEvent> listener;
    /** When the connection last opened: silence before it is the connection's, not the channel's. */
    private long connectedNs = Long.MIN_VALUE;

    ChannelWatchdog(
        final WebSocketEngine engine,
        final long defaultTimeoutNs,
        final int resubscribes,
        final Host<T> host,
        final Consumer<MultiplexEvent> listener)
    {
        this.engine = engine;
        this.defaultTimeoutNs = defaultTimeoutNs;
        this.resubscribes = resubscribes;
        this.host = host;
        this.listener = listener;
    }

    /**
     * Watch a channel from now on (its route is in place), with its own timeout or the default; not at all when
     * that is 0.
     */
    void watch(final ChannelSubscription<T> subscription)
    {
        unwatch(subscription);
        final long timeoutNs = timeoutNs(subscription);
        if (!subscription.isActive() || 0 == timeoutNs)
        {
            return;
        }
        subscription.watchFromNs = engine.nowNs();
        subscription.silentPeriods = 0;
        if (null == subscription.watchTimer)
        {
            subscription.watchTimer = (timerId) -> onTimer(subscription);
        }
        arm(subscription, subscription.watchFromNs + timeoutNs);
    }

    /**
     * Stop watching a channel (unsubscribed).
     */
    void unwatch(final ChannelSubscription<T> subscription)
    {
        if (-1 != subscription.watchTimerId)
        {
            engine.cancelTimer(subscription.watchTimerId);
            subscription.watchTimerId = -1;
        }
    }

    /**
     * Give a channel a timeout of its own and watch it afresh with it.
     *
     * @param timeoutNs the timeout; 0 not to watch it.
     */
    void retime(final ChannelSubscription<T> subscription, final long timeoutNs)
    {
        subscription.watchTimeoutNs = timeoutNs;
        watch(subscription);
    }

    private long timeoutNs(final ChannelSubscription<T> subscription)
    {
        return subscription.watchTimeoutNs >= 0 ? subscription.watchTimeoutNs : defaultTimeoutNs;
    }

    /**
     * A connection opened: each channel's silence counts from now at the earliest.
     */
    void onConnected()
    {
        connectedNs = engine.nowNs();
    }

    private void onTimer(final ChannelSubscription<T> subscription)
    {
        subscription.watchTimerId = -1;
        if (!subscription.isActive())
        {
            return;
        }
        final long nowNs = engine.nowNs();
        final long timeoutNs = timeoutNs(subscription);
        final long sinceNs = Math.max(Math.max(subscription.lastMessageNs(), subscription.watchFromNs), connectedNs);
        final long deadlineNs = sinceNs + timeoutNs;
        if (nowNs - deadlineNs < 0)
        {
            if (subscription.lastMessageNs() > subscription.watchFromNs)
            {
                subscription.silentPeriods = 0; // the channel spoke since it was last found silent
            }
            arm(subscription, deadlineNs);
            return;
        }
        subscription.watchFromNs = nowNs;
        if (!host.isConnected())
        {
            arm(subscription, nowNs + timeoutNs); // the connection's silence: its own liveness deals with it
            return;
        }
        subscription.silentPeriods++;
        final boolean escalate = subscription.silentPeriods > resubscribes;
        final int periods = subscription.silentPeriods;
        if (escalate)
        {
            subscription.silentPeriods = 0;
        }
        arm(subscription, nowNs + timeoutNs);
        if (null != listener)
        {
            listener.accept(new MultiplexEvent(escalate ? MultiplexEvent.Type.SILENT_RECONNECT :
                MultiplexEvent.Type.SILENT, subscription.channel(), 0, 0, periods));
        }
        if (escalate)
        {
            host.reconnect("channel " + subscription.channel() + " silent for " + timeoutNs / 1_000_000L + " ms");
        }
        else
        {
            host.resubscribe(subscription);
        }
    }

    private void arm(final ChannelSubscription<T> subscription, final long deadlineNs)
    {
        subscription.watchTimerId = engine.scheduleTimer(deadlineNs, subscription.watchTimer);
    }
}
