/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.AeronCounters;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.RethrowingErrorHandler;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.logbuffer.FragmentHandler;
import io.jetsocket.aeron.archive.FeedRecorder;
import io.jetsocket.aeron.archive.FeedReplay;
import io.jetsocket.aeron.archive.LateJoiner;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Aeron Archive with a live feed from a real WebSocket: the recording replayed through the consumer's handler equals
 * what the live consumer got, byte for byte; a late joiner replays the history and merges onto the live stream with
 * contiguous sequence numbers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ArchiveTest
{
    private static final int STREAM = 3003;
    private static final int REPLAY_STREAM = 3004;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Closer closer = new Closer();


    @Test
    void recordingReplayedThroughTheSameHandlerShouldEqualTheLiveStreamByteForByte() throws Exception
    {
        final int messages = 2_000;
        final int total = 2 * messages + 4; // CONNECTED, data, DISCONNECTED, CONNECTED, RESUBSCRIBED, data
        final EmbeddedAeron aeron = closer.track(new EmbeddedAeron(true));
        final AeronArchive archive = aeron.archive();
        final Publication publication =
            closer.track(aeron.aeron().addExclusivePublication("aeron:ipc?term-length=1m", STREAM));
        final Subscription live = closer.track(aeron.aeron().addSubscription("aeron:ipc", STREAM));
        final FeedRecorder recorder = closer.track(FeedRecorder.start(archive, publication, WAIT));
        await(() -> publication.isConnected() && live.isConnected(), "live subscription to connect");

        final FeedServer server = closer.track(new FeedServer(messages, true));
        final WebSocket<Object> ws = connect(server.uri(), publication, 10_000);

        final RawCapture liveConsumer = new RawCapture();
        final FragmentHandler liveHandler = AeronFeedSubscriber.fragmentHandler(liveConsumer, liveConsumer);
        await(() -> live.poll(liveHandler, 256) >= 0 && liveConsumer.size() >= total, "live consumer");
        recorder.awaitPosition(publication.position(), WAIT);
        recorder.stop();
        ws.close();

        final RawCapture replayed = new RawCapture();
        FeedReplay.replayAll(archive, recorder.recordingId(), "aeron:ipc", REPLAY_STREAM, replayed, replayed,
            new YieldingIdleStrategy(), WAIT);

        assertEquals(total, liveConsumer.size());
        assertContiguous(liveConsumer.sequences, total);
        assertEquals(liveConsumer.messages, replayed.messages, "replay equals live, header and payload bytes");
        assertEquals(FeedServer.payload(1, 0), replayed.payload(1));
        assertEquals(FeedServer.payload(2, messages - 1), replayed.payload(total - 1));
        assertEquals(0, replayed.replayedFlags, "the recorded bytes are replayed as they are");
    }

    @Test
    void lateJoinerShouldReplayTheHistoryAndMergeOntoTheLiveStreamWithContiguousSequences() throws Exception
    {
        final RecordedFeed feed = new RecordedFeed(1_500, 1_500, "1m", 10_000);
        final RawCapture joined = new RawCapture();
        final LateJoiner joiner = feed.lateJoiner(joined);
        feed.server.release(); // the second batch goes live while the joiner replays the first
        final int beforeMerge = awaitMerged(feed, joiner, joined);

        assertTrue(joiner.isMerged());
        assertTrue(beforeMerge >= 1 + feed.before, "the history came from the replay: " + beforeMerge);
        assertContiguous(feed.liveConsumer.sequences, feed.total);
        assertContiguous(joined.sequences, feed.total); // once each and in order, whatever rejoins() says
        assertEquals(feed.liveConsumer.messages, joined.messages, "the late joiner got the live consumer's bytes");
    }

    @Test
    void lateJoinerShouldResumeFromTheLastWholeMessageWhenItsReplayStopsBeforeTheMerge() throws Exception
    {
        // about 500 KB of history on 128 KB terms: the replay (on the recording's term length) has written at most
        // a term or two ahead of what the joiner took when it is stopped, most of the history is still to come;
        // and a spin long enough that the publisher drops nothing while the one-thread driver catches up
        final RecordedFeed feed = new RecordedFeed(5_000, 500, "128k", 100_000_000);
        final RawCapture joined = new RawCapture();
        final LateJoiner joiner = feed.lateJoiner(joined);
        await(() ->
        {
            feed.pollLive();
            joiner.poll(16);
            return joined.size() >= 300;
        }, "the joiner to replay part of the history");
        assertFalse(joiner.isMerged());
        assertEquals(0, joiner.rejoins());

        // the replay ends under the joiner (an operator, an archive restart) while most of the history is still to
        // be read from the recording: its merge fails (the image closes, or ReplayMerge's progress timeout), and the
        // joiner must join again from just after the last whole message it delivered, neither skipping nor
        // repeating one
        feed.archive.stopAllReplays(feed.recorder.recordingId());
        await(() -> feed.pollLive() >= 0 && 0 == replaySessions(feed.aeron),
            "the archive to end the replay"); // nothing more goes into the replay's log from here
        feed.server.release(); // and the live stream moves on meanwhile
        await(() ->
        {
            feed.pollLive();
            joiner.poll(256);
            return feed.liveConsumer.size() >= feed.total && joined.size() >= feed.total && joiner.isMerged();
        }, "late joiner to rejoin and merge", Duration.ofSeconds(40));

        assertEquals(1, joiner.rejoins());
        assertContiguous(feed.liveConsumer.sequences, feed.total);
        assertContiguous(joined.sequences, feed.total);
        assertEquals(feed.liveConsumer.messages, joined.messages, "the late joiner got the live consumer's bytes");
    }

    @Test
    void lateJoinerShouldDeliverReassembledMessagesOnceInOrderAndWholeAcrossTheMerge() throws Exception
    {
        // every fourth message spans four Aeron fragments, which the joiner reassembles: from the replay, then live
        final RecordedFeed feed = new RecordedFeed(400, 400, "128k", 100_000_000, null, 4);
        final RawCapture joined = new RawCapture();
        final LateJoiner joiner = feed.lateJoiner(joined);
        feed.server.release(); // the second batch goes live while the joiner replays the first
        final int beforeMerge = awaitMerged(feed, joiner, joined);

        assertTrue(beforeMerge >= 1 + feed.before, "the history came from the replay: " + beforeMerge);
        assertContiguous(feed.liveConsumer.sequences, feed.total);
        assertContiguous(joined.sequences, feed.total);
        assertWhole(feed, joined);
        assertEquals(feed.liveConsumer.messages, joined.messages, "the late joiner got the live consumer's bytes");
    }

    @Test
    void aMessageHalfReassembledWhenTheReplayStopsShouldComeOnceAndWholeAfterTheRejoin() throws Exception
    {
        // about 2 MB of history on 128 KB terms, every fourth message spanning four Aeron fragments
        final RecordedFeed feed = new RecordedFeed(2_000, 200, "128k", 100_000_000, null, 4);
        final RawCapture joined = new RawCapture();
        final LateJoiner joiner = feed.lateJoiner(joined);

        // one fragment a poll, until the joiner has read some of a long message's fragments but not all: its image
        // moved on with no message delivered, and not onto a term's end (where padding is skipped)
        final long[] stoppedAt = {-1};
        await(() ->
        {
            feed.pollLive();
            final Image image = joiner.image();
            final long from = null == image ? -1 : image.position();
            final int delivered = joined.size();
            joiner.poll(1);
            if (null != image && delivered >= 300 && joined.size() == delivered && image.position() > from &&
                0 != (image.position() & (image.termBufferLength() - 1)))
            {
                stoppedAt[0] = image.position();
                return true;
            }
            return false;
        }, "the joiner to be in the middle of a long message");
        final int partial = joined.size();
        assertTrue(feed.isLarge(partial), "the message being reassembled is a long one: " + partial);
        assertFalse(joiner.isMerged());
        assertEquals(0, joiner.rejoins());

        // the replay ends there: the joiner reads nothing more from it (not even the message's fragments the archive
        // had sent) until its image is gone, and must rejoin from the start of that message, not from its last
        // fragment, and deliver it once, whole
        feed.archive.stopAllReplays(feed.recorder.recordingId());
        await(() -> feed.pollLive() >= 0 && 0 == replaySessions(feed.aeron), "the archive to end the replay");
        await(() -> feed.pollLive() >= 0 && joiner.image().isClosed(), "the replay's image to close",
            Duration.ofSeconds(30));
        assertEquals(partial, joined.size(), "nothing delivered since stopping at position " + stoppedAt[0]);
        feed.server.release();
        await(() ->
        {
            feed.pollLive();
            joiner.poll(256);
            return feed.liveConsumer.size() >= feed.total && hasLast(joined, feed.total) && joiner.isMerged();
        }, "late joiner to rejoin and merge", Duration.ofSeconds(40));

        assertEquals(1, joiner.rejoins());
        assertContiguous(joined.sequences, feed.total); // neither lost nor delivered twice
        assertEquals(feed.text(partial), joined.payload(partial), "the half reassembled message, whole");
        assertWhole(feed, joined);
        assertEquals(feed.liveConsumer.messages, joined.messages, "the late joiner got the live consumer's bytes");
    }

    @Test
    void aHandlersExceptionBeforeTheMergeShouldPropagateOnceAndTheMessageNotComeAgain() throws Exception
    {
        // a client whose images rethrow what a handler throws (Aeron's default prints it and goes on)
        final RecordedFeed feed = new RecordedFeed(1_500, 1_500, "1m", 10_000, RethrowingErrorHandler.INSTANCE);
        final RawCapture joined = new RawCapture();
        final FailingOnce failing = new FailingOnce(joined, 100); // in the history: it comes from the replay
        final LateJoiner joiner = feed.lateJoiner(failing, joined);

        final RuntimeException thrown = pollUntilThrown(feed, joiner, failing);
        assertSame(failing.failure, thrown, "the handler's own exception, not a failed merge");
        assertFalse(joiner.isMerged());
        assertEquals(0, joiner.rejoins(), "a handler's exception is not a failed merge");
        assertEquals(100, joined.size(), "delivered once, up to the one whose handler threw");

        feed.server.release();
        awaitJoined(feed, joiner, joined);
        assertEquals(0, joiner.rejoins());
        assertContiguous(joined.sequences, feed.total); // the message whose handler threw is not delivered again
        assertEquals(feed.liveConsumer.messages, joined.messages, "the late joiner got the live consumer's bytes");
    }

    @Test
    void aHandlersExceptionAfterTheMergeShouldPropagateOnceAndTheMessageNotComeAgain() throws Exception
    {
        final RecordedFeed feed = new RecordedFeed(500, 500, "1m", 10_000, RethrowingErrorHandler.INSTANCE);
        final RawCapture joined = new RawCapture();
        final FailingOnce failing = new FailingOnce(joined, 1 + feed.before + 100); // in the second batch, live
        final LateJoiner joiner = feed.lateJoiner(failing, joined);
        await(() ->
        {
            feed.pollLive();
            joiner.poll(256);
            return joiner.isMerged() && joined.size() >= 1 + feed.before;
        }, "the joiner to replay the history and merge before the second batch");

        feed.server.release();
        final RuntimeException thrown = pollUntilThrown(feed, joiner, failing);
        assertSame(failing.failure, thrown);
        assertTrue(joiner.isMerged());
        assertEquals(1 + feed.before + 100, joined.size());

        awaitJoined(feed, joiner, joined);
        assertEquals(0, joiner.rejoins());
        assertContiguous(joined.sequences, feed.total);
        assertEquals(feed.liveConsumer.messages, joined.messages, "the late joiner got the live consumer's bytes");
    }

    @Test
    void aMessageWhoseHandlerThrewShouldNotComeAgainWhenTheJoinerRejoins() throws Exception
    {
        // Aeron's default: the image hands the handler's exception to the error handler and goes on
        final List<Throwable> errors = new ArrayList<>();
        final RecordedFeed feed = new RecordedFeed(5_000, 500, "128k", 100_000_000, errors::add);
        final RawCapture joined = new RawCapture();
        final FailingOnce failing = new FailingOnce(joined, 300);
        final LateJoiner joiner = feed.lateJoiner(failing, joined);
        await(() ->
        {
            feed.pollLive();
            joiner.poll(1);
            return failing.hasFailed();
        }, "the handler to throw in the replay");
        assertEquals(List.of(failing.failure), errors);
        assertEquals(300, joined.size());

        // the replay ends right after the message whose handler threw, before the joiner reads anything more
        feed.archive.stopAllReplays(feed.recorder.recordingId());
        await(() -> feed.pollLive() >= 0 && 0 == replaySessions(feed.aeron), "the archive to end the replay");
        await(() -> feed.pollLive() >= 0 && joiner.image().isClosed(), "the replay's image to close",
            Duration.ofSeconds(30));
        feed.server.release();
        await(() ->
        {
            feed.pollLive();
            joiner.poll(256);
            return feed.liveConsumer.size() >= feed.total && joined.size() >= feed.total && joiner.isMerged();
        }, "late joiner to rejoin and merge", Duration.ofSeconds(40));

        assertEquals(1, joiner.rejoins());
        assertContiguous(joined.sequences, feed.total); // from just after it: not delivered twice
    }

    @Test
    void aLateJoinersFeedShouldBeRecordedWhileNoLiveConsumerIsConnected() throws Exception
    {
        // a UDP feed for late joiners whose live consumers are all gone: the recording (a spy in the archive's
        // driver) is then its only reader, and must still get every message, or a late joiner would replay a history
        // with messages missing and nothing to tell
        final EmbeddedAeron aeron = closer.track(new EmbeddedAeron(true));
        final String control = "localhost:" + EmbeddedAeron.udpPort();
        final Publication publication =
            closer.track(aeron.aeron().addExclusivePublication(LateJoiner.publicationChannel(control), STREAM));
        final FeedRecorder recorder = closer.track(FeedRecorder.start(aeron.archive(), publication, WAIT));
        final WebSocketEngine engine = closer.track(WebSocketEngine.embedded(new EngineContext()));
        final AeronFeedPublisher publisher = new AeronFeedPublisher(
            publication, engine, PublisherOptions.builder().build(), PublisherCounters.local("unread"));
        await(publication::isConnected, "the publication to count its recording as a reader");
        publisher.onConnected();
        final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);
        for (int i = 0; i < 10; i++)
        {
            message.putStringWithoutLengthAscii(0, FeedServer.payload(1, i));
            publisher.onMessage(io.jetsocket.engine.MessageType.TEXT, message, 0, 16);
        }
        assertEquals(0, publisher.counters().get(PublisherOutcome.NOT_CONNECTED), publisher.counters().toString());
        recorder.awaitPosition(publication.position(), WAIT);
        recorder.stop();

        final RawCapture replayed = new RawCapture();
        FeedReplay.replayAll(aeron.archive(), recorder.recordingId(), "aeron:ipc", REPLAY_STREAM, replayed, replayed,
            new YieldingIdleStrategy(), WAIT);
        assertContiguous(replayed.sequences, 11);
    }

    @Test
    void anEmptyRecordingShouldReplayNothing() throws Exception
    {
        final EmbeddedAeron aeron = closer.track(new EmbeddedAeron(true));
        final Publication publication =
            closer.track(aeron.aeron().addExclusivePublication("aeron:ipc?term-length=64k", STREAM));
        final FeedRecorder recorder = closer.track(FeedRecorder.start(aeron.archive(), publication, WAIT));
        recorder.stop();

        final RawCapture replayed = new RawCapture();
        FeedReplay.replayAll(aeron.archive(), recorder.recordingId(), "aeron:ipc", REPLAY_STREAM, replayed, replayed,
            new YieldingIdleStrategy(), WAIT);
        assertEquals(0, replayed.size());
    }

    @Test
    void lateJoinerShouldJoinAgainAfterAFailedMergeAndThenGiveUp() throws Exception
    {
        final EmbeddedAeron aeron = closer.track(new EmbeddedAeron(true));
        final RawCapture joined = new RawCapture();
        final String control = "localhost:" + EmbeddedAeron.udpPort();
        final long unknownRecording = 42;
        final LateJoiner joiner = closer.track(new LateJoiner(aeron.archive(), control, "localhost", STREAM, 1234,
            unknownRecording, 0, 2, joined, joined));

        final RuntimeException failure = assertThrows(RuntimeException.class, () ->
        {
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() - deadline < 0)
            {
                joiner.poll(16);
                Thread.yield();
            }
        });
        assertEquals(2, joiner.rejoins());
        assertFalse(joiner.isMerged());
        assertEquals(0, joined.size());
        assertTrue(failure.getMessage().contains(String.valueOf(unknownRecording)), failure.getMessage());
    }

    /**
     * A client publishing into the publication, connected.
     *
     * @param spinLimit BOUNDED_SPIN's retries: enough that nothing is dropped while the media driver (one thread
     *                  for everything, archive included) catches up.
     */
    private WebSocket<Object> connect(final String uri, final Publication publication, final int spinLimit)
        throws Exception
    {
        final WebSocketEngine engine = closer.track(WebSocketEngine.launch(new EngineContext()));
        final WebSocket<Object> ws = closer.track(WebSocket.builder(uri).engine(engine)
            .backoff(BackoffConfig.builder().base(Duration.ofMillis(10)).cap(Duration.ofMillis(20)).build())
            .build());
        AeronFeedPublisher.attach(ws, publication,
            PublisherOptions.builder().streamId(7).policy(BackPressurePolicy.BOUNDED_SPIN).spinLimit(spinLimit).build(),
            PublisherCounters.local("archive"));
        ws.connect().get(10, TimeUnit.SECONDS);
        return ws;
    }

    /**
     * Poll the live consumer and the joiner until the joiner's poll throws; the failing handler has thrown by then.
     */
    private static RuntimeException pollUntilThrown(
        final RecordedFeed feed, final LateJoiner joiner, final FailingOnce failing)
    {
        final RuntimeException[] thrown = {null};
        await(() ->
        {
            feed.pollLive();
            try
            {
                joiner.poll(256);
            }
            catch (final RuntimeException ex)
            {
                thrown[0] = ex;
            }
            return null != thrown[0] || (failing.hasFailed() && joiner.rejoins() > 0);
        }, "the handler's exception out of poll");
        assertTrue(failing.hasFailed(), "the handler threw");
        assertNotNull(thrown[0], "poll() did not throw the handler's exception (rejoins " + joiner.rejoins() + ")");
        return thrown[0];
    }

    /**
     * Poll the live consumer and the joiner until both have every message and the joiner has merged.
     *
     * @return how many messages the joiner had delivered when it merged (the history it replayed, and more).
     */
    private static int awaitMerged(final RecordedFeed feed, final LateJoiner joiner, final RawCapture joined)
    {
        final int[] beforeMerge = {-1};
        await(() ->
        {
            feed.pollLive();
            joiner.poll(256);
            if (beforeMerge[0] < 0 && joiner.isMerged())
            {
                beforeMerge[0] = joined.size();
            }
            return feed.liveConsumer.size() >= feed.total && hasLast(joined, feed.total) && joiner.isMerged();
        }, "late joiner to merge", Duration.ofSeconds(40));
        return beforeMerge[0];
    }

    private static void awaitJoined(final RecordedFeed feed, final LateJoiner joiner, final RawCapture joined)
    {
        await(() ->
        {
            feed.pollLive();
            joiner.poll(256);
            return feed.liveConsumer.size() >= feed.total && joined.size() >= feed.total && joiner.isMerged();
        }, "late joiner to get everything");
    }

    /**
     * Has the capture got the feed's last message: then the joiner has read everything, whether or not it lost or
     * repeated one on the way (the assertions that follow tell).
     */
    private static boolean hasLast(final RawCapture captured, final int total)
    {
        return !captured.sequences.isEmpty() && captured.sequences.get(captured.size() - 1) >= total;
    }

    /**
     * Each data message in the capture is the text the server sent, whole.
     */
    private static void assertWhole(final RecordedFeed feed, final RawCapture captured)
    {
        for (int i = 1; i < captured.size(); i++)
        {
            final String text = captured.payload(i);
            if (!feed.text(i).equals(text))
            {
                fail("message " + i + " (" + (feed.isLarge(i) ? "long" : "short") + ") differs: " +
                    text.length() + " chars, " + feed.text(i).length() + " sent; starts " +
                    text.substring(0, Math.min(12, text.length())));
            }
        }
    }

    private static void assertContiguous(final List<Long> sequences, final int count)
    {
        assertEquals(count, sequences.size());
        for (int i = 0; i < count; i++)
        {
            assertEquals(i + 1, sequences.get(i), "contiguous sequence at " + i);
        }
    }

    /**
     * The archive's count of replay sessions in progress.
     */
    private static long replaySessions(final EmbeddedAeron aeron)
    {
        final CountersReader counters = aeron.aeron().countersReader();
        final long[] sessions = {0};
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (AeronCounters.ARCHIVE_REPLAY_SESSION_COUNT_TYPE_ID == typeId)
            {
                sessions[0] += counters.getCounterValue(counterId);
            }
        });
        return sessions[0];
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        await(condition, what, WAIT);
    }

    private static void await(final BooleanSupplier condition, final String what, final Duration wait)
    {
        final long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out waiting for " + what);
            }
            Thread.yield();
        }
    }


    /**
     * A late joiner's setting: a feed published from a real WebSocket on a UDP publication late joiners can merge
     * onto, recorded, with a live consumer; its first batch ({@code before} messages after CONNECTED) is live and
     * recorded when the constructor returns, the second ({@code after}) waits for {@code server.release()}.
     */
    private final class RecordedFeed
    {
        static final int LARGE_FRAGMENTS = 4;
        final int before;
        final int largeEvery;
        final int largeLength;
        final int total;
        final EmbeddedAeron aeron;
        final AeronArchive archive;
        final String control;
        final Subscription live;
        final FeedRecorder recorder;
        final GatedFeedServer server;
        final RawCapture liveConsumer = new RawCapture();
        final FragmentHandler liveHandler = AeronFeedSubscriber.fragmentHandler(liveConsumer, liveConsumer);

        RecordedFeed(final int before, final int after, final String termLength, final int spinLimit)
            throws Exception
        {
            this(before, after, termLength, spinLimit, null);
        }

        /**
         * @param subscriberErrorHandler the client's (the joiner's and the live consumer's) handler of what a
         *                               fragment handler throws; null for Aeron's default.
         */
        RecordedFeed(
            final int before,
            final int after,
            final String termLength,
            final int spinLimit,
            final ErrorHandler subscriberErrorHandler) throws Exception
        {
            this(before, after, termLength, spinLimit, subscriberErrorHandler, 0);
        }

        /**
         * @param largeEvery every {@code largeEvery}-th data message spans {@link #LARGE_FRAGMENTS} Aeron fragments
         *                   (the last one partly); 0 for none.
         */
        RecordedFeed(
            final int before,
            final int after,
            final String termLength,
            final int spinLimit,
            final ErrorHandler subscriberErrorHandler,
            final int largeEvery) throws Exception
        {
            this.before = before;
            this.largeEvery = largeEvery;
            this.total = 1 + before + after; // CONNECTED, then data
            aeron = closer.track(new EmbeddedAeron(true, subscriberErrorHandler));
            archive = aeron.archive();
            control = "localhost:" + EmbeddedAeron.udpPort();
            final Publication publication = closer.track(aeron.aeron().addExclusivePublication(
                LateJoiner.publicationChannel(control) + "|term-length=" + termLength, STREAM));
            live = closer.track(aeron.aeron().addSubscription(
                "aeron:udp?endpoint=localhost:" + EmbeddedAeron.udpPort() + "|control=" + control, STREAM));
            recorder = closer.track(FeedRecorder.start(archive, publication, WAIT));
            await(() -> publication.isConnected() && live.isConnected(), "live subscription to connect");
            largeLength = publication.maxPayloadLength() * (LARGE_FRAGMENTS - 1) + 100;
            server = closer.track(new GatedFeedServer(before, after, largeEvery, largeLength));
            connect(server.uri(), publication, spinLimit);
            await(() -> pollLive() >= 0 && liveConsumer.size() >= 1 + before, "first batch live");
            recorder.awaitPosition(publication.position(), WAIT);
        }

        /**
         * The text the server sent as a captured message.
         *
         * @param captured the message's index in a capture, where CONNECTED comes first.
         * @return its text.
         */
        String text(final int captured)
        {
            return GatedFeedServer.text(captured - 1, largeEvery, largeLength);
        }

        boolean isLarge(final int captured)
        {
            return captured > 0 && GatedFeedServer.isLarge(captured - 1, largeEvery);
        }

        int pollLive()
        {
            return live.poll(liveHandler, 256);
        }

        /**
         * A late joiner from the recording's start (3 rejoins at most).
         */
        LateJoiner lateJoiner(final RawCapture joined)
        {
            return lateJoiner(joined, joined);
        }

        LateJoiner lateJoiner(final FeedMessageHandler messages, final FeedEventHandler events)
        {
            return closer.track(new LateJoiner(archive, control, "localhost", STREAM, recorder.sessionId(),
                recorder.recordingId(), archive.getStartPosition(recorder.recordingId()), 3, messages, events));
        }
    }

    /**
     * A consumer's handler that keeps each data message in a capture and throws once, after keeping the message of
     * a given sequence number: a consumer's bug or a failed downstream write.
     */
    private static final class FailingOnce implements FeedMessageHandler
    {
        final IllegalStateException failure = new IllegalStateException("the consumer's handler failed");
        private final RawCapture capture;
        private final long failAt;
        private boolean failed;

        FailingOnce(final RawCapture capture, final long failAt)
        {
            this.capture = capture;
            this.failAt = failAt;
        }

        boolean hasFailed()
        {
            return failed;
        }

        @Override
        public void onMessage(final FeedHeader header, final DirectBuffer buffer, final int offset, final int length)
        {
            capture.onMessage(header, buffer, offset, length);
            if (!failed && failAt == header.sequence())
            {
                failed = true;
                throw failure;
            }
        }
    }

    /**
     * Sends {@code c1-0 ..} on its first connection: one batch at once, then, when released, a second batch. With
     * {@code largeEvery} set, every {@code largeEvery}-th message is long ({@link #text}): longer than the Aeron
     * publication's largest payload, so that Aeron splits it into fragments and consumers reassemble it.
     */
    private static final class GatedFeedServer implements AutoCloseable
    {
        private final CountDownLatch gate = new CountDownLatch(1);
        private final LoopbackServer server;

        GatedFeedServer(final int before, final int after, final int largeEvery, final int largeLength)
            throws IOException
        {
            server = LoopbackServer.start("gated-feed-server",
                (socket) -> serve(socket, before, after, largeEvery, largeLength));
        }

        String uri()
        {
            return server.uri("ws", "/feed");
        }

        void release()
        {
            gate.countDown();
        }

        /**
         * The text of a data message: {@code c1-<index>}, or, for every {@code largeEvery}-th one, that followed by
         * letters up to {@code largeLength} characters, which differ from one long message to the next.
         *
         * @param index       of the data message, from 0.
         * @param largeEvery  0 for none long.
         * @param largeLength the length of a long one.
         * @return the text.
         */
        static String text(final int index, final int largeEvery, final int largeLength)
        {
            final String small = FeedServer.payload(1, index);
            if (!isLarge(index, largeEvery))
            {
                return small;
            }
            final StringBuilder text = new StringBuilder(largeLength).append(small).append(':');
            while (text.length() < largeLength)
            {
                text.append((char)('a' + (text.length() + index) % 26));
            }
            return text.toString();
        }

        static boolean isLarge(final int index, final int largeEvery)
        {
            return largeEvery > 0 && largeEvery - 1 == index % largeEvery;
        }

        private void serve(
            final Socket socket, final int before, final int after, final int largeEvery, final int largeLength)
            throws IOException
        {
            socket.setTcpNoDelay(true);
            RawUpgrade.accept(socket);
            final OutputStream out = socket.getOutputStream();
            send(out, 0, before, largeEvery, largeLength);
            try
            {
                gate.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            send(out, before, before + after, largeEvery, largeLength);
            FeedServer.readClientFrames(socket, (text) -> {});
        }

        private static void send(
            final OutputStream out, final int from, final int to, final int largeEvery, final int largeLength)
            throws IOException
        {
            for (int i = from; i < to; i++)
            {
                final byte[] text = text(i, largeEvery, largeLength).getBytes(StandardCharsets.US_ASCII);
                final int lengthBytes = text.length < 126 ? 0 : 2; // unmasked; up to 64 KB in a 16-bit length
                final byte[] frame = new byte[2 + lengthBytes + text.length];
                frame[0] = (byte)0x81; // FIN, text
                if (0 == lengthBytes)
                {
                    frame[1] = (byte)text.length;
                }
                else
                {
                    frame[1] = 126;
                    frame[2] = (byte)(text.length >>> 8);
                    frame[3] = (byte)text.length;
                }
                System.arraycopy(text, 0, frame, 2 + lengthBytes, text.length);
                out.write(frame);
            }
            out.flush();
        }

        @Override
        public void close()
        {
            gate.countDown();
            server.close();
        }
    }
}
