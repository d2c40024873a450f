/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

/**
 * One leg of a {@link RedundantFeed}, as counted since the feed was built.
 * <p>
 * Lag is how much later than the winning copy this leg's copy of the same id arrived (on the feed's clock); it is
 * measured for copies that arrive while their id is among the last 128 delivered
 * on its stream, once per id and leg. A leg that never loses has no lag samples.
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
    long maxLagNs)
{
}
