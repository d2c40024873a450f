/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
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
import org.agrona.CloseHelper;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown()
    {
        final List<AutoCloseable> reversed = new ArrayList<>(closeables);
        Collections.reverse(reversed);
        CloseHelper.closeAll(reversed);
    }

    @Test
    void recordingReplayedThroughTheSameHandlerShouldEqualTheLiveStreamByteForByte() throws Exception
    {
        final int messages = 2_000;
        final int total = 2 * messages + 4; // CONNECTED, data, DISCONNECTED, CONNECTED, RESUBSCRIBED, data
        final EmbeddedAeron aeron = track(new EmbeddedAeron(true));
        final AeronArchive archive = aeron.archive();
        final Publication publication =
            track(aeron.aeron().addExclusivePublication("aeron:ipc?term-length=1m", STREAM));
        final Subscription live = track(aeron.aeron().addSubscription("aeron:ipc", STREAM));
        final FeedRecorder recorder = track(FeedRecorder.start(archive, publication, WAIT));
        await(() -> publication.isConnected() && live.isConnected(), "live subscription to connect");

        final FeedServer server = track(new FeedServer(messages, true));
        final WebSocket<Object> ws = connect(server.uri(), publication, aeron);

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
        final int before = 1_500;
        final int after = 1_500;
        final int total = 1 + before + after; // CONNECTED, then data
        final EmbeddedAeron aeron = track(new EmbeddedAeron(true));
        final AeronArchive archive = aeron.archive();
        final String control = "localhost:" + EmbeddedAeron.udpPort();
        final Publication publication = track(aeron.aeron().addExclusivePublication(
            LateJoiner.publicationChannel(control) + "|term-length=1m", STREAM));
        final Subscription live = track(aeron.aeron().addSubscription(
            "aeron:udp?endpoint=localhost:" + EmbeddedAeron.udpPort() + "|control=" + control, STREAM));
        final FeedRecorder recorder = track(FeedRecorder.start(archive, publication, WAIT));
        await(() -> publication.isConnected() && live.isConnected(), "live subscription to connect");

        final GatedFeedServer server = track(new GatedFeedServer(before, after));
        connect(server.uri(), publication, aeron);

        final RawCapture liveConsumer = new RawCapture();
        final FragmentHandler liveHandler = AeronFeedSubscriber.fragmentHandler(liveConsumer, liveConsumer);
        await(() -> live.poll(liveHandler, 256) >= 0 && liveConsumer.size() >= 1 + before, "first batch live");
        recorder.awaitPosition(publication.position(), WAIT);

        final RawCapture joined = new RawCapture();
        final LateJoiner joiner = track(new LateJoiner(archive, control, "localhost", STREAM, recorder.sessionId(),
            recorder.recordingId(), archive.getStartPosition(recorder.recordingId()), 3, joined, joined));
        server.release(); // the second batch goes live while the joiner replays the first
        final int[] beforeMerge = {-1};
        await(() ->
        {
            live.poll(liveHandler, 256);
            joiner.poll(256);
            if (beforeMerge[0] < 0 && joiner.isMerged())
            {
                beforeMerge[0] = joined.size();
            }
            return liveConsumer.size() >= total && joined.size() >= total && joiner.isMerged();
        }, "late joiner to merge");

        assertTrue(joiner.isMerged());
        assertTrue(beforeMerge[0] >= 1 + before, "the history came from the replay: " + beforeMerge[0]);
        assertContiguous(liveConsumer.sequences, total);
        assertContiguous(joined.sequences, total); // once each and in order, whatever rejoins() says
        assertEquals(liveConsumer.messages, joined.messages, "the late joiner got the live consumer's bytes");
    }

    @Test
    void anEmptyRecordingShouldReplayNothing() throws Exception
    {
        final EmbeddedAeron aeron = track(new EmbeddedAeron(true));
        final Publication publication =
            track(aeron.aeron().addExclusivePublication("aeron:ipc?term-length=64k", STREAM));
        final FeedRecorder recorder = track(FeedRecorder.start(aeron.archive(), publication, WAIT));
        recorder.stop();

        final RawCapture replayed = new RawCapture();
        FeedReplay.replayAll(aeron.archive(), recorder.recordingId(), "aeron:ipc", REPLAY_STREAM, replayed, replayed,
            new YieldingIdleStrategy(), WAIT);
        assertEquals(0, replayed.size());
    }

    @Test
    void lateJoinerShouldJoinAgainAfterAFailedMergeAndThenGiveUp() throws Exception
    {
        final EmbeddedAeron aeron = track(new EmbeddedAeron(true));
        final RawCapture joined = new RawCapture();
        final String control = "localhost:" + EmbeddedAeron.udpPort();
        final long unknownRecording = 42;
        final LateJoiner joiner = track(new LateJoiner(aeron.archive(), control, "localhost", STREAM, 1234,
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

    private WebSocket<Object> connect(final String uri, final Publication publication, final EmbeddedAeron aeron)
        throws Exception
    {
        final WebSocketEngine engine = track(WebSocketEngine.launch(new EngineContext()));
        final WebSocket<Object> ws = track(WebSocket.builder(uri).engine(engine)
            .backoff(BackoffConfig.builder().base(Duration.ofMillis(10)).cap(Duration.ofMillis(20)).build())
            .build());
        AeronFeedPublisher.attach(ws, publication,
            PublisherOptions.builder().streamId(7).policy(BackPressurePolicy.BOUNDED_SPIN).spinLimit(10_000).build(),
            PublisherCounters.local("archive"));
        ws.connect().get(10, TimeUnit.SECONDS);
        return ws;
    }

    private static void assertContiguous(final List<Long> sequences, final int count)
    {
        assertEquals(count, sequences.size());
        for (int i = 0; i < count; i++)
        {
            assertEquals(i + 1, sequences.get(i), "contiguous sequence at " + i);
        }
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out waiting for " + what);
            }
            Thread.yield();
        }
    }

    private <C extends AutoCloseable> C track(final C closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    /**
     * Sends {@code c1-0 ..} on its first connection: one batch at once, then, when released, a second batch.
     */
    private static final class GatedFeedServer implements AutoCloseable
    {
        private final CountDownLatch gate = new CountDownLatch(1);
        private final LoopbackServer server;

        GatedFeedServer(final int before, final int after) throws IOException
        {
            server = LoopbackServer.start("gated-feed-server", (socket) -> serve(socket, before, after));
        }

        String uri()
        {
            return server.uri("ws", "/feed");
        }

        void release()
        {
            gate.countDown();
        }

        private void serve(final Socket socket, final int before, final int after) throws IOException
        {
            socket.setTcpNoDelay(true);
            RawUpgrade.accept(socket);
            final OutputStream out = socket.getOutputStream();
            send(out, 0, before);
            try
            {
                gate.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            send(out, before, before + after);
            FeedServer.readClientFrames(socket, (text) -> {});
        }

        private static void send(final OutputStream out, final int from, final int to) throws IOException
        {
            for (int i = from; i < to; i++)
            {
                final byte[] text = FeedServer.payload(1, i).getBytes(StandardCharsets.US_ASCII);
                final byte[] frame = new byte[2 + text.length];
                frame[0] = (byte)0x81; // FIN, text
                frame[1] = (byte)text.length; // unmasked, under 126 bytes
                System.arraycopy(text, 0, frame, 2, text.length);
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
