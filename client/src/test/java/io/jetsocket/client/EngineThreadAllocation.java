/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.WebSocketEngine;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The allocation tests' shared measurement: the bytes the calling thread allocates while it drives an embedded
 * engine (the test thread is the engine thread), read from the thread's allocation counter, and the bound every
 * allocation-free path is held to. Also the pusher thread and the close those tests start and end with.
 */
public final class EngineThreadAllocation
{
    /**
     * What an allocation-free path may allocate over a whole measured run: the JVM allocates a few bytes of its own
     * now and then, while one allocation per message would be at least 16 bytes times the 100,000s of messages.
     */
    public static final long BOUND_BYTES = 4096;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    /**
     * The work of a pusher thread, which may throw.
     */
    @FunctionalInterface
    public interface Push
    {
        /**
         * Serve the client.
         *
         * @throws Exception on failure, recorded for {@link #finish}.
         */
        void run() throws Exception;
    }

    private EngineThreadAllocation()
    {
    }

    /**
     * Bytes allocated so far by the calling thread.
     *
     * @return the thread's allocation counter.
     */
    public static long currentThreadAllocatedBytes()
    {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * Bytes the calling thread allocates while it runs {@code work}.
     *
     * @param work what to measure.
     * @return bytes allocated.
     */
    public static long allocatedBytes(final Runnable work)
    {
        final long before = currentThreadAllocatedBytes();
        work.run();
        return currentThreadAllocatedBytes() - before;
    }

    /**
     * Drive the engine on this thread until {@code warmedUp}, then measure what it allocates while driving it until
     * {@code finished}. Each condition should also hold once the connections have ended, so a failed run stops
     * (and fails on its counts) instead of spinning.
     *
     * @param engine   the embedded engine.
     * @param warmedUp when the warm-up (not measured) is over.
     * @param finished when the measured run is over.
     * @return bytes allocated on the engine thread over the measured run.
     */
    public static long measure(
        final WebSocketEngine engine, final BooleanSupplier warmedUp, final BooleanSupplier finished)
    {
        driveUntil(engine, warmedUp);
        return allocatedBytes(() -> driveUntil(engine, finished));
    }

    /**
     * Drive the engine on this thread until {@code done}.
     *
     * @param engine the embedded engine.
     * @param done   when to stop.
     */
    public static void driveUntil(final WebSocketEngine engine, final BooleanSupplier done)
    {
        while (!done.getAsBoolean())
        {
            engine.doWork();
        }
    }

    /**
     * {@link #measure(WebSocketEngine, BooleanSupplier, BooleanSupplier)} over a count of messages: warm up until
     * {@code count} reaches {@code warmUp}, measure until it reaches {@code total}, both cut short if {@code ws}
     * ends.
     *
     * @param engine the embedded engine.
     * @param ws     the connection the messages come on.
     * @param count  messages so far.
     * @param warmUp messages to warm up on.
     * @param total  messages in all, warm-up included.
     * @return bytes allocated on the engine thread over the measured messages.
     */
    public static long measure(
        final WebSocketEngine engine, final WebSocket<?> ws, final LongSupplier count, final long warmUp,
        final long total)
    {
        return measure(
            engine,
            () -> count.getAsLong() >= warmUp || ws.state().isTerminal(),
            () -> count.getAsLong() >= total || ws.state().isTerminal());
    }

    /**
     * Assert that a path stayed within {@link #BOUND_BYTES}.
     *
     * @param what      the path, for the message.
     * @param allocated bytes it allocated.
     * @param messages  over how many messages, for the message.
     */
    public static void assertAllocationFree(final String what, final long allocated, final long messages)
    {
        assertTrue(allocated < BOUND_BYTES, what + " allocated " + allocated + " bytes for " + messages);
    }

    /**
     * Start a daemon thread that runs {@code push}, recording what it throws in {@code error}.
     *
     * @param name  the thread's name.
     * @param push  what it runs (typically: accept one client and push frames).
     * @param error where a failure is recorded.
     * @return the started thread.
     */
    public static Thread startPusher(final String name, final Push push, final AtomicReference<Throwable> error)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                push.run();
            }
            catch (final Throwable ex)
            {
                error.set(ex);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Close the connections (driving the engine a while for the closing handshakes), close the engine, wait for
     * the pushers and assert that none failed.
     *
     * @param engine  the embedded engine.
     * @param error   where the pushers record a failure.
     * @param pushers the pusher threads.
     * @param sockets the connections.
     * @throws InterruptedException if interrupted while joining the pushers.
     */
    public static void finish(
        final WebSocketEngine engine, final AtomicReference<Throwable> error, final Thread[] pushers,
        final WebSocket<?>... sockets) throws InterruptedException
    {
        for (final WebSocket<?> ws : sockets)
        {
            ws.closeAsync();
        }
        for (int i = 0; i < 1000 && !allTerminal(sockets); i++)
        {
            engine.doWork();
        }
        engine.close();
        for (final Thread pusher : pushers)
        {
            pusher.join(5_000);
        }
        assertNull(error.get());
    }

    /**
     * {@link #finish(WebSocketEngine, AtomicReference, Thread[], WebSocket[])} for one pusher and one connection.
     *
     * @param engine the embedded engine.
     * @param error  where the pusher records a failure.
     * @param pusher the pusher thread.
     * @param ws     the connection.
     * @throws InterruptedException if interrupted while joining the pusher.
     */
    public static void finish(
        final WebSocketEngine engine, final AtomicReference<Throwable> error, final Thread pusher,
        final WebSocket<?> ws) throws InterruptedException
    {
        finish(engine, error, new Thread[]{pusher}, ws);
    }

    private static boolean allTerminal(final WebSocket<?>[] sockets)
    {
        for (final WebSocket<?> ws : sockets)
        {
            if (!ws.state().isTerminal())
            {
                return false;
            }
        }
        return true;
    }
}
