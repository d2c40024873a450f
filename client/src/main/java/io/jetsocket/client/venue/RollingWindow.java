/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.venue;

/**
 * A strict rolling window: at most {@code maxEvents} events in any half-open interval {@code [t, t + window)}.
 * It remembers the times of the last {@code maxEvents} events in a ring; an event at {@code now} is allowed when
 * fewer than {@code maxEvents} happened, or the oldest of the last {@code maxEvents} happened at least a window
 * ago. Time is passed in (the engine's clock), so tests step it.
 * <p>
 * Not thread safe: one owner (a connection's limiter on the engine thread). No allocation after construction.
 */
public final class RollingWindow
{
    private final long[] times;
    private final long windowNs;
    private int head;
    private int count;

    /**
     * Create an empty window.
     *
     * @param maxEvents events allowed per window; positive.
     * @param windowNs  the window's length in nanoseconds; positive.
     */
    public RollingWindow(final int maxEvents, final long windowNs)
    {
        if (maxEvents <= 0 || windowNs <= 0)
        {
            throw new IllegalArgumentException(
                "rolling window needs positive maxEvents and windowNs: " + maxEvents + ", " + windowNs);
        }
        this.times = new long[maxEvents];
        this.windowNs = windowNs;
    }

    /**
     * Take a slot at {@code nowNs} if the window allows one.
     *
     * @param nowNs the time now; never earlier than a time passed before.
     * @return true when the event may happen now (and is counted).
     */
    public boolean tryAcquire(final long nowNs)
    {
        if (count < times.length)
        {
            times[(head + count) % times.length] = nowNs;
            count++;
            return true;
        }
        if (nowNs - times[head] >= windowNs)
        {
            times[head] = nowNs; // the oldest leaves the ring, the newest takes its place
            head = (head + 1) % times.length;
            return true;
        }
        return false;
    }

    /**
     * Count an event that happened at {@code nowNs} whether the window had room or not (a frame that could not wait):
     * when full, it replaces the oldest remembered event, so the next slot frees later.
     *
     * @param nowNs the time now; never earlier than a time passed before.
     */
    public void record(final long nowNs)
    {
        if (!tryAcquire(nowNs))
        {
            times[head] = nowNs;
            head = (head + 1) % times.length;
        }
    }

    /**
     * When the next slot frees.
     *
     * @param nowNs the time now.
     * @return {@code nowNs} when a slot is free now, otherwise the time the oldest counted event leaves the window.
     */
    public long nextFreeNs(final long nowNs)
    {
        if (count < times.length)
        {
            return nowNs;
        }
        return Math.max(nowNs, times[head] + windowNs);
    }

    /**
     * Events counted in the window that ends at {@code nowNs}.
     *
     * @param nowNs the time now.
     * @return how many of the remembered events happened less than a window ago.
     */
    public int inWindow(final long nowNs)
    {
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            if (nowNs - times[(head + i) % times.length] < windowNs)
            {
                n++;
            }
        }
        return n;
    }
}
