/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.time.LatencySummary;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arbitration of a redundant feed, driven the way the engine thread drives it (one thread, legs' messages and
 * lifecycle in turn) on a stepped clock.
 */
class FeedArbiterTest
{
    private static final int A = 0;
    private static final int B = 1;
    private static final long TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<String> delivered = new ArrayList<>();
    private final List<String> gaps = new ArrayList<>();
    private final List<String> unsequenced = new ArrayList<>();
    private FeedArbiter arbiter;

    @BeforeEach
    void bothLegsUp()
    {
        arbiter = arbiter(1 << 20);
        arbiter.legUp(A);
        arbiter.legUp(B);
    }

    @Test
    void shouldDeliverTheFirstArrivalAndDropTheOtherLegsCopies()
    {
        send(A, "s:1");
        step(3_000);
        send(B, "s:1");
        send(B, "s:2");
        step(5_000);
        send(A, "s:2");
        send(A, "s:3");
        step(1_000);
        send(B, "s:3");

        assertEquals(List.of("s:1", "s:2", "s:3"), delivered);
        final RedundantFeedStats stats = arbiter.counters().snapshot();
        assertEquals(3, stats.delivered());
        assertEquals(1, stats.streams());
        final LegStats a = stats.leg("A");
        final LegStats b = stats.leg("B");
        assertEquals(3, a.messages());
        assertEquals(2, a.wins());
        assertEquals(1, a.duplicates());
        assertEquals(1, b.wins());
        assertEquals(2, b.duplicates());
        // A's copy of 2 came 5 us after B's; B's copies of 1 and 3 came 3 us and 1 us after A's
        assertEquals(1, a.lagSamples());
        assertEquals(5_000, a.maxLagNs());
        assertEquals(2, b.lagSamples());
        assertEquals(2_000, b.meanLagNs());
        assertEquals(3_000, b.maxLagNs());
        assertEquals(new LatencySummary(1, 5, 5, 5), a.lag());
        assertEquals(new LatencySummary(2, 1, 3, 3), b.lag());
        assertEquals(0, stats.gaps());
    }

    @Test
    void shouldGiveEachLegsLagPercentiles()
    {
        // B's copy of id k comes k us after A's: lags of 1..100 us, exact in the histogram (under 256 us)
        for (int id = 1; id <= 100; id++)
        {
            send(A, "s:" + id);
            step(id * 1_000L);
            send(B, "s:" + id);
        }

        final RedundantFeedStats stats = arbiter.counters().snapshot();
        final LegStats b = stats.leg("B");
        assertEquals(100, b.lagSamples());
        assertEquals(new LatencySummary(100, 50, 99, 100), b.lag());
        assertEquals(50_500, b.meanLagNs());
        assertEquals(100_000, b.maxLagNs());
        assertEquals(LatencySummary.EMPTY, stats.leg("A").lag()); // won every id: no lag to measure
    }

    @Test
    void shouldKeepEveryLagAcrossReadsAndReconnects()
    {
        send(A, "s:1");
        step(500); // under a microsecond: 0 in the histogram, exact in the mean
        send(B, "s:1");
        assertEquals(new LatencySummary(1, 0, 0, 0), arbiter.counters().snapshot().leg("B").lag());

        arbiter.legDown(B);
        arbiter.legUp(B);
        // a later snapshot covers the lags before the last one too, not only those since
        for (int id = 2; id <= 4; id++)
        {
            send(A, "s:" + id);
            step(TimeUnit.MILLISECONDS.toNanos(id));
            send(B, "s:" + id);
        }
        final LegStats b = arbiter.counters().snapshot().leg("B");
        assertEquals(4, b.lagSamples());
        assertEquals(4, b.lag().count());
        assertWithinPercent(2_000, b.lag().p50Micros()); // of 0, 2, 3 and 4 ms, the second
        assertWithinPercent(4_000, b.lag().p99Micros());
        assertWithinPercent(4_000, b.lag().maxMicros());
        assertEquals(1, b.reconnects());
    }

    @Test
    void shouldCountALagPastTheHistogramsRangeAsItsTop()
    {
        send(A, "s:1");
        step(2 * FeedCounters.LAG_RANGE_NS);
        send(B, "s:1");

        final LegStats b = arbiter.counters().snapshot().leg("B");
        assertEquals(2 * FeedCounters.LAG_RANGE_NS, b.maxLagNs());
        assertWithinPercent(TimeUnit.NANOSECONDS.toMicros(FeedCounters.LAG_RANGE_NS), b.lag().maxMicros());
    }

