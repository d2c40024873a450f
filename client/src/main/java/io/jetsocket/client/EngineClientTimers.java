/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.engine.EngineTimer;
import io.jetsocket.engine.WebSocketEngine;

/**
 * {@link ClientTimers} on the engine's deadline timer wheel and its clock, read once per duty cycle.
 */
final class EngineClientTimers implements ClientTimers
{
    private final WebSocketEngine engine;

    EngineClientTimers(final WebSocketEngine engine)
    {
        this.engine = engine;
    }

    @Override
    public long nowNs()
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
