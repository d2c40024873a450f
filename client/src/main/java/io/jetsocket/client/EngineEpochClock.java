/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.WebSocketEngine;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

/**
 * Wall-clock milliseconds for what the engine thread stamps per message (receive timestamps, the last-message
 * time), read off the engine's cached duty-cycle clock ({@link WebSocketEngine#nowNs()}) instead of the system
 * clock: a system clock read costs 20-50 ns on a virtual machine, several times a whole message's decoding. The
 * wall clock is read again once a second of engine time has passed, so a step of the system clock shows within a
 * second and drift between the two clocks never builds up. Engine thread only.
 */
final class EngineEpochClock implements EpochClock
{
    /** How long one reading of the wall clock is extrapolated on the engine's clock. */
    static final long REANCHOR_NS = 1_000_000_000L;

    private final NanoClock engineClock;
    private final EpochClock wallClock;
    private long anchorNs;
    private long anchorMs;
    private boolean anchored;
    private long lastNs;
    private long lastMs;

    /**
     * @param engineClock the engine's cached clock ({@code engine::nowNs}): advances the time between wall-clock
     *                    readings.
     * @param wallClock   the wall clock read once per {@link #REANCHOR_NS}.
     */
    EngineEpochClock(final NanoClock engineClock, final EpochClock wallClock)
    {
        this.engineClock = engineClock;
        this.wallClock = wallClock;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long time()
    {
        // The engine's clock moves once per duty cycle: every message of one read shares the reading.
        final long nowNs = engineClock.nanoTime();
        if (nowNs != lastNs || !anchored)
        {
            lastMs = timeAt(nowNs);
            lastNs = nowNs;
        }
        return lastMs;
    }

    private long timeAt(final long nowNs)
    {
        if (!anchored || nowNs - anchorNs >= REANCHOR_NS || nowNs < anchorNs)
        {
            anchored = true;
            anchorNs = nowNs;
            anchorMs = wallClock.time();
        }
        return anchorMs + (nowNs - anchorNs) / 1_000_000L;
    }
}
