/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.venue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The budget shared by threads that race for it: what it grants is checked against a single-threaded
 * {@link RollingWindow} given the same times, on the grants the threads recorded (never on real time).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectBudgetConcurrencyTest
{
    private static final int THREADS = 4;

    @Test
    void racingThreadsGetExactlyWhatTheWindowAllowsAndTheExactWait() throws Exception
    {
        // Steps: all threads present the same time, each asks until it is refused, then the clock steps on. Each
        // step's grants and waits are then exact whatever the interleaving: the step's free slots, all taken.
        final int maxAttempts = 8;
        final long windowNs = 1_000;
        final int steps = 3_000;
        final long[] times = new long[steps];
        final SplittableRandom random = new SplittableRandom(42);
        for (int s = 1; s < steps; s++)
        {
            // mostly a few slots free, sometimes the whole budget (all threads race for every slot)
            times[s] = times[s - 1] + (0 == random.nextInt(5) ? windowNs : random.nextInt(300));
        }
        final ConnectBudget budget = ConnectBudget.of("race", maxAttempts, Duration.ofNanos(windowNs));
        final int[][] grants = new int[THREADS][steps];
        final long[][] waits = new long[THREADS][steps];
        final CyclicBarrier barrier = new CyclicBarrier(THREADS);
        runThreads((thread) ->
        {
            for (int s = 0; s < steps; s++)
            {
                barrier.await();
                long waitNs;
                while (0 == (waitNs = budget.tryAcquire(times[s])))
                {
                    grants[thread][s]++;
                }
                waits[thread][s] = waitNs;
            }
        });

        final RollingWindow model = new RollingWindow(maxAttempts, windowNs);
        long total = 0;
        final long[] grantTimes = new long[steps * maxAttempts];
        int recorded = 0;
        for (int s = 0; s < steps; s++)
        {
            int allowed = 0;
            while (model.tryAcquire(times[s]))
            {
                allowed++;
            }
            int given = 0;
            for (int t = 0; t < THREADS; t++)
            {
                given += grants[t][s];
                assertEquals(model.nextFreeNs(times[s]) - times[s], waits[t][s],
                    "thread " + t + " refused at step " + s + " learns the exact wait");
            }
            assertEquals(allowed, given, "everything the window allowed at step " + s + " was granted, no more");
            for (int i = 0; i < given; i++)
            {
                grantTimes[recorded++] = times[s];
            }
            total += given;
        }
        assertNoWindowHoldsMore(Arrays.copyOf(grantTimes, recorded), maxAttempts, windowNs);
        assertTrue(total > 10L * maxAttempts, "the budget was used: " + total);
        assertEquals(total, budget.granted());
        assertEquals((long)THREADS * steps, budget.deferred(), "one refusal per thread and step");
    }

    @Test
    void threadsWithSlightlyOutOfOrderTimesKeepTheBudgetOverTheWindowLessTheDisorder() throws Exception
    {
        // One shared clock, read before each ask: a thread descheduled between the read and the ask presents a time
        // behind grants already made. Each grant records its time and how far the clock had gone by the end of its
        // ask, a bound on how far behind the earlier grants it can be (the disorder d). The documented guarantee:
        // at most maxAttempts grants in any interval of window - d.
        final int maxAttempts = 5;
        final long windowNs = 5_000;
        final int asks = 100_000;
        final ConnectBudget budget = ConnectBudget.of("skew", maxAttempts, Duration.ofNanos(windowNs));
        final AtomicLong clock = new AtomicLong();
        final long[][] grantTimes = new long[THREADS][asks];
        final int[] grantCounts = new int[THREADS];
        final long[] disorder = new long[THREADS];
        runThreads((thread) ->
        {
            final SplittableRandom random = new SplittableRandom(thread);
            for (int i = 0; i < asks; i++)
            {
                final long nowNs = clock.addAndGet(1 + random.nextInt(3));
                if (0 == budget.tryAcquire(nowNs))
                {
                    grantTimes[thread][grantCounts[thread]++] = nowNs;
                    disorder[thread] = Math.max(disorder[thread], clock.get() - nowNs);
                }
            }
        });

        int total = 0;
        for (int t = 0; t < THREADS; t++)
        {
            total += grantCounts[t];
        }
        final long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < THREADS; t++)
        {
            System.arraycopy(grantTimes[t], 0, all, at, grantCounts[t]);
            at += grantCounts[t];
        }
        Arrays.sort(all);
        final long d = Arrays.stream(disorder).max().orElse(0);
        assertNoWindowHoldsMore(all, maxAttempts, windowNs - d);
        assertEquals(total, budget.granted());
        assertEquals((long)THREADS * asks - total, budget.deferred());
        assertTrue(total >= maxAttempts, "granted " + total + ", disorder " + d);
    }

    @Test
    void aCallerWhoseClockIsBehindIsJudgedOnItsOwnClock()
    {
        final long second = 1_000_000_000L;
        final ConnectBudget budget = ConnectBudget.of("venue", 2, Duration.ofSeconds(10));
        assertEquals(0, budget.tryAcquire(100 * second), "an engine whose clock is ahead");
        assertEquals(0, budget.tryAcquire(100 * second));
        assertEquals(11 * second, budget.tryAcquire(99 * second),
            "1 s behind: both grants are in its window, and free 1 s later by its clock than by theirs");
        assertEquals(2, budget.attemptsInWindow(99 * second));
        assertEquals(0, budget.tryAcquire(110 * second));
        assertEquals(second, budget.tryAcquire(109 * second), "a slot is free by 110 s only");
    }

    @Test
    void theLeastTimeIsAValidTime()
    {
        // Long.MIN_VALUE marks a slot never granted; an attempt at that time is recorded 1 ns later.
        final ConnectBudget budget = ConnectBudget.of("venue", 1, Duration.ofNanos(10));
        assertEquals(0, budget.tryAcquire(Long.MIN_VALUE));
        assertEquals(1, budget.attemptsInWindow(Long.MIN_VALUE + 1));
        assertEquals(11, budget.tryAcquire(Long.MIN_VALUE), "recorded 1 ns late, so it frees 1 ns late");
        assertEquals(0, budget.tryAcquire(Long.MIN_VALUE + 11));
    }

    @Test
    void takesNoLock()
    {
        // The engine thread asks the budget before every connect: no monitor and no lock may be held there. A cheap
        // guard against a synchronized method or a lock field coming back (synchronized blocks are left to review).
        for (final Method method : ConnectBudget.class.getDeclaredMethods())
        {
            assertFalse(Modifier.isSynchronized(method.getModifiers()), "synchronized " + method);
        }
        for (final Field field : ConnectBudget.class.getDeclaredFields())
        {
            assertFalse(Lock.class.isAssignableFrom(field.getType()), "a lock field: " + field);
            assertFalse(Object.class == field.getType(), "a monitor object field: " + field);
        }
    }

    private static void assertNoWindowHoldsMore(final long[] sortedTimes, final int max, final long windowNs)
    {
        // max + 1 grants in some (s, s + window] exactly when two grants max apart are less than a window apart
        for (int i = max; i < sortedTimes.length; i++)
        {
            final long spanNs = sortedTimes[i] - sortedTimes[i - max];
            assertTrue(spanNs >= windowNs, (max + 1) + " grants within " + spanNs + " ns (window " + windowNs +
                " ns), the last at " + sortedTimes[i]);
        }
    }

    private interface Worker
    {
        void run(int thread) throws Exception;
    }

    private static void runThreads(final Worker worker) throws InterruptedException
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++)
        {
            final int thread = t;
            threads[t] = new Thread(() ->
            {
                try
                {
                    worker.run(thread);
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "budget-racer-" + t);
            threads[t].start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertNull(failure.get(), () -> "a racing thread failed: " + failure.get());
    }
}
