/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.feed.FeedFixtures.ManualExecutor;
import io.jetsocket.client.feed.FeedFixtures.Recorder;
import io.jetsocket.client.feed.FeedFixtures.SteppedTimers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jetsocket.client.feed.FeedFixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sequencer without resync: order, gaps, duplicates, late arrivals, resets, per-stream counters.
 */
class StreamSequencerTest
{
    private final Recorder recorder = new Recorder();
    private final List<String> unsequenced = new ArrayList<>();

    private StreamSequencer<Object> sequencer()
    {
        return new SequencedFeed.Builder<>(null)
            .extractor(FeedFixtures.TEXT)
            .handler(recorder)
            .listener(recorder)
            .unsequenced((type, buffer, offset, length) ->
                unsequenced.add(buffer.getStringWithoutLengthUtf8(offset, length)))
            .sequencer(Runnable::run, new SteppedTimers());
    }

    @Test
    void shouldStartAStreamAtItsFirstMessageAndDeliverInOrder()
    {
        final StreamSequencer<Object> sequencer = sequencer();
        send(sequencer, "A:5 x");
        send(sequencer, "A:6 y");
        send(sequencer, "A:7 z");
        assertEquals(List.of("A:5 x", "A:6 y", "A:7 z"), recorder.takeDelivered());
        assertEquals(List.of(), recorder.takeEvents());
        final StreamStats stats = sequencer.stats("A");
        assertEquals("A", stats.stream());
        assertEquals(StreamState.LIVE, stats.state());
        assertEquals(7, stats.lastSequence());
        assertEquals(3, stats.delivered());
        assertEquals(0, stats.gaps());
    }

    @Test
    void shouldReportAGapThenCarryOnFromTheMessageAfterIt()
    {
        final StreamSequencer<Object> sequencer = sequencer();
        send(sequencer, "A:1");
        send(sequencer, "A:2");
        send(sequencer, "A:5");
        send(sequencer, "A:6");
        assertEquals(List.of("A:1", "A:2", "A:5", "A:6"), recorder.takeDelivered());
        assertEquals(List.of("gap A 3..4"), recorder.takeEvents());
        final StreamStats stats = sequencer.stats("A");
        assertEquals(1, stats.gaps());
        assertEquals(2, stats.missed());
        assertEquals(4, stats.delivered());
        assertEquals(6, stats.lastSequence());
    }

    @Test
    void shouldDropDuplicatesAndLateArrivalsCountingThemApart()
    {
        final StreamSequencer<Object> sequencer = sequencer();
        send(sequencer, "A:1");
        send(sequencer, "A:2");
        send(sequencer, "A:5"); // gap 3..4
        send(sequencer, "A:3"); // late: inside the gap
        send(sequencer, "A:2"); // duplicate
        send(sequencer, "A:5"); // duplicate
        send(sequencer, "A:4"); // late
        send(sequencer, "A:6");
        assertEquals(List.of("A:1", "A:2", "A:5", "A:6"), recorder.takeDelivered());
        final StreamStats stats = sequencer.stats("A");
        assertEquals(2, stats.outOfOrder());
        assertEquals(2, stats.duplicates());
        assertEquals(4, stats.delivered());
    }

    @Test
    void shouldOrderRangesAndPreviousCurrentPairs()
    {
        final StreamSequencer<Object> sequencer = sequencer();
        send(sequencer, "B:1-3");
        send(sequencer, "B:2-5"); // overlaps the last delivered: follows
        send(sequencer, "B:4-5"); // stale
        send(sequencer, "B:7-9"); // 6 missing
        send(sequencer, "C:0>1");
        send(sequencer, "C:1>4");
        send(sequencer, "C:6>9"); // 5..6 missing: the previous (6) never arrived
        assertEquals(List.of("B:1-3", "B:2-5", "B:7-9", "C:0>1", "C:1>4", "C:6>9"), recorder.takeDelivered());
        assertEquals(List.of("gap B 6..6", "gap C 5..6"), recorder.takeEvents());
        assertEquals(1, sequencer.stats("B").duplicates());
        assertEquals(9, sequencer.stats("B").lastSequence());
        assertEquals(2, sequencer.stats("C").missed());
    }

    @Test
    void shouldKeepEachStreamApart()
    {
        final StreamSequencer<Object> sequencer = sequencer();
        send(sequencer, "A:1");
        send(sequencer, "B:100");
        send(sequencer, "A:3");
        send(sequencer, "B:101");
        send(sequencer, "B:101");
        send(sequencer, "A:4");
        assertEquals(List.of("A:1", "B:100", "A:3", "B:101", "A:4"), recorder.takeDelivered());
        assertEquals(List.of("gap A 2..2"), recorder.takeEvents());
        assertEquals(0, sequencer.stats("B").gaps());
        assertEquals(1, sequencer.stats("B").duplicates());
        assertEquals(0, sequencer.stats("A").duplicates());
        assertEquals(java.util.Set.of("A", "B"), sequencer.streams());
        assertNull(sequencer.stats("C"));
    }

