/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jetsocket.engine.testing.JettyFixture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * An in-process Jetty server with a subscribe/unsubscribe protocol, as market-data venues have (endpoint
 * {@code /mux?burst=N}):
 * <ul>
 *     <li>{@code {"op":"subscribe","channel":"a"}}: answers {@code {"result":"subscribed","channel":"a"}} (no
 *     {@code stream} key: unroutable), then sends {@code {"stream":"a","conn":C,"seq":i}} for i in 1..N, where C
 *     numbers the connections from 1 and the sequence restarts on each subscribe of each connection;</li>
 *     <li>{@code {"op":"unsubscribe","channel":"a"}}: stops nothing (the burst is sent already), only logged;</li>
 *     <li>{@code {"op":"publish","channel":"a","count":K}}: sends K more messages of channel a, subscribed or not
 *     (the sequence continues);</li>
 *     <li>{@code drop}: drops TCP without a close frame.</li>
 * </ul>
 * Endpoint {@code /feed}: a venue's sequenced feed, whose sequences continue across connections. Each channel has
 * one counter, ticked every millisecond by a server timer from a channel's first subscribe on; each tick goes, as
 * {@code {"stream":"a","conn":C,"seq":i}}, to every connection subscribed to the channel, so they all carry the
 * same stream. {@code subscribe} answers {@code {"result":"subscribed","channel":"a"}}; a connection's close is
 * logged as {@code C closed}.
 * Every text frame is logged per connection ({@code C text}), in arrival order, for order checks.
 * The endpoint class is public because Jetty binds its methods with a public lookup.
 */
