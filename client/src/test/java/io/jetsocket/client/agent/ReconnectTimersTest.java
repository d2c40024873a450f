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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reconnect agent alone, on a hand-driven clock.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReconnectTimersTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SteppedTimers clock = new SteppedTimers(1_000 * MS);
    private final List<String> calls = new ArrayList<>();
    private final ReconnectTimers.Listener listener = new ReconnectTimers.Listener()
    {
        public void onReconnectDue()
        {
            calls.add("reconnect@" + clock.nowNs() / MS);
        }

        public void onMaxAgeReached()
        {
            calls.add("age@" + clock.nowNs() / MS);
        }

        public void onCloseTimeout()
        {
            calls.add("closeTimeout@" + clock.nowNs() / MS);
        }
    };

    private ReconnectTimers agent(final BackoffConfig config, final Duration maxAge)
    {
        return new ReconnectTimers(config, maxAge, clock, new SplittableRandom(7), listener);
    }

    private static BackoffConfig noJitter(final int maxAttempts, final Duration resetAfter)
    {
        return BackoffConfig.builder().base(Duration.ofMillis(100)).cap(Duration.ofMillis(1000)).jitter(false)
            .maxAttempts(maxAttempts).resetAfter(resetAfter).build();
    }

    @Test
    void shouldArmNothingWhileIdle()
    {
        final ReconnectTimers agent = agent(noJitter(0, Duration.ofSeconds(60)), Duration.ofSeconds(2));
        assertEquals(0, clock.armed());
        agent.onConnected();
        assertEquals(1, clock.armed(), "only the age rotation; no reset timer without re-attempts");
        agent.onDisconnected();
        assertEquals(0, clock.armed());
    }

    @Test
    void shouldCallBackOnceWhenTheBackOffDelayHasPassed()
    {
        final ReconnectTimers agent = agent(noJitter(0, Duration.ofSeconds(60)), null);

        assertEquals(100 * MS, agent.scheduleReconnect());
        clock.advance(99 * MS);
        assertTrue(calls.isEmpty());
        clock.advance(MS);
        clock.advance(MS);

        assertEquals(List.of("reconnect@1100"), calls);
        assertEquals(200 * MS, agent.scheduleReconnect());
        assertEquals(2, agent.attempts());
    }

    @Test
    void shouldResetTheAttemptCounterOnlyAfterAStablePeriod()
    {
        final ReconnectTimers agent = agent(noJitter(0, Duration.ofSeconds(5)), null);
        agent.scheduleReconnect();
        agent.scheduleReconnect();
        agent.scheduleReconnect();
        assertEquals(3, agent.attempts());

        agent.onConnected();
        clock.advance(4_999 * MS);
        assertEquals(3, agent.attempts(), "not stable long enough yet");
        agent.onDisconnected();
        clock.advance(10_000 * MS);
        assertEquals(3, agent.attempts(), "a flapping connection keeps its delays");
        assertEquals(800 * MS, agent.scheduleReconnect());

        agent.onConnected();
        clock.advance(5_000 * MS);

        assertEquals(0, agent.attempts(), "stable for resetAfter: back to the base delay");
        assertEquals(100 * MS, agent.scheduleReconnect());
    }

    @Test
    void shouldResetAtOnceWhenResetAfterIsZero()
    {
        final ReconnectTimers agent = agent(noJitter(0, Duration.ZERO), null);
        agent.scheduleReconnect();
        agent.onConnected();
        assertEquals(0, agent.attempts());
    }

    @Test
    void shouldReportExhaustion()
    {
        final ReconnectTimers agent = agent(noJitter(2, Duration.ofSeconds(60)), null);
        agent.scheduleReconnect();
        assertFalse(agent.isExhausted());
        agent.scheduleReconnect();
        assertTrue(agent.isExhausted());
    }

    @Test
    void shouldRotateAtTheMaxConnectionAge()
    {
        final ReconnectTimers agent = agent(noJitter(0, Duration.ofSeconds(60)), Duration.ofSeconds(2));
        agent.onConnected();
        clock.advance(1_999 * MS);
        assertTrue(calls.isEmpty());
        clock.advance(MS);
        assertEquals(List.of("age@3000"), calls);

        assertEquals(0, agent.scheduleImmediate());
        clock.advance(0); // the next timer tick
        assertEquals(List.of("age@3000", "reconnect@3000"), calls);
        assertEquals(0, agent.attempts(), "a rotation is not a re-attempt");
    }

    @Test
    void shouldNotRotateAConnectionThatEndedEarlier()
    {
        final ReconnectTimers agent = agent(noJitter(0, Duration.ofSeconds(60)), Duration.ofSeconds(2));
        agent.onConnected();
        agent.onDisconnected();
        clock.advance(5_000 * MS);
        assertTrue(calls.isEmpty());
    }

    @Test
    void shouldFireTheCloseTimeoutUnlessCancelled()
    {
        final ReconnectTimers agent = agent(noJitter(0, Duration.ofSeconds(60)), null);
        agent.armCloseTimeout(500 * MS);
        clock.advance(500 * MS);
        assertEquals(List.of("closeTimeout@1500"), calls);

        agent.armCloseTimeout(500 * MS);
        agent.cancelCloseTimeout();
        clock.advance(1_000 * MS);
        assertEquals(1, calls.size());
    }

    @Test
    void shouldCancelEverything()
    {
        final ReconnectTimers agent = agent(noJitter(0, Duration.ofSeconds(60)), Duration.ofMillis(10));
        agent.onConnected();
        agent.scheduleReconnect();
        agent.armCloseTimeout(MS);
        agent.cancelAll();
        clock.advance(10_000 * MS);
        assertTrue(calls.isEmpty());
        assertFalse(agent.isReconnectScheduled());
        assertEquals(0, clock.armed(), "nothing left on the wheel");
    }
}