    @Test
    void shouldRecordLagsOfAnySizeWithoutAllocating()
    {
        final long[] count = new long[1];
        final FeedArbiter quiet = new FeedArbiter(new String[]{"A", "B"}, FeedFixtures.TEXT,
            (stream, type, buffer, offset, length, fields) -> count[0]++,
            FeedListener.onGaps((stream, from, to) -> count[0] = -1_000_000), null, TIMEOUT_NS, 1 << 20, clock);
        quiet.legUp(A);
        quiet.legUp(B);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final int rounds = 20_000;
        long before = 0;
        for (int id = 1; id <= 2 * rounds; id++)
        {
            if (rounds + 1 == id)
            {
                before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            }
            // small lags while warming up, then ever larger ones up to past the histogram's range: a histogram
            // that grew with its values would allocate at each doubling of the largest
            final long lagNs =
                id <= rounds ? 1_000L * (id % 100) : (FeedCounters.LAG_RANGE_NS / rounds) * (id - rounds);
            send(quiet, A, buffer, id);
            clock.advance(lagNs);
            send(quiet, B, buffer, id);
        }
        final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertEquals(2L * rounds, count[0]);
        final LegStats b = quiet.counters().snapshot().leg("B");
        assertEquals(2L * rounds, b.lagSamples());
        assertEquals(2L * rounds, b.lag().count());
        assertWithinPercent(TimeUnit.NANOSECONDS.toMicros(FeedCounters.LAG_RANGE_NS), b.lag().maxMicros());
        assertTrue(allocated < 4096, "recording lags allocated " + allocated + " bytes for " + rounds + " lags");
    }

    @Test
    void shouldDropRepeatsOfTheSameLegWithoutCountingThemAsLag()
    {
        send(A, "s:1");
        send(A, "s:1");
        send(A, "s:0");
        send(B, "s:1");
        send(B, "s:1");

        assertEquals(List.of("s:1"), delivered);
        final RedundantFeedStats stats = arbiter.counters().snapshot();
        assertEquals(2, stats.leg("A").duplicates());
        assertEquals(0, stats.leg("A").lagSamples());
        assertEquals(2, stats.leg("B").duplicates());
        assertEquals(1, stats.leg("B").lagSamples());
        assertEquals(LatencySummary.EMPTY, stats.leg("A").lag());
        assertEquals(1, stats.leg("B").lag().count());
    }

    @Test
    void shouldHoldMessagesPastAGapUntilAnotherLegFillsIt()
    {
        send(A, "s:1");
        send(A, "s:2");
        // B reconnected and is ahead of A
        send(B, "s:5");
        send(B, "s:6");
        assertEquals(List.of("s:1", "s:2"), delivered);
        assertEquals(2, arbiter.counters().snapshot().heldNow());

        send(A, "s:3");
        assertEquals(List.of("s:1", "s:2", "s:3"), delivered);
        send(A, "s:4");
        assertEquals(List.of("s:1", "s:2", "s:3", "s:4", "s:5", "s:6"), delivered);
        send(A, "s:5");
        send(A, "s:6");
        send(A, "s:7");

        assertEquals(List.of("s:1", "s:2", "s:3", "s:4", "s:5", "s:6", "s:7"), delivered);
        assertEquals(List.of(), gaps);
        final RedundantFeedStats stats = arbiter.counters().snapshot();
        assertEquals(2, stats.held());
        assertEquals(2, stats.filled());
        assertEquals(0, stats.heldNow());
        assertEquals(2, stats.leg("B").wins());
        assertEquals(5, stats.leg("A").wins());
        assertEquals(2, stats.leg("A").duplicates());
    }

    @Test
    void shouldDeliverHeldMessagesInOrderWhateverOrderTheyCameIn()
    {
        send(A, "s:1");
        send(B, "s:4");
        send(A, "s:3"); // A skipped 2 too: both legs hold past the gap now
        // no leg left that could bring 2: every connected leg already went past it
        assertEquals(List.of("s:2-2"), gaps);
        assertEquals(List.of("s:1", "s:3", "s:4"), delivered);
    }

    @Test
    void shouldReportTheGapAndDeliverWhenTheFillTimesOut()
    {
        send(A, "s:1");
        send(B, "s:3");
        send(B, "s:4");
        step(TIMEOUT_NS - 1);
        assertEquals(0, arbiter.poll());
        assertEquals(List.of("s:1"), delivered);

        step(1);
        assertEquals(1, arbiter.poll());
        assertEquals(List.of("s:2-2"), gaps);
        assertEquals(List.of("s:1", "s:3", "s:4"), delivered);
        send(A, "s:2");
        send(A, "s:3");
        send(B, "s:5");
        assertEquals(List.of("s:1", "s:3", "s:4", "s:5"), delivered);
        final RedundantFeedStats stats = arbiter.counters().snapshot();
        assertEquals(1, stats.gaps());
        assertEquals(2, stats.held());
        assertEquals(0, stats.filled());
        assertEquals(0, stats.heldNow());
        assertEquals(0, arbiter.poll());
    }

