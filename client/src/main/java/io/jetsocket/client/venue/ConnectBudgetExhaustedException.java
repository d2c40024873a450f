/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.venue;

import io.jetsocket.engine.WebSocketException;

import java.time.Duration;

/**
 * Why a connect attempt waits: the venue's {@link ConnectBudget} is spent. It is the cause reported by the
 * {@code reconnecting} event that announces the wait; the client is not failed by it and attempts again when the
 * budget frees.
 */
public final class ConnectBudgetExhaustedException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /** The budget's venue key. */
    private final String budget;
    /** Attempts allowed per window. */
    private final int maxAttempts;
    /** The window. */
    private final Duration window;
    /** How long the attempt waits. */
    private final Duration wait;

    /**
     * Create the exception.
     *
     * @param budget the spent budget.
     * @param waitNs how long the attempt waits, in nanoseconds.
     * @param uri    the client's URI.
     */
    public ConnectBudgetExhaustedException(final ConnectBudget budget, final long waitNs, final String uri)
    {
        super("connect budget '" + budget.name() + "' spent (" + budget.maxAttempts() + " attempts per " +
            budget.window() + "): next attempt to " + uri + " in " + (waitNs / 1_000_000) + " ms");
        this.budget = budget.name();
        this.maxAttempts = budget.maxAttempts();
        this.window = budget.window();
        this.wait = Duration.ofNanos(waitNs);
    }

    /**
     * The budget's venue key.
     *
     * @return the name.
     */
    public String budget()
    {
        return budget;
    }

    /**
     * Attempts the budget allows per window.
     *
     * @return the limit.
     */
    public int maxAttempts()
    {
        return maxAttempts;
    }

    /**
     * The budget's window.
     *
     * @return the window.
     */
    public Duration window()
    {
        return window;
    }

    /**
     * How long the attempt waits.
     *
     * @return the wait.
     */
    public Duration waitTime()
    {
        return wait;
    }
}
