/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

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
    long messagesDropped)
{
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
