/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.OperationTimeoutException;
import io.jetsocket.client.config.OverflowPolicy;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One subscription's queue: filled by the engine thread only (never blocking it, no lock: when full the policy
 * drops a message), drained by any thread, whose readers park and are unparked by the producer or by close. A
 * bounded queue is an Agrona array queue, allocation-free; 0 means unbounded (a linked queue).
 *
 * @param <T> type of the messages.
 */
final class ChannelQueue<T>
{
    private static final Object NULL = new Object();

    private final int capacity;
    private final OverflowPolicy policy;
    private final Queue<Object> items;
    private final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    ChannelQueue(final int capacity, final OverflowPolicy policy)
    {
        this.capacity = 0 == capacity ? Integer.MAX_VALUE : capacity;
        this.policy = policy;
        this.items = 0 == capacity ? new ConcurrentLinkedQueue<>() :
            new ManyToManyConcurrentArrayQueue<>(Math.max(2, capacity));
    }

    /**
     * Add a message (engine thread only).
     *
     * @return how many messages were dropped to keep the bound: 0 or 1.
     */
    int offer(final T message)
    {
        if (closed)
        {
            return 0;
        }
        int dropped = 0;
        // One producer: the size only grows here, so below the bound after this check means room to offer.
        if (items.size() >= capacity)
        {
            if (OverflowPolicy.DROP_OLDEST != policy)
            {
                return 1;
            }
            if (null != items.poll())
            {
                dropped = 1; // else a reader made room meanwhile
            }
        }
        if (!items.offer(null == message ? NULL : message))
        {
            dropped++;
        }
        if (!parked.isEmpty())
        {
            unparkAll();
        }
        return dropped;
    }

    /**
     * Take a message without waiting.
     *
     * @return the message, or null when none is queued.
     */
    T poll()
    {
        return unwrap(items.poll());
    }

    /**
     * Block until a message arrives, the queue closes or the timeout passes.
     *
     * @param timeout the longest wait; null for no limit.
     * @param closedError what a reader gets once the queue is closed and empty.
     * @param context     what the timeout exception names.
     * @return the message.
     */
    T take(final Duration timeout, final Supplier<RuntimeException> closedError, final String context)
        throws InterruptedException
    {
        final long deadlineNs = null == timeout ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final Object item = items.poll();
            if (null != item)
            {
                return unwrap(item);
            }
            if (closed)
            {
                final Object last = items.poll(); // offered just before the close
                if (null != last)
                {
                    return unwrap(last);
                }
                throw closedError.get();
            }
            final long leftNs = null == timeout ? Long.MAX_VALUE : deadlineNs - System.nanoTime();
            if (leftNs <= 0)
            {
                throw new OperationTimeoutException("recv", timeout, context);
            }
            park(leftNs, context);
        }
    }

    /**
     * Block until a message can be taken, or the queue is closed and empty.
     *
     * @return false once closed and empty.
     */
    boolean awaitNext(final String context) throws InterruptedException
    {
        while (items.isEmpty())
        {
            if (closed)
            {
                return !items.isEmpty();
            }
            park(Long.MAX_VALUE, context);
        }
        return true;
    }

    /**
     * Close (any thread): queued messages can still be taken, then readers get the closed error.
     */
    void close()
    {
        closed = true;
        unparkAll();
    }

    boolean isClosed()
    {
        return closed;
    }

    int size()
    {
        return items.size();
    }

    int capacity()
    {
        return Integer.MAX_VALUE == capacity ? 0 : capacity;
    }

    private void park(final long timeoutNs, final String context) throws InterruptedException
    {
        final Thread self = Thread.currentThread();
        parked.add(self);
        try
        {
            if (items.isEmpty() && !closed) // look again once registered: an offer may have come in between
            {
                if (Long.MAX_VALUE == timeoutNs)
                {
                    LockSupport.park(this);
                }
                else
                {
                    LockSupport.parkNanos(this, timeoutNs);
                }
            }
        }
        finally
        {
            parked.remove(self);
        }
        if (Thread.interrupted())
        {
            throw new InterruptedException("interrupted while waiting for a message of " + context);
        }
    }

    private void unparkAll()
    {
        for (final Thread thread : parked)
        {
            LockSupport.unpark(thread);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T unwrap(final Object item)
    {
        return NULL == item ? null : (T)item;
    }
}
