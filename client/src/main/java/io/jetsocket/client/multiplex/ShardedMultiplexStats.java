/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import java.util.List;

/**
 * A snapshot of a sharded multiplexer's counters: the totals over its shards, and each shard's.
 *
 * @param routed     messages routed to a subscription, over all shards.
 * @param unroutable messages that could not be routed, over all shards.
 * @param drops      messages dropped by subscription queues on overflow, over all shards.
 * @param channels   active channels, over all shards.
 * @param shards     each shard's statistics, in opening order (its {@code subscriptions().size()} is its channels).
 */
public record ShardedMultiplexStats(long routed, long unroutable, long drops, int channels, List<MultiplexStats> shards)
{
    /**
     * An immutable snapshot.
     *
     * @param routed     messages routed.
     * @param unroutable messages that could not be routed.
     * @param drops      messages dropped on overflow.
     * @param channels   active channels.
     * @param shards     each shard's statistics.
     */
    public ShardedMultiplexStats
    {
        shards = List.copyOf(shards);
    }

    /**
     * Sum the shards' statistics.
     */
    static ShardedMultiplexStats of(final List<MultiplexStats> shards)
    {
        long routed = 0;
        long unroutable = 0;
        long drops = 0;
        int channels = 0;
        for (final MultiplexStats shard : shards)
        {
            routed += shard.routed();
            unroutable += shard.unroutable();
            drops += shard.drops();
            channels += shard.subscriptions().size();
        }
        return new ShardedMultiplexStats(routed, unroutable, drops, channels, shards);
    }

    /**
     * The number of shards (connections).
     *
     * @return shards opened so far.
     */
    public int connections()
    {
        return shards.size();
    }
}
