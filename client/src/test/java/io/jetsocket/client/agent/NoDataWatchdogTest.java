/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The no-data watchdog on hand-stepped timers: it fires exactly one timeout after the last data, not before; data
 * re-arms it without scheduling a timer per message; stop and start.
 */
class NoDataWatchdogTest
{
    private static final long MS = 1_000_000L;
    private static final long TIMEOUT_NS = 30_000 * MS;

    private final SteppedTimers timers = new SteppedTimers(5 * MS);
    private final List<Long> silences = new ArrayList<>();
    private final List<Long> firedAtNs = new ArrayList<>();
    private final NoDataWatchdog watchdog = new NoDataWatchdog(TIMEOUT_NS, timers, (silentNs) ->
    {
        silences.add(silentNs);
        firedAtNs.add(timers.nowNs());
    });

    @Test
    void shouldFireExactlyOneTimeoutAfterTheStartWhenNothingArrives()
    {
        watchdog.start();

        timers.advance(TIMEOUT_NS - 1);
        assertTrue(silences.isEmpty(), "not before the timeout");
        timers.advance(1);

        assertEquals(List.of(TIMEOUT_NS), silences);
        assertEquals(List.of(5 * MS + TIMEOUT_NS), firedAtNs);
        assertFalse(watchdog.isActive(), "stopped after firing");
        timers.advance(10 * TIMEOUT_NS);
        assertEquals(1, silences.size(), "fires once per start");
    }

    @Test
    void shouldBeReArmedByDataWithoutATimerPerMessage()
    {
        watchdog.start();
        for (int i = 0; i < 1000; i++)
        {
            timers.advance(20 * MS);
            watchdog.onData(); // 1,000 messages, 20 s of them
        }
        assertEquals(1, timers.armed(), "one timer, whatever the message rate");
        final long lastDataNs = timers.nowNs();

        timers.advance(TIMEOUT_NS - 1);
        assertTrue(silences.isEmpty(), "re-armed for what was left of the timeout since the last message");
        timers.advance(1);

        assertEquals(List.of(TIMEOUT_NS), silences);
        assertEquals(List.of(lastDataNs + TIMEOUT_NS), firedAtNs);
    }

    @Test
    void shouldNotFireAfterStopAndStartAfreshOnStart()
    {
        watchdog.start();
        timers.advance(TIMEOUT_NS / 2);
        watchdog.stop();
        assertEquals(0, timers.armed());
        timers.advance(2 * TIMEOUT_NS);
        assertTrue(silences.isEmpty());

        watchdog.start(); // a new connection: the silence counts from its opening
        final long startedNs = timers.nowNs();
        timers.advance(TIMEOUT_NS);

        assertEquals(List.of(startedNs + TIMEOUT_NS), firedAtNs);
    }

    @Test
    void shouldRefuseATimeoutThatIsNotPositive()
    {
        assertThrows(IllegalArgumentException.class, () -> new NoDataWatchdog(0, timers, (silentNs) ->
        {
        }));
    }
}
