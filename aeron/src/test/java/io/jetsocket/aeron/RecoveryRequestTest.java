/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.feed.JsonSequenceExtractor;
import io.jetsocket.client.feed.SequencedFeed;
import io.jetsocket.client.multiplex.Multiplex;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Snapshot and recovery requests on the control stream: a consumer that lost its place gets a RESET event for the
 * channel on the feed stream, then the venue sees the channel resubscribed (and would send a fresh snapshot); with
 * a sequenced feed a snapshot request resyncs the feed's stream instead.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecoveryRequestTest
{
    private static final int CONTROL_STREAM = 6106;
    private static final int FEED_STREAM = 6107;
    private static final String CHANNEL = "btcusdt@depth";

    private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    @RegisterExtension
    final Closer closer = new Closer();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
    private Publication controlOut;
    private Subscription feed;
    private Multiplex<Object> mux;
    private AeronFeedPublisher publisher;
    private WebSocketEngine engine;


    @Test
    void recoveryRequestShouldPublishResetThenResubscribeTheChannel() throws Exception
    {
        final FeedControlAgent agent = start((mux, publisher) -> SubscriptionControl.of(mux, publisher));
        command(ControlCommand.SUBSCRIBE, CHANNEL);
        assertEquals(op("subscribe", CHANNEL), sent.poll(10, TimeUnit.SECONDS));

        command(ControlCommand.RECOVERY_REQUEST, CHANNEL);
        assertEquals(op("unsubscribe", CHANNEL), sent.poll(10, TimeUnit.SECONDS));
        assertEquals(op("subscribe", CHANNEL), sent.poll(10, TimeUnit.SECONDS));
        awaitCount(agent, 2, 0);

        final Received consumer = new Received();
        await(() -> consumer.poll(feed) >= 0 && consumer.messages.size() >= 2, "CONNECTED and RESET on the feed");
        assertEquals(FeedMessageType.CONNECTED, consumer.messages.get(0).type());
        final Received.Message reset = consumer.messages.get(1);
        assertEquals(FeedMessageType.RESET, reset.type());
        assertEquals(CHANNEL, reset.payload());
        assertEquals(2, reset.sequence(), "the RESET is numbered in the feed's sequence");
        assertEquals(List.of(CHANNEL), mux.channels());
    }

    @Test
    void snapshotRequestWithoutAFeedShouldResubscribeAndRequestsForForeignChannelsShouldBeRejected() throws Exception
    {
        final FeedControlAgent agent = start((mux, publisher) -> SubscriptionControl.of(mux, publisher));
        mux.subscribe("ethusdt@depth"); // the application's own channel: not the control stream's to resubscribe
        assertEquals(op("subscribe", "ethusdt@depth"), sent.poll(10, TimeUnit.SECONDS));
        command(ControlCommand.SUBSCRIBE, CHANNEL);
        assertEquals(op("subscribe", CHANNEL), sent.poll(10, TimeUnit.SECONDS));

        command(ControlCommand.RECOVERY_REQUEST, "ethusdt@depth");
        command(ControlCommand.SNAPSHOT_REQUEST, "never-subscribed");
        command(ControlCommand.SNAPSHOT_REQUEST, CHANNEL);
        assertEquals(op("unsubscribe", CHANNEL), sent.poll(10, TimeUnit.SECONDS));
        assertEquals(op("subscribe", CHANNEL), sent.poll(10, TimeUnit.SECONDS));
        awaitCount(agent, 2, 2);
        assertNull(sent.poll(100, TimeUnit.MILLISECONDS), "nothing sent for the refused requests");
        assertTrue(mux.channels().contains("ethusdt@depth"));
    }

    @Test
    void snapshotRequestWithAFeedShouldResyncTheStreamAndSendNothing() throws Exception
    {
        final List<String> resynced = new CopyOnWriteArrayList<>();
        final FeedControlAgent agent = start((mux, publisher) -> new MultiplexControl(mux, publisher, resynced::add));
        command(ControlCommand.SUBSCRIBE, CHANNEL);
        assertEquals(op("subscribe", CHANNEL), sent.poll(10, TimeUnit.SECONDS));

        command(ControlCommand.SNAPSHOT_REQUEST, "BTCUSDT");
        awaitCount(agent, 2, 0);
        assertEquals(List.of("BTCUSDT"), resynced);
        assertNull(sent.poll(100, TimeUnit.MILLISECONDS), "a resync fetches its snapshot, the venue sees nothing");
    }

    @Test
    void snapshotRequestWithAFeedThatCannotFetchSnapshotsShouldResubscribe() throws Exception
    {
        final FeedControlAgent agent = start((mux, publisher) -> SubscriptionControl.of(mux, publisher,
            SequencedFeed.builder(mux.webSocket())
                .extractor(JsonSequenceExtractor.builder().stream("s").sequence("u").build())
                .handler((stream, type, buffer, offset, length, fields) -> {})
                .build()));
        command(ControlCommand.SUBSCRIBE, CHANNEL);
        assertEquals(op("subscribe", CHANNEL), sent.poll(10, TimeUnit.SECONDS));

        command(ControlCommand.SNAPSHOT_REQUEST, CHANNEL);
        assertEquals(op("unsubscribe", CHANNEL), sent.poll(10, TimeUnit.SECONDS));
        assertEquals(op("subscribe", CHANNEL), sent.poll(10, TimeUnit.SECONDS));
        awaitCount(agent, 2, 0);
        final Received consumer = new Received();
        await(() -> consumer.poll(feed) >= 0 && consumer.messages.size() >= 2, "CONNECTED and RESET on the feed");
        assertEquals(FeedMessageType.RESET, consumer.messages.get(1).type());
    }

    @Test
    void idlePollingOfTheControlStreamShouldNotAllocate() throws Exception
    {
        final FeedControlAgent agent = start((mux, publisher) -> SubscriptionControl.of(mux, publisher));
        engine.removeAgent(agent);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        for (int i = 0; i < 100_000; i++)
        {
            agent.doWork(); // warm up: the polling path compiled
        }
        final long before = threads.getThreadAllocatedBytes(thread);
        int work = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            work += agent.doWork();
        }
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(0, work);
        assertTrue(allocated < 1024, "bytes allocated by 1,000,000 idle polls: " + allocated);
    }

    @Test
    void controlWithoutRecoveryShouldRejectRecoveryRequests() throws Exception
    {
        final List<String> subscribed = new CopyOnWriteArrayList<>();
        final FeedControlAgent agent = start((mux, publisher) -> new SubscriptionControl()
        {
            @Override
            public void subscribe(final String channel)
            {
                subscribed.add(channel);
            }

            @Override
            public void unsubscribe(final String channel)
            {
            }
        });
        command(ControlCommand.SUBSCRIBE, CHANNEL);
        command(ControlCommand.RECOVERY_REQUEST, CHANNEL);
        command(ControlCommand.SNAPSHOT_REQUEST, CHANNEL);
        awaitCount(agent, 1, 2);
        assertEquals(List.of(CHANNEL), subscribed);
    }

    @Test
    void commandsShouldRoundTripTheirCodes()
    {
        for (final ControlCommand command : ControlCommand.values())
        {
            assertEquals(command, ControlCommand.ofCode(command.code()));
            final int length = FeedControl.encode(message, 0, command, CHANNEL);
            assertEquals(command, FeedControl.command(message, 0, length));
            assertEquals(CHANNEL, FeedControl.channel(message, 0, length));
        }
        assertEquals(3, ControlCommand.SNAPSHOT_REQUEST.code());
        assertEquals(4, ControlCommand.RECOVERY_REQUEST.code());
        assertNull(ControlCommand.ofCode(5));
    }

    private interface ControlFactory
    {
        SubscriptionControl create(Multiplex<Object> mux, AeronFeedPublisher publisher);
    }

    private FeedControlAgent start(final ControlFactory factory) throws Exception
    {
        final EmbeddedAeron aeron = closer.track(new EmbeddedAeron());
        final Subscription controlIn = closer.track(aeron.aeron().addSubscription("aeron:ipc", CONTROL_STREAM));
        controlOut = closer.track(aeron.aeron().addExclusivePublication("aeron:ipc", CONTROL_STREAM));
        feed = closer.track(aeron.aeron().addSubscription("aeron:ipc", FEED_STREAM));
        final Publication feedOut = closer.track(aeron.aeron().addExclusivePublication("aeron:ipc", FEED_STREAM));
        final LoopbackServer venue = closer.track(LoopbackServer.start("venue", (socket) ->
        {
            RawUpgrade.accept(socket);
            FeedServer.readClientFrames(socket, sent::add);
        }));
        engine = closer.track(WebSocketEngine.launch(new EngineContext()));
        mux = Multiplex.builder(WebSocket.builder(venue.uri("ws", "/mux")).engine(engine))
            .channelKey("stream")
            .subscribeMessage((channel) -> opMessage("subscribe", channel))
            .unsubscribeMessage((channel) -> opMessage("unsubscribe", channel))
            .build();
        closer.track(mux::close);
        await(() -> feedOut.isConnected() && controlOut.isConnected(), "Aeron publications connected");
        publisher = closer.track(AeronFeedPublisher.attach(mux.webSocket(), feedOut, PublisherOptions.builder().build(),
            PublisherCounters.local("recovery")));
        mux.connect().get(10, TimeUnit.SECONDS);
        final FeedControlAgent agent = new FeedControlAgent(controlIn, factory.create(mux, publisher));
        engine.addAgent(agent);
        return agent;
    }

    private void command(final ControlCommand command, final String channel)
    {
        final int length = FeedControl.encode(message, 0, command, channel);
        await(() -> controlOut.offer(message, 0, length) > 0, "control message offered");
    }

    private static void awaitCount(final FeedControlAgent agent, final long applied, final long rejected)
    {
        await(() -> agent.applied() + agent.rejected() >= applied + rejected, "control messages handled");
        assertEquals(applied, agent.applied(), "applied");
        assertEquals(rejected, agent.rejected(), "rejected");
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out waiting for: " + what);
            }
            Thread.yield();
        }
    }

    private static String op(final String op, final String channel)
    {
        return "{\"op\":\"" + op + "\",\"stream\":\"" + channel + "\"}";
    }

    private static Map<String, Object> opMessage(final String op, final String channel)
    {
        final Map<String, Object> message = new LinkedHashMap<>();
        message.put("op", op);
        message.put("stream", channel);
        return message;
    }

}
