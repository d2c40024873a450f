/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.WebSocket;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.RawUpgrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final int ids = WARM_UP_IDS + MEASURED_IDS;
        final AtomicReference<Throwable> serverError = new AtomicReference<>();
        try (ServerSocket serverA = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            ServerSocket serverB = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final Thread pusherA = pusher(serverA, ids, serverError);
            final Thread pusherB = pusher(serverB, ids, serverError);
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
            final long threadId = Thread.currentThread().getId();
            while (delivered[0] < (long)WARM_UP_IDS * STREAMS && !a.state().isTerminal())
            {
                engine.doWork();
            }
            final long before = threads.getThreadAllocatedBytes(threadId);
            final long messagesBefore = received[0];
            while (received[0] < 2 * total && !(a.state().isTerminal() && b.state().isTerminal()))
            {
                engine.doWork();
            }
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            final long measured = received[0] - messagesBefore;
            final RedundantFeedStats stats = feed.stats();
            System.out.println("redundant feed: " + allocated + " bytes allocated on the engine thread for " +
                measured + " messages on two legs; " + stats);
            assertEquals(total, delivered[0]);
            assertEquals(STREAMS * ((long)ids * (ids + 1) / 2 + 2L * ids), checksum[0]);
            assertEquals(2 * total, messages(feed));
            assertEquals(total, stats.leg("A").duplicates() + stats.leg("B").duplicates());
            assertEquals(0, stats.gaps());
            // one allocation per message would be at least 16 bytes x 400,000
            assertTrue(allocated < 4096, "arbitration allocated " + allocated + " bytes for " + measured);

            feed.close();
            a.closeAsync();
            b.closeAsync();
            for (int i = 0; i < 1000 && !(a.state().isTerminal() && b.state().isTerminal()); i++)
            {
                engine.doWork();
            }
            engine.close();
            pusherA.join(5_000);
            pusherB.join(5_000);
            assertNull(serverError.get());
        }
    }

    private static long messages(final RedundantFeed feed)
    {
        final RedundantFeedStats stats = feed.stats();
        return stats.leg("A").messages() + stats.leg("B").messages();
    }

    private static Thread pusher(final ServerSocket server, final int ids, final AtomicReference<Throwable> error)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                push(server, ids);
            }
            catch (final Throwable ex)
            {
                error.set(ex);
            }
        }, "redundant-feed-allocation-push");
        thread.setDaemon(true);
        thread.start();
        return thread;
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
