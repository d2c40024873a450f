/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.Event;
import io.jetsocket.client.event.EventType;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

/**
 * Runs one client's handlers on a user {@link Executor}, in the order the events happened, one event at a time:
 * a serial queue in front of the executor. The engine thread (or any thread that emits) appends the event to an
 * intrusive many-to-one linked queue (one 24-byte node, one atomic exchange) and, only when no task of this client
 * is in flight, hands the one reusable drain task to the executor (so once per message when the handlers keep up,
 * less under load). The drain task runs at most {@link #BATCH}
 * events, then lets go of the executor thread and hands itself back if more are waiting, so that one busy client
 * does not starve the others of a shared pool. Nothing here takes a lock or waits; a handler that blocks holds up
 * this client's later events only.
 * <p>
 * The queue is unbounded: a handler slower than the feed makes it grow. Rejection by the executor (e.g. shut
 * down) is logged once and the events then run on the thread that emitted them, so that none is lost.
 */
final class SerialEventQueue implements Runnable
{
    /** Events run per task before the task lets go of the executor thread. */
    static final int BATCH = 64;

    private static final VarHandle TAIL;
    private static final VarHandle NEXT;
    private static final VarHandle SCHEDULED;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(SerialEventQueue.class, "tail", Node.class);
            SCHEDULED = lookup.findVarHandle(SerialEventQueue.class, "scheduled", int.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Executor executor;
    private final BiConsumer<EventType<?>, Event> dispatch;
    private Node head; // consumer side: the node already run (or the stub)
    @SuppressWarnings("unused") // through TAIL
    private volatile Node tail;
    @SuppressWarnings("unused") // through SCHEDULED: 1 while a drain task is submitted or running
    private volatile int scheduled;
    private boolean rejectionLogged;

    /**
     * A serial queue in front of an executor.
     *
     * @param executor where the handlers run.
     * @param dispatch runs the handlers of one event.
     */
    SerialEventQueue(final Executor executor, final BiConsumer<EventType<?>, Event> dispatch)
    {
        this.executor = executor;
        this.dispatch = dispatch;
        final Node stub = new Node(null, null);
        this.head = stub;
        this.tail = stub;
    }

    /**
     * Append an event; any thread, never blocks.
     *
     * @param type  the event type.
     * @param event the event.
     */
    void offer(final EventType<?> type, final Event event)
    {
        final Node node = new Node(type, event);
        final Node previous = (Node)TAIL.getAndSet(this, node);
        NEXT.setRelease(previous, node);
        if (0 == scheduled && SCHEDULED.compareAndSet(this, 0, 1))
        {
            submit();
        }
    }

    /**
     * The drain task: run up to a batch of events, then let go.
     */
    @Override
    public void run()
    {
        drain(BATCH);
        release();
    }

    /**
     * Is nothing waiting? Read on the consumer side (the drain task, or a test stepping it): a producer that has
     * swapped the tail but not yet linked its node counts as waiting.
     *
     * @return true when nothing is waiting.
     */
    boolean isEmpty()
    {
        return null == NEXT.getAcquire(head) && head == tail;
    }

    private void drain(final int limit)
    {
        int count = 0;
        while (count < limit)
        {
            final Node next = (Node)NEXT.getAcquire(head);
            if (null == next)
            {
                if (head == tail)
                {
                    return;
                }
                Thread.onSpinWait(); // a producer swapped the tail and is about to link its node
                continue;
            }
            head = next;
            final EventType<?> type = next.type;
            final Event event = next.event;
            next.type = null; // the node stays as the stub: let the event go
            next.event = null;
            dispatch.accept(type, event);
            count++;
        }
    }

    private void release()
    {
        SCHEDULED.setVolatile(this, 0);
        // an event appended after the drain saw the queue empty, whose producer saw scheduled == 1, would
        // otherwise wait for the next one: look again (both sides are volatile, so one of them sees the other)
        if (!isEmpty() && SCHEDULED.compareAndSet(this, 0, 1))
        {
            submit();
        }
    }

    private void submit()
    {
        try
        {
            executor.execute(this);
        }
        catch (final RejectedExecutionException ex)
        {
            if (!rejectionLogged)
            {
                rejectionLogged = true;
                ClientLog.handlerExecutorRejected(ex);
            }
            drain(Integer.MAX_VALUE); // scheduled is still 1: no other drain runs meanwhile
            release();
        }
    }

    private static final class Node
    {
        EventType<?> type;
        Event event;
        @SuppressWarnings("unused") // through NEXT
        volatile Node next;

        Node(final EventType<?> type, final Event event)
        {
            this.type = type;
            this.event = event;
        }
    }
}
