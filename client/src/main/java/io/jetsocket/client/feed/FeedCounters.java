/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.time.LatencyHistogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters of a redundant feed: written by the engine thread only (a plain read and a release store, no atomic
 * read-modify-write), read from any thread into a {@link RedundantFeedStats} snapshot. Each figure is exact for the
 * moment it is read; the figures of one snapshot are not all read at the same instant.
 * <p>
 * Each leg's lags also go into a {@link LatencyHistogram} of its own, made here (on the builder's thread, published
 * with this object's final fields) and sized up front to {@link #LAG_RANGE_NS}, so that recording a lag on the
 * engine thread never allocates (it costs the recorder's two uncontended atomic increments, and a reader never
 * stops it): about 25 KB per leg when built, 46 KB after the first {@link #snapshot()}, 67 KB
 * at most (once the reader's total has seen lags of a minute); two legs hold 134 KB at most, 64 legs 4.3 MB.
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

    /**
     * The largest lag the histograms keep as it is; a longer one counts as this there ({@link LegStats#maxLagNs()}
     * stays exact). A copy a minute behind the winner is from a leg that is as good as down.
     */
    static final long LAG_RANGE_NS = TimeUnit.MINUTES.toNanos(1);

    private final String[] legNames;
    private final AtomicLongArray values;
    private final LatencyHistogram[] lags;
    private final int feedBase;

    FeedCounters(final String[] legNames)
    {
        this.legNames = legNames;
        this.feedBase = legNames.length * PER_LEG;
        this.values = new AtomicLongArray(feedBase + FEED_FIELDS);
        this.lags = new LatencyHistogram[legNames.length];
        for (int leg = 0; leg < lags.length; leg++)
        {
            lags[leg] = new LatencyHistogram(LAG_RANGE_NS);
        }
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
        lags[leg].recordNanos(lagNs);
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
                values.getAcquire(base + LAG_MAX_NS),
                lags[leg].summary()));
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
