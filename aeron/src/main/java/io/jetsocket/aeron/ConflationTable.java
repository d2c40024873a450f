/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The messages held back under {@link BackPressurePolicy#CONFLATE}: a FIFO of at most {@code capacity} keys, each
 * with the latest whole message (header and payload) in a preallocated slot. Entries leave from the head only, so a
 * ring of slots keeps the order in which keys were first held. A message that cannot be replaced (a lifecycle
 * event) is a barrier, held or refused for want of a slot: a message held after it never replaces one held before
 * it, which would move it ahead of the event (a new connection's message ahead of DISCONNECTED and CONNECTED, a
 * delta ahead of its feed's RESET). Engine thread only; allocates nothing after construction.
 */
final class ConflationTable
{
    private final UnsafeBuffer slots;
    private final int slotSize;
    private final int capacity;
    private final long[] keys;
    private final boolean[] replaceable;
    private final int[] lengths;
    private long head;
    private long tail;
    /** Just after the last unreplaceable entry held (or where one was refused): replacement looks from here on. */
    private long barrier;

    ConflationTable(final int capacity, final int slotSize)
    {
        this.capacity = capacity;
        this.slotSize = BitUtil.align(slotSize, BitUtil.CACHE_LINE_LENGTH);
        this.slots = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity * this.slotSize));
        this.keys = new long[capacity];
        this.replaceable = new boolean[capacity];
        this.lengths = new int[capacity];
    }

    boolean isEmpty()
    {
        return head == tail;
    }

    int size()
    {
        return (int)(tail - head);
    }

    /**
     * Where a message of this key and length goes: the slot of a held replaceable message of the key after the
     * last event held or refused, or a new slot at the tail.
     *
     * @param key        of the message.
     * @param canReplace false for a lifecycle event (always a new slot).
     * @param length     header and payload.
     * @return the slot index (negative minus one when it replaces a held message), or
     *     {@link Integer#MIN_VALUE} when it does not fit (too long, or every slot taken).
     */
    int reserve(final long key, final boolean canReplace, final int length)
    {
        if (!canReplace)
        {
            // an event is a barrier held or not: dropped for want of a slot, what comes after it still may not
            // replace what was held before it
            barrier = tail;
        }
        if (length > slotSize)
        {
            return Integer.MIN_VALUE;
        }
        if (canReplace)
        {
            for (long i = Math.max(head, barrier); i < tail; i++)
            {
                final int slot = (int)(i % capacity);
                if (replaceable[slot] && keys[slot] == key)
                {
                    lengths[slot] = length;
                    return -slot - 1;
                }
            }
        }
        if (tail - head == capacity)
        {
            return Integer.MIN_VALUE;
        }
        final int slot = (int)(tail++ % capacity);
        keys[slot] = key;
        replaceable[slot] = canReplace;
        lengths[slot] = length;
        if (!canReplace)
        {
            barrier = tail; // just after the event
        }
        return slot;
    }

    UnsafeBuffer buffer()
    {
        return slots;
    }

    int offset(final int slot)
    {
        return slot * slotSize;
    }

    int headSlot()
    {
        return (int)(head % capacity);
    }

    int length(final int slot)
    {
        return lengths[slot];
    }

    void removeHead()
    {
        head++;
    }

    void copy(final int slot, final int at, final DirectBuffer source, final int offset, final int length)
    {
        slots.putBytes(offset(slot) + at, source, offset, length);
    }
}
