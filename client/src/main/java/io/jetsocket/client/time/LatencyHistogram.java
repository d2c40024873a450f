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
 * <p>
 * {@link #LatencyHistogram(long)} sizes the writer's two histograms up front instead, so that recording never
 * allocates, whatever the values: the choice for a path that records per message and must stay at 0 B.
 */
public final class LatencyHistogram
{
    private static final int SIGNIFICANT_DIGITS = 2;

    private final SingleWriterRecorder recorder;
    /** Values above this are recorded as this: a histogram sized up front would throw on them. */
    private final long highestMicros;
    /** Reader side, under this object's lock: the total so far, and the recorder's interval kept for reuse. */
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram interval;

    /**
     * Create an empty histogram that grows with the values recorded (the writer allocates once per doubling of the
     * largest value).
     */
    public LatencyHistogram()
    {
        recorder = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
        highestMicros = Long.MAX_VALUE;
    }

    /**
     * Create an empty histogram sized up front for values up to {@code highestNs}: recording never allocates, and a
     * larger value is recorded as {@code highestNs} (its percentiles and maximum then stop there). The recorder's
     * two histograms have their full size from the start (the second is made at the first read, on the reader's
     * thread): about 19 KB each up to 10 s, 21 KB up to 1 minute; the reader's total grows to the values seen, up
     * to as much again. Up to a minute: 25 KB new, 46 KB after the first read, 67 KB at most (allocated bytes
     * measured with the thread's counter).
     *
     * @param highestNs the largest value kept as it is, in nanoseconds; at least two microseconds (HdrHistogram's
     *                  least range).
     * @throws IllegalArgumentException if {@code highestNs} is under two microseconds.
     */
    public LatencyHistogram(final long highestNs)
    {
        final long micros = highestNs / 1_000L;
        if (micros < 2)
        {
            throw new IllegalArgumentException(
                "LatencyHistogram highestNs must be at least 2 microseconds (2000 ns), was " + highestNs);
        }
        recorder = new SingleWriterRecorder(1, micros, SIGNIFICANT_DIGITS);
        highestMicros = micros;
    }

    /**
     * Record a latency (the single writer's thread). A negative one (clocks apart) counts as zero.
     *
     * @param latencyNs nanoseconds.
     */
    public void recordNanos(final long latencyNs)
    {
        recorder.recordValue(latencyNs <= 0 ? 0 : Math.min(latencyNs / 1_000L, highestMicros));
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
