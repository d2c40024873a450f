/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.event.BufferKind;
import io.jetsocket.client.event.BufferOverflowEvent;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.ConnectedEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.handshake.HandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The blocking client against Jetty 12.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SyncWebSocketTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final ServerAndEngine FIXTURE = new ServerAndEngine("sync-test-engine");

    private static SyncWebSocket<Object> client(final String path)
    {
        return WebSocket.builder(FIXTURE.server().uri(path)).engine(FIXTURE.engine()).buildSync();
    }

    @Test
    void shouldConnectSendReceiveAndClose() throws Exception
    {
        final SyncWebSocket<Object> ws = client("/echo");
        assertEquals(ConnectionState.IDLE, ws.state());
        assertEquals(0, ws.stats().messagesSent(), "stats before connect");

        ws.connect();
        assertTrue(ws.isConnected());
        assertEquals(SendStatus.SENT, ws.send(Map.of("subscribe", "trades")));
        assertEquals(Map.of("subscribe", "trades"), ws.recv(WAIT));
        for (int i = 0; i < 5; i++)
        {
            ws.send(i);
        }
        for (long i = 0; i < 5; i++)
        {
            assertEquals(i, ws.recv(WAIT), "in order");
        }
        final ClosedEvent closed = ws.close(1000, "done");

        assertNotNull(closed);
        assertEquals(ConnectionState.CLOSED, ws.state());
        FIXTURE.server().await("close /echo 1000 done", WAIT);
        ws.close();
    }

    @Test
    void shouldIterateUntilClosed() throws Exception
    {
        try (SyncWebSocket<Object> ws = client("/push?count=3"))
        {
            ws.connect();
            final List<Object> messages = new ArrayList<>();
            for (final Object message : ws)
            {
                messages.add(message);
                if (3 == messages.size())
                {
                    ws.async().closeAsync(); // iteration must end by itself once closed
                }
            }
            assertEquals(ConnectionState.CLOSED, ws.state());
            assertEquals(List.of(Map.of("seq", 1L), Map.of("seq", 2L), Map.of("seq", 3L)), messages);
        }
    }

    @Test
    void shouldTimeOutRecvAndFailItAfterClose() throws Exception
    {
        final SyncWebSocket<Object> ws = client("/echo");
        ws.connect();
        final OperationTimeoutException timeout =
            assertThrows(OperationTimeoutException.class, () -> ws.recv(Duration.ofMillis(50)));
        assertEquals("recv", timeout.operation());
        ws.send("last");
        ws.recv(WAIT);
        ws.send("queued");
        FIXTURE.server().await("text /echo \"queued\"", WAIT);

        ws.close();

        final ConnectionClosedException closed = assertThrows(ConnectionClosedException.class,
            () ->
            {
                while (true)
                {
                    ws.recv(WAIT); // drains what was queued before the close, then fails
                }
            });
        assertEquals(1000, closed.code());
    }

    @Test
    void shouldRefuseToConnectTwiceOrAfterClose() throws Exception
    {
        final SyncWebSocket<Object> ws = client("/echo");
        ws.connect();
        final InvalidStateException twice = assertThrows(InvalidStateException.class, ws::connect);
        assertEquals(ConnectionState.CONNECTED, twice.currentState());
        ws.close();
        ws.close();
        assertThrows(InvalidStateException.class, ws::connect);
        assertThrows(InvalidStateException.class, () -> ws.send("after close"));
    }

    @Test
    void shouldRefuseToSendBeforeConnect()
    {
        final SyncWebSocket<Object> ws = client("/echo");
        final InvalidStateException early = assertThrows(InvalidStateException.class, () -> ws.send("early"));
        assertEquals(ConnectionState.IDLE, early.currentState());
    }

    @Test
    void shouldThrowTheFatalHandshakeFailure() throws Exception
    {
        final SyncWebSocket<Object> ws = client("/reject?status=401");
        final HandshakeException rejected = assertThrows(HandshakeException.class, ws::connect);
        assertEquals(401, rejected.statusCode());
        assertEquals(ConnectionState.FAILED, ws.state());
    }

    @Test
    void shouldKeepHandlersRegisteredBeforeConnect() throws Exception
    {
        final SyncWebSocket<Object> ws = client("/echo");
        final AtomicReference<ConnectedEvent> connected = new AtomicReference<>();
        final AtomicReference<String> thread = new AtomicReference<>();
        final CountDownLatch latch = new CountDownLatch(1);
        ws.on(EventType.CONNECTED, (event) ->
        {
            connected.set(event);
            thread.set(Thread.currentThread().getName());
            latch.countDown();
        });

        ws.connect();

        assertTrue(latch.await(10, TimeUnit.SECONDS));
        assertEquals(FIXTURE.server().uri("/echo"), connected.get().uri());
        assertEquals("sync-test-engine", thread.get(), "handlers run on the engine thread");
        ws.close();
    }

    @Test
    void shouldBoundTheReceiveQueueAndReportDrops() throws Exception
    {
        final SyncWebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/push?count=50"))
            .engine(FIXTURE.engine())
            .receiveQueue(10, OverflowPolicy.DROP_OLDEST).buildSync();
        final List<BufferOverflowEvent> overflows = new CopyOnWriteArrayList<>();
        final CountDownLatch dropped = new CountDownLatch(40);
        ws.on(EventType.BUFFER_OVERFLOW, (event) ->
        {
            overflows.add(event);
            for (long i = 0; i < event.droppedCount(); i++)
            {
                dropped.countDown(); // the drop for message 50 is reported once 50 is queued
            }
        });
        ws.connect();
        assertTrue(dropped.await(10, TimeUnit.SECONDS));

        final List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            kept.add(ws.recv(WAIT));
        }

        assertEquals(Map.of("seq", 41L), kept.get(0), "the oldest were dropped");
        assertEquals(Map.of("seq", 50L), kept.get(9));
        assertThrows(OperationTimeoutException.class, () -> ws.recv(Duration.ofMillis(20)));
        assertEquals(40, overflows.stream().mapToLong(BufferOverflowEvent::droppedCount).sum());
        assertTrue(overflows.stream().allMatch((event) -> BufferKind.RECEIVE_QUEUE == event.buffer()));
        assertEquals(40, ws.stats().messagesDropped());
        ws.close();
    }

    @Test
    void shouldKeepTheNewestOutWithDropNewest() throws Exception
    {
        final SyncWebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/push?count=20"))
            .engine(FIXTURE.engine())
            .receiveQueue(5, OverflowPolicy.DROP_NEWEST).buildSync();
        final CountDownLatch all = new CountDownLatch(20);
        ws.on(EventType.RAW_MESSAGE, (event) -> all.countDown());
        ws.connect();
        assertTrue(all.await(10, TimeUnit.SECONDS));
        assertEquals(Map.of("seq", 1L), ws.recv(WAIT));
        assertEquals(Map.of("seq", 2L), ws.recv(WAIT));
        ws.close();
    }

    @Test
    void shouldBeSafeToUseFromManyThreads() throws Exception
    {
        try (SyncWebSocket<Object> ws = client("/echo"))
        {
            ws.connect();
            final int threads = 4;
            final int perThread = 250;
            final List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final int base = t * perThread;
                final Thread sender = new Thread(() ->
                {
                    for (int i = 0; i < perThread; i++)
                    {
                        assertEquals(SendStatus.SENT, ws.send(base + i));
                    }
                });
                senders.add(sender);
                sender.start();
            }
            final Set<Object> received = new HashSet<>();
            final List<Thread> receivers = new ArrayList<>();
            for (int t = 0; t < 2; t++)
            {
                final Thread receiver = new Thread(() ->
                {
                    try
                    {
                        for (int i = 0; i < threads * perThread / 2; i++)
                        {
                            final Object message = ws.recv(WAIT);
                            synchronized (received)
                            {
                                received.add(message);
                            }
                        }
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                });
                receivers.add(receiver);
                receiver.start();
            }
            for (final Thread thread : senders)
            {
                thread.join();
            }
            for (final Thread thread : receivers)
            {
                thread.join();
            }
            assertEquals(threads * perThread, received.size(), "every message once");
            assertEquals(threads * perThread, ws.stats().messagesSent());
        }
    }

    @Test
    void shouldRefuseBlockingCallsFromAHandler() throws Exception
    {
        try (SyncWebSocket<Object> ws = client("/echo"))
        {
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final CountDownLatch handled = new CountDownLatch(1);
            ws.on(EventType.MESSAGE, (event) ->
            {
                try
                {
                    ws.recv(WAIT);
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
                handled.countDown();
            });
            ws.connect();
            ws.send("go");
            assertTrue(handled.await(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failure.get());
            assertFalse(ws.state().isTerminal());
        }
    }
}
