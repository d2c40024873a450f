/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.time;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The minimum of a series over a sliding window of time, kept in two buckets: the minimum of the current bucket and
 * of the one before, each one window long, so the result always covers between one and two windows of the latest
 * samples, in constant memory and time, without allocating. One writer; {@link #minimum()} on any thread.
 * <p>
 * What it is for: the minimum of (receive time - exchange timestamp) over a window estimates the offset between
 * the two clocks plus the smallest one-way delay, robustly: queueing, bursts and GC pauses only ever add delay, so
 * the smallest sample is the least disturbed one, while the window lets the estimate follow a clock that drifts or
 * steps (it forgets samples older than two windows).
 */
public final class WindowedMinimum
{
    /** What {@link #minimum()} returns before the first sample. */
    public static final long NONE = Long.MAX_VALUE;

    private static final VarHandle MINIMUM;

    static
    {
        try
        {
            MINIMUM = MethodHandles.lookup().findVarHandle(WindowedMinimum.class, "minimum", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final long windowNs;
    private boolean started;
    private long bucketStartNs;
    private long currentMinimum = NONE;
    private long previousMinimum = NONE;
    /** Published with release stores for readers on other threads. */
    private long minimum = NONE;

    /**
     * A minimum over a window.
     *
     * @param windowNs length of one bucket, in the writer's clock's nanoseconds; positive.
     * @throws IllegalArgumentException if not positive.
     */
    public WindowedMinimum(final long windowNs)
    {
        if (windowNs <= 0)
        {
            throw new IllegalArgumentException("window must be positive: " + windowNs + " ns");
        }
        this.windowNs = windowNs;
    }

    /**
     * Add a sample (the writer's thread).
     *
     * @param value the sample.
     * @param nowNs the time of the sample on a monotonic clock (the receive stamp).
     */
    public void add(final long value, final long nowNs)
    {
        if (!started)
        {
            started = true;
            bucketStartNs = nowNs;
        }
        else if (nowNs - bucketStartNs >= windowNs)
        {
            // A bucket older than two windows has nothing left to say: forget it too.
            previousMinimum = nowNs - bucketStartNs >= 2 * windowNs ? NONE : currentMinimum;
            currentMinimum = NONE;
            bucketStartNs = nowNs;
        }
        if (value < currentMinimum)
        {
            currentMinimum = value;
        }
        final long latest = Math.min(currentMinimum, previousMinimum);
        if (latest != minimum)
        {
            MINIMUM.setRelease(this, latest);
        }
    }

    /**
     * The minimum of the samples of the last one to two windows (any thread).
     *
     * @return the minimum, or {@link #NONE} before the first sample.
     */
    public long minimum()
    {
        return (long)MINIMUM.getAcquire(this);
    }
}
