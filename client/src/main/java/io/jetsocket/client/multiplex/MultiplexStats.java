/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import java.util.List;

/**
 * A snapshot of a multiplexer's counters.
 *
 * @param routed        messages routed to a subscription.
 * @param unroutable    messages without a channel, or whose channel has no active subscription.
 * @param drops         messages dropped by subscription queues on overflow, over all subscriptions ever made.
 * @param subscriptions the active subscriptions' statistics, in subscription order.
 */
public record MultiplexStats(long routed, long unroutable, long drops, List<SubscriptionStats> subscriptions)
{
    /**
     * An immutable snapshot.
     *
     * @param routed        messages routed to a subscription.
     * @param unroutable    messages that could not be routed.
     * @param drops         messages dropped on overflow.
     * @param subscriptions the active subscriptions' statistics.
     */
    public MultiplexStats
    {
        subscriptions = List.copyOf(subscriptions);
    }
}
