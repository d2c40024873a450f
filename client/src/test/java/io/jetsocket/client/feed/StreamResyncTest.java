/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.feed.FeedFixtures.ManualExecutor;
import io.jetsocket.client.feed.FeedFixtures.Recorder;
import io.jetsocket.client.feed.FeedFixtures.SteppedTimers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import static io.jetsocket.client.feed.FeedFixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot resync, step by step: fetches run when the test runs the fetch executor, their results reach the
 * sequencer when it runs the engine executor, retries when it steps the clock.
 */
class StreamResyncTest
{
    private final Recorder recorder = new Recorder();
    private final ManualExecutor fetchExecutor = new ManualExecutor();
    private final ManualExecutor engineExecutor = new ManualExecutor();
    private final SteppedTimers timers = new SteppedTimers();
    /** What the next fetches answer, in order: a Snapshot, or a Throwable to fail with. */
    private final ArrayDeque<Object> answers = new ArrayDeque<>();
    private final ArrayDeque<String> fetched = new ArrayDeque<>();

    private SequencedFeed.Builder<String> builder()
    {
        return new SequencedFeed.Builder<>(null)
            .extractor(FeedFixtures.TEXT)
            .handler(recorder)
            .listener(recorder)
            .resync(this::fetch, fetchExecutor)
            .snapshotHandler(recorder)
            .retryBackoff(FeedFixtures.BACKOFF);
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<Snapshot<String>> fetch(final String stream)
    {
        fetched.add(stream);
        final Object answer = answers.poll();
        if (answer instanceof Snapshot)
        {
            return CompletableFuture.completedFuture((Snapshot<String>)answer);
        }
        return CompletableFuture.failedFuture(null == answer ? new IllegalStateException("no answer") :
            (Throwable)answer);
    }

    private void completeFetch(final Object answer)
    {
        answers.add(answer);
        fetchExecutor.runNext();
        engineExecutor.runNext();
    }

    private static Snapshot<String> snapshot(final long lastSequence)
    {
        return new Snapshot<>(lastSequence, "book" + lastSequence);
    }

    @Test
    void shouldStartAStreamFromASnapshotAndReplayTheDeltasBufferedMeanwhile()
    {
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true)
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:10");
        send(sequencer, "A:11");
        send(sequencer, "A:12");
        assertEquals(List.of(), recorder.takeDelivered());
        assertEquals(StreamState.AWAITING_SNAPSHOT, sequencer.stats("A").state());
        assertEquals(List.of("resync A FIRST_MESSAGE"), recorder.takeEvents());
        assertEquals(0, engineExecutor.pending());
        assertEquals(1, fetchExecutor.pending()); // the fetch is not run on the engine thread

        completeFetch(snapshot(10));
        send(sequencer, "A:13");
        assertEquals(List.of("snapshot A@10 book10", "A:11", "A:12", "A:13"), recorder.takeDelivered());
        assertEquals(List.of("reset A", "resynced A@10 replayed 2"), recorder.takeEvents());
        final StreamStats stats = sequencer.stats("A");
        assertEquals(StreamState.LIVE, stats.state());
        assertEquals(13, stats.lastSequence());
        assertEquals(1, stats.resyncs());
        assertEquals(1, stats.resets());
        assertEquals(3, stats.delivered());
    }

    @Test
    void shouldFlagOnlyTheDeltasReplayedFromTheBufferAsReplayed()
    {
        final StreamSequencer<String> sequencer = builder().sequencer(engineExecutor, timers);
        send(sequencer, "A:1");
        assertEquals(List.of("A:1"), recorder.takeDelivered());
        assertEquals(List.of(), recorder.takeReplayed(), "a live message");

        send(sequencer, "A:4"); // gap: A:4 and what follows wait for the snapshot
        send(sequencer, "A:5");
        send(sequencer, "B:1"); // another stream stays live meanwhile
        assertEquals(List.of("B:1"), recorder.takeDelivered());
        assertEquals(List.of(), recorder.takeReplayed());

        completeFetch(snapshot(3));
        assertEquals(List.of("snapshot A@3 book3", "A:4", "A:5"), recorder.takeDelivered());
        assertEquals(List.of("A:4", "A:5"), recorder.takeReplayed());

        send(sequencer, "A:6");
        send(sequencer, "B:2");
        assertEquals(List.of("A:6", "B:2"), recorder.takeDelivered());
        assertEquals(List.of(), recorder.takeReplayed(), "live again after the replay");
    }

