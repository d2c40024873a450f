/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.venue;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A venue's budget of connection attempts (Binance: 300 per 5 minutes per IP), shared by every client configured
 * with the same instance ({@code ClientConfig.Builder#connectBudget}): each client asks it before every connect
 * attempt, the first included, and waits (state {@code BACKING_OFF}, the wait reported in its {@code reconnecting}
 * event) while the budget is spent, so a reconnect storm of many clients never makes more than
 * {@link #maxAttempts()} attempts in any {@link #window()}. The window is strict and rolling, like
 * {@link RollingWindow}: an attempt at {@code t} goes only when fewer than {@code maxAttempts} were granted in
 * {@code (t - window, t]}.
 * <p>
 * Lock-free and thread safe: clients on several engines may share one budget, and none of them ever blocks on it
 * (an engine thread asks it). The budget keeps the times of the last {@code maxAttempts} grants in a ring of
 * atomic slots. An attempt is granted by one compare-and-set that replaces a slot whose grant has left the window
 * with the attempt's own time: the claim and its time are one write, so no other caller can ever see a slot taken
 * but not yet timed. A slot is only ever replaced by a time at least a window later, so a slot a caller saw inside
 * the window stays inside it for that caller: one pass over the slots decides. A failed compare-and-set means
 * another caller was granted that slot (so the budget made progress) and the caller looks at the slot again; the
 * slot now holds that caller's time, inside this caller's window unless its clock is a whole window behind, so
 * with clocks that agree a call fails at most one compare-and-set per slot: bounded, {@code maxAttempts} at most.
 * A grant usually reads one slot (a cursor points after the last one granted, the oldest when times come in
 * order); a refusal reads every slot, to name the exact wait. No allocation.
 * <p>
 * Clocks: callers pass their engine's time, by default the system's nano clock, the same for every engine. Two
 * callers may still present times slightly out of order (one read its clock, then was descheduled while the other
 * was granted). A caller whose time is behind the times already granted is judged on its own clock: the grants
 * ahead of it count as inside its window, its wait is longer by the difference, and it is granted only a slot
 * whose grant is a full window older than its own time. Across callers the guarantee loosens by the disorder:
 * when a granted time is at most {@code d} behind a time granted before it, any interval of {@code window - d}
 * holds at most {@code maxAttempts} grants (with times presented in order, the whole window does). The monitor
 * this class used before had the same property. Engines with clocks that disagree by more than a small fraction of
 * the window should not share a budget.
 */
public final class ConnectBudget
{
    /**
     * A slot never granted. A caller that passes exactly this time is recorded 1 ns later (safe: its slot frees
     * 1 ns later).
     */
    private static final long NEVER = Long.MIN_VALUE;

    private final String name;
    private final int maxAttempts;
    private final Duration window;
    private final long windowNs;
    private final AtomicLongArray grantTimes;
    private final AtomicLong granted = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    /**
     * Where the next grant likely finds a free slot: after the last slot granted, the oldest when callers come in
     * time order. Only a hint, read and written without ordering guarantees beyond volatile: a stale value costs a
     * longer scan, never a wrong answer.
     */
    private volatile int cursor;

    private ConnectBudget(final String name, final int maxAttempts, final Duration window)
    {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        if (maxAttempts <= 0)
        {
            throw new IllegalArgumentException("connect budget '" + name + "' maxAttempts must be positive: " +
                maxAttempts);
        }
        if (window.isNegative() || window.isZero())
        {
            throw new IllegalArgumentException("connect budget '" + name + "' window must be positive: " + window);
        }
        this.maxAttempts = maxAttempts;
        this.window = window;
        this.windowNs = window.toNanos();
        this.grantTimes = new AtomicLongArray(maxAttempts);
        for (int i = 0; i < maxAttempts; i++)
        {
            grantTimes.set(i, NEVER);
        }
    }

    /**
     * A budget of {@code maxAttempts} connect attempts in any {@code window}, to share among the clients of one
     * venue (keep one instance per venue key, e.g. per exchange and source IP).
     *
     * @param name        the venue key, for messages and logs.
     * @param maxAttempts attempts allowed in any window; positive.
     * @param window      the window's length; positive.
     * @return the budget.
     */
    public static ConnectBudget of(final String name, final int maxAttempts, final Duration window)
    {
        return new ConnectBudget(name, maxAttempts, window);
    }

    /**
     * Take one attempt from the budget at {@code nowNs}, or learn how long to wait for one. Lock-free: never
     * blocks; it retries a slot only when another caller was granted that slot meanwhile.
     *
     * @param nowNs the caller's engine time.
     * @return 0 when the attempt may go now (it is counted), otherwise the nanoseconds until one frees (nothing is
     *         counted: ask again then).
     */
    public long tryAcquire(final long nowNs)
    {
        final long stamp = NEVER == nowNs ? NEVER + 1 : nowNs;
        final int slots = maxAttempts;
        final int start = cursor;
        long waitNs = Long.MAX_VALUE;
        for (int k = 0; k < slots; k++)
        {
            final int slot = start + k < slots ? start + k : start + k - slots;
            while (true)
            {
                final long grantedAt = grantTimes.get(slot);
                final long ageNs = nowNs - grantedAt;
                if (NEVER != grantedAt && ageNs < windowNs)
                {
                    // Inside the window; it stays there for this caller (a slot is only ever replaced by a time a
                    // window later than the one it holds), so this slot is settled.
                    waitNs = Math.min(waitNs, windowNs - ageNs);
                    break;
                }
                // Succeeds only while the slot still holds the expired time just read: whatever happened meanwhile,
                // the grant replaced is outside this caller's window, which is all the rolling window needs.
                if (grantTimes.compareAndSet(slot, grantedAt, stamp))
                {
                    cursor = slot + 1 < slots ? slot + 1 : 0;
                    granted.getAndIncrement();
                    return 0;
                }
                // Another caller was granted this slot meanwhile: look at its new time.
            }
        }
        deferred.getAndIncrement();
        return Math.max(1, waitNs);
    }

    /**
     * Attempts counted in the window that ends at {@code nowNs}.
     *
     * @param nowNs the time now.
     * @return at most {@link #maxAttempts()}.
     */
    public int attemptsInWindow(final long nowNs)
    {
        int n = 0;
        for (int i = 0; i < maxAttempts; i++)
        {
            final long grantedAt = grantTimes.get(i);
            if (NEVER != grantedAt && nowNs - grantedAt < windowNs)
            {
                n++;
            }
        }
        return n;
    }

    /**
     * Attempts granted since the budget was made; readable from any thread.
     *
     * @return the count.
     */
    public long granted()
    {
        return granted.get();
    }

    /**
     * Attempts told to wait since the budget was made (one client may be told several times); readable from any
     * thread.
     *
     * @return the count.
     */
    public long deferred()
    {
        return deferred.get();
    }

    /**
     * The venue key.
     *
     * @return the name given.
     */
    public String name()
    {
        return name;
    }

    /**
     * Attempts allowed in any window.
     *
     * @return the limit.
     */
    public int maxAttempts()
    {
        return maxAttempts;
    }

    /**
     * The window's length.
     *
     * @return the window.
     */
    public Duration window()
    {
        return window;
    }

    @Override
    public String toString()
    {
        return "ConnectBudget{" + name + ": " + maxAttempts + " attempts per " + window + "}";
    }
}
