/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.BufferConfig;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.config.ReplayConfig;
import io.jetsocket.client.config.ReplayMode;
import io.jetsocket.client.event.BufferKind;
import io.jetsocket.client.event.BufferOverflowEvent;
import io.jetsocket.client.event.ErrorEvent;
import io.jetsocket.client.event.Event;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.ReplayCompletedEvent;
import io.jetsocket.client.event.ReplayStartedEvent;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Buffering and replay against Jetty 12: {@code full_buffer} sends what was sent while down, in order, once
 * reconnected; {@code sequence_id} resumes a sequenced feed through forced reconnects and a server restart,
 * losing and duplicating nothing, through {@link WebSocket} and through {@link SyncWebSocket}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplayTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final BackoffConfig FAST = BackoffConfig.builder()
        .base(Duration.ofMillis(20)).cap(Duration.ofMillis(100)).build();
    private static final int FEED_TOTAL = 1500;
    private static final int DROP_EVERY = 200;
    private static final int REPLAY_OVERLAP = 5;

    private static TestServer server;
    private static WebSocketEngine engine;

    @BeforeAll
    static void start() throws Exception
    {
        server = TestServer.start();
        engine = WebSocketEngine.launch(new EngineContext().roleName("replay-test-engine"));
    }

    @AfterAll
    static void stop() throws Exception
    {
        engine.close();
        server.close();
    }

    @Test
    void shouldSendWhatWasSentWhileDownInOrderOnceReconnected() throws Exception
    {
        final BackoffConfig slow = BackoffConfig.builder().base(Duration.ofMillis(300)).jitter(false).build();
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine).backoff(slow)
            .buffer(10).replay(ReplayConfig.fullBuffer()).build())
        {
            final EventLog log = EventLog.attach(ws);
            final List<SendStatus> whileDown = new CopyOnWriteArrayList<>();
            final AtomicBoolean first = new AtomicBoolean(true);
            ws.on(EventType.DISCONNECTED, (event) ->
            {
                if (first.getAndSet(false))
                {
                    for (int i = 1; i <= 3; i++)
                    {
                        whileDown.add(ws.sendText("\"queued-" + i + "\""));
                    }
                }
            });
            ws.connect().get(10, TimeUnit.SECONDS);

            assertEquals(SendStatus.SENT, ws.sendText("drop"), "connected and nothing to replay: straight out");

            log.await(EventType.RECONNECTED, WAIT);
            assertEquals(List.of(SendStatus.BUFFERED, SendStatus.BUFFERED, SendStatus.BUFFERED), whileDown);
            assertEquals("queued-1", ws.recv(WAIT));
            assertEquals("queued-2", ws.recv(WAIT));
            assertEquals("queued-3", ws.recv(WAIT));
            final ReplayStartedEvent started = log.await(EventType.REPLAY_STARTED, WAIT);
            assertEquals(ReplayMode.FULL_BUFFER, started.mode());
            assertEquals(3, started.messageCount());
            assertEquals(1, log.all(EventType.REPLAY_STARTED).size(), "nothing to replay at the first connect");
            final ReplayCompletedEvent completed = log.await(EventType.REPLAY_COMPLETED, WAIT);
            assertEquals(3, completed.replayedCount());
            assertTrue(completed.durationMs() >= 0);
            final List<String> order = server.lines().stream().filter((line) -> line.contains("queued-")).toList();
            assertEquals(List.of("text /echo \"queued-1\"", "text /echo \"queued-2\"", "text /echo \"queued-3\""),
                order);
            assertEquals(0.0, ws.bufferFillRatio());
            assertEquals(SendStatus.SENT, ws.sendText("\"after\""));
        }
    }

    @Test
    void shouldReportBufferedMessagesThatTheClientDiscardsWhenItEnds() throws Exception
    {
        // Sent while down, then the application closes during the back-off: no connection will take them. They
        // are discarded (the buffer's memory goes back) and said so, in an error event before the closed event.
        final BackoffConfig slow = BackoffConfig.builder().base(Duration.ofSeconds(30)).jitter(false).build();
        final WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine).backoff(slow)
            .buffer(10).replay(ReplayConfig.fullBuffer()).build();
        final EventLog log = EventLog.attach(ws);
        ws.on(EventType.DISCONNECTED, (event) ->
        {
            for (int i = 1; i <= 3; i++)
            {
                ws.sendText("\"unsent-" + i + "\"");
            }
        });
        ws.connect().get(10, TimeUnit.SECONDS);
        ws.sendText("drop");
        log.await(EventType.RECONNECTING, WAIT);
        assertEquals(0.3, ws.bufferFillRatio(), 1e-9, "3 of 10 held while backing off");

        ws.close();
        ws.closeFuture().get(10, TimeUnit.SECONDS);

        final List<Event> events = log.events();
        final List<ErrorEvent> unsent = log.all(EventType.ERROR).stream()
            .filter((error) -> error.error() instanceof UnsentMessagesException).toList();
        assertEquals(1, unsent.size(), events.toString());
        assertEquals(3, ((UnsentMessagesException)unsent.get(0).error()).discarded());
        assertFalse(unsent.get(0).fatal());
        assertEquals(EventType.CLOSED, events.get(events.indexOf(unsent.get(0)) + 1).eventType(), "then closed");
        assertEquals(0.0, ws.bufferFillRatio(), "nothing held after the end");
    }

    @Test
    void shouldReportSendBufferOverflow() throws Exception
    {
        final BackoffConfig slow = BackoffConfig.builder().base(Duration.ofMillis(300)).jitter(false).build();
        try (WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine).backoff(slow)
            .buffer(BufferConfig.builder().capacity(2).overflowPolicy(OverflowPolicy.DROP_NEWEST).build())
            .replay(ReplayConfig.fullBuffer()).build())
        {
            final EventLog log = EventLog.attach(ws);
            final List<SendStatus> whileDown = new CopyOnWriteArrayList<>();
            final AtomicReference<Double> fill = new AtomicReference<>();
            ws.on(EventType.DISCONNECTED, (event) ->
            {
                for (int i = 1; i <= 4 && whileDown.size() < 4; i++)
                {
                    whileDown.add(ws.sendText("\"q" + i + "\""));
                }
                fill.set(ws.bufferFillRatio());
            });
            ws.connect().get(10, TimeUnit.SECONDS);

            ws.sendText("drop");

            final BufferOverflowEvent overflow = log.await(EventType.BUFFER_OVERFLOW, WAIT);
            assertEquals(BufferKind.SEND_BUFFER, overflow.buffer());
            assertEquals(2, overflow.capacity());
            assertEquals(OverflowPolicy.DROP_NEWEST, overflow.policy());
            assertEquals(2, overflow.droppedCount());
            assertEquals(List.of(SendStatus.BUFFERED, SendStatus.BUFFERED, SendStatus.DROPPED, SendStatus.DROPPED),
                whileDown);
            assertEquals(1.0, fill.get());
            assertEquals("q1", ws.recv(WAIT));
            assertEquals("q2", ws.recv(WAIT));
            assertEquals(2, ws.stats().messagesDropped());
        }
    }

    @Test
    void shouldLoseAndDuplicateNothingAcrossForcedReconnectsWithWebSocket() throws Exception
    {
        try (TestServer feedServer = TestServer.start();
            TestServer.Feed feed = new TestServer.Feed(FEED_TOTAL, Duration.ofMillis(1)))
        {
            feedServer.feed(feed);
            final WebSocket<Tick> ws = feedClient(feedServer);
            final List<Long> received = new ArrayList<>();
            final CountDownLatch done = new CountDownLatch(1);
            ws.onMessage((tick) ->
            {
                received.add(tick.seq());
                if (tick.seq() == FEED_TOTAL)
                {
                    done.countDown();
                }
            });
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);
            ws.subscribeText("{\"op\":\"subscribe\"}");
            feedServer.await("live /feed from 1", WAIT);
            feed.start();
            feedServer.await("drop /feed", WAIT);
            feedServer.await("restart /feed", WAIT);

            feedServer.restart(Duration.ofMillis(100));

            assertTrue(done.await(60, TimeUnit.SECONDS), "feed complete: " + received.size() + " received");
            ws.close();
            assertSequence(received, feedServer.lines() + " " + log.names());
            final ConnectionStats stats = ws.stats();
            assertTrue(stats.reconnectCount() >= 3, "forced reconnects: " + stats);
            assertTrue(stats.messagesDropped() > 0, "replay overlap deduplicated: " + stats);
            assertTrue(log.all(EventType.REPLAY_STARTED).stream().allMatch((e) -> null != e.lastSequenceId()));
            assertEquals(stats.reconnectCount(), log.all(EventType.REPLAY_COMPLETED).size());
        }
    }

    @Test
    void shouldLoseAndDuplicateNothingAcrossForcedReconnectsWithSyncWebSocket() throws Exception
    {
        try (TestServer feedServer = TestServer.start();
            TestServer.Feed feed = new TestServer.Feed(FEED_TOTAL, Duration.ofMillis(1)))
        {
            feedServer.feed(feed);
            final SyncWebSocket<Tick> ws = SyncWebSocket.of(feedClient(feedServer));
            ws.connect();
            ws.subscribeText("{\"op\":\"subscribe\"}");
            feedServer.await("live /feed from 1", WAIT);
            feed.start();

            final List<Long> received = new ArrayList<>();
            for (final Tick tick : ws)
            {
                received.add(tick.seq());
                if (tick.seq() == FEED_TOTAL)
                {
                    break;
                }
            }
            ws.close();

            assertSequence(received, "");
            assertTrue(ws.stats().reconnectCount() >= 3, "forced reconnects: " + ws.stats());
            assertTrue(null != ws.stats().lastReconnectAt());
        }
    }

    private WebSocket<Tick> feedClient(final TestServer feedServer)
    {
        return WebSocket.builder(feedServer.uri("/feed?dropEvery=" + DROP_EVERY)).engine(engine)
            .messageType(Tick.class)
            .backoff(FAST)
            .buffer(BufferConfig.builder().enableDedup(true).dedupWindow(1000).build())
            .replay(ReplayConfig.sequenceId(Tick::seq, (last, sender) -> sender.sendText(
                "{\"op\":\"replay\",\"from\":" + Math.max(1, (Long)last - REPLAY_OVERLAP) + "}")))
            .build();
    }

    private static void assertSequence(final List<Long> received, final String context)
    {
        final List<String> gaps = new ArrayList<>();
        for (int i = 1; i < received.size(); i++)
        {
            if (received.get(i) != received.get(i - 1) + 1)
            {
                gaps.add(received.get(i - 1) + "->" + received.get(i));
            }
        }
        assertEquals(FEED_TOTAL, received.size(), "no loss, no duplicate; first " +
            (received.isEmpty() ? "none" : received.get(0)) + ", gaps " + gaps + " " + context);
        for (int i = 0; i < FEED_TOTAL; i++)
        {
            assertEquals(i + 1, received.get(i), "in order at index " + i);
        }
    }

    /**
     * A typed feed message.
     */
    record Tick(long seq, String symbol, double price)
    {
    }
}
