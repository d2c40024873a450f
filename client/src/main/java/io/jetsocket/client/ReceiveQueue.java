/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.OverflowPolicy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The bounded queue behind {@code recv()} and message iteration: filled by the engine thread only (never blocking
 * it and taking no lock: when full, the overflow policy drops a message), drained by any thread, with futures or
 * blocking waits (threads park and the producer unparks them). Futures are completed outside any lock. Once
 * closed, waiters fail with {@link ConnectionClosedException} after the queued messages are taken.
 * <p>
 * A future waiter and a message can meet from either side (the producer finds the waiter, or the waiter finds the
 * message): each side publishes its own first and then looks at the other's, so one of them always sees both.
 * <p>
 * The queue's storage is created when the queue is activated or first read from: a client that reads with handlers
 * only never pays for it (about 160 bytes of an idle connection). The engine thread offers only to an active
 * queue, whose storage exists, and a close finds either the storage or no reader to wake (a reader that creates
 * the storage after the close sees {@code closed} when it looks again). Creation is a compare-and-set: no lock.
 *
 * @param <T> type of the messages.
 */
final class ReceiveQueue<T>
{
    /**
     * What {@link #tryTake()} returns when there is nothing to take.
     */
    static final Object EMPTY = new Object();

    private static final Object NULL = new Object();
    private static final VarHandle STORAGE;

