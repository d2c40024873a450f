/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.feed.SequencedFeed;
import io.jetsocket.client.feed.Snapshot;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static io.jetsocket.aeron.FeedHeader.FLAG_LIFECYCLE;
import static io.jetsocket.aeron.FeedHeader.FLAG_REPLAYED;
import static io.jetsocket.aeron.FeedHeader.FLAG_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The publisher in sequenced mode, over a real connection and a real {@link SequencedFeed}: a gap, a resync whose
 * snapshot arrives after more deltas were buffered, and live messages after the replay. The consumer sees the
 * replayed deltas flagged {@link FeedHeader#FLAG_REPLAYED} and nothing else, all in order with contiguous sequence
 * numbers. The test decides when the server sends and when the snapshot fetch completes; it waits for each step,
 * it never sleeps.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SequencedPublishTest
{
    private static final int STREAM = 2004;

    @RegisterExtension
    final Closer closer = new Closer();


    @Test
    void shouldFlagTheDeltasReplayedAfterASnapshotAndNothingElse() throws Exception
    {
        final EmbeddedAeron aeron = closer.track(new EmbeddedAeron());
        final Subscription subscription = closer.track(aeron.aeron().addSubscription("aeron:ipc", STREAM));
        final Publication publication = closer.track(aeron.aeron().addExclusivePublication("aeron:ipc", STREAM));
        awaitTrue(publication::isConnected, "the publication to connect");
        final LinkedBlockingQueue<String> script = new LinkedBlockingQueue<>();
        final FeedServer server = closer.track(FeedServer.scripted(script));
        final WebSocketEngine engine = closer.track(WebSocketEngine.launch(new EngineContext()));
        final WebSocket<Object> ws = closer.track(WebSocket.builder(server.uri()).engine(engine).build());

        final AeronFeedPublisher publisher = closer.track(AeronFeedPublisher.attachSequenced(ws, publication,
            PublisherOptions.builder().streamId(9).build(), PublisherCounters.local("sequenced")));
        final AtomicReference<CompletableFuture<Snapshot<String>>> fetch = new AtomicReference<>();
        closer.track(SequencedFeed.builder(ws)
            .extractor((type, buffer, offset, length, fields) ->
            {
                fields.sequence(Long.parseLong(buffer.getStringWithoutLengthAscii(offset, length)));
                return true;
            })
            .handler(publisher.feedHandler())
            .listener(publisher.feedListener())
            .resync((stream) ->
            {
                final CompletableFuture<Snapshot<String>> future = new CompletableFuture<>();
                fetch.set(future);
                return future;
            }, Runnable::run)
            .snapshotHandler((stream, snapshot) -> {})
            .build());
        // registered after the feed: once it has counted a message, the feed has delivered or buffered it
        final AtomicInteger arrived = new AtomicInteger();
        closer.track(ws.onRawMessage((type, buffer, offset, length) -> arrived.incrementAndGet()));
        ws.connect().get(10, TimeUnit.SECONDS);

        script.addAll(List.of("1", "2", "5", "6", "7")); // 3 and 4 never come: 5, 6 and 7 wait for the snapshot
        awaitTrue(() -> 5 == arrived.get() && null != fetch.get(), "the gap's deltas to be buffered");
        final Received consumer = new Received();
        pollUntil(subscription, consumer, 4); // CONNECTED, 1, 2, GAP: the rest waits for the snapshot

        final long beforeReplayNs = engine.context().epochNanoClock().nanoTime();
        fetch.get().complete(new Snapshot<>(4, "book@4"));
        pollUntil(subscription, consumer, 8); // RESET and the three replayed deltas
        script.addAll(List.of("8", "9"));
        pollUntil(subscription, consumer, 10);

        assertEquals(List.of(
            new Received.Message(FeedMessageType.CONNECTED, 1, FLAG_LIFECYCLE, 1, 0, 0, ""),
            new Received.Message(FeedMessageType.DATA, 2, FLAG_TEXT, 1, 0, 0, "1"),
            new Received.Message(FeedMessageType.DATA, 3, FLAG_TEXT, 1, 0, 0, "2"),
            new Received.Message(FeedMessageType.GAP, 4, FLAG_LIFECYCLE, 1, 3, 4, ""),
            new Received.Message(FeedMessageType.RESET, 5, FLAG_LIFECYCLE, 1, 0, 0, ""),
            new Received.Message(FeedMessageType.DATA, 6, FLAG_TEXT | FLAG_REPLAYED, 1, 0, 0, "5"),
            new Received.Message(FeedMessageType.DATA, 7, FLAG_TEXT | FLAG_REPLAYED, 1, 0, 0, "6"),
            new Received.Message(FeedMessageType.DATA, 8, FLAG_TEXT | FLAG_REPLAYED, 1, 0, 0, "7"),
            new Received.Message(FeedMessageType.DATA, 9, FLAG_TEXT, 1, 0, 0, "8"),
            new Received.Message(FeedMessageType.DATA, 10, FLAG_TEXT, 1, 0, 0, "9")),
            consumer.messages);
        for (int i = 5; i <= 7; i++)
        {
            assertTrue(consumer.receiveTimestampsNs.get(i) >= beforeReplayNs,
                "a replayed delta is stamped when it is replayed, not with a read's stamp: " + i);
        }
        assertTrue(consumer.receiveTimestampsNs.get(2) < beforeReplayNs, "a live message has its read's stamp");
        assertEquals(10, publisher.counters().get(PublisherOutcome.PUBLISHED));
    }


    private static void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out waiting for " + what);
            }
            Thread.yield();
        }
    }

    private static void pollUntil(final Subscription subscription, final Received consumer, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (consumer.messages.size() < count)
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("the consumer received " + consumer.messages + ", not " + count + " messages");
            }
            consumer.poll(subscription);
            Thread.yield();
        }
    }
}
