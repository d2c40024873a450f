/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's deadline timers on a stepped clock: expiry order, cancellation, the per-poll limit, and a memory
 * footprint that follows the number of armed timers rather than how many share one deadline.
 */
class EngineTimersTest
{
    private static final long MS = 1_000_000L;
    private static final long START_NS = 5_000 * MS;

    private final List<Long> fired = new ArrayList<>();
    private final EngineTimer record = fired::add;

    @Test
    void aBurstOfTimersOnOneDeadlineCostsMemoryInProportionToTheBurstOnly()
    {
        final EngineTimers timers = new EngineTimers();
        final long[] ids = new long[1000];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = timers.schedule(START_NS + 10_000 * MS, record); // 1,000 connect timeouts in one tick
        }
        assertTrue(timers.footprintBytes() <= 32 * 1024,
            "1,000 armed timers should cost at most 32 KiB, they cost " + timers.footprintBytes() + " bytes");
        for (final long id : ids)
        {
            assertTrue(timers.cancel(id));
        }
        assertEquals(0, timers.count());
        assertTrue(timers.footprintBytes() <= 32 * 1024,
            "after the burst at most 32 KiB should stay, " + timers.footprintBytes() + " bytes did");
    }

    @Test
    void aLargerBurstIsGivenBackOnceItsTimersAreGone()
    {
        final EngineTimers timers = new EngineTimers();
        for (int i = 0; i < 10_000; i++)
        {
            timers.schedule(START_NS + MS, record);
        }
        assertTrue(timers.footprintBytes() <= 10_000 * 28 * 2,
            "10,000 armed timers should cost at most 560,000 bytes, they cost " + timers.footprintBytes());
        timers.poll(START_NS + MS);
        assertEquals(256, fired.size(), "one poll expires at most 256 timers");
        while (timers.count() > 0)
        {
            timers.poll(START_NS + MS);
        }
        assertEquals(10_000, fired.size());
        assertTrue(timers.footprintBytes() <= 32 * 1024,
            "after the burst expired at most 32 KiB should stay, " + timers.footprintBytes() + " bytes did");
        assertFalse(timers.cancel(fired.get(9_999)), "an expired timer's id stays unmatched after the shrink");
    }

    @Test
    void timersExpireInDeadlineOrderThenSchedulingOrderAndNeverEarly()
    {
        final EngineTimers timers = new EngineTimers();
        final long late = timers.schedule(START_NS + 30 * MS, record);
        final long early = timers.schedule(START_NS + 10 * MS, record);
        final long tieFirst = timers.schedule(START_NS + 20 * MS, record);
        final long tieSecond = timers.schedule(START_NS + 20 * MS, record);

        assertEquals(0, timers.poll(START_NS + 10 * MS - 1));
        assertEquals(List.of(), fired);
        assertEquals(1, timers.poll(START_NS + 10 * MS));
        assertEquals(List.of(early), fired);
        assertEquals(3, timers.poll(START_NS + 60 * MS));
        assertEquals(List.of(early, tieFirst, tieSecond, late), fired);
        assertEquals(0, timers.count());
    }

    @Test
    void aCancelledTimerNeverFiresAndItsIdCannotCancelALaterTimer()
    {
        final EngineTimers timers = new EngineTimers();
        final long first = timers.schedule(START_NS + MS, record);
        assertTrue(timers.cancel(first));
        assertFalse(timers.cancel(first));
        assertFalse(timers.cancel(EngineTimers.NO_TIMER));

        final long second = timers.schedule(START_NS + MS, record); // may reuse the first one's storage
        assertNotEquals(first, second);
        assertFalse(timers.cancel(first));
        assertEquals(1, timers.poll(START_NS + MS));
        assertEquals(List.of(second), fired);
        assertFalse(timers.cancel(second), "a timer that fired is no longer armed");
    }

    @Test
    void aTimerMayCancelAnotherAndRescheduleItselfFromItsCallback()
    {
        final EngineTimers timers = new EngineTimers();
        final long[] victim = new long[1];
        final int[] runs = new int[1];
        final EngineTimer periodic = new EngineTimer()
        {
            public void onTimer(final long timerId)
            {
                fired.add(timerId);
                if (1 == ++runs[0])
                {
                    assertTrue(timers.cancel(victim[0]));
                    timers.schedule(START_NS + 5 * MS, this);
                }
            }
        };
        final long first = timers.schedule(START_NS + MS, periodic);
        victim[0] = timers.schedule(START_NS + 2 * MS, record);

        assertEquals(1, timers.poll(START_NS + 3 * MS));
        assertEquals(1, timers.count());
        assertEquals(1, timers.poll(START_NS + 5 * MS));
        assertEquals(2, fired.size());
        assertEquals(first, fired.get(0));
        assertEquals(0, timers.count());
    }

    @Test
    void onePollExpiresAtMostTheLimitAndTheNextPollTheRest()
    {
        final EngineTimers timers = new EngineTimers();
        for (int i = 0; i < 300; i++)
        {
            timers.schedule(START_NS + i, record);
        }
        assertEquals(256, timers.poll(START_NS + MS));
        assertEquals(44, timers.poll(START_NS + MS));
        assertEquals(300, fired.size());
        for (int i = 1; i < fired.size(); i++)
        {
            assertTrue(fired.get(i - 1) != fired.get(i).longValue());
        }
    }

    @Test
    void schedulingAndCancellingWithinTheCapacityReachedAllocatesNothing()
    {
        final EngineTimers timers = new EngineTimers();
        final EngineTimer noop = (timerId) ->
        {
        };
        final long[] ids = new long[100];
        for (int round = 0; round < 3; round++)
        {
            cycle(timers, noop, ids, round);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        for (int round = 3; round < 1003; round++)
        {
            cycle(timers, noop, ids, round);
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allocated < 1024, "1,000 rounds of 100 timers allocated " + allocated + " bytes");
    }

    private static void cycle(final EngineTimers timers, final EngineTimer timer, final long[] ids, final int round)
    {
        final long nowNs = START_NS + round * MS;
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = timers.schedule(nowNs + (i % 7) * 100, timer);
        }
        for (int i = 0; i < ids.length; i += 2)
        {
            timers.cancel(ids[i]);
        }
        timers.poll(nowNs + MS);
    }
}
