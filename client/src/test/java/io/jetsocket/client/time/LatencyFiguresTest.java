/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.time;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The histogram's summary, the sliding minimum and the clock offset on values and times chosen by the test.
 */
class LatencyFiguresTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void shouldSummariseKnownValuesToWithinTheHistogramsPrecision()
    {
        final LatencyHistogram histogram = new LatencyHistogram();
        assertEquals(LatencySummary.EMPTY, histogram.summary());
        for (int ms = 1; ms <= 100; ms++)
        {
            histogram.recordNanos(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        final LatencySummary first = histogram.summary();
        assertEquals(100, first.count());
        assertWithinPercent(50_000, first.p50Micros());
        assertWithinPercent(99_000, first.p99Micros());
        assertWithinPercent(100_000, first.maxMicros());

        // A later read covers everything, not only what came since the last one.
        histogram.recordNanos(TimeUnit.SECONDS.toNanos(2));
        histogram.recordNanos(-5); // clocks apart: counted as zero
        final LatencySummary second = histogram.summary();
        assertEquals(102, second.count());
        assertWithinPercent(2_000_000, second.maxMicros());
        assertWithinPercent(50_000, second.p50Micros());
    }

    @Test
    void shouldRecordValuesPastTheRangeOfAHistogramSizedUpFrontAsItsTop()
    {
        final LatencyHistogram histogram = new LatencyHistogram(TimeUnit.MILLISECONDS.toNanos(10));
        assertEquals(LatencySummary.EMPTY, histogram.summary());
        histogram.recordNanos(TimeUnit.MICROSECONDS.toNanos(100));
        histogram.recordNanos(TimeUnit.MILLISECONDS.toNanos(5));
        histogram.recordNanos(SECOND); // past the range: recorded as 10 ms
        final LatencySummary summary = histogram.summary();
        assertEquals(3, summary.count());
        assertWithinPercent(5_000, summary.p50Micros());
        assertWithinPercent(10_000, summary.p99Micros());
        assertWithinPercent(10_000, summary.maxMicros());
        assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram(1_999));
    }

    @Test
    void shouldKeepTheMinimumOfTheLastOneToTwoWindows()
    {
        final WindowedMinimum minimum = new WindowedMinimum(10 * SECOND);
        assertEquals(WindowedMinimum.NONE, minimum.minimum());
        minimum.add(500, 0);
        minimum.add(300, 1 * SECOND);
        minimum.add(900, 9 * SECOND);
        assertEquals(300, minimum.minimum());
        minimum.add(700, 10 * SECOND); // a new bucket: the last one's 300 still counts
        assertEquals(300, minimum.minimum());
        minimum.add(800, 20 * SECOND); // another: 300 is now two windows old and gone
        assertEquals(700, minimum.minimum());
        minimum.add(1_000, 45 * SECOND); // after a silence of more than two windows: only the new sample
        assertEquals(1_000, minimum.minimum());
        minimum.add(-50, 46 * SECOND); // a clock behind the exchange's: negative is a value like any other
        assertEquals(-50, minimum.minimum());
        assertThrows(IllegalArgumentException.class, () -> new WindowedMinimum(0));
    }

    @Test
    void shouldTakeHalfTheRoundTripOffTheMinimumDelay()
    {
        assertEquals(new ClockOffset(4_000_000, 5_000_000, 2_000_000), ClockOffset.of(5_000_000, 2_000_000));
        assertEquals(new ClockOffset(5_000_000, 5_000_000, -1), ClockOffset.of(5_000_000, -1));
        assertEquals(new ClockOffset(-3_000_000, -2_000_000, 2_000_000), ClockOffset.of(-2_000_000, 2_000_000));
    }

    private static void assertWithinPercent(final long expected, final long actual)
    {
        assertEquals(expected, actual, expected / 100.0, "expected " + expected + " within 1%, was " + actual);
    }
}
