/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import java.util.Arrays;

/**
 * The engine's deadline timers (connect and close timeouts, the client's back-off and heartbeats), polled once per
 * duty cycle. Engine thread only.
 * <p>
 * A binary min-heap of armed timers ordered by deadline, then by the order they were scheduled. It replaces a
 * hashed timer wheel whose every tick grew to the largest number of timers any one tick ever held: 1,000 connects
 * started together armed 1,000 connect timeouts in one tick and left 4 MiB of {@code long[]} behind for good.
 * Here the storage follows the number of armed timers (28 bytes each): it doubles when full and, when the last
 * timer is gone, goes back to at most 1,024 slots (28 KiB), so a larger burst costs nothing once it is over.
 * Scheduling and cancelling are O(log n) and allocate nothing below the capacity already reached; an idle poll is
 * one compare.
 * <p>
 * A timer's storage slot stays put while it is armed (the heap holds slot numbers), so an id names its slot and the
 * timer's scheduling sequence: an id that fired or was cancelled does not match a later timer in the same slot
 * (until 2<sup>31</sup> more timers have been scheduled), also after the storage shrank and grew again.
 */
final class EngineTimers
{
    /**
     * Not a timer id: what a holder of no timer stores.
     */
    static final long NO_TIMER = Long.MAX_VALUE;

    private static final int TIMER_LIMIT = 256;
    private static final int INITIAL_CAPACITY = 16;
    /** Kept when the timers empty (28 KiB), so that bursts up to this size allocate once, not every time. */
    private static final int RETAINED_CAPACITY = 1024;
    private static final long SLOT_MASK = 0xFFFF_FFFFL;

    /** Per slot: deadline, scheduling sequence (ties and ids), timer, heap position. */
    private long[] deadlines;
    private long[] sequences;
    private EngineTimer[] timers;
    private int[] positions;
    /** Heap of slots: [0, size) armed in heap order, [size, capacity) the free slots. */
    private int[] heap;
    private int size;
    private long nextSequence;

    EngineTimers()
    {
        allocate(INITIAL_CAPACITY);
    }

    long schedule(final long deadlineNs, final EngineTimer timer)
    {
        if (size == heap.length)
        {
            grow();
        }
        final int slot = heap[size];
        deadlines[slot] = deadlineNs;
        sequences[slot] = nextSequence++;
        timers[slot] = timer;
        place(size++, slot);
        siftUp(size - 1);
        return timerId(slot);
    }

    boolean cancel(final long timerId)
    {
        final int slot = armedSlot(timerId);
        if (slot < 0)
        {
            return false;
        }
        remove(positions[slot]);
        shrinkIfEmpty();
        return true;
    }

    int poll(final long nowNs)
    {
        int expired = 0;
        while (size > 0 && expired < TIMER_LIMIT)
        {
            final int slot = heap[0];
            if (deadlines[slot] > nowNs)
            {
                break;
            }
            final long timerId = timerId(slot);
            final EngineTimer timer = timers[slot];
            remove(0); // before the callback: it may schedule or cancel timers
            expired++;
            timer.onTimer(timerId);
        }
        if (expired > 0)
        {
            shrinkIfEmpty();
        }
        return expired;
    }

    int count()
    {
        return size;
    }

    /**
     * @return bytes held by the timers' arrays (array headers left out): what a burst of timers leaves behind.
     */
    long footprintBytes()
    {
        return (long)heap.length * (Long.BYTES * 2 + Integer.BYTES * 3); // a reference counted as 4 bytes
    }

    private long timerId(final int slot)
    {
        return ((sequences[slot] & Integer.MAX_VALUE) << 32) | slot;
    }

    private int armedSlot(final long timerId)
    {
        if (timerId < 0 || NO_TIMER == timerId)
        {
            return -1;
        }
        final long slot = timerId & SLOT_MASK;
        if (slot >= heap.length)
        {
            return -1;
        }
        final int s = (int)slot;
        return positions[s] < size && timerId(s) == timerId ? s : -1; // freed slots sit at positions >= size
    }

    private void remove(final int position)
    {
        final int slot = heap[position];
        timers[slot] = null;
        final int last = --size;
        if (position != last)
        {
            final int moved = heap[last];
            place(position, moved);
            if (position > 0 && before(moved, heap[(position - 1) >>> 1]))
            {
                siftUp(position);
            }
            else
            {
                siftDown(position);
            }
        }
        place(last, slot); // the free slot goes just past the armed ones
    }

    private void siftUp(final int start)
    {
        int position = start;
        final int slot = heap[position];
        while (position > 0)
        {
            final int parent = (position - 1) >>> 1;
            final int parentSlot = heap[parent];
            if (!before(slot, parentSlot))
            {
                break;
            }
            place(position, parentSlot);
            position = parent;
        }
        place(position, slot);
    }

    private void siftDown(final int start)
    {
        int position = start;
        final int slot = heap[position];
        final int half = size >>> 1;
        while (position < half)
        {
            int child = 2 * position + 1;
            final int right = child + 1;
            if (right < size && before(heap[right], heap[child]))
            {
                child = right;
            }
            final int childSlot = heap[child];
            if (!before(childSlot, slot))
            {
                break;
            }
            place(position, childSlot);
            position = child;
        }
        place(position, slot);
    }

    private boolean before(final int a, final int b)
    {
        final long da = deadlines[a];
        final long db = deadlines[b];
        return da < db || (da == db && sequences[a] < sequences[b]);
    }

    private void place(final int position, final int slot)
    {
        heap[position] = slot;
        positions[slot] = position;
    }

    private void grow()
    {
        final int oldCapacity = heap.length;
        final int capacity = oldCapacity << 1;
        deadlines = Arrays.copyOf(deadlines, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        timers = Arrays.copyOf(timers, capacity);
        positions = Arrays.copyOf(positions, capacity);
        heap = Arrays.copyOf(heap, capacity);
        for (int slot = oldCapacity; slot < capacity; slot++)
        {
            place(slot, slot);
        }
    }

    /**
     * Back to the retained size once a large burst is over: only when no timer is armed, since an armed timer's id
     * names its slot. Ids of timers gone before stay unmatched: the sequence in them keeps counting.
     */
    private void shrinkIfEmpty()
    {
        if (0 == size && heap.length > RETAINED_CAPACITY)
        {
            allocate(RETAINED_CAPACITY);
        }
    }

    private void allocate(final int capacity)
    {
        deadlines = new long[capacity];
        sequences = new long[capacity];
        timers = new EngineTimer[capacity];
        positions = new int[capacity];
        heap = new int[capacity];
        for (int slot = 0; slot < capacity; slot++)
        {
            place(slot, slot);
        }
    }
}
