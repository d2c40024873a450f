/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.WebSocketListener;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
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
 * One engine thread drives 1,000 connections to the same server: each sends two messages from onOpen (direct) and
 * one from the test thread (queued), checks the three echoes in order, then closes; all must open, all echoes must
 * arrive, all must close with 1000, and the engine must end with no connection.
 */
class ManyConnectionsInteropTest extends InteropTestSupport
{
    static final int CONNECTIONS = 1_000;
    static final int MESSAGES = 3;

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldDriveAThousandConnectionsOnOneEngineThread(final ServerKind kind) throws Exception
    {
        final WebSocketEngine engine = launch(context().sendQueueCapacity(16 * 1024 * 1024));
        final Fleet fleet = new Fleet();
        final String uri = server(kind).uri("/echo");
        final List<WebSocketConnection> connections = new ArrayList<>(CONNECTIONS);
        for (int i = 0; i < CONNECTIONS; i++)
        {
            connections.add(engine.connect(ConnectRequest.of(uri), fleet));
        }

        assertTrue(fleet.opened.await(60, TimeUnit.SECONDS), fleet::describe);
        for (final WebSocketConnection connection : connections)
        {
            final byte[] text = Fleet.message(connection, MESSAGES - 1);
            assertEquals(SendResult.OK, connection.sendText(text, 0, text.length), connection::toString);
        }
        assertTrue(fleet.closed.await(60, TimeUnit.SECONDS), fleet::describe);

        assertTrue(fleet.failures.isEmpty(), fleet::describe);
        assertEquals(CONNECTIONS, fleet.openCount.get());
        assertEquals(CONNECTIONS * MESSAGES, fleet.echoCount.get());
        assertEquals(CONNECTIONS, fleet.cleanCloseCount.get(), fleet::describe);
        assertEquals(0, engine.connectionCount());
    }

    /**
     * One listener for every connection. Messages are named after the connection id; the echoes received so far
     * are counted per connection id, on the engine thread only.
     */
    static final class Fleet implements WebSocketListener
    {
        final CountDownLatch opened = new CountDownLatch(CONNECTIONS);
        final CountDownLatch closed = new CountDownLatch(CONNECTIONS);
        final AtomicInteger openCount = new AtomicInteger();
        final AtomicInteger echoCount = new AtomicInteger();
        final AtomicInteger cleanCloseCount = new AtomicInteger();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        private final Long2LongHashMap echoesById = new Long2LongHashMap(0);

        static byte[] message(final WebSocketConnection connection, final long index)
        {
            return ("connection " + connection.id() + " message " + index).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void onOpen(final WebSocketConnection connection)
        {
            openCount.incrementAndGet();
            for (int i = 0; i < MESSAGES - 1; i++)
            {
                final byte[] text = message(connection, i);
                final int result = connection.sendText(text, 0, text.length);
                if (SendResult.OK != result)
                {
                    failures.add(connection + ": send from onOpen returned " + SendResult.describe(result));
                }
            }
            opened.countDown();
        }

        @Override
        public void onMessage(
            final WebSocketConnection connection,
            final MessageType type,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            final long echoes = echoesById.get(connection.id());
            final String expected = new String(message(connection, echoes), StandardCharsets.UTF_8);
            final String actual = buffer.getStringWithoutLengthUtf8(offset, length);
            if (MessageType.TEXT != type || !expected.equals(actual))
            {
                failures.add(connection + ": expected " + expected + " but got " + type + " " + actual);
            }
            echoCount.incrementAndGet();
            echoesById.put(connection.id(), echoes + 1);
            if (echoes + 1 == MESSAGES)
            {
                connection.close(1000, "done");
            }
        }

        @Override
        public void onError(final WebSocketConnection connection, final Throwable error)
        {
            failures.add(connection + ": " + error);
        }

        @Override
        public void onClose(final WebSocketConnection connection, final int code, final String reason,
            final boolean remote)
        {
            if (1000 == code && !remote)
            {
                cleanCloseCount.incrementAndGet();
            }
            else
            {
                failures.add(connection + ": closed with " + code + " " + reason + " remote=" + remote);
            }
            closed.countDown();
        }

        String describe()
        {
            return "opened " + openCount + ", echoes " + echoCount + ", clean closes " + cleanCloseCount +
                ", still to close " + closed.getCount() + ", failures (" + failures.size() + "): " +
                failures.stream().limit(10).toList();
        }
    }
}
