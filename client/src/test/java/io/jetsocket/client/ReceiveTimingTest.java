/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.MessageEvent;
import io.jetsocket.client.event.RawMessageEvent;
import io.jetsocket.client.time.ClockOffset;
import io.jetsocket.client.time.ExchangeTimestampExtractor;
import io.jetsocket.client.time.LatencySummary;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.testing.RawUpgrade;
import io.jetsocket.engine.testing.SteppedEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receive stamps and exchange latency through a client on an embedded engine whose clocks the test steps: the raw
 * handler, the raw and decoded message events and the statistics all see the stamp of the read that brought the
 * message, one stamp per read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReceiveTimingTest
{
    private static final long EPOCH_NS = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    private long epochNs = EPOCH_NS;
    private int epochReads;

    @Test
    void shouldStampEachReadOnceAndMeasureTheExchangeLatencyOnSteppedClocks() throws Exception
    {
        final List<long[]> rawStamps = new ArrayList<>();
        final List<long[]> rawEventStamps = new ArrayList<>();
        final List<long[]> messageStamps = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            SteppedEngine stepped = SteppedEngine.embed(new EngineContext().epochNanoClock(() ->
            {
                epochReads++;
                return epochNs;
            }), 1_000 * MS))
        {
            final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + server.getLocalPort() + "/")
                .engine(stepped.engine())
                .exchangeTimestamps(ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS))
                .reconnect(false)
                .build();
            ws.onRawMessage((type, buffer, offset, length) ->
                rawStamps.add(new long[]{ ws.receiveNanos(), ws.receiveEpochNanos() }));
            ws.on(EventType.RAW_MESSAGE, (RawMessageEvent event) ->
                rawEventStamps.add(new long[]{ event.receiveNanos(), event.receiveEpochNanos() }));
            ws.on(EventType.MESSAGE, (MessageEvent<?> event) ->
                messageStamps.add(new long[]{ event.receiveNanos(), event.receiveEpochNanos() }));
            assertNull(ws.stats().clockOffset());
            final CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return server.accept();
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
            ws.connect();
            stepped.driveUntil(Duration.ZERO, accepted::isDone);
            final Socket peer = accepted.join();
            stepped.driveUntil(Duration.ZERO, () -> available(peer));
            RawUpgrade.accept(peer);
            stepped.driveUntil(Duration.ZERO, () -> ConnectionState.CONNECTED == ws.state());

            // One read carrying two messages: 5 ms and 7 ms after the exchange stamped them, and an ack without.
            stepped.advance(Duration.ofMillis(250));
            epochNs = EPOCH_NS + 1_000 * MS;
            final long nowMs = epochNs / MS;
            final int readsBefore = epochReads;
            write(peer, texts(
                "{\"e\":\"trade\",\"E\":" + (nowMs - 5) + "}",
                "{\"e\":\"trade\",\"E\":" + (nowMs - 7) + "}",
                "{\"result\":null,\"id\":1}"));
            stepped.driveUntil(Duration.ZERO, () -> 3 == rawStamps.size() && 3 == messageStamps.size());
            assertEquals(1, epochReads - readsBefore, "one clock read for the three messages of one read");
            final long[] expected = { 1_250 * MS, EPOCH_NS + 1_000 * MS };
            for (int i = 0; i < 3; i++)
            {
                assertStamp(expected, rawStamps.get(i), "raw handler " + i);
                assertStamp(expected, rawEventStamps.get(i), "raw event " + i);
                assertStamp(expected, messageStamps.get(i), "message event " + i);
            }

            final ConnectionStats stats = ws.stats();
            final LatencySummary exchange = stats.exchangeToReceive();
            assertEquals(2, exchange.count(), "the ack has no timestamp");
            assertEquals(5_000, exchange.p50Micros(), 50);
            assertEquals(7_000, exchange.maxMicros(), 70);
            assertEquals(new ClockOffset(5 * MS, 5 * MS, -1), stats.clockOffset(), "the minimum, exactly");
            assertEquals(LatencySummary.EMPTY, stats.pingRoundTrip(), "no heartbeat");

            // Stepped clocks show in the next read: the exchange 2 ms behind now, a new minimum.
            stepped.advance(Duration.ofMillis(100));
            epochNs = EPOCH_NS + 3_000 * MS;
            write(peer, texts("{\"E\":" + (epochNs / MS - 2) + "}"));
            stepped.driveUntil(Duration.ZERO, () -> 4 == rawStamps.size());
            assertStamp(new long[]{ 1_350 * MS, EPOCH_NS + 3_000 * MS }, rawStamps.get(3), "next read");
            assertEquals(3, ws.stats().exchangeToReceive().count());
            assertEquals(2 * MS, ws.stats().clockOffset().offsetNs());
            peer.close();
        }
    }

    private static void assertStamp(final long[] expected, final long[] actual, final String what)
    {
        assertEquals(expected[0], actual[0], what + ": nano stamp");
        assertEquals(expected[1], actual[1], what + ": epoch stamp");
    }

    private static boolean available(final Socket socket)
    {
        try
        {
            return socket.getInputStream().available() > 0;
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * Unmasked text frames of short payloads (7-bit lengths), back to back in one array.
     */
    private static byte[] texts(final String... payloads)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final String payload : payloads)
        {
            final byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            assertTrue(bytes.length < 126, payload);
            out.write(0x81); // FIN + text
            out.write(bytes.length);
            out.write(bytes, 0, bytes.length);
        }
        return out.toByteArray();
    }

    private static void write(final Socket socket, final byte[] bytes) throws IOException
    {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        assertTrue(bytes.length < 1024, "one small write: one read on the loopback");
    }
}
