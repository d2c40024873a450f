/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.venue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RollingWindowTest
{
    private static final long MS = 1_000_000L;
    private static final long WINDOW = 1_000 * MS;

    @Test
    void shouldCountAnEventThatCouldNotWaitAndFreeTheNextSlotLater()
    {
        final RollingWindow window = new RollingWindow(2, 1_000);
        assertTrue(window.tryAcquire(0));
        assertTrue(window.tryAcquire(100));
        window.record(200); // a pong: out although the window was full
        assertFalse(window.tryAcquire(1_000), "the event at 0 left, but 100 and 200 still fill the window");
        assertEquals(1_100, window.nextFreeNs(1_000));
        assertTrue(window.tryAcquire(1_100));
    }

    @Test
    void allowsNThenWaitsForTheOldestToLeave()
    {
        final RollingWindow window = new RollingWindow(5, WINDOW);
        for (int i = 0; i < 5; i++)
        {
            assertTrue(window.tryAcquire(i * MS), "slot " + i);
        }
        assertFalse(window.tryAcquire(5 * MS));
        assertEquals(WINDOW, window.nextFreeNs(5 * MS), "the first send (at 0) leaves the window at 1 s");
        assertFalse(window.tryAcquire(WINDOW - 1));
        assertTrue(window.tryAcquire(WINDOW));
        assertFalse(window.tryAcquire(WINDOW), "the one at 1 ms leaves at 1.001 s");
        assertEquals(WINDOW + MS, window.nextFreeNs(WINDOW));
    }

    @Test
    void neverLetsTwoNThroughAcrossAWindowBoundary()
    {
        // A token bucket of 5 per second, full at 0.999 s, refills at 1 s: 10 sends within 2 ms. Not this window.
        final RollingWindow window = new RollingWindow(5, WINDOW);
        int allowed = 0;
        for (long t = 999 * MS; t <= 1_001 * MS; t += MS / 10)
        {
            allowed += window.tryAcquire(t) ? 1 : 0;
        }
        assertEquals(5, allowed);
        assertFalse(window.tryAcquire(1_998 * MS));
        assertTrue(window.tryAcquire(1_999 * MS));
    }

    @Test
    void randomTrafficNeverExceedsNInAnyWindow()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final int max = 7;
        final RollingWindow window = new RollingWindow(max, WINDOW);
        final List<Long> granted = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 20_000; i++)
        {
            now += random.nextLong(0, 60 * MS);
            if (window.tryAcquire(now))
            {
                granted.add(now);
            }
        }
        assertTrue(granted.size() > 1_000, "some traffic passed: " + granted.size());
        for (int i = max; i < granted.size(); i++)
        {
            assertTrue(granted.get(i) - granted.get(i - max) >= WINDOW,
                "more than " + max + " in a window ending at " + granted.get(i));
        }
    }

    @Test
    void countsTheEventsInTheWindow()
    {
        final RollingWindow window = new RollingWindow(3, WINDOW);
        window.tryAcquire(0);
        window.tryAcquire(500 * MS);
        assertEquals(2, window.inWindow(999 * MS));
        assertEquals(1, window.inWindow(WINDOW));
        assertEquals(0, window.inWindow(2 * WINDOW));
    }

    @Test
    void rejectsNonPositiveLimits()
    {
        assertThrows(IllegalArgumentException.class, () -> new RollingWindow(0, WINDOW));
        assertThrows(IllegalArgumentException.class, () -> new RollingWindow(1, 0));
    }
}
