/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.EngineThreadAllocation;
import io.jetsocket.client.WebSocket;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.RawUpgrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What sequence tracking costs on the engine thread, measured with the thread's allocation counter on an embedded
 * engine driven by the test thread: in-order messages of several streams, each read by the extractor, looked up by
 * its name's bytes, ordered and handed to the zero-copy handler, must allocate nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SequencedFeedAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    private static final String[] STREAMS = {"btcusdt@depth", "ethusdt@depth", "solusdt@depth", "xrpusdt@depth"};

    @Test
    void shouldTrackSequencesWithoutAllocating() throws Exception
    {
        final long total = WARM_UP + MEASURED;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final AtomicReference<Throwable> serverError = new AtomicReference<>();
            final Thread pusher = EngineThreadAllocation.startPusher(
                "feed-allocation-push", () -> push(server, total), serverError);
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + server.getLocalPort() + "/push")
                .engine(engine).reconnect(false).build();
            final long[] received = new long[1];
            final long[] checksum = new long[1];
            final SequencedFeed feed = SequencedFeed.builder(ws)
                .extractor(FeedFixtures.TEXT)
                .handler((stream, type, buffer, offset, length, fields) ->
                {
                    received[0]++;
                    checksum[0] += fields.last() + stream.length();
                })
                // resync configured but never needed: the steady state of a feed that could resync
                .<String>resync((stream) -> CompletableFuture.failedFuture(new AssertionError("no gap expected")),
                    Runnable::run)
                .snapshotHandler((stream, snapshot) ->
                {
                })
                .build();
            ws.connect();
            final long allocated = EngineThreadAllocation.measure(engine, ws, () -> received[0], WARM_UP, total);
            System.out.println("sequenced feed: " + allocated + " bytes allocated on the engine thread for " +
                MEASURED + " in-order messages over " + STREAMS.length + " streams");
            assertEquals(total, received[0]);
            long expected = 0;
            for (long i = 0; i < total; i++)
            {
                expected += i / STREAMS.length + 1 + STREAMS[(int)(i % STREAMS.length)].length();
            }
            assertEquals(expected, checksum[0]);
            for (final String stream : STREAMS)
            {
                final StreamStats stats = feed.stats(stream);
                assertEquals(total / STREAMS.length, stats.delivered());
                assertEquals(0, stats.gaps() + stats.duplicates() + stats.resyncs());
            }
            EngineThreadAllocation.assertAllocationFree("sequence tracking", allocated, MEASURED);
            feed.close();
            EngineThreadAllocation.finish(engine, serverError, pusher, ws);
        }
    }

    /**
     * Accept one client and push {@code messages} text frames {@code STREAM:SEQ} (fixed width), the streams in
     * turn, each numbered from 1 in order.
     */
    private static void push(final ServerSocket server, final long messages) throws IOException
    {
        try (Socket socket = server.accept())
        {
            socket.setTcpNoDelay(true);
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            RawUpgrade.accept(socket);
            final int frameLength = 2 + STREAMS[0].length() + 1 + 12;
            final byte[] batch = new byte[frameLength * 512];
            int used = 0;
            for (long i = 0; i < messages; i++)
            {
                final String stream = STREAMS[(int)(i % STREAMS.length)];
                final String text = String.format("%s:%012d", stream, i / STREAMS.length + 1);
                final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
                batch[used] = (byte)0x81; // FIN + text
                batch[used + 1] = (byte)bytes.length; // 7-bit length, unmasked
                System.arraycopy(bytes, 0, batch, used + 2, bytes.length);
                used += frameLength;
                if (used == batch.length)
                {
                    out.write(batch, 0, used);
                    used = 0;
                }
            }
            out.write(batch, 0, used);
            out.flush();
            in.readAllBytes();
        }
    }
}
