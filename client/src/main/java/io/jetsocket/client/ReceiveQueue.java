/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.OverflowPolicy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * The bounded queue behind {@code recv()} and message iteration: filled by the engine thread (never blocking
 * it: when full, the overflow policy drops a message), drained by any thread, with futures or blocking waits.
 * Once closed, waiters fail with {@link ConnectionClosedException} after the queued messages are taken.
 *
 * @param <T> type of the messages.
 */
final class ReceiveQueue<T>
{
    private static final Object NULL = new Object();

    private final int capacity;
    private final OverflowPolicy policy;
    private final LongConsumer onOverflow;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<T>> waiters = new ArrayDeque<>();
    private final String context;
    private volatile boolean active;
    private boolean closed;
    private int closeCode;
    private String closeReason;

    ReceiveQueue(final int capacity, final OverflowPolicy policy, final LongConsumer onOverflow, final String context)
    {
        this.capacity = capacity;
        this.policy = policy;
        this.onOverflow = onOverflow;
        this.context = context;
    }

    boolean isEnabled()
    {
        return capacity > 0;
    }

    boolean isActive()
    {
        return active;
    }

    void activate()
    {
        if (capacity <= 0)
        {
            throw new IllegalStateException("the receive queue is disabled (receiveQueueCapacity 0): use handlers");
        }
        active = true;
    }

    /**
     * Add a message (engine thread). Completes a pending future first, if any.
     */
    void offer(final T message)
    {
        long dropped = 0;
        lock.lock();
        try
        {
            if (closed)
            {
                return;
            }
            CompletableFuture<T> waiter;
            while (null != (waiter = waiters.pollFirst()))
            {
                if (waiter.complete(message))
                {
                    return;
                }
            }
            if (items.size() >= capacity)
            {
                dropped = 1;
                if (OverflowPolicy.DROP_OLDEST != policy)
                {
                    return;
                }
                items.pollFirst();
            }
            items.addLast(null == message ? NULL : message);
            notEmpty.signal();
        }
        finally
        {
            lock.unlock();
            if (dropped > 0)
            {
                onOverflow.accept(dropped);
            }
        }
    }

    CompletableFuture<T> take()
    {
        lock.lock();
        try
        {
            if (!items.isEmpty())
            {
                return CompletableFuture.completedFuture(unwrap(items.pollFirst()));
            }
            if (closed)
            {
                return CompletableFuture.failedFuture(closedException());
            }
            final CompletableFuture<T> waiter = new CompletableFuture<>();
            waiters.addLast(waiter);
            return waiter;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Block until a message arrives, the queue closes or the timeout passes (null timeout: no limit).
     */
    T poll(final Duration timeout) throws InterruptedException
    {
        long remainingNs = null == timeout ? Long.MAX_VALUE : timeout.toNanos();
        lock.lockInterruptibly();
        try
        {
            while (true)
            {
                if (!items.isEmpty())
                {
                    return unwrap(items.pollFirst());
                }
                if (closed)
                {
                    throw closedException();
                }
                if (remainingNs <= 0)
                {
                    throw new OperationTimeoutException("recv", timeout, context);
                }
                if (null == timeout)
                {
                    notEmpty.await();
                }
                else
                {
                    remainingNs = notEmpty.awaitNanos(remainingNs);
                }
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Block until a message is available or the queue is closed and empty.
     *
     * @return true if a message can be taken.
     */
    boolean awaitNext(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        long remainingNs = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try
        {
            while (items.isEmpty() && !closed && remainingNs > 0)
            {
                remainingNs = notEmpty.awaitNanos(remainingNs);
            }
            return !items.isEmpty();
        }
        finally
        {
            lock.unlock();
        }
    }

    boolean isClosedAndEmpty()
    {
        lock.lock();
        try
        {
            return closed && items.isEmpty();
        }
        finally
        {
            lock.unlock();
        }
    }

    void close(final int code, final String reason)
    {
        final CompletableFuture<?>[] pending;
        lock.lock();
        try
        {
            if (closed)
            {
                return;
            }
            closed = true;
            closeCode = code;
            closeReason = reason;
            pending = waiters.toArray(new CompletableFuture<?>[0]);
            waiters.clear();
            notEmpty.signalAll();
        }
        finally
        {
            lock.unlock();
        }
        for (final CompletableFuture<?> waiter : pending)
        {
            waiter.completeExceptionally(closedException());
        }
    }

    int size()
    {
        lock.lock();
        try
        {
            return items.size();
        }
        finally
        {
            lock.unlock();
        }
    }

    int capacity()
    {
        return capacity;
    }

    OverflowPolicy policy()
    {
        return policy;
    }

    private ConnectionClosedException closedException()
    {
        return new ConnectionClosedException("client closed: no more messages from " + context, closeCode,
            closeReason);
    }

    @SuppressWarnings("unchecked")
    private static <T> T unwrap(final Object item)
    {
        return NULL == item ? null : (T)item;
    }
}
