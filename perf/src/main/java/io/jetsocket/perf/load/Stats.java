/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.util.List;

/**
 * Median, minimum and maximum of a few repetitions.
 */
final class Stats
{
    final int count;
    final double median;
    final double min;
    final double max;

    private Stats(final int count, final double median, final double min, final double max)
    {
        this.count = count;
        this.median = median;
        this.min = min;
        this.max = max;
    }

    /**
     * Summarise values; NaN values are ignored.
     *
     * @param values the repetitions' values.
     * @return the summary, or null if there is no value.
     */
    static Stats of(final List<Double> values)
    {
        final double[] sorted = values.stream().filter((v) -> null != v && !v.isNaN())
            .mapToDouble(Double::doubleValue).sorted().toArray();
        if (0 == sorted.length)
        {
            return null;
        }
        return new Stats(sorted.length, median(sorted), sorted[0], sorted[sorted.length - 1]);
    }

    /**
     * The median of sorted values: the middle one, or the mean of the two middle ones.
     *
     * @param sorted ascending values, at least one.
     * @return the median.
     */
    static double median(final double[] sorted)
    {
        final int n = sorted.length;
        return 1 == (n & 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @Override
    public String toString()
    {
        return "Stats{n=" + count + ", median=" + median + ", min=" + min + ", max=" + max + "}";
    }
}
