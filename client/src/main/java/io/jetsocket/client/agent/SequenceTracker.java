/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import java.util.ArrayDeque;
import java.util.HashSet;

/**
 * The last sequence id seen in incoming messages and, optionally, the de-duplication of recent ids over a
 * window. Not thread safe (engine thread), except {@link #lastSequenceId()}.
 */
public final class SequenceTracker
{
    private final boolean dedup;
    private final int window;
    private final ArrayDeque<Object> order;
    private final HashSet<Object> seen;
    private volatile Object lastSequenceId;
    private long duplicates;

    /**
     * Create a tracker.
     *
     * @param dedup  drop ids seen within the window.
     * @param window number of recent ids remembered.
     */
    public SequenceTracker(final boolean dedup, final int window)
    {
        if (window <= 0)
        {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.dedup = dedup;
        this.window = window;
        this.order = dedup ? new ArrayDeque<>(window) : null;
        this.seen = dedup ? new HashSet<>(window * 2) : null;
    }

    /**
     * Track the id of an incoming message.
     *
     * @param sequenceId the message's id, or null when it has none.
     * @return false if it is a duplicate to drop; true otherwise.
     */
    public boolean accept(final Object sequenceId)
    {
        if (null == sequenceId)
        {
            return true;
        }
        if (dedup)
        {
            if (seen.contains(sequenceId))
            {
                duplicates++;
                return false;
            }
            if (order.size() >= window)
            {
                seen.remove(order.pollFirst());
            }
            order.addLast(sequenceId);
            seen.add(sequenceId);
        }
        lastSequenceId = sequenceId;
        return true;
    }

    /**
     * Is this id among the recent ones?
     *
     * @param sequenceId an id.
     * @return true if de-duplication is on and the id is in the window.
     */
    public boolean isDuplicate(final Object sequenceId)
    {
        return dedup && null != sequenceId && seen.contains(sequenceId);
    }

    /**
     * The last id accepted.
     *
     * @return the id, or null before the first.
     */
    public Object lastSequenceId()
    {
        return lastSequenceId;
    }

    /**
     * Duplicates dropped so far.
     *
     * @return the count.
     */
    public long duplicates()
    {
        return duplicates;
    }

    /**
     * Forget the window (the last id stays).
     */
    public void clearDedup()
    {
        if (dedup)
        {
            order.clear();
            seen.clear();
        }
    }
}
