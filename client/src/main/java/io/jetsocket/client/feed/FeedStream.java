/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.agent.Backoff;
import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.engine.EngineTimer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * One stream's tracking state and counters. Written only by the engine thread; {@link #stats()} may be called from
 * any thread.
 * <p>
 * Why opaque fields rather than a copy made on the engine thread: the counters are single-writer longs, so each
 * one read with opaque semantics is never torn and never older than what a later read shows (no stale read after a
 * fresher one), which is all a monitoring snapshot needs; the engine thread pays only a plain store per update
 * (opaque stores compile to plain moves on x86 and ARM), where volatile stores would fence on every message, and
 * a snapshot taken through the engine thread's task queue would make {@code stats()} wait on the engine. The
 * counters of one snapshot may be from slightly different moments (delivered may be one ahead of lastSequence).
 */
final class FeedStream
{
    private static final VarHandle LAST_SEQUENCE;
    private static final VarHandle DELIVERED;
    private static final VarHandle GAPS;
    private static final VarHandle MISSED;
    private static final VarHandle DUPLICATES;
    private static final VarHandle OUT_OF_ORDER;
    private static final VarHandle RESETS;
    private static final VarHandle RESYNCS;
    private static final VarHandle RESYNC_FAILURES;
    private static final VarHandle BUFFER_OVERFLOWS;
    private static final VarHandle CHECKSUM_FAILURES;
    private static final VarHandle DISCARDED;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            LAST_SEQUENCE = lookup.findVarHandle(FeedStream.class, "lastSequence", long.class);
            DELIVERED = lookup.findVarHandle(FeedStream.class, "delivered", long.class);
            GAPS = lookup.findVarHandle(FeedStream.class, "gaps", long.class);
            MISSED = lookup.findVarHandle(FeedStream.class, "missed", long.class);
            DUPLICATES = lookup.findVarHandle(FeedStream.class, "duplicates", long.class);
            OUT_OF_ORDER = lookup.findVarHandle(FeedStream.class, "outOfOrder", long.class);
            RESETS = lookup.findVarHandle(FeedStream.class, "resets", long.class);
            RESYNCS = lookup.findVarHandle(FeedStream.class, "resyncs", long.class);
            RESYNC_FAILURES = lookup.findVarHandle(FeedStream.class, "resyncFailures", long.class);
            BUFFER_OVERFLOWS = lookup.findVarHandle(FeedStream.class, "bufferOverflows", long.class);
            CHECKSUM_FAILURES = lookup.findVarHandle(FeedStream.class, "checksumFailures", long.class);
            DISCARDED = lookup.findVarHandle(FeedStream.class, "discarded", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final String name;
    /** The name's UTF-8 bytes: the stream span of replayed deltas' fields. */
    final UnsafeBuffer nameBytes;

    // engine thread only
    /** Has a message (or a snapshot) started the stream since it was created or reset? */
    boolean started;
    /** The most recent gap reported, for telling late arrivals from duplicates; gapTo < gapFrom when none. */
    long gapFrom = 0;
    long gapTo = -1;
    /** Bumped by each fetch started and by reset: a fetch result of an older generation is ignored. */
    long generation;
    long retryTimerId = ClientTimers.NONE;
    EngineTimer retryTimer;
    DeltaBuffer deltas;
    Backoff backoff;

    // written by the engine thread with opaque stores, read by stats() from any thread
    private volatile StreamState state = StreamState.LIVE;
    private long lastSequence;
    private long delivered;
    private long gaps;
    private long missed;
    private long duplicates;
    private long outOfOrder;
    private long resets;
    private long resyncs;
    private long resyncFailures;
    private long bufferOverflows;
    private long checksumFailures;
    private long discarded;

    FeedStream(final String name)
    {
        this.name = name;
        this.nameBytes = new UnsafeBuffer(name.getBytes(StandardCharsets.UTF_8));
    }

    StreamState state()
    {
        return state;
    }

    void state(final StreamState state)
    {
        this.state = state; // volatile: changes only on the cold paths (resync start and end)
    }

    long lastSequence()
    {
        return lastSequence;
    }

    void delivered(final long sequence)
    {
        LAST_SEQUENCE.setOpaque(this, sequence);
        DELIVERED.setOpaque(this, delivered + 1);
    }

    void snapshotApplied(final long sequence)
    {
        LAST_SEQUENCE.setOpaque(this, sequence);
    }

    void gap(final long from, final long to)
    {
        gapFrom = from;
        gapTo = to;
        GAPS.setOpaque(this, gaps + 1);
        MISSED.setOpaque(this, missed + (to - from + 1));
    }

    /**
     * Count a stale message: late when any of its ids falls inside the stream's last reported gap, else a duplicate.
     */
    void stale(final SequenceFields fields)
    {
        if (fields.last() >= gapFrom && fields.first() <= gapTo)
        {
            OUT_OF_ORDER.setOpaque(this, outOfOrder + 1);
        }
        else
        {
            DUPLICATES.setOpaque(this, duplicates + 1);
        }
    }

    void reset()
    {
        started = false;
        gapFrom = 0;
        gapTo = -1;
        RESETS.setOpaque(this, resets + 1);
    }

    void resyncStarted()
    {
        RESYNCS.setOpaque(this, resyncs + 1);
    }

    void resyncFailed()
    {
        RESYNC_FAILURES.setOpaque(this, resyncFailures + 1);
    }

    void bufferOverflow()
    {
        BUFFER_OVERFLOWS.setOpaque(this, bufferOverflows + 1);
    }

    void checksumFailed()
    {
        CHECKSUM_FAILURES.setOpaque(this, checksumFailures + 1);
    }

    void discarded()
    {
        DISCARDED.setOpaque(this, discarded + 1);
    }

    StreamStats stats()
    {
        return new StreamStats(
            name,
            state,
            (long)LAST_SEQUENCE.getOpaque(this),
            (long)DELIVERED.getOpaque(this),
            (long)GAPS.getOpaque(this),
            (long)MISSED.getOpaque(this),
            (long)DUPLICATES.getOpaque(this),
            (long)OUT_OF_ORDER.getOpaque(this),
            (long)RESETS.getOpaque(this),
            (long)RESYNCS.getOpaque(this),
            (long)RESYNC_FAILURES.getOpaque(this),
            (long)BUFFER_OVERFLOWS.getOpaque(this),
            (long)CHECKSUM_FAILURES.getOpaque(this),
            (long)DISCARDED.getOpaque(this));
    }

    @Override
    public String toString()
    {
        return "FeedStream{" + name + ", " + state + ", last=" + lastSequence + "}";
    }
}
