/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters behind {@link ConnectionStats}. Received-side counters have a single writer (the engine
 * thread) and are published with ordered stores; sent-side counters are written by any thread.
 */
final class StatsRecorder
{
    private static final long NONE = Long.MIN_VALUE;

    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong reconnectCount = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile long lastReconnectAtMs = NONE;
    private volatile long lastMessageAtMs = NONE;
    private volatile long connectedAtNs = NONE;
    private volatile long firstConnectedAtNs = NONE;

    StatsRecorder(final NanoClock nanoClock, final EpochClock epochClock)
    {
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
    }

    void onReceived(final int length, final long nowMs)
    {
        messagesReceived.lazySet(messagesReceived.get() + 1);
        bytesReceived.lazySet(bytesReceived.get() + length);
        lastMessageAtMs = nowMs;
    }

    void onSent(final int length)
    {
        messagesSent.incrementAndGet();
        bytesSent.addAndGet(length);
        lastMessageAtMs = epochClock.time();
    }

    void onError()
    {
        errors.incrementAndGet();
    }

    void onDropped(final long count)
    {
        dropped.addAndGet(count);
    }

    void onConnected(final boolean reconnect)
    {
        final long nowNs = nanoClock.nanoTime();
        connectedAtNs = nowNs;
        if (NONE == firstConnectedAtNs)
        {
            firstConnectedAtNs = nowNs;
        }
        if (reconnect)
        {
            reconnectCount.incrementAndGet();
            lastReconnectAtMs = epochClock.time();
        }
    }

    void onDisconnected()
    {
        connectedAtNs = NONE;
    }

    long errors()
    {
        return errors.get();
    }

    ConnectionStats snapshot(
        final ConnectionState state, final long latencyNs, final long averageLatencyNs, final double fillRatio)
    {
        final long nowNs = nanoClock.nanoTime();
        final long connectedAt = connectedAtNs;
        final long firstConnectedAt = firstConnectedAtNs;
        final long lastReconnectAt = lastReconnectAtMs;
        final long lastMessageAt = lastMessageAtMs;
        return new ConnectionStats(
            state,
            NONE == connectedAt || ConnectionState.CONNECTED != state ?
                Duration.ZERO : Duration.ofNanos(Math.max(0, nowNs - connectedAt)),
            messagesSent.get(),
            bytesSent.get(),
            messagesReceived.get(),
            bytesReceived.get(),
            reconnectCount.get(),
            NONE == lastReconnectAt ? null : Instant.ofEpochMilli(lastReconnectAt),
            latencyNs < 0 ? OptionalDouble.empty() : OptionalDouble.of(latencyNs / 1e6),
            averageLatencyNs < 0 ? OptionalDouble.empty() : OptionalDouble.of(averageLatencyNs / 1e6),
            NONE == lastMessageAt ? null : Instant.ofEpochMilli(lastMessageAt),
            NONE == firstConnectedAt ? Duration.ZERO : Duration.ofNanos(Math.max(0, nowNs - firstConnectedAt)),
            errors.get(),
            fillRatio,
            dropped.get());
    }
}
