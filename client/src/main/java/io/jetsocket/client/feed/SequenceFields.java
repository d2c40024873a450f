/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import org.agrona.DirectBuffer;

/**
 * What a {@link SequenceExtractor} read from one message: which stream it belongs to and where it sits in that
 * stream's sequence. A flyweight reused for every message (engine thread); nothing in it outlives the call.
 * <p>
 * The three shapes venues use, and how a message continues a stream whose last delivered sequence is {@code L}:
 * <ul>
 *     <li>a single sequence number {@code s} ({@link #sequence}): continues when {@code s == L + 1};</li>
 *     <li>a previous/current pair ({@link #sequence(long, long)}): continues when {@code previous <= L < s}
 *     (normally {@code previous == L});</li>
 *     <li>a first/last update-id range {@code [f, l]} ({@link #range}): continues when {@code f <= L + 1 <= l}
 *     (deltas may overlap the last one, as order-book deltas after a snapshot do).</li>
 * </ul>
 * A message whose last id is at or below {@code L} is stale (a duplicate or a late arrival); one that starts past
 * {@code L + 1} (or whose previous is past {@code L}) leaves a gap.
 */
public final class SequenceFields
{
    /** {@link #previous()} when the message carries no previous id. */
    public static final long NO_PREVIOUS = Long.MIN_VALUE;

    private DirectBuffer streamBuffer;
    private int streamOffset;
    private int streamLength;
    private long first;
    private long last;
    private long previous = NO_PREVIOUS;
    private boolean replayed;

    /**
     * An empty flyweight; the feed makes one and reuses it (applications need this only to test an extractor).
     */
    public SequenceFields()
    {
    }

    /**
     * Forget the previous message's fields (the feed calls this before each extraction).
     *
     * @return this.
     */
    public SequenceFields clear()
    {
        streamBuffer = null;
        streamOffset = 0;
        streamLength = 0;
        first = 0;
        last = 0;
        previous = NO_PREVIOUS;
        replayed = false;
        return this;
    }

    /**
     * Mark the message as delivered from a resync's delta buffer (the feed's replay calls this after filling the
     * fields; {@link #clear()} undoes it, so a live message never carries it).
     *
     * @return this.
     */
    SequenceFields markReplayed()
    {
        replayed = true;
        return this;
    }

    /**
     * Was the message delivered from a {@link SequencedFeed}'s resync buffer, after a snapshot, rather than as it
     * arrived? While a stream waits for its snapshot its deltas are copied aside; once the snapshot is applied, the
     * ones that follow it are delivered from that copy, late by the fetch's duration, with this flag set. Every other
     * delivery (live messages, including the first ones after the replay, and the messages a {@link RedundantFeed}
     * held back until another leg filled a gap) has it clear. Useful to leave replayed messages out of latency
     * statistics, or to tell a consumer downstream.
     *
     * @return true for a message replayed after a snapshot.
     */
    public boolean isReplayed()
    {
        return replayed;
    }

    /**
     * The stream the message belongs to: the UTF-8 bytes of its name (a channel, a symbol) in a buffer, usually the
     * message's own. Not calling this puts the message in the feed's single unnamed stream.
     *
     * @param buffer holding the name.
     * @param offset of its first byte.
     * @param length in bytes.
     * @return this.
     */
    public SequenceFields stream(final DirectBuffer buffer, final int offset, final int length)
    {
        this.streamBuffer = buffer;
        this.streamOffset = offset;
        this.streamLength = length;
        return this;
    }

    /**
     * A single sequence number.
     *
     * @param sequence the message's number.
     * @return this.
     */
    public SequenceFields sequence(final long sequence)
    {
        this.first = sequence;
        this.last = sequence;
        this.previous = NO_PREVIOUS;
        return this;
    }

    /**
     * A previous/current pair: the message follows the one numbered {@code previous}.
     *
     * @param previous the number of the message before this one.
     * @param sequence the message's number.
     * @return this.
     */
    public SequenceFields sequence(final long previous, final long sequence)
    {
        this.first = sequence;
        this.last = sequence;
        this.previous = previous;
        return this;
    }

    /**
     * A first/last update-id range, as in order-book deltas.
     *
     * @param first the first id the message covers.
     * @param last  the last id it covers; at least {@code first}.
     * @return this.
     */
    public SequenceFields range(final long first, final long last)
    {
        this.first = first;
        this.last = last;
        this.previous = NO_PREVIOUS;
        return this;
    }

    /**
     * The buffer holding the stream name, or null for the unnamed stream.
     *
     * @return the buffer.
     */
    public DirectBuffer streamBuffer()
    {
        return streamBuffer;
    }

    /**
     * Offset of the stream name in {@link #streamBuffer()}.
     *
     * @return the offset.
     */
    public int streamOffset()
    {
        return streamOffset;
    }

    /**
     * Length of the stream name; 0 for the unnamed stream.
     *
     * @return the length in bytes.
     */
    public int streamLength()
    {
        return streamLength;
    }

    /**
     * The first id the message covers (its number for a single sequence).
     *
     * @return the id.
     */
    public long first()
    {
        return first;
    }

    /**
     * The last id the message covers (its number for a single sequence).
     *
     * @return the id.
     */
    public long last()
    {
        return last;
    }

    /**
     * The id of the message before this one, or {@link #NO_PREVIOUS}.
     *
     * @return the id.
     */
    public long previous()
    {
        return previous;
    }

    /**
     * Does the message carry a previous id?
     *
     * @return true for a previous/current pair.
     */
    public boolean hasPrevious()
    {
        return NO_PREVIOUS != previous;
    }

    /**
     * Where this message sits on a stream whose last delivered id is {@code lastDelivered} (the rules in the class
     * comment).
     *
     * @param lastDelivered the last id delivered on the message's stream.
     * @return follows, gap or stale.
     */
    public SequenceOrder orderAfter(final long lastDelivered)
    {
        if (last <= lastDelivered)
        {
            return SequenceOrder.STALE;
        }
        if (hasPrevious())
        {
            return previous <= lastDelivered ? SequenceOrder.FOLLOWS : SequenceOrder.GAP;
        }
        return first <= lastDelivered + 1 ? SequenceOrder.FOLLOWS : SequenceOrder.GAP;
    }

    /**
     * The first missing id when {@link #orderAfter} says {@link SequenceOrder#GAP}.
     *
     * @param lastDelivered the last id delivered on the message's stream.
     * @return the first missing id.
     */
    public long gapFrom(final long lastDelivered)
    {
        return lastDelivered + 1;
    }

    /**
     * The last missing id when {@link #orderAfter} says {@link SequenceOrder#GAP}: the id before this message's first
     * (for a previous/current pair, its previous id, which never arrived).
     *
     * @param lastDelivered the last id delivered on the message's stream.
     * @return the last missing id.
     */
    public long gapTo(final long lastDelivered)
    {
        return hasPrevious() ? previous : first - 1;
    }

    @Override
    public String toString()
    {
        return "SequenceFields{first=" + first + ", last=" + last +
            (hasPrevious() ? ", previous=" + previous : "") + ", streamLength=" + streamLength +
            (replayed ? ", replayed" : "") + "}";
    }
}
