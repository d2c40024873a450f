/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharded multiplexer against a real server ({@link MuxServer}, Jetty), which numbers its connections: a
 * message's {@code conn} says which connection (shard) carried it. Real-time waits are hang guards only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShardedMultiplexTest
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
        engine = WebSocketEngine.launch(new EngineContext().roleName("sharded-multiplex-test-engine"));
    }

    @AfterAll
    static void stop()
    {
        engine.close();
        server.close();
    }

    @Test
    void shouldSpreadChannelsOverAsManyConnectionsAsTheCapRequires() throws Exception
    {
        try (ShardedMultiplex<Object> mux = venue(2).buildSharded(3))
        {
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            for (int c = 0; c < 8; c++)
            {
                mux.subscribe("ch" + c);
            }
            assertEquals(3, mux.shards().size());
            final Map<Integer, List<String>> channelsByConn = new LinkedHashMap<>();
            for (int c = 0; c < 8; c++)
            {
                final String channel = "ch" + c;
                final ChannelSubscription<Object> subscription = mux.subscription(channel);
                final Map<?, ?> first = (Map<?, ?>)subscription.recv(WAIT);
                final Map<?, ?> second = (Map<?, ?>)subscription.recv(WAIT);
                assertEquals(List.of(channel, channel), List.of(first.get("stream"), second.get("stream")));
                assertEquals(List.of(1, 2), List.of(seqOf(first), seqOf(second)), channel);
                assertEquals(connOf(first), connOf(second), channel);
                channelsByConn.computeIfAbsent(connOf(first), (conn) -> new ArrayList<>()).add(channel);
                assertSame(mux.shards().get(c / 3), mux.shardOf(channel), channel + ": first shard with room");
            }
            // Three connections, filled in order; each server session saw only its own channels' subscribes.
            assertEquals(List.of(List.of("ch0", "ch1", "ch2"), List.of("ch3", "ch4", "ch5"), List.of("ch6", "ch7")),
                new ArrayList<>(channelsByConn.values()));
            for (final Map.Entry<Integer, List<String>> entry : channelsByConn.entrySet())
            {
                assertEquals(subscribes(entry.getValue()), server.received(entry.getKey()));
            }

            awaitTrue(() -> 16 == mux.stats().routed() && 8 == mux.stats().unroutable()); // + one ack each
            final ShardedMultiplexStats stats = mux.stats();
            assertEquals(3, stats.connections());
            assertEquals(8, stats.channels());
            assertEquals(List.of(3, 3, 2), stats.shards().stream().map((s) -> s.subscriptions().size()).toList());
            assertEquals(List.of(6L, 6L, 4L), stats.shards().stream().map(MultiplexStats::routed).toList());
            assertEquals(List.of("ch0", "ch1", "ch2", "ch3", "ch4", "ch5", "ch6", "ch7"), mux.channels());
            assertEquals(3, mux.maxChannelsPerConnection());
        }
    }

    @Test
    void shouldReuseAFreedSlotWithoutANewConnectionAndReturnTheSameSubscriptionOnRepeat() throws Exception
    {
        try (ShardedMultiplex<Object> mux = venue(1).buildSharded(2))
        {
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final ChannelSubscription<Object> a = mux.subscribe("a");
            final ChannelSubscription<Object> b = mux.subscribe("b");
            final ChannelSubscription<Object> c = mux.subscribe("c");
            final int conn0 = connOf(a.recv(WAIT));
            assertEquals(conn0, connOf(b.recv(WAIT)));
            final int conn1 = connOf(c.recv(WAIT));
            assertNotEquals(conn0, conn1);
            assertEquals(2, mux.shards().size());

            // Repeat: the same subscription, nothing sent (the publish below lands after anything it would send).
            assertSame(b, mux.subscribe("b"));
            assertThrows(IllegalStateException.class, () -> mux.subscribe("b", (message) ->
            {
            }));
            mux.shardOf("b").webSocket().sendText("{\"op\":\"publish\",\"channel\":\"b\",\"count\":1}");
            assertEquals(2, seqOf(b.recv(WAIT)));
            assertEquals(1, server.received(conn0).stream().filter((line) -> line.contains("\"b\"}")).count());

            // Unsubscribe frees a's slot on the first shard: d takes it, on the same connection, no new one.
            assertTrue(mux.unsubscribe("a"));
            assertFalse(mux.unsubscribe("a"));
            assertFalse(a.isActive());
            final ChannelSubscription<Object> d = mux.subscribe("d");
            assertEquals(conn0, connOf(d.recv(WAIT)));
            assertSame(mux.shards().get(0), mux.shardOf("d"));
            // Closing a subscription itself frees its slot too: e takes c's place on the second shard.
            c.close();
            final ChannelSubscription<Object> e = mux.subscribe("e");
            assertEquals(conn1, connOf(e.recv(WAIT)));
            assertEquals(2, mux.shards().size());
            assertEquals(List.of("b", "d", "e"), mux.channels());

            // An empty shard is kept, and refilled before any new one is opened.
            assertTrue(mux.unsubscribe("e"));
            assertEquals(List.of(2, 0), mux.stats().shards().stream().map((s) -> s.subscriptions().size()).toList());
            assertEquals(conn1, connOf(mux.subscribe("f").recv(WAIT)));
            assertEquals(conn1, connOf(mux.subscribe("g").recv(WAIT)));
            final int conn2 = connOf(mux.subscribe("h").recv(WAIT)); // both shards full: a third connection
            assertNotEquals(conn0, conn2);
            assertNotEquals(conn1, conn2);
            assertEquals(3, mux.shards().size());
            assertNull(mux.subscription("a"));
        }
    }

    @Test
    void shouldRestoreOnlyTheDroppedShardsChannelsWhileTheOthersKeepFlowing() throws Exception
    {
        final int burst = 3;
        try (ShardedMultiplex<Object> mux = venue(burst).buildSharded(3))
        {
            final List<String> channels = List.of("a", "b", "c", "d", "e", "f");
            for (final String channel : channels)
            {
                mux.subscribe(channel); // before connecting: each shard sends its channels when it opens
            }
            assertEquals(2, mux.shards().size());
            final Multiplex<Object> dropped = mux.shards().get(0);
            final Multiplex<Object> steady = mux.shards().get(1);
            final AtomicInteger droppedDisconnects = new AtomicInteger();
            final AtomicInteger steadyDisconnects = new AtomicInteger();
            dropped.webSocket().on(EventType.DISCONNECTED, (event) -> droppedDisconnects.incrementAndGet());
            steady.webSocket().on(EventType.DISCONNECTED, (event) -> steadyDisconnects.incrementAndGet());
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            final Map<String, Integer> firstConn = new LinkedHashMap<>();
            for (final String channel : channels)
            {
                firstConn.put(channel, expectSeqs(mux.subscription(channel), channel, 1, burst));
            }
            final int steadyConn = firstConn.get("d");

            dropped.webSocket().sendText("drop");
            awaitTrue(() -> 1 == droppedDisconnects.get());
            // The other shard keeps flowing meanwhile: its sequence continues on its first connection.
            steady.webSocket().sendText("{\"op\":\"publish\",\"channel\":\"d\",\"count\":2}");
            assertEquals(steadyConn, expectSeqs(mux.subscription("d"), "d", burst + 1, burst + 2));

            // The dropped shard's channels resume on its new connection: 1..burst each, no gap, no duplicate.
            int newConn = -1;
            for (final String channel : List.of("a", "b", "c"))
            {
                final int conn = expectSeqs(mux.subscription(channel), channel, 1, burst);
                assertNotEquals(firstConn.get(channel), conn, channel);
                newConn = -1 == newConn ? conn : newConn;
                assertEquals(newConn, conn, channel);
            }
            assertEquals(subscribes(List.of("a", "b", "c")), server.received(newConn), "only its own channels");
            for (final String channel : channels)
            {
                assertNull(mux.subscription(channel).poll(), channel + ": a duplicate");
            }
            assertEquals(0, steadyDisconnects.get());
            assertEquals(subscribes(List.of("d", "e", "f")), server.received(steadyConn).subList(0, 3));
            assertEquals(2, mux.shards().size());
        }
    }

    @Test
    void shouldCloseEveryShard() throws Exception
    {
        final ShardedMultiplex<Object> mux = venue(0).buildSharded(1);
        mux.connect();
        mux.connect(); // calling again connects nothing twice (a client refuses a second connect)
        final ChannelSubscription<Object> a = mux.subscribe("a");
        final ChannelSubscription<Object> b = mux.subscribe("b"); // opens and connects a second shard
        mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        final List<Multiplex<Object>> shards = mux.shards();
        assertEquals(2, shards.size());
        final Set<WebSocket<Object>> clients = new HashSet<>();
        for (final Multiplex<Object> shard : shards)
        {
            awaitTrue(() -> shard.webSocket().isConnected());
            clients.add(shard.webSocket());
            assertSame(engine, shard.webSocket().engine());
        }
        assertEquals(2, clients.size());

        mux.close();
        assertTrue(mux.isClosed());
        for (final Multiplex<Object> shard : shards)
        {
            assertTrue(shard.isClosed());
            assertFalse(shard.webSocket().isConnected());
        }
        assertFalse(a.isActive());
        assertFalse(b.isActive());
        assertThrows(ChannelClosedException.class, () -> mux.subscribe("c"));
        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        mux.close(); // idempotent
    }

    @Test
    void shouldNeverExceedTheCapUnderConcurrentSubscribes() throws Exception
    {
        final int threads = 4;
        final int perThread = 25;
        try (ShardedMultiplex<Object> mux = venue(0).buildSharded(10))
        {
            final CountDownLatch go = new CountDownLatch(1);
            final List<Thread> subscribers = new ArrayList<>();
            final ConcurrentHashMap<String, ChannelSubscription<Object>> seen =
                new ConcurrentHashMap<>();
            final List<String> failures = new CopyOnWriteArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final int thread = t;
                subscribers.add(new Thread(() ->
                {
                    try
                    {
                        go.await();
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++)
                    {
                        // Every thread also subscribes a channel another thread subscribes: one subscription each.
                        final String shared = "shared" + i;
                        final ChannelSubscription<Object> subscription = mux.subscribe(shared);
                        final ChannelSubscription<Object> previous = seen.putIfAbsent(shared, subscription);
                        if (null != previous && previous != subscription)
                        {
                            failures.add(shared + ": two subscriptions");
                        }
                        mux.subscribe("t" + thread + "-" + i);
                    }
                }));
            }
            subscribers.forEach(Thread::start);
            go.countDown();
            for (final Thread subscriber : subscribers)
            {
                subscriber.join(WAIT.toMillis());
                assertFalse(subscriber.isAlive(), "a subscriber hung");
            }
            assertEquals(List.of(), failures);
            final ShardedMultiplexStats stats = mux.stats();
            assertEquals(threads * perThread + perThread, stats.channels());
            assertEquals(13, stats.connections());
            for (int s = 0; s < 12; s++)
            {
                assertEquals(10, stats.shards().get(s).subscriptions().size(), "shard " + s);
            }
            assertEquals(5, stats.shards().get(12).subscriptions().size());
        }
    }

    @Test
    void shouldRefuseABadCapOrAClientItCannotShard()
    {
        assertThrows(IllegalArgumentException.class, () -> venue(0).buildSharded(0));
        assertThrows(IllegalArgumentException.class, () -> Multiplex.builder(client(0)).buildSharded(2));
        final WebSocket<Object> client = client(0).build();
        try
        {
            final IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Multiplex.builder(client).channelKey("stream").buildSharded(2));
            assertTrue(error.getMessage().contains("client options"), error.getMessage());
        }
        finally
        {
            client.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static ClientConfig.Builder<Object> client(final int burst)
    {
        return WebSocket.builder(server.uri(burst)).engine(engine).backoff(FAST);
    }

    private static Multiplex.Builder<Object> venue(final int burst)
    {
        return Multiplex.builder(client(burst))
            .channelKey("stream")
            .subscribeMessage((channel) -> orderedMap("subscribe", channel))
            .unsubscribeMessage((channel) -> orderedMap("unsubscribe", channel));
    }

    private static Map<String, Object> orderedMap(final String op, final String channel)
    {
        final Map<String, Object> message = new LinkedHashMap<>();
        message.put("op", op);
        message.put("channel", channel);
        return message;
    }

    private static List<String> subscribes(final List<String> channels)
    {
        final List<String> lines = new ArrayList<>();
        for (final String channel : channels)
        {
            lines.add("{\"op\":\"subscribe\",\"channel\":\"" + channel + "\"}");
        }
        return lines;
    }

    /**
     * Receive sequence numbers from..to of a channel, all on one connection, and return that connection.
     */
    private static int expectSeqs(final ChannelSubscription<Object> subscription, final String channel,
        final int from, final int to) throws InterruptedException
    {
        int conn = -1;
        for (int seq = from; seq <= to; seq++)
        {
            final Map<?, ?> message = (Map<?, ?>)subscription.recv(WAIT);
            assertEquals(channel, message.get("stream"));
            assertEquals(seq, seqOf(message), channel);
            conn = -1 == conn ? connOf(message) : conn;
            assertEquals(conn, connOf(message), channel + ": a message of another connection");
        }
        return conn;
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
