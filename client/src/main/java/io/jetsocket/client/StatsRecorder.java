/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.time.ExchangeTimestampExtractor;
import io.jetsocket.client.time.LatencySummary;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * The live counters behind {@link ConnectionStats}. Received-side counters have a single writer (the engine
 * thread) and are published with ordered stores; sent-side counters are written by any thread.
 */
final class StatsRecorder
{
    private static final long NONE = Long.MIN_VALUE;

    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final NanoClock engineClock;
    // Plain fields through VarHandles rather than seven AtomicLong objects: 56 bytes per client, not ~220.
    private static final VarHandle MESSAGES_SENT;
    private static final VarHandle BYTES_SENT;
    private static final VarHandle MESSAGES_RECEIVED;
    private static final VarHandle BYTES_RECEIVED;
    private static final VarHandle RECONNECT_COUNT;
    private static final VarHandle ERRORS;
    private static final VarHandle DROPPED;
    private static final VarHandle LAST_MESSAGE_AT_NS;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            MESSAGES_SENT = lookup.findVarHandle(StatsRecorder.class, "messagesSent", long.class);
            BYTES_SENT = lookup.findVarHandle(StatsRecorder.class, "bytesSent", long.class);
            MESSAGES_RECEIVED = lookup.findVarHandle(StatsRecorder.class, "messagesReceived", long.class);
            BYTES_RECEIVED = lookup.findVarHandle(StatsRecorder.class, "bytesReceived", long.class);
            RECONNECT_COUNT = lookup.findVarHandle(StatsRecorder.class, "reconnectCount", int.class);
            ERRORS = lookup.findVarHandle(StatsRecorder.class, "errors", long.class);
            DROPPED = lookup.findVarHandle(StatsRecorder.class, "dropped", long.class);
            LAST_MESSAGE_AT_NS = lookup.findVarHandle(StatsRecorder.class, "lastMessageAtNs", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private volatile long messagesSent;
    private volatile long bytesSent;
    // Written by the engine thread alone with plain stores (a few bytecodes: the receive path inlines them) and read
    // by snapshots with opaque loads: a 64-bit JVM never tears a long, and a snapshot needs no ordering between them.
    private long messagesReceived;
    private long bytesReceived;
    // An int (two billion reconnects is plenty): the four bytes it saves hold the latency figures' reference, so a
    // client without them is no larger than before.
    private volatile int reconnectCount;
    private volatile long errors;
    private volatile long dropped;
    private volatile long lastReconnectAtMs = NONE;
    /** On the engine's cached clock (a field load per message, no clock read); plain or opaque stores. */
    private long lastMessageAtNs = NONE;
    private volatile long connectedAtNs = NONE;
    private volatile long firstConnectedAtNs = NONE;
    /** Made when a feature needs it (exchange timestamps, the first ping answered); null for a client without. */
    private volatile LatencyStats latency;

    StatsRecorder(final NanoClock nanoClock, final EpochClock epochClock)
    {
        this(nanoClock, epochClock, nanoClock);
    }

    /**
     * @param nanoClock   the client's clock, for connection durations.
     * @param epochClock  the wall clock, for timestamps.
     * @param engineClock the engine's cached duty-cycle clock ({@code engine::nowNs}): what a message is stamped
     *                    with, a field load rather than a clock read per message.
     */
    StatsRecorder(final NanoClock nanoClock, final EpochClock epochClock, final NanoClock engineClock)
    {
        this(nanoClock, epochClock, engineClock, null);
    }

    /**
     * @param nanoClock          the client's clock, for connection durations.
     * @param epochClock         the wall clock, for timestamps.
     * @param engineClock        the engine's cached duty-cycle clock.
     * @param exchangeTimestamps extractor of the exchange's timestamps, or null for none (then no exchange latency
     *                           or clock offset is kept).
     */
    StatsRecorder(
        final NanoClock nanoClock,
        final EpochClock epochClock,
        final NanoClock engineClock,
        final ExchangeTimestampExtractor exchangeTimestamps)
    {
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
        this.engineClock = engineClock;
        this.latency = null == exchangeTimestamps ? null : new LatencyStats(exchangeTimestamps);
    }

    /**
     * The latency figures a message feeds (engine thread, per message: one field load when off).
     *
     * @return the figures, or null when no feature needs them yet.
     */
    LatencyStats latency()
    {
        return latency;
    }

    /**
     * A heartbeat ping was answered (engine thread): its round trip goes into the histogram, made at the first one.
     *
     * @param roundTripNs the round trip in nanoseconds.
     */
    void onRoundTrip(final long roundTripNs)
    {
        LatencyStats stats = latency;
        if (null == stats)
        {
            stats = new LatencyStats(null);
            latency = stats;
        }
        stats.onRoundTrip(roundTripNs, engineClock.nanoTime());
    }

    void onReceived(final int length)
    {
        messagesReceived++;
        bytesReceived += length;
        lastMessageAtNs = engineClock.nanoTime();
    }

    void onSent(final int length)
    {
        MESSAGES_SENT.getAndAdd(this, 1L);
        BYTES_SENT.getAndAdd(this, (long)length);
        LAST_MESSAGE_AT_NS.setRelease(this, engineClock.nanoTime());
    }

    void onError()
    {
        ERRORS.getAndAdd(this, 1L);
    }

    void onDropped(final long count)
    {
        DROPPED.getAndAdd(this, count);
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
            RECONNECT_COUNT.getAndAdd(this, 1);
            lastReconnectAtMs = epochClock.time();
        }
    }

    void onDisconnected()
    {
        connectedAtNs = NONE;
    }

    long errors()
    {
        return errors;
    }

    ConnectionStats snapshot(
        final ConnectionState state, final long latencyNs, final long averageLatencyNs, final double fillRatio)
    {
        final long nowNs = nanoClock.nanoTime();
        final long connectedAt = connectedAtNs;
        final long firstConnectedAt = firstConnectedAtNs;
        final long lastReconnectAt = lastReconnectAtMs;
        final long lastMessageAtNs = (long)LAST_MESSAGE_AT_NS.getOpaque(this);
        final LatencyStats latency = this.latency;
        return new ConnectionStats(
            state,
            NONE == connectedAt || ConnectionState.CONNECTED != state ?
                Duration.ZERO : Duration.ofNanos(Math.max(0, nowNs - connectedAt)),
            messagesSent,
            bytesSent,
            (long)MESSAGES_RECEIVED.getOpaque(this),
            (long)BYTES_RECEIVED.getOpaque(this),
            reconnectCount,
            NONE == lastReconnectAt ? null : Instant.ofEpochMilli(lastReconnectAt),
            latencyNs < 0 ? OptionalDouble.empty() : OptionalDouble.of(latencyNs / 1e6),
            averageLatencyNs < 0 ? OptionalDouble.empty() : OptionalDouble.of(averageLatencyNs / 1e6),
            NONE == lastMessageAtNs ? null :
                Instant.ofEpochMilli(epochClock.time() - (engineClock.nanoTime() - lastMessageAtNs) / 1_000_000L),
            NONE == firstConnectedAt ? Duration.ZERO : Duration.ofNanos(Math.max(0, nowNs - firstConnectedAt)),
            errors,
            fillRatio,
            dropped,
            null == latency ? LatencySummary.EMPTY : latency.pingRoundTrip(),
            null == latency ? LatencySummary.EMPTY : latency.exchangeToReceive(),
            null == latency ? null : latency.clockOffset());
    }
}
