/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

import io.jetsocket.client.ScriptServer;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.feed.RedundantFeed;
import io.jetsocket.client.feed.SequenceFields;
import io.jetsocket.client.feed.SequencedFeed;
import io.jetsocket.client.feed.Snapshot;
import io.jetsocket.client.feed.StreamState;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's market-data examples run: the order book against the Node {@code ws} echo server (the test writes the
 * venue's deltas, the echo plays them back), the A/B feed against {@code ab-feed-server.js}, which drops one leg or
 * the other while keeping one up.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FeedExampleTest
{
    private static WebSocketEngine engine;

    @BeforeAll
    static void start()
    {
        engine = WebSocketEngine.launch(new EngineContext().roleName("feed-example-engine"));
    }

    @AfterAll
    static void stop()
    {
        engine.close();
    }

    @Test
    void orderBookShouldStartFromTheSnapshotAndApplyOnlyTheDeltasAfterIt() throws Exception
    {
        try (ScriptServer node = ScriptServer.start();
            WebSocket<Object> ws = WebSocket.builder(node.uri("/echo")).engine(engine).build())
        {
            final FeedExample.Book book = new FeedExample.Book();
            final CompletableFuture<Snapshot<Object>> rest = new CompletableFuture<>();
            final SequencedFeed feed = FeedExample.orderBook(ws, (stream) -> rest, Runnable::run,
                Map.of("btcusdt@depth", book));
            final AtomicInteger echoed = new AtomicInteger();
            ws.onRawMessage((type, buffer, offset, length) -> echoed.incrementAndGet()); // the test's own count
            ws.connect().get(10, TimeUnit.SECONDS);

            // Deltas 90..99 (covered by the snapshot), 100..105 (straddles it), 106..110: buffered until it comes.
            for (final String range : List.of("90,99", "100,105", "106,110"))
            {
                final String[] ids = range.split(",");
                ws.sendText("{\"stream\":\"btcusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"U\":" + ids[0] +
                    ",\"u\":" + ids[1] + ",\"b\":[[\"64000.1\",\"0.5\"]],\"a\":[]}}");
            }
            awaitTrue(() -> 3 == echoed.get());
            assertEquals(StreamState.AWAITING_SNAPSHOT, feed.stats("btcusdt@depth").state());
            assertEquals(-1, book.snapshotId, "no delta reaches the book before its snapshot");

            rest.complete(new Snapshot<>(101, "book at 101"));
            awaitTrue(() -> 2 == book.deltas);
            assertEquals(101, book.snapshotId);
            assertEquals(StreamState.LIVE, feed.stats("btcusdt@depth").state());
            assertEquals(110, feed.stats("btcusdt@depth").lastSequence());
            feed.close();
        }
    }

    @Test
    void abFeedShouldDeliverEveryIdOnceInOrderWhileLegsDrop() throws Exception
    {
        try (ScriptServer node = ScriptServer.start("ab-feed-server.js", "6"))
        {
            final List<String> problems = new CopyOnWriteArrayList<>();
            final long[] last = new long[3];
            final RedundantFeed feed = FeedExample.abFeed(engine, node.uri("/leg?name=A"), node.uri("/leg?name=B"),
                FeedExampleTest::streamColonId,
                (stream, type, buffer, offset, length, fields) ->
                {
                    final int s = stream.charAt(1) - '0';
                    if (fields.last() != last[s] + 1)
                    {
                        problems.add(stream + ": " + fields.last() + " after " + last[s]);
                    }
                    last[s] = fields.last();
                });
            final String done = node.lines().poll(45, TimeUnit.SECONDS);
            assertTrue(null != done && done.startsWith("DONE 6 "), String.valueOf(done));
            final long lastId = Long.parseLong(done.split(" ")[2]);
            awaitTrue(() -> last[1] == lastId && last[2] == lastId);
            assertEquals(List.of(), problems);
            assertEquals(0, feed.stats().gaps());
            feed.close();
        }
    }

    private static boolean streamColonId(
        final MessageType type, final DirectBuffer buffer, final int offset, final int length,
        final SequenceFields fields)
    {
        final String text = buffer.getStringWithoutLengthUtf8(offset, length); // a test: allocation is fine here
        final int colon = text.indexOf(':');
        if (colon < 0)
        {
            return false;
        }
        fields.stream(buffer, offset, colon).sequence(Long.parseLong(text.substring(colon + 1)));
        return true;
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadline < 0, "condition not met in 20 s");
            Thread.sleep(5);
        }
    }
}
