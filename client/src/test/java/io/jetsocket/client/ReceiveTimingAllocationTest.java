/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.time.ExchangeTimestampExtractor;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.TextFramePusher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The zero-copy path with the time features on stays allocation-free on the engine thread: every read stamped, the
 * raw handler reading the stamps, every message's exchange timestamp extracted and recorded in the histogram and
 * the sliding minimum, while another thread reads the statistics all along (each read swaps the recorder's
 * histograms under the writer). Measured as {@link ClientAllocationTest} does, with the same bound.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReceiveTimingAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;

    @Test
    void shouldNotAllocateWhileStampingAndRecordingExchangeTimestamps() throws Exception
    {
        final long exchangeMs = System.currentTimeMillis();
        final String payload = "{\"e\":\"trade\",\"E\":" + exchangeMs +
            ",\"s\":\"BTCUSDT\",\"p\":\"64123.10\",\"q\":\"0.015\"}";
        // A steady feed: every message 3 to 7 ms old on arrival (the pusher repeats one message, so the receive
        // clock is what varies). A delay that keeps growing would keep growing the histograms: that allocates, once
        // per doubling of the largest value, as HdrHistogram's auto-resizing does.
        final long exchangeNs = exchangeMs * 1_000_000L;
        final long[] received = new long[1];
        final long[] stamps = new long[1];
        final long total = WARM_UP + MEASURED;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final AtomicReference<Throwable> serverError = new AtomicReference<>();
            final Thread pusher = EngineThreadAllocation.startPusher(
                "timing-allocation-push", () -> TextFramePusher.push(server, payload, total), serverError);
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext()
                .epochNanoClock(() -> exchangeNs + 3_000_000L + (System.nanoTime() & 0x3F_FFFFL)));
            final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + server.getLocalPort() + "/push")
                .engine(engine).receiveQueue(0, OverflowPolicy.DROP_OLDEST)
                .exchangeTimestamps(ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS))
                .build();
            ws.onRawMessage((type, buffer, offset, length) ->
            {
                received[0]++;
                stamps[0] += (ws.receiveNanos() & 1) + (ws.receiveEpochNanos() & 1);
            });
            final AtomicBoolean reading = new AtomicBoolean(true);
            final AtomicLong snapshots = new AtomicLong();
            final Thread reader = new Thread(() ->
            {
                while (reading.get())
                {
                    ws.stats().exchangeToReceive();
                    snapshots.incrementAndGet();
                    Thread.onSpinWait();
                }
            }, "timing-stats-reader");
            reader.setDaemon(true);
            ws.connect();
            reader.start();
            final long allocated = EngineThreadAllocation.measure(engine, ws, () -> received[0], WARM_UP, total);
            reading.set(false);
            reader.join(5_000);
            assertEquals(total, received[0]);
            assertEquals(total, ws.stats().exchangeToReceive().count(), "every message's timestamp recorded");
            System.out.println("zero-copy path with receive stamps and exchange timestamps: " + allocated +
                " bytes allocated on the engine thread for " + MEASURED + " messages (" + snapshots.get() +
                " statistics read meanwhile, " + stamps[0] + ")");
            assertTrue(snapshots.get() > 0, "the statistics were read while recording");
            EngineThreadAllocation.assertAllocationFree("zero-copy path with the time features", allocated, MEASURED);
            EngineThreadAllocation.finish(engine, serverError, pusher, ws);
        }
    }
}
