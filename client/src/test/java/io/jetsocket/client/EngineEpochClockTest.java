/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EngineEpochClockTest
{
    private final CachedNanoClock engineClock = new CachedNanoClock();
    private final CachedEpochClock wallClock = new CachedEpochClock();
    private final EngineEpochClock clock = new EngineEpochClock(engineClock, wallClock);

    @Test
    void shouldAdvanceOnTheEngineClockBetweenWallClockReadings()
    {
        engineClock.update(5_000_000_000L);
        wallClock.update(1_700_000_000_000L);
        assertEquals(1_700_000_000_000L, clock.time());

        wallClock.update(1_700_000_000_900L); // not read again within a second of engine time
        engineClock.advance(250_000_000L);
        assertEquals(1_700_000_000_250L, clock.time());
    }

    @Test
    void shouldFollowAStepOfTheWallClockWithinASecond()
    {
        engineClock.update(0);
        wallClock.update(10_000L);
        assertEquals(10_000L, clock.time());

        wallClock.update(500_000L); // the system clock was stepped forward
        engineClock.advance(EngineEpochClock.REANCHOR_NS - 1);
        assertEquals(10_999L, clock.time());
        engineClock.advance(1);
        assertEquals(500_000L, clock.time());
    }

    @Test
    void shouldReadTheWallClockAgainIfTheEngineClockGoesBack()
    {
        engineClock.update(2_000_000_000L);
        wallClock.update(7_000L);
        assertEquals(7_000L, clock.time());

        engineClock.update(1_000_000_000L);
        wallClock.update(8_000L);
        assertEquals(8_000L, clock.time());
    }
}
