/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.OverflowPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock-free receive queue: one producer (the engine thread), consumers by future, by blocking poll and by
 * iteration; nothing lost, nothing delivered twice, no consumer left asleep.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReceiveQueueTest
{
    @Test
    void aQueueClosedBeforeAnyoneReadItFailsItsReadersAndOneOfferedBeforeTheFirstReadKeepsTheMessage()
        throws Exception
    {
        final AtomicLong dropped = new AtomicLong();
        final ReceiveQueue<String> unread = new ReceiveQueue<>(4, OverflowPolicy.DROP_OLDEST, dropped::addAndGet, "t");
        unread.close(1001, "away");
        assertEquals(0, unread.size());
        assertTrue(unread.isClosedAndEmpty());
        final ExecutionException failed = assertThrows(ExecutionException.class, () -> unread.take().get());
        assertInstanceOf(ConnectionClosedException.class, failed.getCause());
        assertThrows(ConnectionClosedException.class, () -> unread.poll(Duration.ofSeconds(5)));
        assertSame(ReceiveQueue.EMPTY, unread.tryTake());

        final ReceiveQueue<String> offered =
            new ReceiveQueue<>(4, OverflowPolicy.DROP_OLDEST, dropped::addAndGet, "t");
        offered.offer("first");
        assertEquals(1, offered.size());
        offered.close(1000, "");
        assertEquals("first", offered.take().get());
        assertTrue(offered.isClosedAndEmpty());
    }

    @Test
    void shouldDeliverEveryMessageOnceToMixedConsumers() throws Exception
    {
        final int total = 200_000;
        final AtomicLong dropped = new AtomicLong();
        final ReceiveQueue<Integer> queue = new ReceiveQueue<>(total, OverflowPolicy.ERROR, dropped::addAndGet, "t");
        final BitSet seen = new BitSet();
        final AtomicLong duplicates = new AtomicLong();
        final Thread[] consumers = new Thread[3];
        for (int c = 0; c < consumers.length; c++)
        {
            final int kind = c;
            consumers[c] = new Thread(() ->
            {
                try
                {
                    while (true)
                    {
                        final Integer value = 0 == kind ? queue.take().get() :
                            1 == kind ? queue.poll(Duration.ofSeconds(30)) : next(queue);
                        synchronized (seen)
                        {
                            if (seen.get(value))
                            {
                                duplicates.incrementAndGet();
                            }
                            seen.set(value);
                        }
                    }
                }
                catch (final ExecutionException | ConnectionClosedException | InterruptedException ex)
                {
                    Thread.currentThread().setName("consumer-done-" + kind); // closed: done
                }
            }, "consumer-" + c);
            consumers[c].start();
        }
        for (int i = 0; i < total; i++)
        {
            queue.offer(i);
            if (0 == (i & 1023))
            {
                Thread.yield(); // let consumers catch up and park
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (queue.size() > 0 || seenCount(seen) < total)
        {
            if (System.nanoTime() > deadline)
            {
                break;
            }
            Thread.sleep(1); // polling for a condition, not timing
        }
        queue.close(1000, "done");
        for (final Thread consumer : consumers)
        {
            consumer.join(10_000);
            assertFalse(consumer.isAlive(), consumer.getName() + " still parked after close");
        }
        assertEquals(total, seenCount(seen), "every message delivered");
        assertEquals(0, duplicates.get(), "none twice");
        assertEquals(0, dropped.get());
    }

    @Test
    void shouldReportEmptyWithoutAnExceptionAndEndIterationOnClose() throws Exception
    {
        final ReceiveQueue<String> queue =
            new ReceiveQueue<>(4, OverflowPolicy.DROP_OLDEST, new AtomicLong()::addAndGet, "t");
        assertSame(ReceiveQueue.EMPTY, queue.tryTake());
        queue.offer(null);
        assertEquals(null, queue.tryTake(), "a null message is a message");
        final CompletableFuture<String> waiting = queue.take();
        queue.offer("a");
        assertEquals("a", waiting.get(1, TimeUnit.SECONDS));
        assertFalse(queue.awaitNext(1, TimeUnit.MILLISECONDS), "nothing queued: times out");

        queue.close(1001, "bye");

        assertFalse(queue.awaitNext(Long.MAX_VALUE, TimeUnit.NANOSECONDS));
        final ExecutionException failed = assertThrows(ExecutionException.class, () -> queue.take().get());
        assertInstanceOf(ConnectionClosedException.class, failed.getCause());
    }

    private static Integer next(final ReceiveQueue<Integer> queue) throws InterruptedException
    {
        while (queue.awaitNext(Long.MAX_VALUE, TimeUnit.NANOSECONDS))
        {
            final Object item = queue.tryTake();
            if (ReceiveQueue.EMPTY != item)
            {
                return (Integer)item;
            }
        }
        throw new InterruptedException("closed");
    }

    private static int seenCount(final BitSet seen)
    {
        synchronized (seen)
        {
            return seen.cardinality();
        }
    }
}
