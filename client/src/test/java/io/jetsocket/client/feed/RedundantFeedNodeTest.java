/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.ScriptServer;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test: one sequenced feed ({@code engine/src/test/node/ab-feed-server.js}, a Node.js
 * {@code ws} server) on two streams, served to two legs that the server drops at random, 1,000 drops in all, with
 * one leg always connected; each leg reconnects after a few milliseconds and resumes from the live point. The
 * handler must see every id of each stream exactly once, in order, with no gap reported, and both legs must have
 * won some messages.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedundantFeedNodeTest
{
    private static final int DROPS = 1000;
    private static final String[] STREAMS = {"s1", "s2"};

    @Test
    void shouldDeliverEveryIdOnceInOrderAcrossAThousandLegDrops() throws Exception
    {
        final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("ab-feed-engine"));
        try (ScriptServer node = ScriptServer.start("ab-feed-server.js", String.valueOf(DROPS), "1", "2"))
        {
            final BackoffConfig backoff = BackoffConfig.builder()
                .base(Duration.ofMillis(1)).cap(Duration.ofMillis(5)).multiplier(2).jitter(false).build();
            final WebSocket<Object> a = WebSocket.builder(node.uri("/leg?name=A")).engine(engine).backoff(backoff)
                .build();
            final WebSocket<Object> b = WebSocket.builder(node.uri("/leg?name=B")).engine(engine).backoff(backoff)
                .build();
            final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
            a.on(EventType.ERROR, (event) -> errors.add(event.error())); // the drops: expected, kept off the log
            b.on(EventType.ERROR, (event) -> errors.add(event.error()));
            final InOrderCheck check = new InOrderCheck();
            final Queue<String> gaps = new ConcurrentLinkedQueue<>();
            final RedundantFeed feed = RedundantFeed.builder()
                .leg("A", a)
                .leg("B", b)
                .extractor(FeedFixtures.TEXT)
                .handler(check)
                .listener(FeedListener.onGaps((stream, from, to) -> gaps.add(stream + " " + from + ".." + to)))
                .gapFillTimeout(Duration.ofSeconds(10)) // generous: this box is shared, a leg may stall a while
                .build();
            a.connect();
            b.connect();

            final String done = node.lines().poll(100, TimeUnit.SECONDS);
            assertNotNull(done, "the server never finished its drops; stats: " + feed.stats());
            final String[] parts = done.split(" ");
            assertEquals("DONE", parts[0], done);
            assertEquals(DROPS, Integer.parseInt(parts[1]));
            final long lastId = Long.parseLong(parts[2]);
            awaitTrue(() -> check.last(0) == lastId && check.last(1) == lastId &&
                totalReconnects(feed.stats()) == DROPS, () -> "up to " + lastId + ": " + check + " " + feed.stats());

            final RedundantFeedStats stats = feed.stats();
            System.out.println("A/B feed over " + DROPS + " leg drops (" + errors.size() + " connection errors), " +
                lastId + " ids per stream: " + stats);
            assertEquals(null, check.firstError(), check.firstError());
            assertEquals(List.of(), List.copyOf(gaps));
            assertEquals(0, stats.gaps());
            assertEquals(2 * lastId, stats.delivered());
            assertEquals(2 * lastId, check.delivered());
            final LegStats legA = stats.leg("A");
            final LegStats legB = stats.leg("B");
            assertTrue(legA.wins() > 0 && legB.wins() > 0, stats::toString);
            assertEquals(DROPS, legA.reconnects() + legB.reconnects());
            assertEquals(stats.held(), stats.filled());

            feed.close();
            a.close();
            b.close();
        }
        finally
        {
            engine.close();
        }
    }

    private static long totalReconnects(final RedundantFeedStats stats)
    {
        return stats.leg("A").reconnects() + stats.leg("B").reconnects();
    }

    private static void awaitTrue(final BooleanSupplier condition, final java.util.function.Supplier<String> what)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("never happened: " + what.get());
            }
            Thread.sleep(5);
        }
    }

    /**
     * Checks on the engine thread that each stream's ids come one by one from 1; publishes how far each got.
     */
    private static final class InOrderCheck implements FeedHandler
    {
        private final long[] expected = {1, 1};
        private final AtomicLongArray last = new AtomicLongArray(2);
        private volatile long delivered;
        private volatile String firstError;

        @Override
        public void onMessage(
            final String stream,
            final MessageType type,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final SequenceFields fields)
        {
            final int index = STREAMS[0].equals(stream) ? 0 : 1;
            if (fields.last() != expected[index] && null == firstError)
            {
                firstError = "stream " + stream + ": got " + fields.last() + ", expected " + expected[index];
            }
            expected[index] = fields.last() + 1;
            last.lazySet(index, fields.last());
            delivered = delivered + 1;
        }

        long last(final int index)
        {
            return last.get(index);
        }

        long delivered()
        {
            return delivered;
        }

        String firstError()
        {
            return firstError;
        }

        @Override
        public String toString()
        {
            return "delivered s1 to " + last(0) + ", s2 to " + last(1) + (null == firstError ? "" : ", " + firstError);
        }
    }
}