    @Test
    void shouldFlagTheDeltasKeptAcrossARestartWhenTheyAreFinallyReplayed()
    {
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true)
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:11");
        send(sequencer, "A:13"); // a gap inside the buffer: A:11 is replayed, A:13 kept for the next snapshot
        completeFetch(snapshot(10));
        assertEquals(List.of("A:11"), recorder.takeReplayed());
        send(sequencer, "A:14");
        completeFetch(snapshot(12));
        send(sequencer, "A:15");
        assertEquals(List.of("snapshot A@10 book10", "A:11", "snapshot A@12 book12", "A:13", "A:14", "A:15"),
            recorder.takeDelivered());
        assertEquals(List.of("A:13", "A:14"), recorder.takeReplayed());
    }

    @Test
    void shouldApplyTheOrderBookRuleToUpdateIdRanges()
    {
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true)
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:5-8");
        send(sequencer, "A:9-12"); // U <= lastUpdateId + 1 <= u for a snapshot at 10
        send(sequencer, "A:13-15");
        completeFetch(snapshot(10));
        assertEquals(List.of("snapshot A@10 book10", "A:9-12", "A:13-15"), recorder.takeDelivered());
        assertEquals(15, sequencer.stats("A").lastSequence());
    }

    @Test
    void shouldFetchAgainAfterABackOffWhenTheSnapshotIsTooOld()
    {
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true)
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:20");
        send(sequencer, "A:21");
        completeFetch(snapshot(15)); // 16..19 are in neither
        assertEquals(List.of(), recorder.takeDelivered()); // the old snapshot never reaches the application
        assertEquals(List.of("resync A FIRST_MESSAGE", "resync A SNAPSHOT_TOO_OLD"), recorder.takeEvents());
        assertEquals(StreamState.RETRY_WAIT, sequencer.stats("A").state());
        assertEquals(Duration.ofMillis(100).toNanos(), timers.deadlineNs());
        send(sequencer, "A:22"); // still buffered
        timers.advance(Duration.ofMillis(99));
        assertEquals(0, fetchExecutor.pending());
        timers.advance(Duration.ofMillis(1));
        assertEquals(StreamState.AWAITING_SNAPSHOT, sequencer.stats("A").state());
        completeFetch(snapshot(20));
        assertEquals(List.of("snapshot A@20 book20", "A:21", "A:22"), recorder.takeDelivered());
        assertEquals(StreamState.LIVE, sequencer.stats("A").state());
    }

    @Test
    void shouldResyncOnAGapWhileTheOtherStreamsKeepFlowing()
    {
        final StreamSequencer<String> sequencer = builder().sequencer(engineExecutor, timers);
        send(sequencer, "A:1");
        send(sequencer, "B:1");
        send(sequencer, "A:4"); // gap: A buffers
        send(sequencer, "B:2");
        send(sequencer, "A:5");
        send(sequencer, "B:3");
        assertEquals(List.of("A:1", "B:1", "B:2", "B:3"), recorder.takeDelivered());
        assertEquals(List.of("gap A 2..3", "resync A GAP"), recorder.takeEvents());
        assertEquals(StreamState.LIVE, sequencer.stats("B").state());
        completeFetch(snapshot(4));
        send(sequencer, "B:4");
        send(sequencer, "A:6");
        assertEquals(List.of("snapshot A@4 book4", "A:5", "B:4", "A:6"), recorder.takeDelivered());
        assertEquals(List.of("A"), List.copyOf(fetched));
        assertEquals(0, sequencer.stats("B").resyncs());
    }

    @Test
    void shouldResyncAgainOnAGapInsideTheBuffer()
    {
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true)
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:11");
        send(sequencer, "A:12");
        send(sequencer, "A:14");
        completeFetch(snapshot(10));
        assertEquals(List.of("snapshot A@10 book10", "A:11", "A:12"), recorder.takeDelivered());
        assertEquals(List.of("resync A FIRST_MESSAGE", "reset A", "gap A 13..13", "resync A GAP"),
            recorder.takeEvents());
        send(sequencer, "A:15");
        completeFetch(snapshot(14)); // covers the kept A:14
        assertEquals(List.of("snapshot A@14 book14", "A:15"), recorder.takeDelivered());
        assertEquals(2, sequencer.stats("A").resyncs());
        assertEquals(1, sequencer.stats("A").gaps());
    }

    @Test
    void shouldDropDuplicatesAndReordersFoundInTheBuffer()
    {
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true)
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:8");
        send(sequencer, "A:11");
        send(sequencer, "A:12");
        send(sequencer, "A:11");
        send(sequencer, "A:13");
        completeFetch(snapshot(10));
        assertEquals(List.of("snapshot A@10 book10", "A:11", "A:12", "A:13"), recorder.takeDelivered());
        assertEquals(1, sequencer.stats("A").duplicates());
    }

    @Test
    void shouldRetryAFailedFetchWithABoundedBackOffThenGiveUp()
    {
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true)
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:1");
        completeFetch(new IllegalStateException("HTTP 503"));
        assertEquals(StreamState.RETRY_WAIT, sequencer.stats("A").state());
        assertEquals(Duration.ofMillis(100).toNanos(), timers.deadlineNs());
        timers.advance(Duration.ofMillis(100));
        completeFetch(new IllegalStateException("HTTP 503"));
        assertEquals(Duration.ofMillis(300).toNanos(), timers.deadlineNs()); // 100 ms + 200 ms
        timers.advance(Duration.ofMillis(200));
        completeFetch(new IllegalStateException("HTTP 503"));
        assertEquals(Duration.ofMillis(700).toNanos(), timers.deadlineNs()); // + 400 ms
        timers.advance(Duration.ofMillis(400));
        completeFetch(new IllegalStateException("HTTP 503"));
        assertEquals(List.of("resync A FIRST_MESSAGE",
            "failed A HTTP 503 attempt 1", "failed A HTTP 503 attempt 2", "failed A HTTP 503 attempt 3",
            "failed A HTTP 503 attempt 4 exhausted"), recorder.takeEvents());
        assertEquals(0, timers.armed());
        final StreamStats failed = sequencer.stats("A");
        assertEquals(StreamState.FAILED, failed.state());
        assertEquals(4, failed.resyncFailures());
        send(sequencer, "A:2");
        assertEquals(1, sequencer.stats("A").discarded());

        assertTrue(sequencer.resync("A")); // the application tries again, with its attempts back
        send(sequencer, "A:3");
        completeFetch(new IllegalStateException("HTTP 503"));
        assertEquals(List.of("resync A REQUESTED", "failed A HTTP 503 attempt 1"), recorder.takeEvents());
        timers.advance(Duration.ofMillis(100));
        completeFetch(snapshot(2));
        assertEquals(List.of("snapshot A@2 book2", "A:3"), recorder.takeDelivered());
        assertEquals(StreamState.LIVE, sequencer.stats("A").state());
    }

    @Test
    void shouldTreatAThrowingFetcherAndARejectingExecutorAsFailedAttempts()
    {
        final StreamSequencer<String> throwing = new SequencedFeed.Builder<>(null)
            .extractor(FeedFixtures.TEXT).handler(recorder).listener(recorder)
            .<String>resync((stream) ->
            {
                throw new IllegalStateException("no route");
            }, Runnable::run)
            .snapshotHandler(recorder).retryBackoff(FeedFixtures.BACKOFF).resyncOnFirstMessage(true)
            .sequencer(Runnable::run, timers);
        send(throwing, "A:1");
        assertEquals(List.of("resync A FIRST_MESSAGE", "failed A no route attempt 1"), recorder.takeEvents());
        assertEquals(StreamState.RETRY_WAIT, throwing.stats("A").state());
        timers.cancel(1);

        final StreamSequencer<String> rejecting = new SequencedFeed.Builder<>(null)
            .extractor(FeedFixtures.TEXT).handler(recorder).listener(recorder)
            .resync(this::fetch, (task) ->
            {
                throw new RejectedExecutionException("pool shut down");
            })
            .snapshotHandler(recorder).retryBackoff(FeedFixtures.BACKOFF).resyncOnFirstMessage(true)
            .sequencer(Runnable::run, timers);
        send(rejecting, "B:1");
        assertEquals(List.of("resync B FIRST_MESSAGE", "failed B pool shut down attempt 1"), recorder.takeEvents());
        assertEquals(1, rejecting.stats("B").resyncFailures());
    }

    @Test
    void shouldDropTheBufferWhenItOutgrowsItsBoundAndStillRecover()
    {
        // three 4-byte messages fit (36 bytes each), a fourth does not
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true).maxBufferedBytes(3 * 36)
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:10");
        send(sequencer, "A:11");
        send(sequencer, "A:12");
        send(sequencer, "A:13");
        assertEquals(List.of("resync A FIRST_MESSAGE", "overflow A 108"), recorder.takeEvents());
        assertEquals(1, sequencer.stats("A").bufferOverflows());
        completeFetch(snapshot(10)); // older than A:13, the only delta kept
        assertEquals(List.of("resync A SNAPSHOT_TOO_OLD"), recorder.takeEvents());
        timers.advance(Duration.ofMillis(100));
        completeFetch(snapshot(12));
        assertEquals(List.of("snapshot A@12 book12", "A:13"), recorder.takeDelivered());
    }

    @Test
    void shouldIgnoreAResultThatArrivesAfterCloseOrReset()
    {
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true)
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:1");
        send(sequencer, "B:1");
        assertTrue(sequencer.reset("A"));
        completeFetch(snapshot(1)); // A's: superseded by the reset
        assertEquals(List.of(), recorder.takeDelivered());
        sequencer.close();
        answers.add(snapshot(1));
        fetchExecutor.runNext(); // B's completes after close: not even queued to the engine
        assertEquals(0, engineExecutor.pending());
        send(sequencer, "B:2");
        assertEquals(List.of(), recorder.takeDelivered());
        assertEquals(List.of("resync A FIRST_MESSAGE", "resync B FIRST_MESSAGE", "reset A"), recorder.takeEvents());
    }

    @Test
    void shouldResyncAStreamWhoseChecksumFails()
    {
        final StreamSequencer<String> sequencer = builder()
            .checksum((stream, buffer, offset, length) -> buffer.getByte(offset + length - 1) != 'X')
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:1");
        send(sequencer, "A:2 X"); // delivered, then found inconsistent
        send(sequencer, "A:3");
        assertEquals(List.of("A:1", "A:2 X"), recorder.takeDelivered());
        assertEquals(List.of("resync A CHECKSUM"), recorder.takeEvents());
        completeFetch(snapshot(2));
        assertEquals(List.of("snapshot A@2 book2", "A:3"), recorder.takeDelivered());
        assertEquals(1, sequencer.stats("A").checksumFailures());
    }

    @Test
    void shouldReuseTheBufferAcrossResyncs()
    {
        final StreamSequencer<String> sequencer = builder().sequencer(engineExecutor, timers);
        send(sequencer, "A:1");
        for (int round = 0; round < 3; round++)
        {
            final long base = 10L * (round + 1);
            send(sequencer, "A:" + base); // a gap each round
            send(sequencer, "A:" + (base + 1));
            completeFetch(snapshot(base));
        }
        assertEquals(3, sequencer.stats("A").resyncs());
        assertEquals(31, sequencer.stats("A").lastSequence());
        assertEquals(StreamState.LIVE, sequencer.stats("A").state());
    }

    @Test
    void shouldFetchAgainWhenTheApplicationThrowsDuringAReplay()
    {
        final boolean[] thrown = new boolean[1];
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true)
            .handler((stream, type, buffer, offset, length, fields) ->
            {
                if (12 == fields.last() && !thrown[0])
                {
                    thrown[0] = true;
                    throw new IllegalStateException("book corrupt");
                }
                recorder.onMessage(stream, type, buffer, offset, length, fields);
            })
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:10");
        send(sequencer, "A:11");
        send(sequencer, "A:12");
        completeFetch(snapshot(10));
        assertEquals(List.of("snapshot A@10 book10", "A:11"), recorder.takeDelivered());
        assertEquals(List.of("resync A FIRST_MESSAGE", "reset A", "failed A book corrupt attempt 1"),
            recorder.takeEvents());
        assertEquals(StreamState.RETRY_WAIT, sequencer.stats("A").state()); // not stuck waiting
        timers.advance(Duration.ofMillis(100));
        completeFetch(snapshot(11));
        assertEquals(List.of("snapshot A@11 book11", "A:12"), recorder.takeDelivered());
        assertEquals(StreamState.LIVE, sequencer.stats("A").state());
    }

    @Test
    void shouldEndAReplayWhenTheHandlerResetsTheStream()
    {
        final AtomicReference<StreamSequencer<String>> self = new AtomicReference<>();
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true)
            .handler((stream, type, buffer, offset, length, fields) ->
            {
                recorder.onMessage(stream, type, buffer, offset, length, fields);
                if (11 == fields.last())
                {
                    self.get().reset(stream);
                }
            })
            .sequencer(engineExecutor, timers);
        self.set(sequencer);
        send(sequencer, "A:10");
        send(sequencer, "A:11");
        send(sequencer, "A:12");
        completeFetch(snapshot(10));
        assertEquals(List.of("snapshot A@10 book10", "A:11"), recorder.takeDelivered());
        assertEquals(List.of("resync A FIRST_MESSAGE", "reset A", "reset A"), recorder.takeEvents());
        assertEquals(StreamState.LIVE, sequencer.stats("A").state());
        send(sequencer, "A:13"); // a fresh start: resync at the first message again
        assertEquals(StreamState.AWAITING_SNAPSHOT, sequencer.stats("A").state());
    }

    @Test
    void shouldResyncAgainWhenTheChecksumFailsDuringAReplay()
    {
        final StreamSequencer<String> sequencer = builder().resyncOnFirstMessage(true)
            .checksum((stream, buffer, offset, length) -> buffer.getByte(offset + length - 1) != 'X')
            .sequencer(engineExecutor, timers);
        send(sequencer, "A:10");
        send(sequencer, "A:11");
        send(sequencer, "A:12 X");
        send(sequencer, "A:13");
        completeFetch(snapshot(10));
        assertEquals(List.of("snapshot A@10 book10", "A:11", "A:12 X"), recorder.takeDelivered());
        assertEquals(List.of("resync A FIRST_MESSAGE", "reset A", "resync A CHECKSUM"), recorder.takeEvents());
        assertEquals(StreamState.AWAITING_SNAPSHOT, sequencer.stats("A").state());
        completeFetch(snapshot(12)); // A:13, kept from the first replay, follows it
        assertEquals(List.of("snapshot A@12 book12", "A:13"), recorder.takeDelivered());
        assertEquals(1, sequencer.stats("A").checksumFailures());
        assertEquals(StreamState.LIVE, sequencer.stats("A").state());
    }
}
