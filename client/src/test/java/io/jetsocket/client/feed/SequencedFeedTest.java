/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.JettyFixture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facade on a real connection: a Jetty echo server sends back whatever the test writes, so the test scripts
 * the feed exactly ({@code drop} makes the server drop TCP, and the client reconnects).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SequencedFeedTest
{
    private static final BackoffConfig FAST = BackoffConfig.builder()
        .base(Duration.ofMillis(20)).cap(Duration.ofMillis(100)).build();

    private static JettyFixture server;
    private static WebSocketEngine engine;

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> unsequenced = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception
    {
        server = JettyFixture.start("feed-echo", null, (container) ->
            container.addMapping("/echo", (request, response, callback) -> new Echo()));
        engine = WebSocketEngine.launch(new EngineContext().roleName("feed-test"));
    }

    @AfterAll
    static void stop()
    {
        engine.close();
        server.close();
    }

    private WebSocket<Object> connect() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + server.port() + "/echo")
            .engine(engine).backoff(FAST).build();
        ws.connect().get(10, TimeUnit.SECONDS);
        return ws;
    }

    private SequencedFeed.Builder<Object> feed(final WebSocket<Object> ws)
    {
        return SequencedFeed.builder(ws)
            .extractor(FeedFixtures.TEXT)
            .handler((stream, type, buffer, offset, length, fields) ->
            {
                assertTrue(engine.isEngineThread());
                delivered.add(buffer.getStringWithoutLengthUtf8(offset, length));
            })
            .unsequenced((type, buffer, offset, length) ->
                unsequenced.add(buffer.getStringWithoutLengthUtf8(offset, length)))
            .listener(new FeedListener()
            {
                @Override
                public void onSequenceGap(final String stream, final long from, final long to)
                {
                    events.add("gap " + stream + " " + from + ".." + to);
                }

                @Override
                public void onStreamReset(final String stream)
                {
                    events.add("reset " + stream);
                }
            });
    }

    private static void send(final WebSocket<Object> ws, final String... messages)
    {
        for (final String message : messages)
        {
            ws.sendText(message);
        }
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void shouldDeliverEachStreamInOrderOverARealConnection() throws Exception
    {
        try (WebSocket<Object> ws = connect(); SequencedFeed feed = feed(ws).build())
        {
            send(ws, "A:1", "B:7", "A:2", "A:2", "subscribed", "A:5", "B:8", "A:3", "A:6");
            await(() -> at(feed, "A", 6) && at(feed, "B", 8), "A at 6 and B at 8");
            assertEquals(List.of("A:1", "B:7", "A:2", "A:5", "B:8", "A:6"), delivered);
            assertEquals(List.of("subscribed"), unsequenced);
            assertEquals(List.of("gap A 3..4"), events);
            final StreamStats a = feed.stats("A");
            assertEquals(1, a.duplicates());
            assertEquals(1, a.outOfOrder());
            assertEquals(2, a.missed());
            assertEquals(java.util.Set.of("A", "B"), feed.streams());
        }
    }

    @Test
    void shouldResetAStreamFromAnyThread() throws Exception
    {
        try (WebSocket<Object> ws = connect(); SequencedFeed feed = feed(ws).build())
        {
            send(ws, "A:100");
            await(() -> 1 == delivered.size(), "A:100");
            feed.reset("A");
            await(() -> 1 == events.size(), "the reset");
            send(ws, "A:1");
            await(() -> 2 == delivered.size(), "A:1 after the reset");
            assertEquals(List.of("A:100", "A:1"), delivered);
            assertEquals(List.of("reset A"), events);
            assertEquals(1, feed.stats("A").resets());
        }
    }

    @Test
    void shouldSeeAReconnectAsAGapByDefault() throws Exception
    {
        try (WebSocket<Object> ws = connect(); SequencedFeed feed = feed(ws).build())
        {
            send(ws, "A:1", "A:2");
            await(() -> 2 == delivered.size(), "two messages");
            awaitReconnect(ws);
            send(ws, "A:2", "A:5");
            await(() -> 3 == delivered.size(), "A:5 after the reconnect");
            assertEquals(List.of("A:1", "A:2", "A:5"), delivered);
            assertEquals(List.of("gap A 3..4"), events);
            assertEquals(1, feed.stats("A").duplicates());
        }
    }

    @Test
    void shouldResetEveryStreamOnReconnectWhenAsked() throws Exception
    {
        try (WebSocket<Object> ws = connect(); SequencedFeed feed = feed(ws).resetOnReconnect(true).build())
        {
            send(ws, "A:10", "B:20");
            await(() -> 2 == delivered.size(), "two messages");
            awaitReconnect(ws);
            await(() -> 2 == events.size(), "both streams reset");
            send(ws, "A:1", "B:1");
            await(() -> 4 == delivered.size(), "both streams started again");
            assertEquals(List.of("A:10", "B:20", "A:1", "B:1"), delivered);
            assertTrue(events.containsAll(List.of("reset A", "reset B")), events.toString());
            assertEquals(0, feed.stats("A").duplicates());
        }
    }

    @Test
    void shouldStopDeliveringOnceClosed() throws Exception
    {
        try (WebSocket<Object> ws = connect())
        {
            final SequencedFeed feed = feed(ws).build();
            send(ws, "A:1");
            await(() -> 1 == delivered.size(), "A:1");
            feed.close();
            final List<String> after = new CopyOnWriteArrayList<>();
            ws.onRawMessage((type, buffer, offset, length) ->
                after.add(buffer.getStringWithoutLengthUtf8(offset, length)));
            send(ws, "A:2");
            await(() -> 1 == after.size(), "A:2 reaching the connection");
            assertEquals(List.of("A:1"), delivered);
            assertNull(feed.stats("B"));
        }
    }

    private static boolean at(final SequencedFeed feed, final String stream, final long sequence)
    {
        final StreamStats stats = feed.stats(stream);
        return null != stats && sequence == stats.lastSequence();
    }

    private static void awaitReconnect(final WebSocket<Object> ws) throws Exception
    {
        final long before = ws.stats().reconnectCount();
        ws.sendText("drop");
        await(() -> ws.stats().reconnectCount() > before && ws.isConnected(), "the reconnect");
    }

    /**
     * Echoes text; {@code drop} drops TCP without a close frame.
     */
    public static final class Echo implements Session.Listener.AutoDemanding
    {
        private Session session;

        @Override
        public void onWebSocketOpen(final Session session)
        {
            this.session = session;
        }

        @Override
        public void onWebSocketText(final String message)
        {
            if ("drop".equals(message))
            {
                session.disconnect();
            }
            else
            {
                session.sendText(message, Callback.NOOP);
            }
        }
    }
}
