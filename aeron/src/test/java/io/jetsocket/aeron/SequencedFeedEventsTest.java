/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.jetsocket.client.feed.FeedListener;
import io.jetsocket.client.time.ExchangeTimestampExtractor;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A sequenced feed's gaps and resets, given to the publisher's feed listener, reach consumers as GAP and RESET
 * events in line with the data.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SequencedFeedEventsTest
{
    @Test
    void shouldStampStreamIdReceiveAndExchangeTimestamps() throws Exception
    {
        try (EmbeddedAeron aeron = new EmbeddedAeron();
            Subscription subscription = aeron.aeron().addSubscription("aeron:ipc", 5006);
            Publication publication = aeron.aeron().addExclusivePublication("aeron:ipc", 5006))
        {
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            try
            {
                while (!publication.isConnected())
                {
                    Thread.yield();
                }
                final AeronFeedPublisher publisher = new AeronFeedPublisher(publication, engine,
                    PublisherOptions.builder().streamId(42)
                        .exchangeTimestamps(ExchangeTimestampExtractor.jsonField("T", TimeUnit.MILLISECONDS)).build(),
                    PublisherCounters.local("stamps"));
                final UnsafeBuffer data = new UnsafeBuffer(
                    "{\"T\":1700000000123,\"p\":\"1.5\"}".getBytes(StandardCharsets.US_ASCII));
                final UnsafeBuffer noStamp = new UnsafeBuffer("{\"p\":\"1.5\"}".getBytes(StandardCharsets.US_ASCII));
                publisher.onMessage(MessageType.TEXT, data, 0, data.capacity());
                publisher.onMessage(MessageType.TEXT, noStamp, 0, noStamp.capacity());

                final long[][] stamps = new long[2][];
                final int[] count = new int[1];
                final io.aeron.logbuffer.FragmentHandler handler = AeronFeedSubscriber.fragmentHandler(
                    (header, buffer, offset, length) -> stamps[count[0]++] = new long[]
                    {header.streamId(), header.receiveTimestampNs(), header.exchangeTimestampNs()},
                    FeedEventHandler.NONE);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (count[0] < 2 && System.nanoTime() - deadline < 0)
                {
                    subscription.poll(handler, 16);
                }

                assertEquals(42, stamps[0][0]);
                assertEquals(engine.receiveEpochNanos(), stamps[0][1], "the engine's stamp of the read");
                assertEquals(1_700_000_000_123_000_000L, stamps[0][2]);
                assertEquals(FeedHeader.NO_TIMESTAMP, stamps[1][2]);
            }
            finally
            {
                CloseHelper.close(engine);
            }
        }
    }

    @Test
    void gapAndResetShouldTravelInLineWithTheData() throws Exception
    {
        try (EmbeddedAeron aeron = new EmbeddedAeron();
            Subscription subscription = aeron.aeron().addSubscription("aeron:ipc", 5005);
            Publication publication = aeron.aeron().addExclusivePublication("aeron:ipc", 5005))
        {
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            try
            {
                while (!publication.isConnected())
                {
                    Thread.yield();
                }
                final AeronFeedPublisher publisher = new AeronFeedPublisher(publication, engine,
                    PublisherOptions.builder().build(), PublisherCounters.local("events"));
                final FeedListener listener = publisher.feedListener();
                final UnsafeBuffer data = new UnsafeBuffer("u=41".getBytes(StandardCharsets.US_ASCII));
                publisher.onMessage(MessageType.TEXT, data, 0, data.capacity());
                listener.onSequenceGap("btcusdt@depth", 42, 44);
                listener.onStreamReset("btcusdt@depth");
                publisher.onMessage(MessageType.TEXT, data, 0, data.capacity());

                final Received consumer = new Received();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (consumer.messages.size() < 4 && System.nanoTime() - deadline < 0)
                {
                    consumer.poll(subscription);
                }

                assertEquals(List.of(
                    new Received.Message(FeedMessageType.DATA, 1, FeedHeader.FLAG_TEXT, 0, 0, 0, "u=41"),
                    new Received.Message(FeedMessageType.GAP, 2, FeedHeader.FLAG_LIFECYCLE, 0, 42, 44, "btcusdt@depth"),
                    new Received.Message(FeedMessageType.RESET, 3, FeedHeader.FLAG_LIFECYCLE, 0, 0, 0, "btcusdt@depth"),
                    new Received.Message(FeedMessageType.DATA, 4, FeedHeader.FLAG_TEXT, 0, 0, 0, "u=41")),
                    consumer.messages);
            }
            finally
            {
                CloseHelper.close(engine);
            }
        }
    }
}
