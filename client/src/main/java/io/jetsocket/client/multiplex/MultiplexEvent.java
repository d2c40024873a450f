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
 */
public record MultiplexEvent(Type type, String channel, long dropped, long drops)
{
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
        OVERFLOW
    }
}
