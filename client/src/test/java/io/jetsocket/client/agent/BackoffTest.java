/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.config.BackoffConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackoffTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void shouldDoubleFromTheBaseUpToTheCapWithoutJitter()
    {
        final Backoff backoff = new Backoff(BackoffConfig.builder().jitter(false).build(), new SplittableRandom(1));
        final List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 9; i++)
        {
            delays.add(backoff.nextDelayNs() / SECOND);
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), delays);
        assertEquals(9, backoff.attempts());
        assertFalse(backoff.isExhausted());
    }

    @Test
    void shouldCapAtTheCap()
    {
        final Backoff backoff = new Backoff(BackoffConfig.builder().base(Duration.ofSeconds(10))
            .cap(Duration.ofSeconds(30)).jitter(false).build(), new SplittableRandom(1));
        assertEquals(List.of(10L, 20L, 30L, 30L), List.of(backoff.nextDelayNs() / SECOND,
            backoff.nextDelayNs() / SECOND, backoff.nextDelayNs() / SECOND, backoff.nextDelayNs() / SECOND));
    }

    @Test
    void shouldDrawFullJitterBetweenZeroAndTheDelay()
    {
        final SplittableRandom random = new SplittableRandom(42);
        long below = 0;
        for (int trial = 0; trial < 1000; trial++)
        {
            final Backoff backoff = new Backoff(BackoffConfig.defaults(), random);
            final long first = backoff.nextDelayNs();
            final long second = backoff.nextDelayNs();
            assertTrue(first >= 0 && first <= SECOND, "first in [0, 1 s]: " + first);
            assertTrue(second >= 0 && second <= 2 * SECOND, "second in [0, 2 s]: " + second);
            below += first < SECOND / 2 ? 1 : 0;
        }
        assertTrue(below > 400 && below < 600, "uniform: about half below the middle, got " + below);
    }

    @Test
    void shouldStopAfterMaxAttemptsAndStartAgainAfterReset()
    {
        final Backoff backoff = new Backoff(BackoffConfig.builder().jitter(false).maxAttempts(3).build(),
            new SplittableRandom(1));
        backoff.nextDelayNs();
        backoff.nextDelayNs();
        assertFalse(backoff.isExhausted());
        backoff.nextDelayNs();
        assertTrue(backoff.isExhausted());
        assertThrows(IllegalStateException.class, backoff::nextDelayNs);

        backoff.reset();

        assertEquals(0, backoff.attempts());
        assertEquals(SECOND, backoff.nextDelayNs());
    }

    @Test
    void shouldNeverExhaustWithoutALimit()
    {
        final Backoff backoff = new Backoff(BackoffConfig.defaults(), new SplittableRandom(1));
        for (int i = 0; i < 1000; i++)
        {
            assertTrue(backoff.nextDelayNs() <= 60 * SECOND);
        }
        assertFalse(backoff.isExhausted());
    }

    @Test
    void shouldPeekWithoutCounting()
    {
        final Backoff plain = new Backoff(BackoffConfig.builder().jitter(false).build(), new SplittableRandom(1));
        assertEquals(SECOND, plain.peekDelayNs());
        assertEquals(0, plain.attempts());
        final Backoff jittered = new Backoff(BackoffConfig.defaults(), new SplittableRandom(1));
        assertEquals(SECOND / 2, jittered.peekDelayNs());
    }
}
