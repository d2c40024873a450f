/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.engine.EngineTimer;

import java.util.TreeMap;

/**
 * {@link ClientTimers} stepped by hand: {@link #advance} moves the clock and fires every timer that falls due on
 * the way, each at its exact deadline and in deadline order (timers armed by a callback fire in the same step when
 * they fall due within it).
 */
final class SteppedTimers implements ClientTimers
{
    private final TreeMap<Long, EngineTimer> byKey = new TreeMap<>();
    private final java.util.HashMap<Long, Long> keyById = new java.util.HashMap<>();
    private long nowNs;
    private long nextId;

    SteppedTimers(final long startNs)
    {
        this.nowNs = startNs;
    }

    @Override
    public long nowNs()
    {
        return nowNs;
    }

    @Override
    public long schedule(final long deadlineNs, final EngineTimer timer)
    {
        final long id = nextId++;
        // Deadline in the high bits, id in the low ones: one key per timer, in deadline then arming order.
        final long key = Math.max(deadlineNs, nowNs) * 1024 + (id % 1024);
        byKey.put(key, timer);
        keyById.put(id, key);
        return id;
    }

    @Override
    public void cancel(final long timerId)
    {
        final Long key = keyById.remove(timerId);
        if (null != key)
        {
            byKey.remove(key);
        }
    }

    void advance(final long ns)
    {
        final long targetNs = nowNs + ns;
        while (!byKey.isEmpty() && byKey.firstKey() / 1024 <= targetNs)
        {
            final long key = byKey.firstKey();
            final EngineTimer timer = byKey.remove(key);
            long id = -1;
            for (final java.util.Map.Entry<Long, Long> entry : keyById.entrySet())
            {
                if (entry.getValue() == key)
                {
                    id = entry.getKey();
                    break;
                }
            }
            keyById.remove(id);
            nowNs = key / 1024;
            timer.onTimer(id);
        }
        nowNs = targetNs;
    }

    int armed()
    {
        return byKey.size();
    }
}