final class MuxServer implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> log = new ArrayList<>();
    private JettyFixture jetty;
    private final Object feedLock = new Object();
    private final Map<String, Long> feedSequences = new java.util.LinkedHashMap<>(); // feedLock
    private final Map<String, java.util.Set<FeedEndpoint>> feedSubscribers = new java.util.HashMap<>(); // feedLock
    private final Map<Integer, FeedEndpoint> feedEndpoints = new java.util.HashMap<>(); // feedLock
    private boolean feedMuted; // feedLock
    private final java.util.concurrent.ScheduledExecutorService ticker =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor((task) ->
        {
            final Thread thread = new Thread(task, "mux-test-feed-ticker");
            thread.setDaemon(true);
            return thread;
        });

    /**
     * Wait until a condition holds, polling every millisecond; the limit is a hang guard, never an assertion on time.
     *
     * @param condition what must become true.
     * @param guard     the most to wait before failing the test.
     * @throws InterruptedException if interrupted.
     */
    static void awaitTrue(final BooleanSupplier condition, final Duration guard) throws InterruptedException
    {
        final long deadline = System.nanoTime() + guard.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("condition not met within the hang guard of " + guard);
            }
            Thread.sleep(1);
        }
    }

    static MuxServer start() throws Exception
    {
        final MuxServer server = new MuxServer();
        server.jetty = JettyFixture.start("mux-test-jetty", null, server::configure);
        server.ticker.scheduleAtFixedRate(server::tick, 1, 1, TimeUnit.MILLISECONDS);
        return server;
    }

    String uri(final int burst)
    {
        return "ws://127.0.0.1:" + jetty.port() + "/mux?burst=" + burst;
    }

    String feedUri()
    {
        return "ws://127.0.0.1:" + jetty.port() + "/feed";
    }

    /**
     * While muted, a feed subscribe is answered but the connection gets none of the channel's messages.
     */
    void muteFeedSubscribes(final boolean muted)
    {
        synchronized (feedLock)
        {
            feedMuted = muted;
        }
    }

    /**
     * Drop a feed connection's TCP without a close frame.
     */
    void dropFeed(final long conn)
    {
        synchronized (feedLock)
        {
            feedEndpoints.get((int)conn).session.disconnect();
        }
    }

    /**
     * The text frames received so far, each as {@code "C text"}.
     */
    List<String> lines()
    {
        synchronized (log)
        {
            return new ArrayList<>(log);
        }
    }

    /**
     * The text frames received on connection {@code conn}, in order.
     */
    List<String> received(final int conn)
    {
        final String prefix = conn + " ";
        final List<String> texts = new ArrayList<>();
        for (final String line : lines())
        {
            if (line.startsWith(prefix))
            {
                texts.add(line.substring(prefix.length()));
            }
        }
        return texts;
    }

    /**
     * Wait (a hang guard, not a timing assertion) until a received line matches.
     */
    void await(final Predicate<String> match, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline)
        {
            synchronized (log)
            {
                for (final String line : log)
                {
                    if (match.test(line))
                    {
                        return;
                    }
                }
                log.wait(TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadline - System.nanoTime())) + 1);
            }
        }
        throw new AssertionError("server never received the expected frame; got: " + lines());
    }

    @Override
    public void close()
    {
        ticker.shutdownNow();
        jetty.close();
    }

    private void configure(final ServerWebSocketContainer container)
    {
        container.setIdleTimeout(Duration.ofMinutes(2));
        container.addMapping("/mux", (request, response, callback) -> new MuxEndpoint(
            Integer.parseInt(org.eclipse.jetty.server.Request.extractQueryParameters(request).getValue("burst")),
            connections.incrementAndGet()));
        container.addMapping("/feed", (request, response, callback) -> new FeedEndpoint(connections.incrementAndGet()));
    }

    private void tick()
    {
        synchronized (feedLock)
        {
            for (final Map.Entry<String, Long> entry : feedSequences.entrySet())
            {
                final long seq = entry.getValue() + 1;
                entry.setValue(seq);
                for (final FeedEndpoint endpoint : feedSubscribers.getOrDefault(entry.getKey(), java.util.Set.of()))
                {
                    endpoint.session.sendText("{\"stream\":\"" + entry.getKey() + "\",\"conn\":" + endpoint.conn +
                        ",\"seq\":" + seq + "}", Callback.NOOP);
                }
            }
        }
    }

    private void log(final String line)
    {
        synchronized (log)
        {
            log.add(line);
            log.notifyAll();
        }
    }

    /**
     * One connection: the channels' sequences restart on each subscribe.
     */
    public final class MuxEndpoint implements Session.Listener.AutoDemanding
    {
        private final int burst;
        private final int conn;
        private final Map<String, Integer> sequences = new java.util.HashMap<>();
        private Session session;

        MuxEndpoint(final int burst, final int conn)
        {
            this.burst = burst;
            this.conn = conn;
        }

        @Override
        public void onWebSocketOpen(final Session session)
        {
            this.session = session;
        }

        @Override
        public void onWebSocketText(final String text)
        {
            log(conn + " " + text);
            if ("drop".equals(text))
            {
                session.disconnect();
                return;
            }
            try
            {
                final Map<?, ?> command = JSON.readValue(text, Map.class);
                final String channel = String.valueOf(command.get("channel"));
                if ("subscribe".equals(command.get("op")))
                {
                    sequences.put(channel, 0);
                    session.sendText("{\"result\":\"subscribed\",\"channel\":\"" + channel + "\"}", Callback.NOOP);
                    publish(channel, burst);
                }
                else if ("publish".equals(command.get("op")))
                {
                    publish(channel, ((Number)command.get("count")).intValue());
                }
            }
            catch (final Exception ex)
            {
                log(conn + " bad " + ex);
            }
        }

        private void publish(final String channel, final int count)
        {
            int seq = sequences.getOrDefault(channel, 0);
            for (int i = 0; i < count; i++)
            {
                seq++;
                session.sendText("{\"stream\":\"" + channel + "\",\"conn\":" + conn + ",\"seq\":" + seq + "}",
                    Callback.NOOP);
            }
            sequences.put(channel, seq);
        }
    }

    /**
     * One connection of the sequenced feed.
     */
    public final class FeedEndpoint implements Session.Listener.AutoDemanding
    {
        private final int conn;
        private Session session;

        FeedEndpoint(final int conn)
        {
            this.conn = conn;
        }

        @Override
        public void onWebSocketOpen(final Session session)
        {
            this.session = session;
            synchronized (feedLock)
            {
                feedEndpoints.put(conn, this);
            }
        }

        @Override
        public void onWebSocketText(final String text)
        {
            log(conn + " " + text);
            try
            {
                final Map<?, ?> command = JSON.readValue(text, Map.class);
                final String channel = String.valueOf(command.get("channel"));
                synchronized (feedLock)
                {
                    if ("subscribe".equals(command.get("op")))
                    {
                        feedSequences.putIfAbsent(channel, 0L);
                        if (!feedMuted)
                        {
                            feedSubscribers.computeIfAbsent(channel, (key) -> new java.util.LinkedHashSet<>())
                                .add(this);
                        }
                        session.sendText("{\"result\":\"subscribed\",\"channel\":\"" + channel + "\"}",
                            Callback.NOOP);
                    }
                    else if ("unsubscribe".equals(command.get("op")))
                    {
                        feedSubscribers.getOrDefault(channel, java.util.Set.of()).remove(this);
                    }
                }
            }
            catch (final Exception ex)
            {
                log(conn + " bad " + ex);
            }
        }

        @Override
        public void onWebSocketClose(final int statusCode, final String reason)
        {
            synchronized (feedLock)
            {
                for (final java.util.Set<FeedEndpoint> subscribers : feedSubscribers.values())
                {
                    subscribers.remove(this);
                }
            }
            log(conn + " closed");
        }
    }
}
