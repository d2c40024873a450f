/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.config.PayloadCompression;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.TextFramePusher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the client allocates on the engine thread per gzip message it inflates, measured as
 * {@link ClientAllocationTest} does (the thread's allocation counter, an embedded engine driven by the test
 * thread): the zero-copy path with {@code payloadCompression(GZIP)} must allocate nothing per message either.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PayloadCompressionAllocationTest
{
    private static final int WARM_UP = 100_000;
    private static final int MEASURED = 100_000;
    /** About 300 bytes of Huobi-like JSON, about 200 gzipped. */
    private static final byte[] JSON = ("{\"ch\":\"market.btcusdt.trade.detail\",\"ts\":1733300000123,\"tick\":" +
        "{\"id\":1234567890,\"ts\":1733300000120,\"data\":[{\"id\":1,\"ts\":1733300000120,\"tradeId\":100000001," +
        "\"amount\":0.015,\"price\":64123.1,\"direction\":\"buy\"},{\"id\":2,\"ts\":1733300000121," +
        "\"tradeId\":100000002,\"amount\":1.2,\"price\":64123.0,\"direction\":\"sell\"}]}}")
        .getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldNotAllocateOnTheZeroCopyPathWhileInflatingGzip() throws Exception
    {
        final byte[] gzip = gzip(JSON);
        assertTrue(gzip.length >= 126 && gzip.length < 65_536, "a 16-bit frame length: " + gzip.length);
        final long total = WARM_UP + MEASURED;
        final long[] received = new long[1];
        final long[] checksum = new long[1];
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final AtomicReference<Throwable> serverError = new AtomicReference<>();
            final Thread pusher = EngineThreadAllocation.startPusher(
                "gzip-push", () -> TextFramePusher.pushFrames(server, binaryFrame(gzip), total), serverError);
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + server.getLocalPort() + "/push")
                .engine(engine).receiveQueue(0, OverflowPolicy.DROP_OLDEST)
                .payloadCompression(PayloadCompression.GZIP).build();
            ws.onRawMessage((type, buffer, offset, length) ->
            {
                received[0]++;
                checksum[0] += (MessageType.TEXT == type ? 1 : 0) + buffer.getByte(offset + length - 1) + length;
            });
            ws.connect();
            EngineThreadAllocation.driveUntil(engine, () -> received[0] >= WARM_UP || ws.state().isTerminal());
            final long startNs = System.nanoTime();
            final BooleanSupplier finished = () -> received[0] >= total || ws.state().isTerminal();
            final long allocated =
                EngineThreadAllocation.allocatedBytes(() -> EngineThreadAllocation.driveUntil(engine, finished));
            final long elapsedNs = System.nanoTime() - startNs;

            assertEquals(total, received[0]);
            assertEquals(total * (1 + '}' + JSON.length), checksum[0], "every message inflated, as text");
            assertEquals(total, ws.stats().messagesReceived());
            assertEquals(total * gzip.length, ws.stats().bytesReceived(), "bytes as received: compressed");
            System.out.printf("gzip zero-copy path: %d bytes allocated on the engine thread for %d messages " +
                "(%d B gzip -> %d B JSON), %.0f ns per message end to end%n",
                allocated, MEASURED, gzip.length, JSON.length, (double)elapsedNs / MEASURED);
            EngineThreadAllocation.assertAllocationFree("gzip zero-copy path", allocated, MEASURED);
            EngineThreadAllocation.finish(engine, serverError, pusher, ws);
        }
    }

    private static byte[] gzip(final byte[] data)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes))
        {
            out.write(data);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * An unmasked binary frame of the payload (126 to 65,535 bytes: a 16-bit length).
     */
    private static byte[] binaryFrame(final byte[] payload)
    {
        final byte[] frame = new byte[4 + payload.length];
        frame[0] = (byte)0x82; // FIN + binary
        frame[1] = 126; // 16-bit length follows, unmasked
        frame[2] = (byte)(payload.length >>> 8);
        frame[3] = (byte)payload.length;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        return frame;
    }
}