    static
    {
        try
        {
            STORAGE = MethodHandles.lookup().findVarHandle(ReceiveQueue.class, "storage", Storage.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final int capacity;
    private final OverflowPolicy policy;
    private final LongConsumer onOverflow;
    private final String context;
    private volatile Storage<T> storage;
    private volatile boolean active;
    private volatile boolean closed;
    private volatile int closeCode;
    private volatile String closeReason;

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
        storage();
        active = true;
    }

    /**
     * Add a message (engine thread only). Completes a pending future first, if any.
     */
    void offer(final T message)
    {
        if (closed)
        {
            return;
        }
        final Storage<T> s = storage(); // created by activate(): here only if offered to before that
        if (!s.waiters.isEmpty() && handToWaiter(s, message))
        {
            return;
        }
        long dropped = 0;
        if (s.size.get() >= capacity)
        {
            if (OverflowPolicy.DROP_OLDEST != policy)
            {
                onOverflow.accept(1);
                return;
            }
            if (null != pollItem(s))
            {
                dropped = 1; // else a consumer made room meanwhile
            }
        }
        s.items.addLast(null == message ? NULL : message);
        s.size.incrementAndGet();
        matchWaiters(s);
        unparkAll(s);
        if (dropped > 0)
        {
            onOverflow.accept(dropped);
        }
    }

    CompletableFuture<T> take()
    {
        final Storage<T> s = storage();
        final Object item = pollItem(s);
        if (null != item)
        {
            return CompletableFuture.completedFuture(unwrap(item));
        }
        if (closed)
        {
            return CompletableFuture.failedFuture(closedException());
        }
        final CompletableFuture<T> waiter = new CompletableFuture<>();
        s.waiters.add(waiter);
        matchWaiters(s); // a message may have arrived after the first look
        if (closed)
        {
            failWaiters(s);
        }
        return waiter;
    }

    /**
     * Take a message without waiting.
     *
     * @return the message (null for a null message), or {@link #EMPTY}.
     */
    Object tryTake()
    {
        final Object item = pollItem(storage());
        return null == item ? EMPTY : unwrap(item);
    }

    /**
     * Block until a message arrives, the queue closes or the timeout passes (null timeout: no limit).
     */
    T poll(final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = null == timeout ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        final Storage<T> s = storage();
        while (true)
        {
            final Object item = pollItem(s);
            if (null != item)
            {
                return unwrap(item);
            }
            if (closed)
            {
                throw closedException();
            }
            if (!park(s, null == timeout ? Long.MAX_VALUE : deadlineNs - System.nanoTime()))
            {
                throw new OperationTimeoutException("recv", timeout, context);
            }
        }
    }

    /**
     * Block until a message is available or the queue is closed and empty.
     *
     * @return true if a message can be taken; false once closed and empty, or when the timeout passed.
     */
    boolean awaitNext(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long timeoutNs = unit.toNanos(timeout);
        final long deadlineNs = System.nanoTime() + timeoutNs;
        final Storage<T> s = storage();
        while (true)
        {
            if (!s.items.isEmpty())
            {
                return true;
            }
            if (closed)
            {
                return false;
            }
            if (!park(s, Long.MAX_VALUE == timeoutNs ? Long.MAX_VALUE : deadlineNs - System.nanoTime()))
            {
                return false;
            }
        }
    }

    boolean isClosedAndEmpty()
    {
        final Storage<T> s = storage;
        return closed && (null == s || s.items.isEmpty());
    }

    /**
     * Close (engine thread): queued messages can still be taken; waiters fail once there are none.
     */
    void close(final int code, final String reason)
    {
        if (closed)
        {
            return;
        }
        closeCode = code;
        closeReason = reason;
        closed = true;
        final Storage<T> s = storage; // read after closed: a reader creating it later sees closed
        if (null != s)
        {
            matchWaiters(s);
            failWaiters(s);
            unparkAll(s);
        }
    }

    int size()
    {
        final Storage<T> s = storage;
        return null == s ? 0 : Math.max(0, s.size.get());
    }

    int capacity()
    {
        return capacity;
    }

    OverflowPolicy policy()
    {
        return policy;
    }

    private Storage<T> storage()
    {
        final Storage<T> s = storage;
        return null != s ? s : createStorage();
    }

    private Storage<T> createStorage()
    {
        STORAGE.compareAndSet(this, null, new Storage<T>()); // lock-free: the loser's copy is garbage
        return storage;
    }

    private static Object pollItem(final Storage<?> s)
    {
        final Object item = s.items.pollFirst();
        if (null != item)
        {
            s.size.decrementAndGet();
        }
        return item;
    }

    private static <T> boolean handToWaiter(final Storage<T> s, final T message)
    {
        for (CompletableFuture<T> waiter; null != (waiter = s.waiters.poll()); )
        {
            if (waiter.complete(message))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Give queued messages to registered futures while both exist (producer or consumer side).
     */
    private static <T> void matchWaiters(final Storage<T> s)
    {
        while (!s.waiters.isEmpty())
        {
            final Object item = pollItem(s);
            if (null == item)
            {
                return;
            }
            if (!handToWaiter(s, ReceiveQueue.<T>unwrap(item)))
            {
                s.items.addFirst(item); // every waiter was taken or cancelled meanwhile: keep it for the next one
                s.size.incrementAndGet();
                return;
            }
        }
    }

    private void failWaiters(final Storage<T> s)
    {
        if (!s.items.isEmpty())
        {
            return; // the waiters get what is left first (matchWaiters), then fail
        }
        for (CompletableFuture<T> waiter; null != (waiter = s.waiters.poll()); )
        {
            waiter.completeExceptionally(closedException());
        }
    }

    /**
     * Park the calling thread until a producer or close unparks it, or the time is up.
     *
     * @return false when the time is up.
     */
    private boolean park(final Storage<T> s, final long timeoutNs) throws InterruptedException
    {
        if (timeoutNs <= 0)
        {
            return false;
        }
        final Thread self = Thread.currentThread();
        s.parked.add(self);
        try
        {
            if (s.items.isEmpty() && !closed) // look again once registered: an offer may have come in between
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
            s.parked.remove(self);
        }
        if (Thread.interrupted())
        {
            throw new InterruptedException("interrupted while waiting for a message from " + context);
        }
        return true;
    }

    private static void unparkAll(final Storage<?> s)
    {
        if (!s.parked.isEmpty())
        {
            for (final Thread thread : s.parked)
            {
                LockSupport.unpark(thread);
            }
        }
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

    /**
     * The messages, their count and the readers waiting for them.
     */
    private static final class Storage<T>
    {
        private final ConcurrentLinkedDeque<Object> items = new ConcurrentLinkedDeque<>();
        private final AtomicInteger size = new AtomicInteger();
        private final ConcurrentLinkedQueue<CompletableFuture<T>> waiters = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();
    }
}
