/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.time;

/**
 * The estimate of how far the local wall clock (the engine's receive epoch clock) is ahead of the exchange's, from
 * the messages' exchange timestamps.
 * <p>
 * The estimator: {@code minDelayNs} is the minimum of (receive epoch time - exchange timestamp) over a sliding window
 * ({@link WindowedMinimum}, the last 30 to 60 seconds): the clock offset plus the smallest one-way delay from the
 * exchange, robust to queueing and bursts, which only ever add to a sample. When the client's heartbeat measures
 * round trips, half of the smallest recent one is taken as that one-way delay (a symmetric path, as NTP assumes),
 * giving {@code offsetNs = minDelayNs - roundTripNs / 2}; without one, {@code offsetNs} is {@code minDelayNs}, an
 * upper bound on the offset. To put an exchange time on the local clock: {@code exchangeNs + offsetNs}.
 *
 * @param offsetNs     local clock minus the exchange's clock, in nanoseconds: positive when the local clock is ahead.
 * @param minDelayNs   the window's minimum of (receive time - exchange timestamp), in nanoseconds.
 * @param roundTripNs  the smallest recent ping round trip subtracted (halved), or -1 when none was measured.
 */
public record ClockOffset(long offsetNs, long minDelayNs, long roundTripNs)
{
    /**
     * The estimate from its parts.
     *
     * @param minDelayNs  the window's minimum of (receive time - exchange timestamp).
     * @param roundTripNs the smallest recent round trip, or a negative value for none.
     * @return the estimate.
     */
    public static ClockOffset of(final long minDelayNs, final long roundTripNs)
    {
        return roundTripNs < 0 ? new ClockOffset(minDelayNs, minDelayNs, -1) :
            new ClockOffset(minDelayNs - roundTripNs / 2, minDelayNs, roundTripNs);
    }
}
