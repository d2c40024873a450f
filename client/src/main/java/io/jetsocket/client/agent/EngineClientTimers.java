/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.engine.EngineTimer;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.concurrent.NanoClock;

/**
 * {@link ClientTimers} on the engine's deadline timer wheel and its clock, read once per duty cycle: the client's
 * and the sequenced feed's.
 */
public final class EngineClientTimers implements ClientTimers, NanoClock
{
    private final WebSocketEngine engine;

    /**
     * Timers on an engine.
     *
     * @param engine whose timer wheel and clock to use.
     */
    public EngineClientTimers(final WebSocketEngine engine)
    {
        this.engine = engine;
    }

    @Override
    public long nowNs()
    {
        return engine.nowNs();
    }

    /**
     * The engine's cached duty-cycle clock as a {@link NanoClock}: what the receive path stamps messages with, a field
     * load rather than a clock read.
     *
     * @return {@link WebSocketEngine#nowNs()}.
     */
    @Override
    public long nanoTime()
    {
        return engine.nowNs();
    }

    @Override
    public long schedule(final long deadlineNs, final EngineTimer timer)
    {
        return engine.scheduleTimer(deadlineNs, timer);
    }

    @Override
    public void cancel(final long timerId)
    {
        if (NONE != timerId)
        {
            engine.cancelTimer(timerId);
        }
    }
}
