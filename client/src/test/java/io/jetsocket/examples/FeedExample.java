/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.feed.FeedHandler;
import io.jetsocket.client.feed.FeedListener;
import io.jetsocket.client.feed.JsonSequenceExtractor;
import io.jetsocket.client.feed.RedundantFeed;
import io.jetsocket.client.feed.SequenceExtractor;
import io.jetsocket.client.feed.SequencedFeed;
import io.jetsocket.client.feed.Snapshot;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.DirectBuffer;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * README's market-data examples: an order book kept from a snapshot and deltas (Binance's combined depth stream:
 * {@code {"stream":"btcusdt@depth","data":{"U":first,"u":last,...}}}), and one feed read over two redundant legs.
 */
public final class FeedExample
{
    private FeedExample()
    {
    }

    /**
     * A stand-in for the application's order book: counts what it was given.
     */
    static final class Book
    {
        volatile long snapshotId = -1;
        volatile long deltas;

        void replace(final Object snapshot, final long lastUpdateId)
        {
            snapshotId = lastUpdateId;
            deltas = 0;
        }

        void apply(final DirectBuffer buffer, final int offset, final int length)
        {
            deltas++;
        }
    }

    /**
     * The order-book resync: deltas from the WebSocket, snapshots from the venue's REST API (here a function).
     *
     * @param ws           the depth stream's connection.
     * @param restSnapshot fetches a snapshot off the engine thread: the book and its last update id.
     * @param restExecutor where the fetches run.
     * @param books        the books, one per stream.
     * @return the feed.
     */
    static SequencedFeed orderBook(
        final WebSocket<Object> ws,
        final Function<String, CompletableFuture<Snapshot<Object>>> restSnapshot,
        final Executor restExecutor,
        final Map<String, Book> books)
    {
        // tag::order-book[]
        SequencedFeed feed = SequencedFeed.builder(ws)
            .extractor(JsonSequenceExtractor.builder()     // read from the bytes, nothing decoded
                .stream("stream").range("data.U", "data.u").build())
            .resync(restSnapshot::apply, restExecutor)      // e.g. GET /api/v3/depth, off the engine thread
            .resyncOnFirstMessage(true)                     // buffer deltas until the first snapshot is in
            .snapshotHandler((stream, snapshot) ->
                books.get(stream).replace(snapshot.payload(), snapshot.lastSequence()))
            .handler((stream, type, buffer, offset, length, fields) ->
                books.get(stream).apply(buffer, offset, length)) // in order, once, from the snapshot on
            .listener(FeedListener.onGaps((stream, from, to) ->
                System.err.println(stream + " lost " + from + ".." + to + ": resyncing that stream only")))
            .build();
        // end::order-book[]
        return feed;
    }

    /**
     * One feed over two legs on one engine, the first copy of each id winning.
     *
     * @param engine    the engine both legs run on.
     * @param uriA      the first leg's endpoint.
     * @param uriB      the second leg's endpoint (the same feed, or another data centre's).
     * @param extractor reads stream and sequence from the bytes.
     * @param handler   gets every id once, in order.
     * @return the feed, its legs connecting.
     */
    static RedundantFeed abFeed(
        final WebSocketEngine engine,
        final String uriA,
        final String uriB,
        final SequenceExtractor extractor,
        final FeedHandler handler)
    {
        final Map<String, Long> lost = new ConcurrentHashMap<>();
        // tag::ab-feed[]
        WebSocket<Object> a = WebSocket.builder(uriA).engine(engine).build(); // both legs on one engine
        WebSocket<Object> b = WebSocket.builder(uriB).engine(engine).build();
        RedundantFeed feed = RedundantFeed.builder()
            .leg("A", a).leg("B", b)
            .extractor(extractor)                           // e.g. JsonSequenceExtractor...sequence("u")
            .handler(handler)                               // every id once, in order, whichever leg was first
            .listener(FeedListener.onGaps((stream, from, to) -> lost.merge(stream, to - from + 1, Long::sum)))
            .build();
        a.connect();
        b.connect();                                        // either may drop and reconnect: no gap while one is up
        // ... later: feed.stats().leg("A").wins(), .lag().p99Micros(); feed.close(); a.close(); b.close();
        // end::ab-feed[]
        return feed;
    }
}
