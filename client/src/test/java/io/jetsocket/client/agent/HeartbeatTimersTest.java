/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.engine.TimeoutException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heartbeat agent alone, on a hand-driven clock.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HeartbeatTimersTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final UnsafeBuffer PAYLOAD = new UnsafeBuffer("hb".getBytes());

    private final SteppedTimers clock = new SteppedTimers(0);
    private final List<String> calls = new ArrayList<>();
    private final Heartbeat.Host host = new Heartbeat.Host()
    {
        public boolean sendPing()
        {
            calls.add("ping@" + clock.nowNs() / MS);
            return true;
        }

        public void onPongMissed(final int misses, final TimeoutException timeout)
        {
            assertEquals(TimeoutException.Operation.PONG, timeout.operation());
            calls.add("missed" + misses + "@" + clock.nowNs() / MS);
        }

        public void onDeadPeer(final int misses, final TimeoutException timeout)
        {
            calls.add("dead" + misses + "@" + clock.nowNs() / MS);
        }
    };

    private Heartbeat agent(final int missesAllowed)
    {
        return new Heartbeat(HeartbeatConfig.builder().interval(Duration.ofMillis(1000))
            .timeout(Duration.ofMillis(300)).missesAllowed(missesAllowed).payload("hb".getBytes()).build(),
            clock, host, "test");
    }

    private void tick(final Heartbeat agent, final long ms)
    {
        clock.advance(ms * MS);
    }

    @Test
    void shouldPingEveryIntervalOnlyWhileConnected()
    {
        final Heartbeat agent = agent(0);
        tick(agent, 5000);
        assertTrue(calls.isEmpty(), "not connected");

        agent.onConnected(); // at 5000
        tick(agent, 999);
        assertTrue(calls.isEmpty());
        tick(agent, 1);
        assertEquals(List.of("ping@6000"), calls);
        tick(agent, 10);
        assertEquals(10 * MS, agent.onWsPong(PAYLOAD, 0, 2));
        tick(agent, 990);
        assertEquals(List.of("ping@6000", "ping@7000"), calls);

        agent.onDisconnected();
        tick(agent, 5000);
        assertEquals(2, calls.size());
    }

    @Test
    void shouldMeasureTheLastAndAverageLatency()
    {
        final Heartbeat agent = agent(0);
        assertEquals(-1, agent.lastLatencyNs());
        agent.onConnected();
        for (final long latencyMs : new long[]{ 10, 20, 30 })
        {
            while (!agent.isAwaitingPong())
            {
                tick(agent, 1);
            }
            tick(agent, latencyMs);
            assertEquals(latencyMs * MS, agent.onWsPong(PAYLOAD, 0, 2));
        }
        assertEquals(30 * MS, agent.lastLatencyNs());
        assertEquals(20 * MS, agent.averageLatencyNs());
    }

    @Test
    void shouldAverageOverTheLastTenSamples()
    {
        final Heartbeat agent = agent(0);
        agent.onConnected();
        for (int i = 1; i <= 15; i++)
        {
            while (!agent.isAwaitingPong())
            {
                tick(agent, 1);
            }
            tick(agent, i);
            agent.onWsPong(PAYLOAD, 0, 2);
        }
        assertEquals(15 * MS, agent.lastLatencyNs());
        assertEquals((6 + 15) * 10 / 2 * MS / 10, agent.averageLatencyNs());
    }

    @Test
    void shouldIgnorePongsWithAnotherPayloadOrUnsolicited()
    {
        final Heartbeat agent = agent(0);
        agent.onConnected();
        assertEquals(-1, agent.onWsPong(PAYLOAD, 0, 2), "nothing outstanding");
        tick(agent, 1000);
        assertEquals(-1, agent.onWsPong(new UnsafeBuffer("xx".getBytes()), 0, 2));
        assertEquals(-1, agent.onWsPong(PAYLOAD, 0, 1));
        assertTrue(agent.isAwaitingPong());
        tick(agent, 300);
        assertEquals(List.of("ping@1000", "dead1@1300"), relative(calls));
    }

    @Test
    void shouldDeclareThePeerDeadAfterMoreMissesThanAllowed()
    {
        final Heartbeat agent = agent(2);
        agent.onConnected();
        tick(agent, 4000);
        assertEquals(List.of("ping@1000", "missed1@1300", "ping@2000", "missed2@2300", "ping@3000", "dead3@3300"),
            relative(calls));
        assertFalse(agent.isAwaitingPong());
    }

    @Test
    void shouldResetTheMissCountOnAnAnswer()
    {
        final Heartbeat agent = agent(1);
        agent.onConnected();
        tick(agent, 1300); // ping, miss 1
        tick(agent, 705); // second ping at 2000, answered at 2005
        assertTrue(agent.onWsPong(PAYLOAD, 0, 2) >= 0);
        assertEquals(0, agent.misses());
        tick(agent, 1300); // third ping missed: only 1 in a row
        assertEquals(List.of("ping@1000", "missed1@1300", "ping@2000", "ping@3000", "missed1@3300"),
            relative(calls));
    }

    @Test
    void shouldCountApplicationPongs()
    {
        final Heartbeat agent = agent(0);
        agent.onConnected();
        assertEquals(-1, agent.onApplicationPong());
        tick(agent, 1004);
        assertEquals(4 * MS, agent.onApplicationPong());
    }

    private List<String> relative(final List<String> calls)
    {
        final long start = Long.parseLong(calls.get(0).split("@")[1]) - 1000;
        final List<String> result = new ArrayList<>();
        for (final String call : calls)
        {
            final String[] parts = call.split("@");
            result.add(parts[0] + "@" + (Long.parseLong(parts[1]) - start));
        }
        return result;
    }
}
