/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.time.ClockOffset;
import io.jetsocket.client.time.ExchangeTimestampExtractor;
import io.jetsocket.client.time.LatencyHistogram;
import io.jetsocket.client.time.LatencySummary;
import io.jetsocket.client.time.WindowedMinimum;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * A client's latency figures (engine thread writes, any thread reads): the histogram of heartbeat round trips and,
 * with an {@link ExchangeTimestampExtractor}, the histogram of exchange-to-receive latency and the clock offset
 * estimate. Made only when a feature needs it (an extractor is configured, or the first ping is answered), so a
 * client without them holds none of it; each histogram is made when it gets its first value.
 */
final class LatencyStats
{
    /** One bucket of the sliding minimums: the estimates cover the last 30 to 60 seconds. */
    static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(30);

    private final ExchangeTimestampExtractor extractor;
    private final WindowedMinimum exchangeDelay;
    private volatile LatencyHistogram exchangeToReceive;
    private final WindowedMinimum roundTrips = new WindowedMinimum(WINDOW_NS);
    private volatile LatencyHistogram pingRoundTrip;

    /**
     * @param extractor of exchange timestamps, or null for none.
     */
    LatencyStats(final ExchangeTimestampExtractor extractor)
    {
        this.extractor = extractor;
        this.exchangeDelay = null == extractor ? null : new WindowedMinimum(WINDOW_NS);
    }

    /**
     * A message of the current connection (engine thread): its exchange timestamp, if it has one, against the
     * receive stamps of the read that brought it.
     */
    void onMessage(
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long receiveNs,
        final long receiveEpochNs)
    {
        if (null == extractor)
        {
            return;
        }
        final long exchangeEpochNs = extractor.extractEpochNanos(type, buffer, offset, length);
        if (ExchangeTimestampExtractor.NONE != exchangeEpochNs)
        {
            final long delayNs = receiveEpochNs - exchangeEpochNs;
            LatencyHistogram histogram = exchangeToReceive;
            if (null == histogram)
            {
                histogram = new LatencyHistogram(); // at the first timestamp: a configured client never fed holds none
                exchangeToReceive = histogram;
            }
            histogram.recordNanos(delayNs);
            exchangeDelay.add(delayNs, receiveNs);
        }
    }

    /**
     * A heartbeat ping was answered (engine thread).
     *
     * @param roundTripNs the round trip.
     * @param nowNs       the engine's clock.
     */
    void onRoundTrip(final long roundTripNs, final long nowNs)
    {
        LatencyHistogram histogram = pingRoundTrip;
        if (null == histogram)
        {
            histogram = new LatencyHistogram(); // at the first answer: a client without pings holds none
            pingRoundTrip = histogram;
        }
        histogram.recordNanos(roundTripNs);
        roundTrips.add(roundTripNs, nowNs);
    }

    LatencySummary pingRoundTrip()
    {
        final LatencyHistogram histogram = pingRoundTrip;
        return null == histogram ? LatencySummary.EMPTY : histogram.summary();
    }

    LatencySummary exchangeToReceive()
    {
        final LatencyHistogram histogram = exchangeToReceive;
        return null == histogram ? LatencySummary.EMPTY : histogram.summary();
    }

    /**
     * @return the estimate, or null before the first exchange timestamp.
     */
    ClockOffset clockOffset()
    {
        final long minDelayNs = null == exchangeDelay ? WindowedMinimum.NONE : exchangeDelay.minimum();
        if (WindowedMinimum.NONE == minDelayNs)
        {
            return null;
        }
        final long roundTripNs = roundTrips.minimum();
        return ClockOffset.of(minDelayNs, WindowedMinimum.NONE == roundTripNs ? -1 : roundTripNs);
    }
}
