/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.TextFramePusher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the client allocates on the engine thread per received message, measured with the thread's allocation
 * counter on an embedded engine driven by the test thread (JMH {@code -prof gc} figures: see
 * {@code perf/src/main/java/io/jetsocket/perf/client}). The zero-copy path (raw handler only) must allocate
 * nothing; the typed path (JSON decoded into maps, {@code message} event) is reported and bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    private static final String PAYLOAD =
        "{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"64123.10\",\"q\":\"0.015\",\"t\":1}";

    @Test
    void shouldNotAllocateOnTheZeroCopyPath() throws Exception
    {
        final long[] received = new long[1];
        final long[] checksum = new long[1];
        final long allocated = measure(WARM_UP + MEASURED, (ws) ->
            ws.onRawMessage((type, buffer, offset, length) ->
            {
                received[0]++;
                checksum[0] += buffer.getByte(offset + 2) + length;
            }), received);

        System.out.println("zero-copy path: " + allocated + " bytes allocated on the engine thread for " +
            MEASURED + " messages of " + PAYLOAD.length() + " bytes");
        assertEquals((long)(WARM_UP + MEASURED) * ('e' + PAYLOAD.length()), checksum[0]);
        EngineThreadAllocation.assertAllocationFree("zero-copy path", allocated, MEASURED);
    }

    @Test
    void shouldReportWhatTheTypedPathAllocates() throws Exception
    {
        final long[] received = new long[1];
        final long[] prices = new long[1];
        final long allocated = measure(WARM_UP + MEASURED, (ws) -> ws.onMessage((message) ->
        {
            received[0]++;
            prices[0] += ((Map<?, ?>)message).get("p").toString().length();
        }), received);

        final double perMessage = (double)allocated / MEASURED;
        System.out.printf("typed path (JSON to Map, message event): %.1f bytes per message%n", perMessage);
        assertEquals((long)(WARM_UP + MEASURED) * 8, prices[0]);
        // About 100 B: the map, its two new strings and the event (the parser is reused); Jackson's was about 1,200.
        assertTrue(perMessage > 0 && perMessage < 512, "typed path allocates " + perMessage + " bytes/message");
    }

    private static long measure(
        final long total, final java.util.function.Consumer<WebSocket<Object>> handlers, final long[] received)
        throws Exception
    {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final AtomicReference<Throwable> serverError = new AtomicReference<>();
            final Thread pusher = EngineThreadAllocation.startPusher(
                "allocation-push", () -> TextFramePusher.push(server, PAYLOAD, total), serverError);
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + server.getLocalPort() + "/push")
                .engine(engine).receiveQueue(0, io.jetsocket.client.config.OverflowPolicy.DROP_OLDEST).build();
            handlers.accept(ws);
            ws.connect();
            final long allocated = EngineThreadAllocation.measure(engine, ws, () -> received[0], WARM_UP, total);
            assertEquals(total, received[0]);
            assertEquals(total, ws.stats().messagesReceived());
            EngineThreadAllocation.finish(engine, serverError, pusher, ws);
            return allocated;
        }
    }
}
