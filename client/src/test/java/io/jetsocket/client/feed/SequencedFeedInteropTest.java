/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.WebSocket;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real venue: Jetty plays two order-book streams with duplicates, reorders and gaps, and a REST endpoint serves
 * snapshots (fetched with {@code java.net.http} on an executor). The application applies each snapshot and every
 * delta after it: it must see each delta after a snapshot once and in order, and end with the venue's book.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SequencedFeedInteropTest
{
    private static final int COUNT = 1_000;
    private static final List<String> STREAMS = List.of("btcusdt", "ethusdt");

    /** Engine thread only: each stream's book as the application keeps it. */
    private final Map<String, Book> books = new HashMap<>();

    @Test
    void shouldRebuildEachBookFromSnapshotsAndDeltasDespiteGapsDuplicatesAndReorders() throws Exception
    {
        final HttpClient http = HttpClient.newHttpClient();
        final ExecutorService restExecutor = Executors.newFixedThreadPool(2);
        final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("feed-interop"));
        final List<String> gaps = new ArrayList<>();
        final java.util.concurrent.atomic.AtomicLong replayed = new java.util.concurrent.atomic.AtomicLong();
        try (BookFeedServer venue = new BookFeedServer(STREAMS, COUNT))
        {
            final WebSocket<Object> ws = WebSocket.builder(venue.webSocketUri()).engine(engine).reconnect(false)
                .build();
            final SequencedFeed feed = SequencedFeed.builder(ws)
                .extractor(FeedFixtures.TEXT)
                .handler((stream, type, buffer, offset, length, fields) ->
                    books.get(stream).apply(fields.first(), fields.last()))
                .<Long>resync((stream) -> http.sendAsync(HttpRequest.newBuilder(venue.snapshotUri(stream)).build(),
                    HttpResponse.BodyHandlers.ofString()).thenApply((response) ->
                    {
                        if (200 != response.statusCode())
                        {
                            throw new IllegalStateException("HTTP " + response.statusCode());
                        }
                        return BookFeedServer.parse(response.body());
                    }), restExecutor)
                .snapshotHandler((stream, snapshot) ->
                    books.computeIfAbsent(stream, (name) -> new Book()).snapshot(snapshot))
                .resyncOnFirstMessage(true)
                .listener(new FeedListener()
                {
                    @Override
                    public void onSequenceGap(final String stream, final long from, final long to)
                    {
                        synchronized (gaps)
                        {
                            gaps.add(stream + " " + from + ".." + to);
                        }
                    }

                    @Override
                    public void onResyncCompleted(final String stream, final long lastSequence, final int count)
                    {
                        replayed.addAndGet(count);
                    }
                })
                .build();
            ws.connect().get(10, TimeUnit.SECONDS);

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            while (!done(feed) && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertNull(venue.error());
            final Map<String, String> summary = onEngine(engine, () ->
            {
                final Map<String, String> copy = new HashMap<>();
                books.forEach((stream, book) -> copy.put(stream, book.toString()));
                return copy;
            });
            for (final String stream : STREAMS)
            {
                final StreamStats stats = feed.stats(stream);
                assertTrue(done(feed), "not caught up: " + stats + " " + summary);
                final Book book = onEngine(engine, () -> books.get(stream));
                assertEquals(List.of(), book.violations, stream + ": " + summary.get(stream));
                assertEquals(BookFeedServer.book(COUNT), book.book, stream + ": " + summary.get(stream));
                assertTrue(book.snapshots >= 1, summary.get(stream));
                assertTrue(stats.resyncs() >= 1, stats.toString());
                System.out.println(stats + " " + summary.get(stream));
            }
            final long stale = STREAMS.stream().mapToLong((s) -> feed.stats(s).duplicates() +
                feed.stats(s).outOfOrder()).sum();
            final long resyncs = STREAMS.stream().mapToLong((s) -> feed.stats(s).resyncs()).sum();
            System.out.println("venue injected " + venue.injectedGaps() + " gaps, " + venue.injectedDuplicates() +
                " duplicates, " + venue.injectedReorders() + " reorders; the feed saw gaps " + gaps.size() +
                ", stale " + stale + ", resyncs " + resyncs + ", deltas replayed after snapshots " + replayed);
            assertTrue(resyncs > STREAMS.size(), "a resync per stream at subscribe, then more after gaps");
            assertTrue(stale > 0, "duplicates dropped");
            assertTrue(replayed.get() > 0, "deltas buffered during a fetch were replayed");
            feed.close();
            ws.close();
        }
        finally
        {
            engine.close();
            restExecutor.shutdownNow();
        }
    }

    private static boolean done(final SequencedFeed feed)
    {
        for (final String stream : STREAMS)
        {
            final StreamStats stats = feed.stats(stream);
            if (null == stats || StreamState.LIVE != stats.state() || COUNT != stats.lastSequence())
            {
                return false;
            }
        }
        return true;
    }

    private static <T> T onEngine(final WebSocketEngine engine, final java.util.function.Supplier<T> supplier)
        throws Exception
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        engine.execute(() -> result.complete(supplier.get()));
        return result.get(5, TimeUnit.SECONDS);
    }

    /**
     * The application's order book: here the sum of the ids applied, with the continuity the feed promises checked.
     */
    private static final class Book
    {
        final List<String> violations = new ArrayList<>();
        long last = -1;
        long book;
        int snapshots;
        long deltas;

        void snapshot(final Snapshot<Long> snapshot)
        {
            last = snapshot.lastSequence();
            book = snapshot.payload();
            snapshots++;
        }

        void apply(final long first, final long lastId)
        {
            if (first != last + 1 && violations.size() < 10)
            {
                violations.add("delta " + first + " after " + last);
            }
            for (long id = Math.max(first, last + 1); id <= lastId; id++)
            {
                book += id;
            }
            last = Math.max(last, lastId);
            deltas++;
        }

        @Override
        public String toString()
        {
            return "Book{last=" + last + ", book=" + book + ", snapshots=" + snapshots + ", deltas=" + deltas +
                ", violations=" + violations + "}";
        }
    }
}
