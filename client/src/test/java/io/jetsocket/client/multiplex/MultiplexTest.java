/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.CountingJsonCodec;
import io.jetsocket.client.OperationTimeoutException;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.SteppedEngine;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The multiplexer against a real server ({@link MuxServer}, Jetty) with a subscribe protocol. Real-time waits are
 * hang guards only: every assertion is on what arrived, never on how long it took.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MultiplexTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final BackoffConfig FAST = BackoffConfig.builder()
        .base(Duration.ofMillis(20)).cap(Duration.ofMillis(100)).build();

    private static MuxServer server;
    private static WebSocketEngine engine;

    @BeforeAll
    static void start() throws Exception
    {
        server = MuxServer.start();
        engine = WebSocketEngine.launch(new EngineContext().roleName("multiplex-test-engine"));
    }

    @AfterAll
    static void stop()
    {
        engine.close();
        server.close();
    }

    @Test
    void shouldRouteEveryChannelToItsOwnSubscription() throws Exception
    {
        try (Multiplex<Object> mux = venue(5).build())
        {
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final List<ChannelSubscription<Object>> subscriptions = new ArrayList<>();
            for (int c = 0; c < 50; c++)
            {
                subscriptions.add(mux.subscribe("sym" + c + "@trade"));
            }
            for (final ChannelSubscription<Object> subscription : subscriptions)
            {
                for (int seq = 1; seq <= 5; seq++)
                {
                    final Map<?, ?> message = (Map<?, ?>)subscription.recv(WAIT);
                    assertEquals(subscription.channel(), message.get("stream"));
                    assertEquals(seq, seqOf(message), subscription.channel());
                }
            }
            awaitTrue(() -> 50 == mux.stats().unroutable()); // one acknowledgement per subscribe, no stream key
            final MultiplexStats stats = mux.stats();
            assertEquals(250, stats.routed());
            assertEquals(0, stats.drops());
            assertEquals(50, stats.subscriptions().size());
            assertEquals("sym0@trade", stats.subscriptions().get(0).channel());
            for (final SubscriptionStats channel : stats.subscriptions())
            {
                assertEquals(5, channel.messages());
                assertEquals(0, channel.queued());
                assertTrue(channel.lastMessageTimeMs() > 0 && channel.active(), channel.toString());
            }
            assertEquals(mux.channels().get(49), "sym49@trade");
        }
    }

    @Test
    void shouldRouteOnTheDecodedMessageWithAChannelExtractor() throws Exception
    {
        try (Multiplex<Object> mux = Multiplex.builder(client(3))
            .channelExtractor((message) -> (String)((Map<?, ?>)message).get("stream"))
            .subscribeMessage(MultiplexTest::subscribeMessage)
            .build())
        {
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final ChannelSubscription<Object> a = mux.subscribe("a");
            final ChannelSubscription<Object> b = mux.subscribe("b");
            assertEquals(List.of(1, 2, 3), seqs(b, 3, "b"));
            assertEquals(List.of(1, 2, 3), seqs(a, 3, "a"));
        }
    }

    @Test
    void shouldReturnTheSameSubscriptionAndSendNothingOnARepeatSubscribe() throws Exception
    {
        try (Multiplex<Object> mux = venue(1).build())
        {
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final ChannelSubscription<Object> first = mux.subscribe("a");
            assertSame(first, mux.subscribe("a"));
            assertSame(first, mux.subscription("a"));
            assertThrows(IllegalStateException.class, () -> mux.subscribe("a", (message) ->
            {
            }));
            final int conn = connOf(first.recv(WAIT));
            mux.webSocket().sendText("{\"op\":\"publish\",\"channel\":\"a\",\"count\":1}");
            assertEquals(2, seqOf(first.recv(WAIT))); // the publish came after anything the repeat would have sent
            assertEquals(1, server.received(conn).stream().filter((line) -> line.contains("subscribe")).count());
        }
    }

    @Test
    void shouldCountUnroutableMessagesAndHandThemToTheCatchAll() throws Exception
    {
        final List<Object> unroutable = new CopyOnWriteArrayList<>();
        try (Multiplex<Object> mux = venue(1).unroutable(unroutable::add).build())
        {
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final ChannelSubscription<Object> a = mux.subscribe("a");
            a.recv(WAIT);
            mux.webSocket().sendText("{\"op\":\"publish\",\"channel\":\"nobody\",\"count\":2}");
            awaitTrue(() -> 3 == mux.stats().unroutable());
            assertEquals(Map.of("result", "subscribed", "channel", "a"), unroutable.get(0));
            assertEquals("nobody", ((Map<?, ?>)unroutable.get(1)).get("stream"));
            assertEquals(2, seqOf(unroutable.get(2)));
            assertEquals(1, mux.stats().routed());
        }
    }

    @Test
    void shouldDropTheOldestMessagesOfAFullQueueAndSaySo() throws Exception
    {
        final List<MultiplexEvent> events = new CopyOnWriteArrayList<>();
        try (Multiplex<Object> mux = venue(10).queueSize(3).listener(events::add).build())
        {
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final ChannelSubscription<Object> a = mux.subscribe("a");
            awaitTrue(() -> 10 == mux.stats().routed());
            assertEquals(List.of(8, 9, 10), seqs(a, 3, "a"));
            assertNull(a.poll());
            assertEquals(7, a.stats().drops());
            assertEquals(7, mux.stats().drops());
            final List<MultiplexEvent> overflows = events.stream()
                .filter((event) -> MultiplexEvent.Type.OVERFLOW == event.type()).toList();
            assertEquals(7, overflows.size());
            assertEquals(new MultiplexEvent(MultiplexEvent.Type.OVERFLOW, "a", 1, 7), overflows.get(6));
            assertEquals(new MultiplexEvent(MultiplexEvent.Type.SUBSCRIBED, "a", 0, 0), events.get(0));
        }
    }

    @Test
    void shouldKeepTheOldestMessagesWithDropNewest() throws Exception
    {
        try (Multiplex<Object> mux = venue(10).queueSize(3).overflowPolicy(OverflowPolicy.DROP_NEWEST).build())
        {
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final ChannelSubscription<Object> a = mux.subscribe("a");
            awaitTrue(() -> 10 == mux.stats().routed());
            assertEquals(List.of(1, 2, 3), seqs(a, 3, "a"));
            assertEquals(7, a.stats().drops());
        }
        assertThrows(IllegalArgumentException.class, () -> venue(1).overflowPolicy(OverflowPolicy.ERROR));
        assertThrows(IllegalArgumentException.class, () -> venue(1).queueSize(-1));
    }

    @Test
    void shouldStopDeliveryOnUnsubscribe() throws Exception
    {
        final List<MultiplexEvent> events = new CopyOnWriteArrayList<>();
        try (Multiplex<Object> mux = venue(2).listener(events::add).build())
        {
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final ChannelSubscription<Object> a = mux.subscribe("a");
            final int conn = connOf(a.recv(WAIT));
            awaitTrue(() -> 2 == mux.stats().routed());

            assertTrue(mux.unsubscribe("a"));
            assertFalse(mux.unsubscribe("a"));
            a.close(); // idempotent
            assertFalse(a.isActive());
            assertEquals(List.of(), mux.channels());
            final String unsubscribe = conn + " {\"op\":\"unsubscribe\",\"channel\":\"a\"}";
            server.await(unsubscribe::equals, WAIT);
            mux.webSocket().sendText("{\"op\":\"publish\",\"channel\":\"a\",\"count\":3}");
            awaitTrue(() -> 4 == mux.stats().unroutable()); // the ack and the three published after unsubscribing
            assertEquals(2, mux.stats().routed());

            assertEquals(2, seqOf(a.recv(WAIT))); // what was queued before is still there
            final ChannelClosedException closed = assertThrows(ChannelClosedException.class, () -> a.recv(WAIT));
            assertEquals("a", closed.channel());
            assertTrue(closed.getMessage().contains("unsubscribed"), closed.getMessage());
            assertEquals(List.of(MultiplexEvent.Type.SUBSCRIBED, MultiplexEvent.Type.UNSUBSCRIBED),
                events.stream().map(MultiplexEvent::type).toList());

            final ChannelSubscription<Object> again = mux.subscribe("a"); // a new subscription, sent again
            assertEquals(1, seqOf(again.recv(WAIT)));
        }
    }

    @Test
    void shouldWakeEveryWaiterOnClose() throws Exception
    {
        final Multiplex<Object> mux = venue(0).build();
        mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        final ChannelSubscription<Object> quiet = mux.subscribe("quiet");
        final ChannelSubscription<Object> other = mux.subscribe("other");
        final CompletableFuture<Throwable> woken = new CompletableFuture<>();
        final Thread reader = new Thread(() ->
        {
            try
            {
                woken.complete(new AssertionError("got " + quiet.recv()));
            }
            catch (final Throwable ex)
            {
                woken.complete(ex);
            }
        });
        reader.start();
        final List<Object> iterated = Collections.synchronizedList(new ArrayList<>());
        final Thread iterating = new Thread(() -> other.forEach(iterated::add));
        iterating.start();
        awaitTrue(() -> Thread.State.WAITING == reader.getState() && Thread.State.WAITING == iterating.getState());
        assertThrows(OperationTimeoutException.class, () -> quiet.recv(Duration.ofMillis(1)));

        mux.close();
        final Throwable error = woken.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertInstanceOf(ChannelClosedException.class, error);
        assertTrue(error.getMessage().contains("'quiet'") && error.getMessage().contains("multiplexer is closed"),
            error.getMessage());
        iterating.join(WAIT.toMillis());
        assertFalse(iterating.isAlive(), "iteration did not end on close");
        assertTrue(mux.isClosed());
        assertFalse(mux.webSocket().isConnected());
        assertThrows(ChannelClosedException.class, () -> mux.subscribe("late"));
        mux.close(); // idempotent
    }

    @Test
    void shouldDeliverToARawSubscriberWithoutDecoding() throws Exception
    {
        final CountingJsonCodec counting = new CountingJsonCodec();
        final List<String> raw = new CopyOnWriteArrayList<>();
        try (Multiplex<Object> mux = Multiplex.builder(client(4).codec(counting))
            .channelKey("stream")
            .subscribeMessage(MultiplexTest::subscribeMessage)
            .build())
        {
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            mux.subscribeRaw("a", (type, buffer, offset, length) ->
                raw.add(buffer.getStringWithoutLengthUtf8(offset, length)));
            awaitTrue(() -> 4 == raw.size() && 1 == mux.stats().unroutable());
            assertTrue(raw.get(3).startsWith("{\"stream\":\"a\",") && raw.get(3).endsWith("\"seq\":4}"), raw.get(3));
            assertEquals(0, counting.decodes(), "a raw subscriber and an unroutable ack need no decoding");
        }
    }

    @Test
    void shouldResubscribeEveryChannelInOrderBeforeNewTrafficAcrossForcedDrops() throws Exception
    {
        final int channels = 20;
        final int burst = 5;
        final int drops = 4;
        final List<String> reconnects = new CopyOnWriteArrayList<>();
        final AtomicInteger disconnects = new AtomicInteger();
        try (Multiplex<Object> mux = venue(burst).build())
        {
            mux.webSocket().on(EventType.RECONNECTED, (event) -> reconnects.add("reconnected"));
            mux.webSocket().on(EventType.DISCONNECTED, (event) -> disconnects.incrementAndGet());
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final List<String> active = new ArrayList<>();
            for (int c = 0; c < channels; c++)
            {
                active.add("ch" + c);
                mux.subscribe("ch" + c);
            }
            int lastConn = 0;
            for (int round = 0; round <= drops; round++)
            {
                // Every active channel resumes on this connection: 1..burst, no gap, no duplicate, in order.
                int conn = -1;
                for (final String channel : active)
                {
                    final ChannelSubscription<Object> subscription = mux.subscription(channel);
                    for (int seq = 1; seq <= burst; seq++)
                    {
                        final Map<?, ?> message = (Map<?, ?>)subscription.recv(WAIT);
                        assertEquals(channel, message.get("stream"));
                        assertEquals(seq, seqOf(message), channel + " in round " + round);
                        conn = -1 == conn ? connOf(message) : conn;
                        assertEquals(conn, connOf(message), channel + ": a message of another connection");
                    }
                    assertNull(subscription.poll(), channel + ": more than one burst on a connection");
                }
                assertTrue(conn > lastConn, "round " + round + " ran on an old connection");
                lastConn = conn;
                final List<String> received = server.received(conn);
                final List<String> subscribes = new ArrayList<>();
                for (final String channel : active)
                {
                    subscribes.add("{\"op\":\"subscribe\",\"channel\":\"" + channel + "\"}");
                }
                if (round > 0)
                {
                    // The restored subscribe messages, in subscription order, before what the application sent
                    // on this connection (the hello below, sent from this thread as soon as it saw CONNECTED).
                    final String hello = conn + " hello";
                    server.await(hello::equals, WAIT);
                    assertEquals(subscribes, server.received(conn).subList(0, active.size()),
                        "round " + round);
                    assertEquals("hello", server.received(conn).get(active.size()));
                }
                else
                {
                    assertEquals(subscribes, received);
                }
                if (round == drops)
                {
                    break;
                }
                if (1 == round)
                {
                    // Change the set mid-way: ch3 stops being restored, ch3 subscribed again goes last.
                    assertTrue(mux.unsubscribe("ch3"));
                    active.remove("ch3");
                    final String unsubscribe = conn + " {\"op\":\"unsubscribe\",\"channel\":\"ch3\"}";
                    server.await(unsubscribe::equals, WAIT);
                    mux.subscribe("ch3");
                    active.add("ch3");
                    final ChannelSubscription<Object> ch3 = mux.subscription("ch3");
                    assertEquals(List.of(1, 2, 3, 4, 5), seqs(ch3, burst, "ch3"));
                }
                final int expectedDrops = round + 1;
                mux.webSocket().sendText("drop");
                awaitTrue(() -> expectedDrops == disconnects.get());
                // Send as soon as this thread sees CONNECTED: the state changes before the restore runs, so this
                // races the restore on the engine thread, and must still land after it.
                awaitTrue(() -> mux.webSocket().isConnected());
                mux.webSocket().sendText("hello");
            }
            assertEquals(drops, reconnects.size());
            assertEquals(channels, mux.channels().size());
            assertEquals((long)(drops + 1) * channels * burst + (long)burst, mux.stats().routed());
        }
    }

    @Test
    void shouldStampTheLastMessageWithItsArrivalTimeOnSteppedClocks() throws Exception
    {
        final CachedEpochClock epoch = new CachedEpochClock();
        epoch.update(1_000_000L);
        try (SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("multiplex-stepped-engine"),
            5_000_000_000L))
        {
            final List<Object> received = new CopyOnWriteArrayList<>();
            final Multiplex<Object> mux = Multiplex.builder(WebSocket.builder(server.uri(2))
                    .engine(stepped.engine()).clocks(stepped.clock(), epoch).reconnect(false))
                .channelKey("stream")
                .subscribeMessage(MultiplexTest::subscribeMessage)
                .build();
            final ChannelSubscription<Object> a = mux.subscribe("a", received::add); // before connecting: sent on open
            assertEquals(-1, a.stats().lastMessageTimeMs());
            final CompletableFuture<Void> connected = mux.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            stepped.driveUntil(Duration.ZERO, () -> 2 == received.size());
            assertEquals(1_000_000L, a.stats().lastMessageTimeMs());

            stepped.advance(Duration.ofMillis(250));
            epoch.advance(250);
            stepped.engine().doWork();
            assertEquals(1_000_000L, a.stats().lastMessageTimeMs(), "the arrival time, not the time of reading");

            mux.webSocket().sendText("{\"op\":\"publish\",\"channel\":\"a\",\"count\":1}");
            stepped.driveUntil(Duration.ZERO, () -> 3 == received.size());
            assertEquals(1_000_250L, a.stats().lastMessageTimeMs());
            assertEquals(3, a.stats().messages());
            assertThrows(IllegalStateException.class, a::poll, "a handler subscription has no queue");
            mux.close();
            stepped.driveUntil(Duration.ofMillis(10), () -> mux.webSocket().state().isTerminal());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static io.jetsocket.client.config.ClientConfig.Builder<Object> client(final int burst)
    {
        return WebSocket.builder(server.uri(burst)).engine(engine).backoff(FAST);
    }

    private static Multiplex.Builder<Object> venue(final int burst)
    {
        return Multiplex.builder(client(burst))
            .channelKey("stream")
            .subscribeMessage(MultiplexTest::subscribeMessage)
            .unsubscribeMessage((channel) -> orderedMap("unsubscribe", channel));
    }

    private static Object subscribeMessage(final String channel)
    {
        return orderedMap("subscribe", channel);
    }

    private static Map<String, Object> orderedMap(final String op, final String channel)
    {
        final Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("op", op);
        message.put("channel", channel);
        return message;
    }

    private static List<Integer> seqs(final ChannelSubscription<Object> subscription, final int count,
        final String channel) throws InterruptedException
    {
        final List<Integer> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final Map<?, ?> message = (Map<?, ?>)subscription.recv(WAIT);
            assertEquals(channel, message.get("stream"));
            seqs.add(seqOf(message));
        }
        return seqs;
    }

    private static int seqOf(final Object message)
    {
        return ((Number)((Map<?, ?>)message).get("seq")).intValue();
    }

    private static int connOf(final Object message)
    {
        return ((Number)((Map<?, ?>)message).get("conn")).intValue();
    }

    private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException
    {
        MuxServer.awaitTrue(condition, WAIT);
    }
}
