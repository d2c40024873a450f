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

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What arbitration costs on the engine thread, measured with the thread's allocation counter on an embedded engine
 * driven by the test thread: two legs bring the same in-order feed (two streams), every id is extracted, looked up
 * by its stream's bytes, delivered from the first leg or dropped as the other's duplicate; none of it may allocate.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedundantFeedAllocationTest
{
    private static final int WARM_UP_IDS = 100_000;
    private static final int MEASURED_IDS = 100_000;
    private static final int STREAMS = 2;
    private static final int FRAMES_PER_WRITE = 512;

    @Test
    void shouldArbitrateTwoLegsWithoutAllocating() throws Exception
    {
        final int ids = WARM_UP_IDS + MEASURED_IDS;
        final AtomicReference<Throwable> serverError = new AtomicReference<>();
        try (ServerSocket serverA = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            ServerSocket serverB = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final Thread pusherA = EngineThreadAllocation.startPusher(
                "redundant-feed-allocation-push", () -> push(serverA, ids), serverError);
            final Thread pusherB = EngineThreadAllocation.startPusher(
                "redundant-feed-allocation-push", () -> push(serverB, ids), serverError);
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            final WebSocket<Object> a = WebSocket.builder("ws://127.0.0.1:" + serverA.getLocalPort() + "/a")
                .engine(engine).reconnect(false).build();
            final WebSocket<Object> b = WebSocket.builder("ws://127.0.0.1:" + serverB.getLocalPort() + "/b")
                .engine(engine).reconnect(false).build();
            final long[] delivered = new long[1];
            final long[] checksum = new long[1];
            final RedundantFeed feed = RedundantFeed.builder()
                .leg("A", a)
                .leg("B", b)
                .extractor(FeedFixtures.TEXT)
                .handler((stream, type, buffer, offset, length, fields) ->
                {
                    delivered[0]++;
                    checksum[0] += fields.last() + stream.length();
                })
                .build();
            final long[] received = new long[1]; // on both legs: the stats snapshot allocates, this does not
            a.onRawMessage((type, buffer, offset, length) -> received[0]++);
            b.onRawMessage((type, buffer, offset, length) -> received[0]++);
            a.connect();
            b.connect();
            final long total = (long)ids * STREAMS;
            EngineThreadAllocation.driveUntil(
                engine, () -> delivered[0] >= (long)WARM_UP_IDS * STREAMS || a.state().isTerminal());
            final long messagesBefore = received[0];
            final BooleanSupplier finished =
                () -> received[0] >= 2 * total || a.state().isTerminal() && b.state().isTerminal();
            final long allocated =
                EngineThreadAllocation.allocatedBytes(() -> EngineThreadAllocation.driveUntil(engine, finished));
            final long measured = received[0] - messagesBefore;
            final RedundantFeedStats stats = feed.stats();
            System.out.println("redundant feed: " + allocated + " bytes allocated on the engine thread for " +
                measured + " messages on two legs; " + stats);
            assertEquals(total, delivered[0]);
            assertEquals(STREAMS * ((long)ids * (ids + 1) / 2 + 2L * ids), checksum[0]);
            assertEquals(2 * total, messages(feed));
            assertEquals(total, stats.leg("A").duplicates() + stats.leg("B").duplicates());
            assertEquals(0, stats.gaps());
            EngineThreadAllocation.assertAllocationFree("arbitration", allocated, measured);

            feed.close();
            EngineThreadAllocation.finish(engine, serverError, new Thread[]{pusherA, pusherB}, a, b);
        }
    }

    private static long messages(final RedundantFeed feed)
    {
        final RedundantFeedStats stats = feed.stats();
        return stats.leg("A").messages() + stats.leg("B").messages();
    }

    /**
     * Accept one client and push ids 1..{@code ids} of streams s1 and s2 as text frames {@code s1:0000000001}.
     */
    private static void push(final ServerSocket server, final int ids) throws IOException
    {
        final int payloadLength = "s1:".length() + 10;
        final int frameLength = 2 + payloadLength;
        try (Socket socket = server.accept())
        {
            socket.setTcpNoDelay(true);
            RawUpgrade.accept(socket);
            final OutputStream out = socket.getOutputStream();
            final byte[] batch = new byte[frameLength * FRAMES_PER_WRITE];
            int inBatch = 0;
            for (int id = 1; id <= ids; id++)
            {
                for (int s = 1; s <= STREAMS; s++)
                {
                    final byte[] payload = String.format("s%d:%010d", s, id).getBytes(StandardCharsets.US_ASCII);
                    final int at = inBatch * frameLength;
                    batch[at] = (byte)0x81; // FIN + text
                    batch[at + 1] = (byte)payloadLength;
                    System.arraycopy(payload, 0, batch, at + 2, payloadLength);
                    if (++inBatch == FRAMES_PER_WRITE)
                    {
                        out.write(batch);
                        inBatch = 0;
                    }
                }
            }
            out.write(batch, 0, inBatch * frameLength);
            out.flush();
            socket.getInputStream().readAllBytes();
        }
    }
}
