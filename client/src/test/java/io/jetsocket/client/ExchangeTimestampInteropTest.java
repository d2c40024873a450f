/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.client.event.ErrorEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.time.ClockOffset;
import io.jetsocket.client.time.ExchangeTimestampExtractor;
import io.jetsocket.client.time.LatencySummary;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exchange timestamps from a real server: the Node {@code ws} server's {@code /stamped} route sends trades stamped
 * with its own clock ({@code Date.now()}, milliseconds) and an ack without a stamp; the client, with a heartbeat on,
 * keeps the exchange-to-receive histogram, the ping round trips and the clock offset. Server and client share this
 * machine's clock, so the offset is within the millisecond of the server's stamps and the delays are small.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExchangeTimestampInteropTest
{
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(15);

    @Test
    void shouldMeasureExchangeLatencyPingRoundTripsAndTheOffsetAgainstNode() throws Exception
    {
        try (ScriptServer node = ScriptServer.start();
            WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("stamped-engine")))
        {
            final AtomicInteger stamped = new AtomicInteger();
            try (WebSocket<Object> ws = WebSocket.builder(node.uri("/stamped?count=50")).engine(engine)
                .exchangeTimestamps(ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS))
                .heartbeat(HeartbeatConfig.builder().interval(Duration.ofMillis(50)).timeout(Duration.ofMillis(40))
                    .build())
                .build())
            {
                ws.onRawMessage((type, buffer, offset, length) ->
                {
                    // On the engine thread, during the handler: the stamps of the read, on the engine's clocks.
                    if (ws.receiveEpochNanos() > 0 && ws.receiveNanos() != 0)
                    {
                        stamped.incrementAndGet();
                    }
                });
                ws.connect().get(10, TimeUnit.SECONDS);
                for (int round = 0; round < 4; round++)
                {
                    ws.sendText("go");
                }
                awaitTrue(() -> ws.stats().messagesReceived() == 4 * 51);
                awaitTrue(() -> ws.stats().pingRoundTrip().count() >= 2);

                final ConnectionStats stats = ws.stats();
                final LatencySummary exchange = stats.exchangeToReceive();
                assertEquals(200, exchange.count(), "every trade, no ack");
                assertTrue(exchange.maxMicros() < 5_000_000, "loopback delays: " + exchange);
                assertTrue(exchange.p50Micros() <= exchange.p99Micros() && exchange.p99Micros() <= exchange.maxMicros(),
                    exchange.toString());
                final ClockOffset offset = stats.clockOffset();
                assertNotNull(offset);
                // Date.now() truncates to the millisecond: the smallest delay lies within [0, 1 ms) plus the delay.
                assertTrue(offset.minDelayNs() > -TimeUnit.MILLISECONDS.toNanos(5) &&
                    offset.minDelayNs() < TimeUnit.SECONDS.toNanos(1), offset.toString());
                assertTrue(offset.roundTripNs() > 0, "the heartbeat's round trips are taken off: " + offset);
                assertEquals(offset.minDelayNs() - offset.roundTripNs() / 2, offset.offsetNs());
                assertTrue(stats.pingRoundTrip().maxMicros() < 5_000_000, stats.pingRoundTrip().toString());
                assertEquals(4 * 51, stamped.get(), "every message saw its stamps in the raw handler");
                System.out.println("node exchange-to-receive " + exchange + ", ping " + stats.pingRoundTrip() +
                    ", " + offset);
            }
        }
    }

    @Test
    void shouldReportAnExtractorThatThrowsAndStillDeliverTheMessage() throws Exception
    {
        try (ScriptServer node = ScriptServer.start();
            WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("stamped-engine")))
        {
            final ExchangeTimestampExtractor field = ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS);
            final AtomicInteger raw = new AtomicInteger();
            try (WebSocket<Object> ws = WebSocket.builder(node.uri("/stamped?count=3")).engine(engine)
                .exchangeTimestamps((type, buffer, offset, length) ->
                {
                    final long ns = field.extractEpochNanos(type, buffer, offset, length);
                    if (ExchangeTimestampExtractor.NONE == ns)
                    {
                        throw new IllegalStateException("no timestamp in the ack");
                    }
                    return ns;
                })
                .build())
            {
                final EventLog log = EventLog.attach(ws);
                ws.onRawMessage((type, buffer, offset, length) -> raw.incrementAndGet());
                ws.connect().get(10, TimeUnit.SECONDS);
                ws.sendText("go");
                final ErrorEvent error = log.await(EventType.ERROR, Duration.ofSeconds(15));
                assertTrue(error.error() instanceof IllegalStateException, error.toString());
                awaitTrue(() -> 4 == raw.get());
                assertEquals(3, ws.stats().exchangeToReceive().count());
            }
        }
    }

    private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + WAIT_NS;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadline < 0, "condition not met within 15 s");
            Thread.sleep(5);
        }
    }
}