    @Test
    void shouldTrackTheUnnamedStreamAndPassUnsequencedMessagesThrough()
    {
        final StreamSequencer<Object> sequencer = sequencer();
        send(sequencer, ":1");
        send(sequencer, "ack subscribed");
        send(sequencer, ":2");
        send(sequencer, ":2");
        assertEquals(List.of(":1", ":2"), recorder.takeDelivered());
        assertEquals(List.of("ack subscribed"), unsequenced);
        assertEquals(2, sequencer.stats("").delivered());
        assertEquals(1, sequencer.stats("").duplicates());
    }

    @Test
    void shouldRestartAStreamOnReset()
    {
        final StreamSequencer<Object> sequencer = sequencer();
        send(sequencer, "A:10");
        send(sequencer, "B:10");
        assertTrue(sequencer.reset("A"));
        assertFalse(sequencer.reset("nope"));
        send(sequencer, "A:1"); // starts it again: neither stale nor a gap
        send(sequencer, "A:2");
        send(sequencer, "B:9");
        assertEquals(List.of("A:10", "B:10", "A:1", "A:2"), recorder.takeDelivered());
        assertEquals(List.of("reset A"), recorder.takeEvents());
        assertEquals(1, sequencer.stats("A").resets());
        assertEquals(0, sequencer.stats("A").duplicates());
        assertEquals(1, sequencer.stats("B").duplicates());
    }

    @Test
    void shouldResetEveryStreamWhenTheConnectionIsReplaced()
    {
        final StreamSequencer<Object> sequencer = sequencer();
        send(sequencer, "A:10");
        send(sequencer, "B:20");
        sequencer.resetAll();
        send(sequencer, "A:1");
        send(sequencer, "B:1");
        assertEquals(List.of("A:10", "B:20", "A:1", "B:1"), recorder.takeDelivered());
        assertEquals(2, recorder.takeEvents().stream().filter((e) -> e.startsWith("reset ")).count());
    }

    @Test
    void shouldCountAChecksumFailureWithoutAFetcher()
    {
        final StreamSequencer<Object> sequencer = new SequencedFeed.Builder<>(null)
            .extractor(FeedFixtures.TEXT)
            .handler(recorder)
            .checksum((stream, buffer, offset, length) -> buffer.getByte(offset + length - 1) != 'X')
            .sequencer(Runnable::run, new SteppedTimers());
        send(sequencer, "A:1");
        send(sequencer, "A:2 X");
        send(sequencer, "A:3");
        assertEquals(3, recorder.takeDelivered().size());
        assertEquals(1, sequencer.stats("A").checksumFailures());
        assertEquals(StreamState.LIVE, sequencer.stats("A").state());
    }

    @Test
    void shouldValidateTheBuilder()
    {
        final SequencedFeed.Builder<Object> noExtractor = new SequencedFeed.Builder<>(null).handler(recorder);
        assertEquals("SequencedFeed needs an extractor", assertThrows(IllegalStateException.class,
            () -> noExtractor.sequencer(Runnable::run, new SteppedTimers())).getMessage());
        final SequencedFeed.Builder<Object> noHandler = new SequencedFeed.Builder<>(null)
            .extractor(FeedFixtures.TEXT);
        assertThrows(IllegalStateException.class, () -> noHandler.sequencer(Runnable::run, new SteppedTimers()));
        final SequencedFeed.Builder<String> noSnapshotHandler = new SequencedFeed.Builder<>(null)
            .extractor(FeedFixtures.TEXT).handler(recorder)
            .resync((stream) -> null, new ManualExecutor());
        assertEquals("SequencedFeed with resync needs a snapshotHandler", assertThrows(IllegalStateException.class,
            () -> noSnapshotHandler.sequencer(Runnable::run, new SteppedTimers())).getMessage());
        final SequencedFeed.Builder<Object> firstWithoutFetcher = new SequencedFeed.Builder<>(null)
            .extractor(FeedFixtures.TEXT).handler(recorder).resyncOnFirstMessage(true);
        assertThrows(IllegalStateException.class,
            () -> firstWithoutFetcher.sequencer(Runnable::run, new SteppedTimers()));
        assertThrows(IllegalArgumentException.class, () -> new SequencedFeed.Builder<>(null).maxBufferedBytes(32));
        assertThrows(IllegalStateException.class, () -> sequencer().resync("A"));
    }
}
