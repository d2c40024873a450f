/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.feed.SequencedFeed;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.TextFramePusher;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the engine thread allocates per message with the publisher attached, measured with the thread's allocation
 * counter on an embedded engine driven by the test thread (bounds as in the client's ClientAllocationTest): with a
 * consumer keeping up (tryClaim and copy), with a stalled consumer under CONFLATE (the hold and flush path), and in
 * sequenced mode (a {@link SequencedFeed} in front of the publisher's feed handler).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PublisherAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    private static final String PAYLOAD =
        "{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"64123.10\",\"q\":\"0.015\",\"t\":1}";

    @ParameterizedTest
    @EnumSource(value = BackPressurePolicy.class, names = {"DROP_AND_COUNT", "CONFLATE"})
    void shouldNotAllocateOnTheEngineThreadWithThePublisherAttached(final BackPressurePolicy policy) throws Exception
    {
        measure(policy, false);
    }

    @Test
    void shouldNotAllocateOnTheEngineThreadPublishingASequencedFeed() throws Exception
    {
        measure(BackPressurePolicy.DROP_AND_COUNT, true);
    }

    /**
     * Push, publish and measure.
     *
     * @param policy    DROP_AND_COUNT with a consumer keeping up, or CONFLATE with a stalled one.
     * @param sequenced publish through a {@link SequencedFeed} ({@link AeronFeedPublisher#feedHandler()}), whose
     *                  extractor numbers the (identical) messages one by one, instead of the raw handler.
     */
    private static void measure(final BackPressurePolicy policy, final boolean sequenced) throws Exception
    {
        final boolean consumerKeepsUp = BackPressurePolicy.DROP_AND_COUNT == policy;
        final String channel = consumerKeepsUp ? "aeron:ipc" : "aeron:ipc?term-length=64k";
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong consumed = new AtomicLong();
        try (EmbeddedAeron aeron = new EmbeddedAeron();
            Subscription subscription = aeron.aeron().addSubscription(channel, 3003);
            Publication publication = aeron.aeron().addExclusivePublication(channel, 3003);
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final Thread consumer = new Thread(() ->
            {
                final Received.Counting counting = new Received.Counting();
                while (running.get())
                {
                    if (consumerKeepsUp)
                    {
                        subscription.poll(counting.handler, 256);
                        consumed.set(counting.count);
                    }
                    Thread.onSpinWait();
                }
            }, "allocation-consumer");
            consumer.setDaemon(true);
            consumer.start();
            final AtomicReference<Throwable> serverError = new AtomicReference<>();
            final Thread pusher = new Thread(() ->
            {
                try
                {
                    TextFramePusher.push(server, PAYLOAD, WARM_UP + MEASURED);
                }
                catch (final Throwable ex)
                {
                    serverError.set(ex);
                }
            }, "allocation-push");
            pusher.setDaemon(true);
            pusher.start();

            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + server.getLocalPort() + "/push")
                .engine(engine).receiveQueue(0, OverflowPolicy.DROP_OLDEST).build();
            final PublisherOptions options = PublisherOptions.builder().policy(policy).build();
            final PublisherCounters publisherCounters = PublisherCounters.local("allocation");
            final AeronFeedPublisher publisher = sequenced ?
                AeronFeedPublisher.attachSequenced(ws, publication, options, publisherCounters) :
                AeronFeedPublisher.attach(ws, publication, options, publisherCounters);
            final SequencedFeed feed = sequenced ? numberedFeed(ws, publisher) : null;
            final long[] received = new long[1]; // ws.stats() makes a snapshot: not for the measured loop
            ws.onRawMessage((type, buffer, offset, length) -> received[0]++);
            ws.connect();
            final long threadId = Thread.currentThread().getId();
            while (received[0] < WARM_UP && !ws.state().isTerminal())
            {
                engine.doWork();
            }
            final long before = threads.getThreadAllocatedBytes(threadId);
            while (received[0] < WARM_UP + MEASURED && !ws.state().isTerminal())
            {
                engine.doWork();
            }
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

            final PublisherCounters counters = publisher.counters();
            final String mode = policy + (sequenced ? " sequenced" : "");
            System.out.println(mode + ": " + allocated + " bytes allocated on the engine thread for " + MEASURED +
                " messages; " + counters);
            assertEquals(WARM_UP + MEASURED, ws.stats().messagesReceived());
            // CONNECTED plus every message, published, dropped or held
            final long accounted = counters.get(PublisherOutcome.PUBLISHED) + counters.get(PublisherOutcome.DROPPED) +
                counters.get(PublisherOutcome.SUPERSEDED) + publisher.heldCount();
            assertEquals(WARM_UP + MEASURED + 1, accounted, counters.toString());
            if (!consumerKeepsUp)
            {
                assertTrue(counters.get(PublisherOutcome.CONFLATED) > 0, counters.toString());
            }
            assertTrue(allocated < 4096, mode + " allocated " + allocated + " bytes for " + MEASURED);
            if (sequenced)
            {
                assertEquals(WARM_UP + MEASURED, feed.stats("").delivered());
            }

            running.set(false);
            consumer.join(5_000);
            ws.closeAsync();
            for (int i = 0; i < 1000 && !ws.state().isTerminal(); i++)
            {
                engine.doWork();
            }
            CloseHelper.closeAll(feed, publisher, engine);
            pusher.join(5_000);
            assertNull(serverError.get());
        }
    }

    /**
     * A sequenced feed in front of the publisher whose extractor numbers the messages one by one, as they come.
     */
    private static SequencedFeed numberedFeed(final WebSocket<?> ws, final AeronFeedPublisher publisher)
    {
        final long[] numbered = new long[1];
        return SequencedFeed.builder(ws)
            .extractor((type, buffer, offset, length, fields) ->
            {
                fields.sequence(++numbered[0]);
                return true;
            })
            .handler(publisher.feedHandler())
            .listener(publisher.feedListener())
            .build();
    }
}
