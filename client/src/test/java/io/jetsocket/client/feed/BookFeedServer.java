/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import com.sun.net.httpserver.HttpServer;
import io.jetsocket.engine.testing.JettyFixture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A scripted order-book venue: a Jetty WebSocket endpoint {@code /book} that, once a client connects, plays ids
 * 1..N of each stream as {@code NAME:ID} text messages, interleaved, injecting duplicates, reorders (the next id
 * first) and gaps (an id never sent), and a REST snapshot endpoint ({@code GET /snapshot?stream=NAME}, the JDK's
 * HTTP server) answering {@code LAST BOOK}: the last id played so far and the book at it (here the sum of every id
 * up to it, so that a client applying each delta once, after the right snapshot, ends at {@code N(N+1)/2}).
 * <p>
 * After each gap the script waits (5 s at most) until the client asks for that stream's snapshot, then goes on
 * while the snapshot answer is held back {@link #SNAPSHOT_DELAY}: the deltas sent meanwhile are the ones the
 * client must buffer and replay, and the other stream keeps flowing.
 */
final class BookFeedServer implements AutoCloseable
{
    static final Duration SNAPSHOT_DELAY = Duration.ofMillis(30);

    private final List<String> streams;
    private final int count;
    private final Map<String, AtomicLong> lastSent = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> snapshotRequests = new ConcurrentHashMap<>();
    private final AtomicInteger injectedGaps = new AtomicInteger();
    private final AtomicInteger injectedDuplicates = new AtomicInteger();
    private final AtomicInteger injectedReorders = new AtomicInteger();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final JettyFixture jetty;
    private final HttpServer http;

    BookFeedServer(final List<String> streams, final int count) throws Exception
    {
        this.streams = streams;
        this.count = count;
        for (final String stream : streams)
        {
            lastSent.put(stream, new AtomicLong());
            snapshotRequests.put(stream, new AtomicInteger());
        }
        jetty = JettyFixture.start("book-feed", null, (container) ->
            container.addMapping("/book", (request, response, callback) -> new Player()));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(Executors.newFixedThreadPool(4, (task) ->
        {
            final Thread thread = new Thread(task, "book-snapshot");
            thread.setDaemon(true);
            return thread;
        }));
        http.createContext("/snapshot", (exchange) ->
        {
            final String stream = exchange.getRequestURI().getQuery().substring("stream=".length());
            final long last = lastSent.get(stream).get();
            snapshotRequests.get(stream).incrementAndGet();
            LockSupport.parkNanos(SNAPSHOT_DELAY.toNanos()); // the deltas after it keep coming meanwhile
            final byte[] body = (last + " " + book(last)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        });
        http.start();
    }

    static long book(final long last)
    {
        return last * (last + 1) / 2;
    }

    String webSocketUri()
    {
        return "ws://127.0.0.1:" + jetty.port() + "/book";
    }

    URI snapshotUri(final String stream)
    {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/snapshot?stream=" + stream);
    }

    int injectedGaps()
    {
        return injectedGaps.get();
    }

    int injectedDuplicates()
    {
        return injectedDuplicates.get();
    }

    int injectedReorders()
    {
        return injectedReorders.get();
    }

    Throwable error()
    {
        return error.get();
    }

    @Override
    public void close()
    {
        http.stop(0);
        jetty.close();
    }

    private void play(final Session session) throws Exception
    {
        final int streamCount = streams.size();
        final long[] next = new long[streamCount];
        java.util.Arrays.fill(next, 1);
        boolean more = true;
        while (more)
        {
            more = false;
            for (int s = 0; s < streamCount; s++)
            {
                final String stream = streams.get(s);
                final long id = next[s];
                if (id > count)
                {
                    continue;
                }
                more = true;
                // each stream's injections at its own phase, 40 ids apart, never within the last few ids
                final long phase = (id + 17L * s) % 40;
                if (10 == phase && id < count)
                {
                    send(session, stream, id);
                    send(session, stream, id);
                    injectedDuplicates.incrementAndGet();
                    next[s] = id + 1;
                }
                else if (20 == phase && id + 1 <= count)
                {
                    send(session, stream, id + 1);
                    send(session, stream, id);
                    injectedReorders.incrementAndGet();
                    next[s] = id + 2;
                }
                else if (30 == phase && id < count)
                {
                    final int requests = snapshotRequests.get(stream).get();
                    lastSent.get(stream).set(id); // lost on the way: the venue's book has it
                    injectedGaps.incrementAndGet();
                    send(session, stream, id + 1);
                    awaitSnapshotRequest(stream, requests);
                    next[s] = id + 2;
                }
                else
                {
                    send(session, stream, id);
                    next[s] = id + 1;
                }
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private void send(final Session session, final String stream, final long id) throws Exception
    {
        final AtomicLong last = lastSent.get(stream);
        last.set(Math.max(last.get(), id)); // before the send: a snapshot taken now may include it
        final Callback.Completable sent = new Callback.Completable();
        session.sendText(stream + ":" + id + " delta", sent);
        sent.get(5, TimeUnit.SECONDS);
    }

    private void awaitSnapshotRequest(final String stream, final int before)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (snapshotRequests.get(stream).get() == before && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * Plays the script to one connection, on a thread of its own.
     */
    public final class Player implements Session.Listener.AutoDemanding
    {
        @Override
        public void onWebSocketOpen(final Session session)
        {
            final Thread thread = new Thread(() ->
            {
                try
                {
                    play(session);
                }
                catch (final Throwable ex)
                {
                    error.compareAndSet(null, ex);
                }
            }, "book-feed-player");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Fetch a snapshot over HTTP the way an application would (java.net.http).
     */
    static Snapshot<Long> parse(final String body)
    {
        final String[] parts = body.trim().split(" ");
        return new Snapshot<>(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    static IOException unexpected(final int status, final String body)
    {
        return new IOException("snapshot HTTP " + status + ": " + body);
    }
}