    @Test
    void shouldStopHoldingWhenTheHoldBufferWouldOverflow()
    {
        arbiter = arbiter(9); // three messages of three bytes
        arbiter.legUp(A);
        arbiter.legUp(B);
        send(A, "s:1");
        send(B, "s:3");
        send(B, "s:4");
        send(B, "s:5");
        assertEquals(List.of("s:1"), delivered);
        assertEquals(List.of(), gaps);

        send(B, "s:6");
        assertEquals(List.of("s:2-2"), gaps);
        assertEquals(List.of("s:1", "s:3", "s:4", "s:5", "s:6"), delivered);
        assertEquals(0, arbiter.counters().snapshot().heldNow());
    }

    @Test
    void shouldPlaceTheOverflowingMessageAmongTheHeldOnesInOrder()
    {
        arbiter = arbiter(6);
        arbiter.legUp(A);
        arbiter.legUp(B);
        send(A, "s:1");
        send(B, "s:5");
        send(B, "s:6");
        send(A, "s:3"); // A skipped 2 as well, and a hold of 9 bytes would pass the limit

        assertEquals(List.of("s:2-2", "s:4-4"), gaps);
        assertEquals(List.of("s:1", "s:3", "s:5", "s:6"), delivered);
    }

    @Test
    void shouldNotHoldWhenNoOtherLegIsConnected()
    {
        arbiter.legDown(B);
        send(A, "s:1");
        send(A, "s:4");

        assertEquals(List.of("s:2-3"), gaps);
        assertEquals(List.of("s:1", "s:4"), delivered);
        assertEquals(0, arbiter.counters().snapshot().held());
        assertFalse(arbiter.counters().snapshot().leg("B").connected());
        assertTrue(arbiter.counters().snapshot().leg("A").connected());
    }

    @Test
    void shouldStopWaitingWhenTheLegThatCouldFillTheGapGoesDown()
    {
        send(A, "s:1");
        send(B, "s:3");
        assertEquals(List.of("s:1"), delivered);

        arbiter.legDown(A);
        assertEquals(List.of("s:2-2"), gaps);
        assertEquals(List.of("s:1", "s:3"), delivered);
    }

    @Test
    void shouldWaitAgainForALegThatReconnected()
    {
        send(A, "s:1");
        send(B, "s:3");
        send(A, "s:4"); // A, now past the gap too, cannot fill it...
        assertEquals(List.of("s:2-2"), gaps);
        gaps.clear();
        send(A, "s:6");
        arbiter.legDown(B);
        assertEquals(List.of("s:5-5"), gaps);
        gaps.clear();

        arbiter.legUp(B); // ...but a new connection may bring anything
        send(B, "s:9");
        send(A, "s:7");
        send(A, "s:8");
        assertEquals(List.of(), gaps);
        assertEquals(List.of("s:1", "s:3", "s:4", "s:6", "s:7", "s:8", "s:9"), delivered);
        assertEquals(1, arbiter.counters().snapshot().leg("B").reconnects());
        assertEquals(0, arbiter.counters().snapshot().leg("A").reconnects());
    }

    @Test
    void shouldKeepEachStreamsHoldToItself()
    {
        send(A, "x:1");
        send(A, "y:1");
        send(B, "x:3"); // x waits for 2
        send(B, "y:2");
        send(A, "y:2");
        send(A, "y:3");
        assertEquals(List.of("x:1", "y:1", "y:2", "y:3"), delivered);

        step(TIMEOUT_NS);
        send(A, "y:4");
        assertEquals(1, arbiter.poll());
        assertEquals(List.of("x:2-2"), gaps);
        assertEquals(List.of("x:1", "y:1", "y:2", "y:3", "y:4", "x:3"), delivered);
        assertEquals(2, arbiter.counters().snapshot().streams());
    }

    @Test
    void shouldGiveEachStreamItsOwnTimeout()
    {
        send(A, "x:1");
        send(A, "y:1");
        send(B, "x:3");
        step(TIMEOUT_NS / 2);
        send(B, "y:3");
        step(TIMEOUT_NS / 2);
        assertEquals(1, arbiter.poll());
        assertEquals(List.of("x:2-2"), gaps);
        step(TIMEOUT_NS / 2 - 1);
        assertEquals(0, arbiter.poll());
        step(1);
        assertEquals(1, arbiter.poll());
        assertEquals(List.of("x:2-2", "y:2-2"), gaps);
    }

