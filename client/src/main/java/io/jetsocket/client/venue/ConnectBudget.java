/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.venue;

import java.time.Duration;
import java.util.Objects;

/**
 * A venue's budget of connection attempts (Binance: 300 per 5 minutes per IP), shared by every client configured
 * with the same instance ({@code ClientConfig.Builder#connectBudget}): each client asks it before every connect
 * attempt, the first included, and waits (state {@code BACKING_OFF}, the wait reported in its {@code reconnecting}
 * event) while the budget is spent, so a reconnect storm of many clients never makes more than
 * {@link #maxAttempts()} attempts in any {@link #window()}. The window is strict and rolling, like
 * {@link RollingWindow}.
 * <p>
 * Thread safe: clients on several engines may share one budget; their engines' clocks must then agree (they do by
 * default: the system's nano clock). Each attempt holds the budget's monitor for a few array reads and writes.
 * That is a lock, but on the cold path of connect attempts (hundreds per minute at most), never on the message
 * path; an attempt costs a TCP connect and a TLS handshake, far more than an uncontended monitor.
 */
public final class ConnectBudget
{
    private final String name;
    private final int maxAttempts;
    private final Duration window;
    private final RollingWindow attempts;
    private long granted;
    private long deferred;

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
        this.attempts = new RollingWindow(maxAttempts, window.toNanos());
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
     * Take one attempt from the budget at {@code nowNs}, or learn how long to wait for one.
     *
     * @param nowNs the caller's engine time.
     * @return 0 when the attempt may go now (it is counted), otherwise the nanoseconds until one frees (nothing is
     *         counted: ask again then).
     */
    public synchronized long tryAcquire(final long nowNs)
    {
        if (attempts.tryAcquire(nowNs))
        {
            granted++;
            return 0;
        }
        deferred++;
        return Math.max(1, attempts.nextFreeNs(nowNs) - nowNs);
    }

    /**
     * Attempts counted in the window that ends at {@code nowNs}.
     *
     * @param nowNs the time now.
     * @return at most {@link #maxAttempts()}.
     */
    public synchronized int attemptsInWindow(final long nowNs)
    {
        return attempts.inWindow(nowNs);
    }

    /**
     * Attempts granted since the budget was made.
     *
     * @return the count.
     */
    public synchronized long granted()
    {
        return granted;
    }

    /**
     * Attempts told to wait since the budget was made (one client may be told several times).
     *
     * @return the count.
     */
    public synchronized long deferred()
    {
        return deferred;
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
