/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.time;

/**
 * A latency distribution in brief, in microseconds, as HdrHistogram gives it: to within 1% (two significant digits;
 * a percentile is the highest value equivalent to the recorded ones at that precision).
 *
 * @param count      values recorded; 0 when none (the other figures are then 0).
 * @param p50Micros  the median.
 * @param p99Micros  the 99th percentile.
 * @param maxMicros  the largest.
 */
public record LatencySummary(long count, long p50Micros, long p99Micros, long maxMicros)
{
    /** No values recorded. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0);
}
