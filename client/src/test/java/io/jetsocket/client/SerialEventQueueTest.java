/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.Event;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.PingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serial queue in front of a handler executor, stepped by hand: one task in flight, order kept, a batch per
 * task, nothing lost around the empty/not-empty edge; then under real threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SerialEventQueueTest
{
    private final ArrayDeque<Runnable> submitted = new ArrayDeque<>();
    private final List<Long> ran = new ArrayList<>();

    private static PingEvent event(final long n)
    {
        return new PingEvent(new byte[0], n);
    }

    @Test
    void shouldSubmitOneTaskPerBurstAndRunTheEventsInOrder()
    {
        final SerialEventQueue queue = new SerialEventQueue(submitted::add,
            (type, event) -> ran.add(event.timestampMs()));
        for (long i = 0; i < 3; i++)
        {
            queue.offer(EventType.PING, event(i));
        }
        assertEquals(1, submitted.size(), "one task for the burst, not one per event");
        assertEquals(List.of(), ran, "nothing runs on the emitting thread");

        submitted.poll().run();
        assertEquals(List.of(0L, 1L, 2L), ran);
        assertTrue(submitted.isEmpty(), "nothing left: no task handed back");
        assertTrue(queue.isEmpty());

        queue.offer(EventType.PING, event(3));
        assertEquals(1, submitted.size(), "the next burst gets a task again");
        submitted.poll().run();
        assertEquals(List.of(0L, 1L, 2L, 3L), ran);
    }

    @Test
    void shouldRunABatchPerTaskAndHandItselfBack()
    {
        final SerialEventQueue queue = new SerialEventQueue(submitted::add,
            (type, event) -> ran.add(event.timestampMs()));
        final int total = SerialEventQueue.BATCH * 2 + 5;
        for (long i = 0; i < total; i++)
        {
            queue.offer(EventType.PING, event(i));
        }
        assertEquals(1, submitted.size());
        submitted.poll().run();
        assertEquals(SerialEventQueue.BATCH, ran.size(), "a task lets go of the thread after a batch");
        assertEquals(1, submitted.size(), "and hands itself back for the rest");
        submitted.poll().run();
        submitted.poll().run();
        assertTrue(submitted.isEmpty());
        assertEquals(total, ran.size());
        for (int i = 0; i < total; i++)
        {
            assertEquals(i, ran.get(i).longValue());
        }
    }

    @Test
    void shouldNotSubmitASecondTaskWhileOneIsInFlight()
    {
        final SerialEventQueue[] self = new SerialEventQueue[1];
        final SerialEventQueue queue = new SerialEventQueue(submitted::add, (type, event) ->
        {
            ran.add(event.timestampMs());
            if (0 == event.timestampMs())
            {
                self[0].offer(EventType.PING, event(1)); // emitted while the task runs, e.g. an error event
            }
        });
        self[0] = queue;
        queue.offer(EventType.PING, event(0));
        submitted.poll().run();
        assertEquals(List.of(0L, 1L), ran, "the event appended during the task ran in the same task");
        assertTrue(submitted.isEmpty());
    }

    @Test
    void shouldRunOnTheEmittingThreadWhenTheExecutorRejects()
    {
        final AtomicInteger rejections = new AtomicInteger();
        final SerialEventQueue queue = new SerialEventQueue((task) ->
        {
            rejections.incrementAndGet();
            throw new RejectedExecutionException("shut down");
        }, (type, event) -> ran.add(event.timestampMs()));
        queue.offer(EventType.PING, event(0));
        queue.offer(EventType.PING, event(1));
        assertEquals(List.of(0L, 1L), ran, "no event lost");
        assertEquals(2, rejections.get(), "each burst tried the executor first");
    }

    @Test
    void shouldKeepOrderAndOneEventAtATimeUnderManyProducersAndAPool() throws Exception
    {
        final int producers = 4;
        final int perProducer = 50_000;
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try
        {
            final long[] lastSeen = new long[producers];
            java.util.Arrays.fill(lastSeen, -1);
            final AtomicInteger inFlight = new AtomicInteger();
            final AtomicInteger overlaps = new AtomicInteger();
            final AtomicInteger reorders = new AtomicInteger();
            final CountDownLatch done = new CountDownLatch(producers * perProducer);
            final SerialEventQueue queue = new SerialEventQueue(pool, (type, event) ->
            {
                if (inFlight.incrementAndGet() != 1)
                {
                    overlaps.incrementAndGet();
                }
                final long value = event.timestampMs();
                final int producer = (int)(value / perProducer);
                if (value <= lastSeen[producer]) // plain array: the queue's hand-offs must publish it
                {
                    reorders.incrementAndGet();
                }
                lastSeen[producer] = value;
                inFlight.decrementAndGet();
                done.countDown();
            });
            final List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++)
            {
                final long base = (long)p * perProducer;
                final Thread thread = new Thread(() ->
                {
                    for (long i = 0; i < perProducer; i++)
                    {
                        queue.offer(EventType.PING, event(base + i));
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (final Thread thread : threads)
            {
                thread.join();
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "hang guard: events left " + done.getCount());
            assertEquals(0, overlaps.get(), "two events of one queue ran at the same time");
            assertEquals(0, reorders.get(), "events of one producer ran out of order");
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldReportWhatHandingEventsOverCostsTheEmittingThread() throws Exception
    {
        // the engine thread's cost of a handler executor, apart from the event itself: measured with the
        // thread's allocation counter around the offers only, one event object reused
        final int warmUp = 200_000;
        final int measured = 200_000;
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final PingEvent ping = event(1);
        for (final ExecutorService executor : List.of(
            new java.util.concurrent.ForkJoinPool(1), Executors.newSingleThreadExecutor()))
        {
            try
            {
                final java.util.concurrent.atomic.AtomicLong handled = new java.util.concurrent.atomic.AtomicLong();
                final SerialEventQueue queue = new SerialEventQueue(executor, (type, event) -> handled.lazySet(
                    handled.get() + 1)); // one consumer at a time: no lost update
                offerAndDrain(queue, ping, warmUp, handled, 0);
                final long before = threads.getThreadAllocatedBytes(threadId);
                for (int i = 0; i < measured; i++)
                {
                    queue.offer(EventType.PING, ping);
                }
                final double perEvent = (double)(threads.getThreadAllocatedBytes(threadId) - before) / measured;
                offerAndDrain(queue, ping, 0, handled, warmUp + measured);

                // the handler keeps up: every event finds the queue empty and costs an execute() as well
                final int bursts = 20_000;
                long total = warmUp + measured;
                final long beforeBursts = threads.getThreadAllocatedBytes(threadId);
                for (int i = 0; i < bursts; i++)
                {
                    queue.offer(EventType.PING, ping);
                    total++;
                    while (handled.get() < total)
                    {
                        Thread.onSpinWait();
                    }
                }
                final double perBurst = (double)(threads.getThreadAllocatedBytes(threadId) - beforeBursts) / bursts;
                System.out.printf("handler executor %s: %.1f bytes per event on the emitting thread in a stream, " +
                    "%.1f when every event is a burst of its own%n", executor.getClass().getSimpleName(), perEvent,
                    perBurst);
                // the 24-byte node, plus at most one execute() (a task wrapper or a queue node) per event
                assertTrue(perEvent >= 24 && perEvent < 128, executor + ": " + perEvent + " bytes per event");
                assertTrue(perBurst >= 24 && perBurst < 128, executor + ": " + perBurst + " bytes per burst");
            }
            finally
            {
                executor.shutdownNow();
            }
        }
    }

    private static void offerAndDrain(
        final SerialEventQueue queue,
        final PingEvent ping,
        final int count,
        final java.util.concurrent.atomic.AtomicLong handled,
        final long expectedTotal) throws InterruptedException
    {
        for (int i = 0; i < count; i++)
        {
            queue.offer(EventType.PING, ping);
        }
        final long total = 0 == expectedTotal ? count : expectedTotal;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handled.get() < total)
        {
            assertTrue(System.nanoTime() < deadline, "hang guard: " + handled.get() + " of " + total);
            Thread.sleep(1);
        }
    }

    @Test
    void shouldDispatchTheEventTypeWithTheEvent()
    {
        final List<EventType<?>> types = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        final SerialEventQueue queue = new SerialEventQueue(submitted::add, (type, event) ->
        {
            types.add(type);
            events.add(event);
        });
        final PingEvent ping = event(7);
        queue.offer(EventType.PING, ping);
        submitted.poll().run();
        assertEquals(List.of(EventType.PING), types);
        assertEquals(List.of(ping), events);
    }
}
