/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.time;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * A latency histogram with one writer (the engine thread) and readers on any thread, on HdrHistogram's
 * {@link SingleWriterRecorder}: recording is wait-free and allocation-free once the histogram has grown to the
 * values seen (two uncontended atomic increments and an array increment), and a reader never stops the writer. A
 * reader takes what was recorded since the last read (the recorder swaps its two histograms) and adds it to a
 * total of its own, so {@link #summary()} covers everything recorded.
 * <p>
 * Values are kept in microseconds with two significant digits (1% precision) and the histograms grow with the
 * largest value seen (auto-resizing: the writer allocates once per doubling of its largest value, then never): one
 * of these holds three (the recorder's two and the reader's total), about 5 KB new, 36 KB once values up to 100 ms
 * were recorded, 57 KB up to 10 s (measured with JOL). Create one only when something is to be recorded.
 */
public final class LatencyHistogram
{
    private static final int SIGNIFICANT_DIGITS = 2;

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
    /** Reader side, under this object's lock: the total so far, and the recorder's interval kept for reuse. */
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram interval;

    /**
     * Create an empty histogram.
     */
    public LatencyHistogram()
    {
    }

    /**
     * Record a latency (the single writer's thread). A negative one (clocks apart) counts as zero.
     *
     * @param latencyNs nanoseconds.
     */
    public void recordNanos(final long latencyNs)
    {
        recorder.recordValue(latencyNs <= 0 ? 0 : latencyNs / 1_000L);
    }

    /**
     * Everything recorded so far, in brief (any thread; allocates).
     *
     * @return count, p50, p99 and max in microseconds.
     */
    public synchronized LatencySummary summary()
    {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        final long count = total.getTotalCount();
        return 0 == count ? LatencySummary.EMPTY : new LatencySummary(count,
            total.getValueAtPercentile(50.0), total.getValueAtPercentile(99.0), total.getMaxValue());
    }
}
