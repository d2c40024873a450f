/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connects, sends, closes and tasks from other threads reach the engine thread through one ordered channel: a close
 * can never overtake the start of the connection it names, whatever else is queued.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CommandOrderTest
{
    @Test
    void shouldHonourACloseQueuedBehindManyConnects() throws Exception
    {
        try (LoopbackServer server = LoopbackServer.start("upgrading-peer", RawUpgrade::accept))
        {
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext()
                .connectTimeoutNs(TimeUnit.SECONDS.toNanos(60)));
            try
            {
                final String uri = server.uri("ws", "/");
                final List<WebSocketConnection> connections = new ArrayList<>();
                final Queue<String> events = new ConcurrentLinkedQueue<>();
                for (int i = 0; i < 100; i++)
                {
                    connections.add(engine.connect(ConnectRequest.of(uri), new EventRecorder(events)));
                }
                final WebSocketConnection last = connections.get(99);

                // Before the engine has run at all: the close must apply to the last connection.
                assertEquals(SendResult.OK, last.close());

                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (openCount(connections) < 99 && System.nanoTime() < deadline)
                {
                    engine.doWork();
                }
                assertEquals(99, openCount(connections));
                assertEquals(ConnectionState.CLOSED, last.state());
                assertTrue(events.contains("close:" + last.id() + ":1006"), events::toString);
                assertTrue(!events.contains("open:" + last.id()), events::toString);
                assertTrue(last.openFuture().isCompletedExceptionally());
            }
            finally
            {
                engine.close();
            }
        }
    }

    @Test
    void shouldNeverLoseACloseRacingTheStartOfItsConnection() throws Exception
    {
        final int connections = 2_000;
        // A server that never accepts: connects complete in the kernel's backlog (or not at all), the upgrade is
        // never answered, so only the application's close can end these connections before the long timeout.
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()))
        {
            final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext()
                .roleName("close-race")
                .connectTimeoutNs(TimeUnit.MINUTES.toNanos(5)));
            try
            {
                final String uri = "ws://127.0.0.1:" + server.getLocalPort() + "/";
                final CountDownLatch closed = new CountDownLatch(connections);
                final AtomicInteger opened = new AtomicInteger();
                final AtomicInteger notByTheApplication = new AtomicInteger();
                final WebSocketListener listener = new WebSocketListener()
                {
                    public void onOpen(final WebSocketConnection c)
                    {
                        opened.incrementAndGet();
                    }

                    public void onMessage(final WebSocketConnection c, final MessageType type,
                        final DirectBuffer buffer, final int offset, final int length)
                    {
                    }

                    public void onClose(final WebSocketConnection c, final int code, final String reason,
                        final boolean remote)
                    {
                        if (!reason.contains("closed by the application"))
                        {
                            notByTheApplication.incrementAndGet();
                        }
                        closed.countDown();
                    }
                };
                for (int i = 0; i < connections; i++)
                {
                    final WebSocketConnection connection = engine.connect(ConnectRequest.of(uri), listener);
                    if ((i & 1) == 0)
                    {
                        assertEquals(SendResult.OK, connection.close());
                    }
                    else
                    {
                        // From a second thread, racing this one's next connect.
                        final Thread racer = new Thread(() -> assertEquals(SendResult.OK, connection.close()));
                        racer.start();
                        racer.join();
                    }
                }
                assertTrue(closed.await(40, TimeUnit.SECONDS),
                    "closes still pending: " + closed.getCount() + " of " + connections);
                assertEquals(0, opened.get());
                assertEquals(0, notByTheApplication.get());
            }
            finally
            {
                engine.close();
            }
        }
    }

    @Test
    void shouldRunTasksInTheOrderTheyWereOffered() throws Exception
    {
        final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
        try
        {
            final List<Integer> ran = new ArrayList<>();
            final Thread producer = new Thread(() ->
            {
                for (int i = 0; i < 5_000; i++)
                {
                    final int n = i;
                    engine.execute(() -> ran.add(n));
                }
            });
            producer.start();
            while (producer.isAlive() || ran.size() < 5_000)
            {
                engine.doWork();
            }
            for (int i = 0; i < 5_000; i++)
            {
                assertEquals(i, ran.get(i));
            }
        }
        finally
        {
            engine.close();
        }
    }

    private static int openCount(final List<WebSocketConnection> connections)
    {
        int open = 0;
        for (final WebSocketConnection connection : connections)
        {
            open += connection.isOpen() ? 1 : 0;
        }
        return open;
    }

    /**
     * Records open and close events as "open:id" and "close:id:code".
     */
    private static final class EventRecorder implements WebSocketListener
    {
        private final Queue<String> events;

        EventRecorder(final Queue<String> events)
        {
            this.events = events;
        }

        public void onOpen(final WebSocketConnection c)
        {
            events.add("open:" + c.id());
        }

        public void onMessage(final WebSocketConnection c, final MessageType type, final DirectBuffer buffer,
            final int offset, final int length)
        {
        }

        public void onClose(final WebSocketConnection c, final int code, final String reason, final boolean remote)
        {
            events.add("close:" + c.id() + ":" + code);
        }
    }
}
