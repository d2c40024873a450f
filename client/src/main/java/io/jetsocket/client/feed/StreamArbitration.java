/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import java.util.Arrays;

/**
 * One stream of a redundant feed (engine thread): the last id delivered, when and from which leg the recent ids
 * first arrived (to measure how far the other legs lag), and the messages held back while ids are missing, in id
 * order.
 */
final class StreamArbitration
{
    /** How many recently delivered ids a stream remembers the arrival of, for lag stats; a power of two. */
    static final int RECENT_IDS = 128;
    private static final int RECENT_MASK = RECENT_IDS - 1;

    final String name;
    long lastDelivered;

    // holding back: the messages in id order, their bytes, which legs brought them, when the wait ends
    private HeldMessage[] held = new HeldMessage[8];
    private int heldHead;
    int heldCount;
    long heldBytes;
    long holders;
    long deadlineNs = Long.MAX_VALUE;

    private final long[] recentIds = new long[RECENT_IDS];
    private final long[] recentArrivalNs = new long[RECENT_IDS];
    private final long[] recentLegs = new long[RECENT_IDS];

    StreamArbitration(final String name)
    {
        this.name = name;
        Arrays.fill(recentIds, Long.MIN_VALUE);
    }

    /**
     * Remember that id {@code last} was delivered from {@code leg}, which brought it at {@code arrivalNs}.
     */
    void delivered(final int leg, final long last, final long arrivalNs)
    {
        lastDelivered = last;
        final int slot = (int)last & RECENT_MASK;
        recentIds[slot] = last;
        recentArrivalNs[slot] = arrivalNs;
        recentLegs[slot] = 1L << leg;
    }

    /**
     * A later copy of an id arrived on a leg: how long after the first copy, if the id is still remembered and this
     * leg's copy is the first from it.
     *
     * @return the lag in nanoseconds, or -1 when not measured.
     */
    long lagOf(final int leg, final long last, final long arrivalNs)
    {
        final int slot = (int)last & RECENT_MASK;
        final long bit = 1L << leg;
        if (recentIds[slot] != last || 0 != (recentLegs[slot] & bit))
        {
            return -1;
        }
        recentLegs[slot] |= bit;
        return Math.max(0, arrivalNs - recentArrivalNs[slot]);
    }

    boolean isHolding()
    {
        return 0 != heldCount;
    }

    /**
     * Add a held message in id order (after those with the same last id: the earlier copy stays first). Messages
     * are appended in id order almost always (one leg runs ahead), so the shift is short.
     */
    void insert(final HeldMessage message)
    {
        if (heldHead + heldCount == held.length)
        {
            if (heldHead > 0)
            {
                System.arraycopy(held, heldHead, held, 0, heldCount);
                Arrays.fill(held, heldCount, held.length, null);
                heldHead = 0;
            }
            else
            {
                held = Arrays.copyOf(held, held.length * 2);
            }
        }
        int i = heldHead + heldCount;
        while (i > heldHead && held[i - 1].last > message.last)
        {
            held[i] = held[i - 1];
            i--;
        }
        held[i] = message;
        heldCount++;
        heldBytes += message.length;
    }

    HeldMessage first()
    {
        return held[heldHead];
    }

    HeldMessage removeFirst()
    {
        final HeldMessage first = held[heldHead];
        held[heldHead] = null;
        heldCount--;
        heldHead = 0 == heldCount ? 0 : heldHead + 1;
        heldBytes -= first.length;
        return first;
    }

    void holdEnded()
    {
        holders = 0;
        deadlineNs = Long.MAX_VALUE;
    }
}
