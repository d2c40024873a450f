/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Aeron;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.nio.ByteBuffer;

/**
 * One counter per {@link PublisherOutcome}. Written by the engine thread only (single writer: release stores, no
 * atomic read-modify-write), read from any thread. With an {@link Aeron} client they are Aeron counters in the media
 * driver's counters file, so {@code AeronStat} shows them (type id {@link #TYPE_ID}); without one they live in a
 * private buffer of this process.
 */
public final class PublisherCounters implements AutoCloseable
{
    /** The Aeron counter type id of the publisher's counters. */
    public static final int TYPE_ID = 9100;

    private static final int OUTCOMES = PublisherOutcome.values().length;

    private final AtomicCounter[] counters = new AtomicCounter[OUTCOMES];

    private PublisherCounters(final Aeron aeron, final String name)
    {
        final CountersManager local = null == aeron ? localManager() : null;
        for (final PublisherOutcome outcome : PublisherOutcome.values())
        {
            final String label = "jetsocket-aeron " + name + ": " + outcome.label();
            counters[outcome.ordinal()] = null == aeron ?
                local.newCounter(label, TYPE_ID) : aeron.addCounter(TYPE_ID, label);
        }
    }

    /**
     * Counters in the media driver's counters file.
     *
     * @param aeron the client to add them with.
     * @param name  names the publisher in the labels (e.g. the venue and stream).
     * @return the counters.
     */
    public static PublisherCounters aeron(final Aeron aeron, final String name)
    {
        return new PublisherCounters(aeron, name);
    }

    /**
     * Counters in a private buffer of this process.
     *
     * @param name names the publisher in the labels.
     * @return the counters.
     */
    public static PublisherCounters local(final String name)
    {
        return new PublisherCounters(null, name);
    }

    /**
     * The value of one counter (any thread).
     *
     * @param outcome which.
     * @return its value.
     */
    public long get(final PublisherOutcome outcome)
    {
        return counters[outcome.ordinal()].get();
    }

    void increment(final PublisherOutcome outcome)
    {
        counters[outcome.ordinal()].incrementRelease();
    }

    /**
     * Free the counters (Aeron counters leave the driver's file).
     */
    @Override
    public void close()
    {
        for (final AtomicCounter counter : counters)
        {
            counter.close();
        }
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("PublisherCounters{");
        for (final PublisherOutcome outcome : PublisherOutcome.values())
        {
            text.append(outcome.ordinal() == 0 ? "" : ", ").append(outcome.name().toLowerCase())
                .append('=').append(get(outcome));
        }
        return text.append('}').toString();
    }

    private static CountersManager localManager()
    {
        final int values = OUTCOMES * CountersManager.COUNTER_LENGTH;
        final int metadata = OUTCOMES * CountersManager.METADATA_LENGTH;
        return new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(metadata)), new UnsafeBuffer(ByteBuffer.allocateDirect(values)));
    }
}
