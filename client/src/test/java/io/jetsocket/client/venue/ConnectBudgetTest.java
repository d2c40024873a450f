/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.venue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectBudgetTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void grantsTheBudgetThenSaysHowLongToWait()
    {
        final ConnectBudget budget = ConnectBudget.of("binance", 3, Duration.ofSeconds(300));
        assertEquals(0, budget.tryAcquire(0));
        assertEquals(0, budget.tryAcquire(10 * SECOND));
        assertEquals(0, budget.tryAcquire(20 * SECOND));
        assertEquals(270 * SECOND, budget.tryAcquire(30 * SECOND), "the first attempt leaves the window at 300 s");
        assertEquals(3, budget.attemptsInWindow(30 * SECOND));
        assertEquals(0, budget.tryAcquire(300 * SECOND));
        assertEquals(10 * SECOND, budget.tryAcquire(300 * SECOND));
        assertEquals(4, budget.granted());
        assertEquals(2, budget.deferred());
    }

    @Test
    void threadsSharingABudgetNeverExceedIt() throws Exception
    {
        // Clients on several engines share one budget: 8 threads race for 50 attempts at the same instant.
        final ConnectBudget budget = ConnectBudget.of("venue", 50, Duration.ofMinutes(5));
        final AtomicInteger granted = new AtomicInteger();
        final CountDownLatch start = new CountDownLatch(1);
        final Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++)
        {
            threads[t] = new Thread(() ->
            {
                try
                {
                    start.await();
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                for (int i = 0; i < 1_000; i++)
                {
                    if (0 == budget.tryAcquire(SECOND))
                    {
                        granted.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertEquals(50, granted.get());
        assertEquals(50, budget.granted());
        assertEquals(8 * 1_000 - 50, budget.deferred());
    }

    @Test
    void rejectsBadLimitsWithTheVenueName()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ConnectBudget.of("okx", 0, Duration.ofSeconds(1)));
        assertTrue(error.getMessage().contains("okx"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConnectBudget.of("okx", 1, Duration.ZERO));
    }
}
