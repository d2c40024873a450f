/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.WebSocket;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.TextFramePusher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What routing costs on the engine thread, measured with the thread's allocation counter on an embedded engine
 * driven by the test thread: a message routed from its bytes ({@code channelKey}) to a raw subscriber, among many
 * channels, must allocate nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MultiplexAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    private static final String PAYLOAD =
        "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"p\":\"64123.10\",\"q\":\"0.015\",\"t\":1}}";

    @Test
    void shouldRouteToARawSubscriberWithoutAllocating() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long total = WARM_UP + MEASURED;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final AtomicReference<Throwable> serverError = new AtomicReference<>();
            final Thread pusher = new Thread(() -> push(server, total, serverError), "multiplex-allocation-push");
            pusher.setDaemon(true);
            pusher.start();
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            final Multiplex<Object> mux = Multiplex.builder(WebSocket.builder("ws://127.0.0.1:" +
                server.getLocalPort() + "/push").engine(engine).reconnect(false))
                .channelKey("stream")
                .build();
            for (int c = 0; c < 200; c++)
            {
                mux.subscribeRaw("sym" + c + "@trade", (type, buffer, offset, length) ->
                {
                });
            }
            final long[] received = new long[1];
            final long[] checksum = new long[1];
            mux.subscribeRaw("btcusdt@trade", (type, buffer, offset, length) ->
            {
                received[0]++;
                checksum[0] += buffer.getByte(offset + 2) + length;
            });
            mux.connect();
            final long threadId = Thread.currentThread().getId();
            while (received[0] < WARM_UP && !mux.webSocket().state().isTerminal())
            {
                engine.doWork();
            }
            final long before = threads.getThreadAllocatedBytes(threadId);
            while (received[0] < total && !mux.webSocket().state().isTerminal())
            {
                engine.doWork();
            }
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            System.out.println("multiplex raw route: " + allocated + " bytes allocated on the engine thread for " +
                MEASURED + " messages among 201 channels");
            assertEquals(total, received[0]);
            assertEquals(total * ('s' + PAYLOAD.length()), checksum[0]);
            assertEquals(total, mux.stats().routed());
            assertEquals(0, mux.stats().unroutable());
            // one allocation per message would be at least 16 bytes x 200,000
            assertTrue(allocated < 4096, "raw routing allocated " + allocated + " bytes for " + MEASURED);
            mux.webSocket().closeAsync();
            for (int i = 0; i < 1000 && !mux.webSocket().state().isTerminal(); i++)
            {
                engine.doWork();
            }
            engine.close();
            pusher.join(5_000);
            assertNull(serverError.get());
        }
    }

    private static void push(final ServerSocket server, final long messages, final AtomicReference<Throwable> error)
    {
        try
        {
            TextFramePusher.push(server, PAYLOAD, messages);
        }
        catch (final Throwable ex)
        {
            error.set(ex);
        }
    }
}
