/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

/**
 * What a multiplexer reports to its listener ({@link Multiplex.Builder#listener}), on the engine thread.
 *
 * @param type    what happened.
 * @param channel the channel concerned.
 * @param dropped for {@link Type#OVERFLOW}: messages dropped this time (1); else 0.
 * @param drops   for {@link Type#OVERFLOW}: the subscription's drops so far; else 0.
 * @param silentPeriods for {@link Type#SILENT} and {@link Type#SILENT_RECONNECT}: the channel's silent periods in a
 *                      row, this one included; else 0.
 */
public record MultiplexEvent(Type type, String channel, long dropped, long drops, int silentPeriods)
{
    /**
     * An event without silent periods.
     *
     * @param type    what happened.
     * @param channel the channel concerned.
     * @param dropped for {@link Type#OVERFLOW}: messages dropped this time (1); else 0.
     * @param drops   for {@link Type#OVERFLOW}: the subscription's drops so far; else 0.
     */
    public MultiplexEvent(final Type type, final String channel, final long dropped, final long drops)
    {
        this(type, channel, dropped, drops, 0);
    }

    /**
     * The kinds of multiplexer event.
     */
    public enum Type
    {
        /** A channel's route is in place: its messages are delivered from now on (its subscribe message follows). */
        SUBSCRIBED,
        /** A channel's route is gone: its messages are unroutable from now on. */
        UNSUBSCRIBED,
        /** A subscription's full queue dropped a message (by its overflow policy). */
        OVERFLOW,
        /**
         * A channel was silent for its no-data timeout ({@link Multiplex.Builder#channelNoDataTimeout}): its
         * subscribe message is sent again.
         */
        SILENT,
        /**
         * A channel stayed silent after the resubscribes allowed: the connection is replaced
         * ({@link io.jetsocket.client.WebSocket#reconnect}).
         */
        SILENT_RECONNECT
    }
}
