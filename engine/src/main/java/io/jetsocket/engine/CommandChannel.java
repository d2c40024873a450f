/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The producer side of the engine's one ordered channel and the engine's lifecycle: tasks from other threads go
 * through the {@link CommandQueue}, tasks the engine thread gives itself through a local list run first, and
 * nothing is accepted once the engine is closing. A task offered while the engine closes is either run by the
 * engine or taken back and refused with {@link EngineClosedException}: never left hanging.
 */
final class CommandChannel
{
    private static final long OFFER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    private final String roleName;
    private final CommandQueue queue;
    private final SelectorWakeup wakeup;
    private final WebSocketEngine engine;
    // Tasks the engine thread gives itself: run before the channel, so whatever it published in a cycle comes
    // before anything another thread could send in answer to it.
    private final ArrayDeque<Runnable> engineThreadTasks = new ArrayDeque<>();
    private final AtomicReference<EngineState> lifecycle = new AtomicReference<>(EngineState.ACTIVE);

    CommandChannel(final String roleName, final int capacity, final SelectorWakeup wakeup, final WebSocketEngine engine)
    {
        this.roleName = roleName;
        this.queue = new CommandQueue(capacity);
        this.wakeup = wakeup;
        this.engine = engine;
    }

    CommandQueue queue()
    {
        return queue;
    }

    EngineState state()
    {
        return lifecycle.get();
    }

    boolean isActive()
    {
        return EngineState.ACTIVE == lifecycle.get();
    }

    /**
     * Stop accepting work.
     */
    void beginClosing()
    {
        lifecycle.compareAndSet(EngineState.ACTIVE, EngineState.CLOSING);
    }

    void closed()
    {
        lifecycle.set(EngineState.CLOSED);
    }

    /**
     * Is nothing queued? (Asked before the engine blocks.)
     */
    boolean isEmpty()
    {
        return queue.isEmpty() && engineThreadTasks.isEmpty();
    }

    /**
     * Refuse work at once when the engine is not running.
     */
    void requireActive(final String what)
    {
        if (!isActive())
        {
            throw new EngineClosedException(roleName, what);
        }
    }

    /**
     * Queue a task on the ordered channel (or, on the engine thread, on the engine's own task list).
     */
    void submit(final Runnable task, final String what)
    {
        requireActive(what);
        if (engine.isEngineThread())
        {
            engineThreadTasks.add(task);
            return;
        }
        final long ticket = offerTask(task, what);
        // The commit is a release store; without a full fence the state could be read before the record is
        // visible, and a close that began in between would drain the channel without it.
        VarHandle.fullFence();
        if (!isActive() && null != queue.take(ticket))
        {
            throw new EngineClosedException(roleName, what);
        }
        wakeup.wakeUpIfParked();
    }

    /**
     * A task from a thread of the engine's own (resolver, TLS tasks): dropped quietly when the engine closed (it
     * ended the connection waiting for it).
     */
    void submitQuietly(final Runnable task)
    {
        try
        {
            submit(task, "deliver a result to the engine thread");
        }
        catch (final WebSocketException ignore)
        {
            // the engine is closing
        }
    }

    /**
     * Queue the application's close, waiting briefly for room: a close must not be lost to a burst of sends, nor
     * wait forever on an engine that stopped draining.
     *
     * @return false when the channel stayed full or the engine is closing.
     */
    boolean offerClose(
        final long connectionId,
        final int code,
        final CharSequence reason,
        final int reasonLength,
        final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + OFFER_TIMEOUT_NS;
        while (!queue.offerClose(connectionId, code, reason, reasonLength, timeoutNs))
        {
            if (!isActive() || System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            Thread.yield();
        }
        wakeup.wakeUpIfParked();
        return true;
    }

    /**
     * Run the tasks the engine thread gave itself before this cycle (not those they add, which wait a cycle).
     *
     * @return tasks run.
     */
    int runEngineThreadTasks()
    {
        final int count = engineThreadTasks.size();
        for (int i = 0; i < count; i++)
        {
            engine.runTask(engineThreadTasks.poll());
        }
        return count;
    }

    /**
     * Run every task the engine thread gave itself (shutdown).
     *
     * @return tasks run.
     */
    int runAllEngineThreadTasks()
    {
        int count = 0;
        Runnable task;
        while (null != (task = engineThreadTasks.poll()))
        {
            engine.runTask(task);
            count++;
        }
        return count;
    }

    private long offerTask(final Runnable task, final String what)
    {
        final long deadlineNs = System.nanoTime() + OFFER_TIMEOUT_NS;
        long ticket;
        while (CommandQueue.NO_TICKET == (ticket = queue.offerTask(task)))
        {
            requireActive(what);
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new WebSocketException("command channel of engine '" + roleName + "' full for " +
                    TimeUnit.NANOSECONDS.toMillis(OFFER_TIMEOUT_NS) + " ms: cannot " + what +
                    " (the engine thread is blocked or senders outpace it; see sendQueueCapacity)");
            }
            Thread.yield();
        }
        return ticket;
    }
}
