/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.concurrent.TimeUnit;

/**
 * The engine's deadline timers (connect and close timeouts, the client's back-off and heartbeats): one Agrona
 * {@link DeadlineTimerWheel} with ticks of about a millisecond, polled once per duty cycle. Engine thread only.
 */
final class EngineTimers
{
    static final long NO_TIMER = DeadlineTimerWheel.NULL_DEADLINE;

    private static final int TIMER_LIMIT = 256;
    private static final long TICK_NS = 1L << 20; // about 1 ms
    private static final int TICKS_PER_WHEEL = 512;

    private final DeadlineTimerWheel wheel;
    private final Long2ObjectHashMap<EngineTimer> byId = new Long2ObjectHashMap<>();
    private final DeadlineTimerWheel.TimerHandler onExpiry = this::onExpiry;

    EngineTimers(final long nowNs)
    {
        wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, nowNs, TICK_NS, TICKS_PER_WHEEL);
    }

    long schedule(final long deadlineNs, final EngineTimer timer)
    {
        final long timerId = wheel.scheduleTimer(deadlineNs);
        byId.put(timerId, timer);
        return timerId;
    }

    boolean cancel(final long timerId)
    {
        if (NO_TIMER == timerId)
        {
            return false;
        }
        byId.remove(timerId);
        return wheel.cancelTimer(timerId);
    }

    int poll(final long nowNs)
    {
        return wheel.poll(nowNs, onExpiry, TIMER_LIMIT);
    }

    int count()
    {
        return byId.size();
    }

    private boolean onExpiry(final TimeUnit timeUnit, final long now, final long timerId)
    {
        final EngineTimer timer = byId.remove(timerId);
        if (null != timer)
        {
            timer.onTimer(timerId);
        }
        return true;
    }
}
