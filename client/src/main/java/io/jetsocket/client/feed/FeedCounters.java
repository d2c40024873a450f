/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters of a redundant feed: written by the engine thread only (a plain read and a release store, no atomic
 * read-modify-write), read from any thread into a {@link RedundantFeedStats} snapshot. Each figure is exact for the
 * moment it is read; the figures of one snapshot are not all read at the same instant.
 */
final class FeedCounters
{
    static final int MESSAGES = 0;
    static final int WINS = 1;
    static final int DUPLICATES = 2;
    static final int UNSEQUENCED = 3;
    static final int LAG_COUNT = 4;
    static final int LAG_SUM_NS = 5;
    static final int LAG_MAX_NS = 6;
    static final int CONNECTED = 7;
    static final int RECONNECTS = 8;
    private static final int PER_LEG = 9;

    private static final int DELIVERED = 0;
    private static final int HELD = 1;
    private static final int FILLED = 2;
    private static final int GAPS = 3;
    private static final int HELD_NOW = 4;
    private static final int STREAMS = 5;
    private static final int FEED_FIELDS = 6;

    private final String[] legNames;
    private final AtomicLongArray values;
    private final int feedBase;

    FeedCounters(final String[] legNames)
    {
        this.legNames = legNames;
        this.feedBase = legNames.length * PER_LEG;
        this.values = new AtomicLongArray(feedBase + FEED_FIELDS);
    }

    void increment(final int leg, final int field)
    {
        add(leg * PER_LEG + field, 1);
    }

    void lag(final int leg, final long lagNs)
    {
        final int base = leg * PER_LEG;
        add(base + LAG_COUNT, 1);
        add(base + LAG_SUM_NS, lagNs);
        if (lagNs > values.getPlain(base + LAG_MAX_NS))
        {
            values.setRelease(base + LAG_MAX_NS, lagNs);
        }
    }

    void connected(final int leg, final boolean connected)
    {
        values.setRelease(leg * PER_LEG + CONNECTED, connected ? 1 : 0);
    }

    void delivered()
    {
        add(feedBase + DELIVERED, 1);
    }

    void held()
    {
        add(feedBase + HELD, 1);
        add(feedBase + HELD_NOW, 1);
    }

    void released(final boolean filled)
    {
        add(feedBase + HELD_NOW, -1);
        if (filled)
        {
            add(feedBase + FILLED, 1);
        }
    }

    void gap()
    {
        add(feedBase + GAPS, 1);
    }

    void stream()
    {
        add(feedBase + STREAMS, 1);
    }

    RedundantFeedStats snapshot()
    {
        final List<LegStats> legs = new ArrayList<>(legNames.length);
        for (int leg = 0; leg < legNames.length; leg++)
        {
            final int base = leg * PER_LEG;
            final long lagCount = values.getAcquire(base + LAG_COUNT);
            final long lagSum = values.getAcquire(base + LAG_SUM_NS);
            legs.add(new LegStats(
                legNames[leg],
                1 == values.getAcquire(base + CONNECTED),
                values.getAcquire(base + MESSAGES),
                values.getAcquire(base + WINS),
                values.getAcquire(base + DUPLICATES),
                values.getAcquire(base + UNSEQUENCED),
                values.getAcquire(base + RECONNECTS),
                lagCount,
                0 == lagCount ? 0 : lagSum / lagCount,
                values.getAcquire(base + LAG_MAX_NS)));
        }
        return new RedundantFeedStats(
            legs,
            (int)values.getAcquire(feedBase + STREAMS),
            values.getAcquire(feedBase + DELIVERED),
            values.getAcquire(feedBase + HELD),
            values.getAcquire(feedBase + FILLED),
            values.getAcquire(feedBase + HELD_NOW),
            values.getAcquire(feedBase + GAPS));
    }

    private void add(final int index, final long delta)
    {
        values.setRelease(index, values.getPlain(index) + delta);
    }
}