    @Test
    void shouldFollowUpdateIdRangesThatOverlap()
    {
        send(A, "book:10-20");
        send(B, "book:15-25"); // overlaps 20: continues
        send(A, "book:21-25"); // all delivered: stale
        send(A, "book:26-30");
        send(B, "book:32-40"); // 31 missing: held
        send(A, "book:31-31");

        assertEquals(List.of("book:10-20", "book:15-25", "book:26-30", "book:31-31", "book:32-40"), delivered);
        assertEquals(List.of(), gaps);
    }

    @Test
    void shouldHandUnsequencedMessagesOnPerLeg()
    {
        send(A, "subscribed");
        send(B, "subscribed");
        send(A, "s:1");

        assertEquals(List.of("A subscribed", "B subscribed"), unsequenced);
        assertEquals(List.of("s:1"), delivered);
        assertEquals(1, arbiter.counters().snapshot().leg("B").unsequenced());
    }

    @Test
    void shouldDeliverTheUnnamedStream()
    {
        send(A, ":1");
        send(B, ":2");
        send(A, ":2");
        assertEquals(List.of(":1", ":2"), delivered);
    }

    @Test
    void shouldDeliverNothingOnceClosed()
    {
        send(A, "s:1");
        send(B, "s:3");
        arbiter.close();
        send(A, "s:2");
        step(TIMEOUT_NS);
        arbiter.poll();
        assertEquals(List.of("s:1"), delivered);
    }

    @Test
    void shouldHoldAndFillWithoutAllocatingOnceWarm()
    {
        final long[] count = new long[1];
        final FeedArbiter quiet = new FeedArbiter(new String[]{"A", "B"}, FeedFixtures.TEXT,
            (stream, type, buffer, offset, length, fields) -> count[0]++,
            FeedListener.onGaps((stream, from, to) -> count[0] = -1_000_000),
            null, TIMEOUT_NS, 1 << 20, clock);
        quiet.legUp(A);
        quiet.legUp(B);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final int rounds = 20_000;
        long before = 0;
        for (int round = 0; round < 2 * rounds; round++)
        {
            if (rounds == round)
            {
                before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            }
            // B is ahead by two ids: they wait for A's, then follow
            final int id = 4 * round;
            send(quiet, A, buffer, id + 1);
            send(quiet, B, buffer, id + 3);
            send(quiet, B, buffer, id + 4);
            send(quiet, A, buffer, id + 2);
            send(quiet, A, buffer, id + 3);
            send(quiet, A, buffer, id + 4);
            send(quiet, B, buffer, id + 1);
            send(quiet, B, buffer, id + 2);
            clock.advance(1_000);
            quiet.poll();
        }
        final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertEquals(8L * rounds, count[0]);
        final RedundantFeedStats stats = quiet.counters().snapshot();
        assertEquals(4L * rounds, stats.held());
        assertEquals(4L * rounds, stats.filled());
        // one allocation per held message would be at least 16 bytes x 40,000
        assertTrue(allocated < 4096, "hold and fill allocated " + allocated + " bytes for " + 4 * rounds + " holds");
    }

    private static void send(final FeedArbiter arbiter, final int leg, final UnsafeBuffer buffer, final int id)
    {
        buffer.putByte(0, (byte)'s');
        buffer.putByte(1, (byte)':');
        final int length = 2 + buffer.putNaturalIntAscii(2, id);
        arbiter.onMessage(leg, MessageType.TEXT, buffer, 0, length);
    }

    private FeedArbiter arbiter(final long maxHeldBytes)
    {
        delivered.clear();
        gaps.clear();
        return new FeedArbiter(new String[]{"A", "B"}, FeedFixtures.TEXT, this::onMessage,
            FeedListener.onGaps((stream, from, to) -> gaps.add(stream + ":" + from + "-" + to)),
            (leg, type, buffer, offset, length) -> unsequenced.add(leg + " " + text(buffer, offset, length)),
            TIMEOUT_NS, maxHeldBytes, clock);
    }

    private void onMessage(
        final String stream,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SequenceFields fields)
    {
        final String text = text(buffer, offset, length);
        assertTrue(text.startsWith(stream + ":"), text + " on stream " + stream);
        delivered.add(text);
    }

    private void send(final int leg, final String text)
    {
        arbiter.onMessage(leg, MessageType.TEXT, FeedFixtures.message(text), 0, text.length());
    }

    private void step(final long ns)
    {
        clock.advance(ns);
    }

    private static String text(final DirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getStringWithoutLengthUtf8(offset, length);
    }

    private static void assertWithinPercent(final long expected, final long actual)
    {
        assertEquals(expected, actual, expected / 100.0, "expected " + expected + " within 1%, was " + actual);
    }
}
