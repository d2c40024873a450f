/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

/**
 * A snapshot of one channel subscription's counters.
 *
 * @param channel           the channel.
 * @param messages          messages routed to it.
 * @param drops             messages its queue dropped on overflow.
 * @param queued            messages waiting in its queue now (0 without a queue).
 * @param lastMessageTimeMs epoch milliseconds of the last message routed to it (by the client's epoch clock), or
 *                          -1 before the first.
 * @param active            false once unsubscribed or closed.
 */
public record SubscriptionStats(
    String channel,
    long messages,
    long drops,
    int queued,
    long lastMessageTimeMs,
    boolean active)
{
}
