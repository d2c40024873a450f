/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * An idle strategy that costs nothing while the engine has nothing to do: after a short spin it blocks the engine
 * thread in the selector ({@code select(timeout)}) until a socket is ready, another thread queues a command (which
 * wakes the selector), or the block times out so timers and agents run. Use it where an idle engine must not hold a
 * core: the client's shared engine uses it by default. For the lowest latency keep a spinning strategy
 * ({@code BusySpinIdleStrategy}, {@code BackoffIdleStrategy}): waking a blocked thread costs microseconds.
 * <p>
 * Only a {@link WebSocketEngine} launched with it can drive it (the engine binds itself at launch); one instance
 * serves one engine.
 */
public final class SelectingIdleStrategy implements IdleStrategy
{
    /** Name for configuration by property. */
    public static final String ALIAS = "selecting";
    /** Spins before blocking: a burst of work does not pay for a system call. */
    public static final int SPINS_DEFAULT = 100;
    /** Longest block: bounds how late a timer or an agent's periodic work can run. */
    public static final long MAX_BLOCK_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(10);

    private final int maxSpins;
    private final long maxBlockNs;
    private int spins;
    private WebSocketEngine engine;

    /**
     * With {@link #SPINS_DEFAULT} spins and blocks of at most {@link #MAX_BLOCK_NS_DEFAULT}.
     */
    public SelectingIdleStrategy()
    {
        this(SPINS_DEFAULT, MAX_BLOCK_NS_DEFAULT);
    }

    /**
     * Create a strategy that spins, then blocks in the selector.
     *
     * @param maxSpins   spins before the first block.
     * @param maxBlockNs longest block, at least one millisecond (the selector's resolution).
     */
    public SelectingIdleStrategy(final int maxSpins, final long maxBlockNs)
    {
        if (maxSpins < 0 || maxBlockNs < TimeUnit.MILLISECONDS.toNanos(1))
        {
            throw new IllegalArgumentException("maxSpins must be >= 0 and maxBlockNs >= 1 ms: spins=" + maxSpins +
                ", maxBlockNs=" + maxBlockNs);
        }
        this.maxSpins = maxSpins;
        this.maxBlockNs = maxBlockNs;
    }

    void bind(final WebSocketEngine engine)
    {
        if (null != this.engine && engine != this.engine)
        {
            throw new IllegalStateException("a SelectingIdleStrategy serves one engine; give each engine its own");
        }
        this.engine = engine;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            spins = 0;
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (spins < maxSpins)
        {
            spins++;
            Thread.onSpinWait();
        }
        else if (null != engine)
        {
            engine.park(maxBlockNs);
        }
        else
        {
            Thread.onSpinWait(); // not bound to an engine (used elsewhere): never block blindly
        }
    }

    @Override
    public void reset()
    {
        spins = 0;
    }

    @Override
    public String alias()
    {
        return ALIAS;
    }

    @Override
    public String toString()
    {
        return "SelectingIdleStrategy{spins=" + maxSpins + ", maxBlockNs=" + maxBlockNs + "}";
    }
}
