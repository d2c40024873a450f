/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed's wiring to its legs: validation, the lifecycle events and raw messages of real connections on an
 * embedded engine driven by the test thread, the gap-fill timeout on the engine's duty cycle and the feed's stepped
 * clock, and detaching on close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedundantFeedTest
{
    private final List<WebSocketEngine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines()
    {
        engines.forEach(WebSocketEngine::close);
    }

    @Test
    void shouldRefuseLegsOnDifferentEngines()
    {
        final WebSocket<Object> a = leg("ws://127.0.0.1:9/a", engine());
        final WebSocket<Object> b = leg("ws://127.0.0.1:9/b", engine());
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () ->
            RedundantFeed.builder().leg("A", a).leg("B", b).extractor(FeedFixtures.TEXT)
                .handler((stream, type, buffer, offset, length, fields) ->
                {
                }).build());
        assertTrue(error.getMessage().contains("legs 'A' and 'B' run on different engines"), error.getMessage());
    }

    @Test
    void shouldValidateTheBuilder()
    {
        final WebSocketEngine engine = engine();
        final WebSocket<Object> a = leg("ws://127.0.0.1:9/a", engine);
        final WebSocket<Object> b = leg("ws://127.0.0.1:9/b", engine);
        final FeedHandler handler = (stream, type, buffer, offset, length, fields) ->
        {
        };
        assertThrows(IllegalArgumentException.class, () -> RedundantFeed.builder().leg("A", a)
            .extractor(FeedFixtures.TEXT).handler(handler).build());
        assertThrows(IllegalArgumentException.class, () -> RedundantFeed.builder().leg("A", a).leg("A", b));
        assertThrows(IllegalArgumentException.class, () -> RedundantFeed.builder().leg("A", a).leg("B", a));
        assertThrows(IllegalStateException.class, () -> RedundantFeed.builder().leg("A", a).leg("B", b)
            .handler(handler).build());
        assertThrows(IllegalStateException.class, () -> RedundantFeed.builder().leg("A", a).leg("B", b)
            .extractor(FeedFixtures.TEXT).build());
        assertThrows(IllegalArgumentException.class, () -> RedundantFeed.builder().gapFillTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RedundantFeed.builder().maxHeldBytes(0));
    }

    @Test
    void shouldHoldOnALegsGapWhileTheOtherIsUpAndGiveUpOnTimeoutOrWhenItGoesDown() throws Exception
    {
        final WebSocketEngine engine = engine();
        final CachedNanoClock clock = new CachedNanoClock();
        try (ServerSocket serverA = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            ServerSocket serverB = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final CountDownLatch sendMore = new CountDownLatch(1);
            final CountDownLatch closeB = new CountDownLatch(1);
            final Thread peerA = peer(serverA, () -> List.of("s:1", "s:3"), sendMore, List.of("s:5"));
            final Thread peerB = peer(serverB, List::of, closeB, null);
            final WebSocket<Object> a = leg("ws://127.0.0.1:" + serverA.getLocalPort() + "/a", engine);
            final WebSocket<Object> b = leg("ws://127.0.0.1:" + serverB.getLocalPort() + "/b", engine);
            final List<String> delivered = new ArrayList<>();
            final List<String> gaps = new ArrayList<>();
            final RedundantFeed feed = RedundantFeed.builder()
                .leg("A", a)
                .leg("B", b)
                .extractor(FeedFixtures.TEXT)
                .handler((stream, type, buffer, offset, length, fields) ->
                    delivered.add(buffer.getStringWithoutLengthUtf8(offset, length)))
                .listener(FeedListener.onGaps((stream, from, to) -> gaps.add(stream + ":" + from + "-" + to)))
                .gapFillTimeout(Duration.ofMillis(100))
                .clock(clock)
                .build();
            assertEquals(2, a.handlerCount(EventType.RAW_MESSAGE) + a.handlerCount(EventType.CONNECTED));

            b.connect();
            drive(engine, () -> feed.stats().leg("B").connected());
            a.connect();
            drive(engine, () -> 1 == feed.stats().heldNow());
            assertEquals(List.of("s:1"), delivered);

            clock.advance(TimeUnit.MILLISECONDS.toNanos(100) - 1);
            for (int i = 0; i < 10; i++)
            {
                engine.doWork();
            }
            assertEquals(List.of("s:1"), delivered);
            clock.advance(1);
            drive(engine, () -> 2 == delivered.size());
            assertEquals(List.of("s:1", "s:3"), delivered);
            assertEquals(List.of("s:2-2"), gaps);

            sendMore.countDown();
            drive(engine, () -> 1 == feed.stats().heldNow());
            closeB.countDown();
            drive(engine, () -> 3 == delivered.size());
            assertEquals(List.of("s:1", "s:3", "s:5"), delivered);
            assertEquals(List.of("s:2-2", "s:4-4"), gaps);
            final RedundantFeedStats stats = feed.stats();
            assertEquals(false, stats.leg("B").connected());
            assertEquals(3, stats.leg("A").wins());
            assertEquals(2, stats.gaps());

            feed.close();
            assertEquals(0, a.handlerCount(EventType.RAW_MESSAGE) + a.handlerCount(EventType.CONNECTED) +
                a.handlerCount(EventType.DISCONNECTED));
            assertTrue(a.isConnected(), "closing the feed leaves the legs to their owner");
            peerB.join(5_000);
            assertTrue(peerA.isAlive()); // the engine's close ends it
        }
    }

    @Test
    void shouldFollowTheLegsLifecycleWhenTheirEventsRunOnAHandlerExecutor() throws Exception
    {
        final WebSocketEngine engine = engine();
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try (ServerSocket serverA = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            ServerSocket serverB = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final CountDownLatch closeA = new CountDownLatch(1);
            peer(serverA, List::of, closeA, null);
            peer(serverB, List::of, new CountDownLatch(1), null);
            final WebSocket<Object> a = WebSocket.builder("ws://127.0.0.1:" + serverA.getLocalPort() + "/a")
                .engine(engine).reconnect(false).handlerExecutor(executor).build();
            final WebSocket<Object> b = WebSocket.builder("ws://127.0.0.1:" + serverB.getLocalPort() + "/b")
                .engine(engine).reconnect(false).handlerExecutor(executor).build();
            final RedundantFeed feed = RedundantFeed.builder().leg("A", a).leg("B", b)
                .extractor(FeedFixtures.TEXT)
                .handler((stream, type, buffer, offset, length, fields) ->
                {
                })
                .build();
            a.connect();
            b.connect();
            drive(engine, () -> feed.stats().leg("A").connected() && feed.stats().leg("B").connected());
            closeA.countDown();
            drive(engine, () -> !feed.stats().leg("A").connected());
            assertTrue(feed.stats().leg("B").connected());
            feed.close();
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    private WebSocketEngine engine()
    {
        final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
        engines.add(engine);
        return engine;
    }

    private static WebSocket<Object> leg(final String uri, final WebSocketEngine engine)
    {
        return WebSocket.builder(uri).engine(engine).reconnect(false).build();
    }

    private static void drive(final WebSocketEngine engine, final BooleanSupplier until) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!until.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("condition never met");
            }
            if (0 == engine.doWork())
            {
                Thread.sleep(0, 200_000);
            }
        }
    }

    /**
     * A server for one client: upgrade, send the first messages, wait for the latch, then send the later ones (or,
     * with none, close the connection abruptly); read until the client closes.
     */
    private static Thread peer(
        final ServerSocket server,
        final java.util.function.Supplier<List<String>> first,
        final CountDownLatch then,
        final List<String> later)
    {
        final Thread thread = new Thread(() ->
        {
            try (Socket socket = server.accept())
            {
                socket.setTcpNoDelay(true);
                RawUpgrade.accept(socket);
                final OutputStream out = socket.getOutputStream();
                writeAll(out, first.get());
                then.await();
                if (null == later)
                {
                    return; // closed by try-with-resources: no close frame
                }
                writeAll(out, later);
                socket.getInputStream().readAllBytes();
            }
            catch (final IOException | InterruptedException ignore)
            {
                // the test reports what it did not get
            }
        }, "redundant-feed-peer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void writeAll(final OutputStream out, final List<String> texts) throws IOException
    {
        for (final String text : texts)
        {
            final byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
            out.write(0x81); // FIN + text
            out.write(payload.length);
            out.write(payload);
        }
        out.flush();
    }
}
