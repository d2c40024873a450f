/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.time.LatencySummary;

import java.util.Objects;

/**
 * One leg of a {@link RedundantFeed}, as counted since the feed was built.
 * <p>
 * Lag is how much later than the winning copy this leg's copy of the same id arrived (on the feed's clock); it is
 * measured for copies that arrive while their id is among the last 128 delivered
 * on its stream, once per id and leg. A leg that never loses has no lag samples.
 * <p>
 * {@link #lag()} gives the distribution of those lags (p50, p99, max) from a histogram in microseconds, to within
 * 1%: a lag under a microsecond counts as 0 there, and one over a minute as a minute ({@link #meanLagNs()} and
 * {@link #maxLagNs()} are exact). Its count is {@link #lagSamples()}, give or take the lags recorded between the
 * two reads of a snapshot taken while the feed runs.
 * <p>
 * The feed makes these; {@link #lag()} came after the other components, with a constructor of the earlier ten kept
 * for code that makes its own (tests, say). A record pattern that names the components must name the new one too.
 *
 * @param name        the leg's name.
 * @param connected   whether the leg is connected now.
 * @param messages    sequenced messages received on the leg.
 * @param wins        messages the leg brought first (delivered from it).
 * @param duplicates  messages dropped because another leg (or this one) already delivered their ids.
 * @param unsequenced messages without a sequence received on the leg.
 * @param reconnects  times the leg connected again after having been connected.
 * @param lagSamples  copies whose lag behind the winner was measured.
 * @param meanLagNs   the mean of those lags in nanoseconds (0 without samples).
 * @param maxLagNs    the largest of them in nanoseconds (0 without samples).
 * @param lag         the distribution of those lags, in microseconds ({@link LatencySummary#EMPTY} without samples).
 */
public record LegStats(
    String name,
    boolean connected,
    long messages,
    long wins,
    long duplicates,
    long unsequenced,
    long reconnects,
    long lagSamples,
    long meanLagNs,
    long maxLagNs,
    LatencySummary lag)
{
    /**
     * Checks the lag summary is there.
     *
     * @param name        the leg's name.
     * @param connected   whether the leg is connected now.
     * @param messages    sequenced messages received.
     * @param wins        messages delivered from the leg.
     * @param duplicates  messages dropped as duplicates.
     * @param unsequenced messages without a sequence.
     * @param reconnects  times the leg connected again.
     * @param lagSamples  copies whose lag was measured.
     * @param meanLagNs   their mean lag in nanoseconds.
     * @param maxLagNs    their largest lag in nanoseconds.
     * @param lag         their distribution in microseconds; {@link LatencySummary#EMPTY} for none.
     * @throws NullPointerException if {@code lag} is null.
     */
    public LegStats
    {
        Objects.requireNonNull(lag, "lag (LatencySummary.EMPTY for none)");
    }

    /**
     * Stats without a lag distribution ({@link LatencySummary#EMPTY}): the constructor before {@link #lag()} came,
     * kept for code that makes its own.
     *
     * @param name        the leg's name.
     * @param connected   whether the leg is connected now.
     * @param messages    sequenced messages received.
     * @param wins        messages delivered from the leg.
     * @param duplicates  messages dropped as duplicates.
     * @param unsequenced messages without a sequence.
     * @param reconnects  times the leg connected again.
     * @param lagSamples  copies whose lag was measured.
     * @param meanLagNs   their mean lag in nanoseconds.
     * @param maxLagNs    their largest lag in nanoseconds.
     */
    public LegStats(
        final String name,
        final boolean connected,
        final long messages,
        final long wins,
        final long duplicates,
        final long unsequenced,
        final long reconnects,
        final long lagSamples,
        final long meanLagNs,
        final long maxLagNs)
    {
        this(name, connected, messages, wins, duplicates, unsequenced, reconnects, lagSamples, meanLagNs, maxLagNs,
            LatencySummary.EMPTY);
    }
}
