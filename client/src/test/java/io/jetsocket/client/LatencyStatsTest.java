/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.time.ClockOffset;
import io.jetsocket.client.time.ExchangeTimestampExtractor;
import io.jetsocket.client.time.LatencySummary;
import io.jetsocket.engine.MessageType;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The latency figures of {@link StatsRecorder} on values the test chooses: made only when a feature needs them,
 * round trips in their histogram and subtracted (halved) from the minimum exchange delay.
 */
class LatencyStatsTest
{
    private static final long MS = 1_000_000L;
    private static final long EPOCH_NS = 1_700_000_000_000_000_000L;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final CachedEpochClock epochClock = new CachedEpochClock();

    @Test
    void shouldHoldNoLatencyFiguresWhenNoFeatureNeedsThem()
    {
        final StatsRecorder stats = new StatsRecorder(clock, epochClock, clock, null);
        assertNull(stats.latency());
        final ConnectionStats snapshot = stats.snapshot(ConnectionState.CONNECTED, -1, -1, 0);
        assertEquals(LatencySummary.EMPTY, snapshot.pingRoundTrip());
        assertEquals(LatencySummary.EMPTY, snapshot.exchangeToReceive());
        assertNull(snapshot.clockOffset());

        stats.onRoundTrip(3 * MS); // the first answered ping makes them
        assertNotNull(stats.latency());
        assertEquals(1, stats.snapshot(ConnectionState.CONNECTED, -1, -1, 0).pingRoundTrip().count());
        assertNull(stats.snapshot(ConnectionState.CONNECTED, -1, -1, 0).clockOffset(), "no exchange timestamps");
    }

    @Test
    void shouldSubtractHalfTheSmallestRecentRoundTripFromTheSmallestDelay()
    {
        final StatsRecorder stats = new StatsRecorder(clock, epochClock, clock,
            ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS));
        final LatencyStats latency = stats.latency();
        assertNotNull(latency, "made at once with an extractor");
        for (final long delayMs : new long[]{ 12, 9, 30, 11 })
        {
            clock.advance(100 * MS);
            message(latency, EPOCH_NS / MS - delayMs, clock.nanoTime(), EPOCH_NS);
        }
        for (final long rttMs : new long[]{ 6, 4, 8 })
        {
            clock.advance(100 * MS);
            stats.onRoundTrip(rttMs * MS);
        }
        final ConnectionStats snapshot = stats.snapshot(ConnectionState.CONNECTED, 8 * MS, 6 * MS, 0);
        assertEquals(new ClockOffset(7 * MS, 9 * MS, 4 * MS), snapshot.clockOffset());
        assertEquals(3, snapshot.pingRoundTrip().count());
        assertEquals(6_000, snapshot.pingRoundTrip().p50Micros(), 60);
        assertEquals(8_000, snapshot.pingRoundTrip().maxMicros(), 80);
        assertEquals(4, snapshot.exchangeToReceive().count());
        assertEquals(30_000, snapshot.exchangeToReceive().maxMicros(), 300);
        assertEquals(11_000, snapshot.exchangeToReceive().p50Micros(), 110);
    }

    private static void message(
        final LatencyStats latency, final long exchangeMs, final long receiveNs, final long receiveEpochNs)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(("{\"E\":" + exchangeMs + "}").getBytes(StandardCharsets.UTF_8));
        latency.onMessage(MessageType.TEXT, buffer, 0, buffer.capacity(), receiveNs, receiveEpochNs);
    }
}
