/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.time.ClockOffset;
import io.jetsocket.client.time.LatencySummary;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * An immutable snapshot of a client's statistics ({@code stats()}). Counters cover the client's whole life,
 * across reconnects.
 *
 * @param state                the state at the time of the snapshot.
 * @param uptime               time since the current connection opened; zero when not connected.
 * @param messagesSent         messages accepted for sending ({@code send}, {@code sendText},
 *                             {@code sendBinary}; buffered messages count once they go out).
 * @param bytesSent            their payload bytes.
 * @param messagesReceived     data messages received (text and binary, before decoding).
 * @param bytesReceived        their payload bytes.
 * @param reconnectCount       successful reconnects.
 * @param lastReconnectAt      when the last reconnect succeeded; null if none.
 * @param latencyMs            round trip of the last answered heartbeat ping; empty before the first.
 * @param latencyAvgMs         mean round trip of the last 10 answered pings; empty before the first.
 * @param lastMessageAt        when a message was last sent or received; null if none.
 * @param connectionAge        time since the first connection opened (not reset by reconnects); zero before.
 * @param errors               error events so far (failed connects, lost connections, decode failures,
 *                             handler failures, missed pongs...).
 * @param bufferFillRatio      how full the send buffer is (0 to 1); 0 without {@code full_buffer} replay.
 * @param messagesDropped      messages dropped by the bounded buffers (send buffer and receive queue) and
 *                             duplicates dropped by de-duplication.
 * @param pingRoundTrip        heartbeat round trips (WebSocket or application pings) over the client's life, in
 *                             microseconds; {@link LatencySummary#EMPTY} before the first answer or without heartbeat.
 * @param exchangeToReceive    receive time minus the exchange's timestamp of each message that has one
 *                             ({@code ClientConfig.Builder#exchangeTimestamps}), in microseconds, negative ones
 *                             (clocks apart) as zero; {@link LatencySummary#EMPTY} without an extractor.
 * @param clockOffset          the estimate of the local clock's offset from the exchange's; null before the first
 *                             exchange timestamp or without an extractor.
 */
public record ConnectionStats(
    ConnectionState state,
    Duration uptime,
    long messagesSent,
    long bytesSent,
    long messagesReceived,
    long bytesReceived,
    long reconnectCount,
    Instant lastReconnectAt,
    OptionalDouble latencyMs,
    OptionalDouble latencyAvgMs,
    Instant lastMessageAt,
    Duration connectionAge,
    long errors,
    double bufferFillRatio,
    long messagesDropped,
    LatencySummary pingRoundTrip,
    LatencySummary exchangeToReceive,
    ClockOffset clockOffset)
{
    /**
     * The statistics without latency figures (as before they were added): empty summaries, no clock offset.
     *
     * @param state            the state at the time of the snapshot.
     * @param uptime           time since the current connection opened.
     * @param messagesSent     messages accepted for sending.
     * @param bytesSent        their payload bytes.
     * @param messagesReceived data messages received.
     * @param bytesReceived    their payload bytes.
     * @param reconnectCount   successful reconnects.
     * @param lastReconnectAt  when the last reconnect succeeded; null if none.
     * @param latencyMs        round trip of the last answered heartbeat ping.
     * @param latencyAvgMs     mean round trip of the last 10 answered pings.
     * @param lastMessageAt    when a message was last sent or received; null if none.
     * @param connectionAge    time since the first connection opened.
     * @param errors           error events so far.
     * @param bufferFillRatio  how full the send buffer is (0 to 1).
     * @param messagesDropped  messages dropped.
     */
    public ConnectionStats(
        final ConnectionState state,
        final Duration uptime,
        final long messagesSent,
        final long bytesSent,
        final long messagesReceived,
        final long bytesReceived,
        final long reconnectCount,
        final Instant lastReconnectAt,
        final OptionalDouble latencyMs,
        final OptionalDouble latencyAvgMs,
        final Instant lastMessageAt,
        final Duration connectionAge,
        final long errors,
        final double bufferFillRatio,
        final long messagesDropped)
    {
        this(state, uptime, messagesSent, bytesSent, messagesReceived, bytesReceived, reconnectCount,
            lastReconnectAt, latencyMs, latencyAvgMs, lastMessageAt, connectionAge, errors, bufferFillRatio,
            messagesDropped, LatencySummary.EMPTY, LatencySummary.EMPTY, null);
    }

    /**
     * {@link #uptime()} in seconds.
     *
     * @return seconds.
     */
    public double uptimeSeconds()
    {
        return uptime.toNanos() / 1e9;
    }

    /**
     * {@link #connectionAge()} in seconds.
     *
     * @return seconds.
     */
    public double connectionAgeSeconds()
    {
        return connectionAge.toNanos() / 1e9;
    }
}
