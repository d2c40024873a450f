/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.WebSocket;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.SteppedEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Make-before-break rotation of a {@link Multiplex} against a real server ({@link MuxServer}'s sequenced
 * {@code /feed}, Jetty), whose channels' sequences continue across connections and keep flowing during the
 * rotation. Real-time waits are hang guards only; the rotation timer runs on a stepped clock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MultiplexRotationTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> CHANNELS = List.of("a", "b", "c");

    private static MuxServer server;
    private static WebSocketEngine engine;

    @BeforeAll
    static void start() throws Exception
    {
        server = MuxServer.start();
        engine = WebSocketEngine.launch(new EngineContext().roleName("multiplex-rotation-test-engine"));
    }

    @AfterAll
    static void stop()
    {
        engine.close();
        server.close();
    }

    @Test
    void shouldDeliverEverySequenceOnceAndInOrderAcrossRotations() throws Exception
    {
        final Map<String, List<Map<?, ?>>> received = receivers();
        final Multiplex<Object> mux = feed(WebSocket.builder(server.feedUri()).engine(engine))
            .sequenceExtractor(MultiplexRotationTest::seqOf)
            .build();
        try (mux)
        {
            subscribeAll(mux, received);
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            awaitEach(received, 20);
            for (int rotation = 0; rotation < 3; rotation++)
            {
                final long oldConn = lastConn(received.get("a"));
                mux.rotate().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                server.await((line) -> line.equals(oldConn + " closed"), WAIT); // the server saw the old one close
                final int before = received.get("a").size();
                awaitTrue(() -> received.values().stream().allMatch((list) -> list.size() >= before + 20));
                for (final List<Map<?, ?>> messages : received.values())
                {
                    assertNotEquals(oldConn, lastConn(messages), "delivery switched to the new connection");
                }
            }
        }
        for (final String channel : CHANNELS)
        {
            final List<Map<?, ?>> messages = received.get(channel);
            final long first = seqOf(messages.get(0));
            for (int i = 0; i < messages.size(); i++)
            {
                assertEquals(first + i, seqOf(messages.get(i)), channel + ": every seq once, in order: " +
                    messages.subList(Math.max(0, i - 5), Math.min(messages.size(), i + 5)));
                assertEquals(channel, messages.get(i).get("stream"));
            }
            final TreeSet<Long> conns = new TreeSet<>();
            long previousConn = 0;
            for (final Map<?, ?> message : messages)
            {
                final long conn = connOf(message);
                assertTrue(conn >= previousConn, channel + ": never back to an older connection");
                previousConn = conn;
                conns.add(conn);
            }
            assertEquals(4, conns.size(), channel + ": delivered by four connections in turn: " + conns);
        }
    }

    @Test
    void shouldMissNothingWithoutASequenceExtractor() throws Exception
    {
        final Map<String, List<Map<?, ?>>> received = receivers();
        final Multiplex<Object> mux = feed(WebSocket.builder(server.feedUri()).engine(engine)).build();
        try (mux)
        {
            subscribeAll(mux, received);
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            awaitEach(received, 20);
            final long oldConn = lastConn(received.get("a"));
            mux.rotate().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            server.await((line) -> line.equals(oldConn + " closed"), WAIT);
            final int before = received.get("a").size();
            awaitTrue(() -> received.values().stream().allMatch((list) -> list.size() >= before + 20));
        }
        for (final String channel : CHANNELS)
        {
            final TreeSet<Long> seqs = new TreeSet<>();
            for (final Map<?, ?> message : received.get(channel))
            {
                seqs.add(seqOf(message));
            }
            assertEquals(seqs.last() - seqs.first() + 1, seqs.size(), channel + ": no gap (duplicates allowed)");
        }
    }

    @Test
    void shouldKeepTheOldConnectionUntilTheNewOneDeliversAndFinishIfTheOldOneDrops() throws Exception
    {
        final Map<String, List<Map<?, ?>>> received = receivers();
        final Multiplex<Object> mux = feed(WebSocket.builder(server.feedUri()).engine(engine).reconnect(false))
            .sequenceExtractor(MultiplexRotationTest::seqOf)
            .build();
        try (mux)
        {
            subscribeAll(mux, received);
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            awaitEach(received, 10);
            final long oldConn = lastConn(received.get("a"));
            server.muteFeedSubscribes(true); // the new connection is subscribed but gets nothing
            final java.util.concurrent.CompletableFuture<Void> rotation;
            try
            {
                rotation = mux.rotate();
                server.await((line) -> line.startsWith((oldConn + 1) + " ") && line.contains("\"c\""), WAIT);
                final int before = received.get("a").size();
                awaitEach(received, before + 50);
            }
            finally
            {
                server.muteFeedSubscribes(false);
            }
            assertTrue(!rotation.isDone(), "no channel has switched: the old connection stays");
            assertTrue(!server.lines().contains(oldConn + " closed"));
            for (final List<Map<?, ?>> messages : received.values())
            {
                assertEquals(oldConn, lastConn(messages), "the old connection still delivers");
            }
            assertSame(rotation, mux.rotate(), "one rotation at a time");

            server.dropFeed(oldConn); // the old connection goes: the rotation is over, on the new one
            rotation.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        server.await((line) -> line.equals((oldConnOf(received) + 1) + " closed"), WAIT); // close() closes the new
        for (final List<Map<?, ?>> messages : received.values())
        {
            final long first = seqOf(messages.get(0));
            for (int i = 0; i < messages.size(); i++)
            {
                assertEquals(first + i, seqOf(messages.get(i)));
            }
        }
    }

    @Test
    void shouldEndARotationWhoseChannelsAreAllUnsubscribedAndCloseBothConnectionsOnClose() throws Exception
    {
        final Map<String, List<Map<?, ?>>> received = receivers();
        final Multiplex<Object> mux = feed(WebSocket.builder(server.feedUri()).engine(engine).reconnect(false))
            .sequenceExtractor(MultiplexRotationTest::seqOf)
            .build();
        try (mux)
        {
            subscribeAll(mux, received);
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            awaitEach(received, 5);
            final long firstConn = lastConn(received.get("a"));
            server.muteFeedSubscribes(true);
            final java.util.concurrent.CompletableFuture<Void> first;
            try
            {
                first = mux.rotate();
                server.await((line) -> line.startsWith((firstConn + 1) + " ") && line.contains("\"c\""), WAIT);
                mux.unsubscribe("a");
                mux.unsubscribe("b");
                assertTrue(!first.isDone(), "c has not switched");
                mux.unsubscribe("c"); // nothing left to wait for
                first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                server.await((line) -> line.equals(firstConn + " closed"), WAIT);

                mux.subscribe("a", (message) -> received.get("a").add((Map<?, ?>)message));
                final java.util.concurrent.CompletableFuture<Void> second = mux.rotate(); // muted: stays open
                server.await((line) -> line.startsWith((firstConn + 2) + " ") && line.contains("\"a\""), WAIT);
                assertTrue(!second.isDone());
            }
            finally
            {
                server.muteFeedSubscribes(false);
            }
        }
        // close() during an overlap closes the old connection as well as the new one
        server.await((line) -> line.equals((firstConnOf(received) + 1) + " closed"), WAIT);
        server.await((line) -> line.equals((firstConnOf(received) + 2) + " closed"), WAIT);
    }

    @Test
    void shouldRotateOnTheEngineTimerOnASteppedClock() throws Exception
    {
        final Map<String, List<Map<?, ?>>> received = receivers();
        try (SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("rotation-stepped-engine")))
        {
            final Multiplex<Object> mux = feed(WebSocket.builder(server.feedUri())
                    .engine(stepped.engine()).clocks(stepped.clock(), System::currentTimeMillis).reconnect(false))
                .sequenceExtractor(MultiplexRotationTest::seqOf)
                .rotateEvery(Duration.ofHours(23))
                .build();
            subscribeAll(mux, received);
            stepped.driveUntil(Duration.ZERO, mux.connect()::isDone);
            stepped.driveUntil(Duration.ZERO, () -> received.get("a").size() >= 10);
            final long firstConn = lastConn(received.get("a"));

            stepped.advance(Duration.ofHours(22));
            stepped.driveUntil(Duration.ZERO, () -> received.get("a").size() >= 30);
            assertEquals(firstConn, lastConn(received.get("a")), "no rotation before the period");

            stepped.advance(Duration.ofHours(1));
            stepped.driveUntil(Duration.ZERO, () -> server.lines().contains(firstConn + " closed"));
            final int before = received.get("a").size();
            stepped.driveUntil(Duration.ZERO, () -> received.get("a").size() >= before + 10);
            assertEquals(firstConn + 1, lastConn(received.get("a")));

            stepped.advance(Duration.ofHours(23)); // the next period counts from the end of the last rotation
            stepped.driveUntil(Duration.ZERO, () -> server.lines().contains((firstConn + 1) + " closed"));
            mux.close();
            stepped.driveUntil(Duration.ofMillis(10), () -> mux.webSocket().state().isTerminal());
        }
        final List<Map<?, ?>> messages = received.get("a");
        final long first = seqOf(messages.get(0));
        for (int i = 0; i < messages.size(); i++)
        {
            assertEquals(first + i, seqOf(messages.get(i)), "every seq once, in order");
        }
    }

    @Test
    void shouldRotateEveryShardOfAShardedMultiplexOnItsTimer() throws Exception
    {
        final Map<String, List<Map<?, ?>>> received = receivers();
        try (SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("rotation-sharded-engine")))
        {
            final ShardedMultiplex<Object> mux = feed(WebSocket.builder(server.feedUri())
                    .engine(stepped.engine()).clocks(stepped.clock(), System::currentTimeMillis).reconnect(false))
                .sequenceExtractor(MultiplexRotationTest::seqOf)
                .rotateEvery(Duration.ofHours(23))
                .buildSharded(2);
            for (final String channel : CHANNELS)
            {
                mux.subscribe(channel, (message) -> received.get(channel).add((Map<?, ?>)message));
            }
            stepped.driveUntil(Duration.ZERO, mux.connect()::isDone);
            stepped.driveUntil(Duration.ZERO, () -> received.values().stream().allMatch((list) -> list.size() >= 10));
            assertEquals(2, mux.shards().size());
            final long connA = lastConn(received.get("a"));
            final long connC = lastConn(received.get("c"));
            assertEquals(connA, lastConn(received.get("b")), "a and b share the first shard");

            stepped.advance(Duration.ofHours(23));
            stepped.driveUntil(Duration.ZERO, () -> server.lines().contains(connA + " closed") &&
                server.lines().contains(connC + " closed"));
            final int before = received.get("c").size();
            stepped.driveUntil(Duration.ZERO, () -> received.values().stream().allMatch((list) ->
                list.size() >= before + 10));
            final long newA = lastConn(received.get("a"));
            assertTrue(newA != connA && newA != connC, "the first shard is on a new connection");
            assertEquals(newA, lastConn(received.get("b")));
            assertTrue(lastConn(received.get("c")) > Math.max(connA, connC), "the second shard too");
            mux.close();
        }
        for (final String channel : CHANNELS)
        {
            final List<Map<?, ?>> messages = received.get(channel);
            final long first = seqOf(messages.get(0));
            for (int i = 0; i < messages.size(); i++)
            {
                assertEquals(first + i, seqOf(messages.get(i)), channel + ": every seq once, in order");
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Multiplex.Builder<Object> feed(final io.jetsocket.client.config.ClientConfig.Builder<Object> client)
    {
        return Multiplex.builder(client)
            .channelKey("stream")
            .subscribeMessage((channel) ->
            {
                final Map<String, Object> message = new LinkedHashMap<>();
                message.put("op", "subscribe");
                message.put("channel", channel);
                return message;
            });
    }

    private static Map<String, List<Map<?, ?>>> receivers()
    {
        final Map<String, List<Map<?, ?>>> received = new LinkedHashMap<>();
        for (final String channel : CHANNELS)
        {
            received.put(channel, new CopyOnWriteArrayList<>());
        }
        return received;
    }

    private static void subscribeAll(final Multiplex<Object> mux, final Map<String, List<Map<?, ?>>> received)
    {
        for (final String channel : CHANNELS)
        {
            mux.subscribe(channel, (message) -> received.get(channel).add((Map<?, ?>)message));
        }
    }

    private static void awaitEach(final Map<String, List<Map<?, ?>>> received, final int count)
        throws InterruptedException
    {
        awaitTrue(() -> received.values().stream().allMatch((list) -> list.size() >= count));
    }

    private static long firstConnOf(final Map<String, List<Map<?, ?>>> received)
    {
        return connOf(received.get("b").get(0));
    }

    private static long oldConnOf(final Map<String, List<Map<?, ?>>> received)
    {
        return connOf(received.get("a").get(0));
    }

    private static long lastConn(final List<Map<?, ?>> messages)
    {
        final List<Map<?, ?>> copy = new ArrayList<>(messages);
        return connOf(copy.get(copy.size() - 1));
    }

    private static Long seqOf(final Object message)
    {
        final Object seq = ((Map<?, ?>)message).get("seq");
        return null == seq ? null : ((Number)seq).longValue();
    }

    private static long connOf(final Object message)
    {
        return ((Number)((Map<?, ?>)message).get("conn")).longValue();
    }

    private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException
    {
        MuxServer.awaitTrue(condition, WAIT);
    }
}
