/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.EngineThreadAllocation;
import io.jetsocket.client.WebSocket;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.TextFramePusher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        final long total = WARM_UP + MEASURED;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final AtomicReference<Throwable> serverError = new AtomicReference<>();
            final Thread pusher = EngineThreadAllocation.startPusher(
                "multiplex-allocation-push", () -> TextFramePusher.push(server, PAYLOAD, total), serverError);
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
            final long allocated =
                EngineThreadAllocation.measure(engine, mux.webSocket(), () -> received[0], WARM_UP, total);
            System.out.println("multiplex raw route: " + allocated + " bytes allocated on the engine thread for " +
                MEASURED + " messages among 201 channels");
            assertEquals(total, received[0]);
            assertEquals(total * ('s' + PAYLOAD.length()), checksum[0]);
            assertEquals(total, mux.stats().routed());
            assertEquals(0, mux.stats().unroutable());
            EngineThreadAllocation.assertAllocationFree("raw routing", allocated, MEASURED);
            EngineThreadAllocation.finish(engine, serverError, pusher, mux.webSocket());
        }
    }
}
