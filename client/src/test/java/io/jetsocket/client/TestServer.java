/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jetsocket.engine.testing.JettyFixture;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An in-process Jetty 12 WebSocket server on 127.0.0.1 for the client's tests (a server nobody here wrote),
 * with misbehaving endpoints. Everything the server sees is logged as lines ({@code open /echo},
 * {@code text /echo hello}, {@code close /mute 1011 heartbeat timeout}, {@code ping /mute}) that tests await.
 * <ul>
 *     <li>{@code /echo}: echo text and binary. Text commands: {@code close:CODE:REASON} closes with that
 *     code, {@code drop} drops TCP without a close frame.</li>
 *     <li>{@code /close?code=&reason=}: close at once with that code.</li>
 *     <li>{@code /reject?status=}: refuse the upgrade with that HTTP status.</li>
 *     <li>{@code /mute?pongs=N}: echo, but answer only the first N pings (keeps reading).</li>
 *     <li>{@code /stall?afterMs=}: echo, then stop reading entirely after that delay (a dead peer).</li>
 *     <li>{@code /push?count=N}: send {@code {"seq":i}} for i in 1..N on open, then echo.</li>
 *     <li>{@code /venueping?count=N&deadlineMs=D}: a venue's application-level pings (Huobi's): sends
 *     {@code {"ping":ts}}, expects {@code {"pong":ts}} within D ms (else closes with 4001), then a data message
 *     {@code {"data":i}} and the next ping, N times (none for N = 0). The client's own {@code {"ping":ts}} is answered
 *     with {@code {"pong":ts+S}} ({@code pongSkew=S}, default 0).</li>
 *     <li>{@code /feed?dropEvery=K}: the sequenced {@link Feed}; {@code {"op":"subscribe"}} starts live
 *     delivery, {@code {"op":"replay","from":N}} resends from N; every K messages sent on a connection the
 *     server drops it (alternately without a close frame and with 1012).</li>
 *     <li>{@code /seq?dropEvery=K&pauseEvery=P&pauseMs=M}: reads decimal numbers and checks them against one
 *     {@link SeqCheck} shared by every connection (order, duplicates); after K messages on a connection it drops
 *     TCP without a close frame (0: never); every P messages it sleeps M ms (a server falling behind). Nothing is
 *     logged per message.</li>
 * </ul>
 * The endpoint classes are public because Jetty binds their methods with a public lookup.
 */
final class TestServer implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinkedBlockingQueue<String> log = new LinkedBlockingQueue<>();
    private final List<String> history = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger feedDrops = new AtomicInteger();
    private final SeqCheck seqCheck = new SeqCheck();
    private volatile Feed feed;
    private JettyFixture jetty;

    private TestServer()
    {
    }

    static TestServer start() throws Exception
    {
        final TestServer server = new TestServer();
        server.jetty = JettyFixture.start("client-test-jetty", null, server::configure);
        return server;
    }

    int port()
    {
        return jetty.port();
    }

    String uri(final String pathAndQuery)
    {
        return "ws://127.0.0.1:" + port() + pathAndQuery;
    }

    TestServer feed(final Feed feed)
    {
        this.feed = feed;
        return this;
    }

    SeqCheck seqCheck()
    {
        return seqCheck;
    }

    int connectionCount()
    {
        return connections.get();
    }

    /**
     * Stop accepting and drop every connection, then listen again on the same port.
     */
    void restart(final Duration downtime) throws Exception
    {
        jetty.restart(downtime);
    }

    void stop() throws Exception
    {
        jetty.stop();
    }

    /**
     * Wait for a log line matching the predicate (lines seen earlier are kept for later awaits).
     */
    String await(final Predicate<String> match, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (history)
        {
            for (final String line : history)
            {
                if (match.test(line))
                {
                    return line;
                }
            }
        }
        while (true)
        {
            final long remaining = deadline - System.nanoTime();
            if (remaining <= 0)
            {
                throw new AssertionError("server never logged the expected line; log: " + lines());
            }
            final String line = log.poll(remaining, TimeUnit.NANOSECONDS);
            if (null != line)
            {
                synchronized (history)
                {
                    history.add(line);
                }
                if (match.test(line))
                {
                    return line;
                }
            }
        }
    }

    /**
     * Wait until {@code count} log lines match.
     */
    void awaitCount(final Predicate<String> match, final int count, final Duration timeout)
        throws InterruptedException
    {
        final int[] seen = new int[1];
        await((line) -> match.test(line) && ++seen[0] >= count, timeout);
    }

    String await(final String prefix, final Duration timeout) throws InterruptedException
    {
        return await((line) -> line.startsWith(prefix), timeout);
    }

    List<String> lines()
    {
        synchronized (history)
        {
            log.drainTo(history);
            return new ArrayList<>(history);
        }
    }

    @Override
    public void close()
    {
        jetty.close();
    }

    private void configure(final ServerWebSocketContainer container)
    {
        container.setIdleTimeout(Duration.ofMinutes(2));
        container.addMapping("/echo", (request, response, callback) -> new EchoEndpoint("/echo"));
        container.addMapping("/close", (request, response, callback) -> new CloseEndpoint(params(request)));
        container.addMapping("/mute", (request, response, callback) -> new MuteEndpoint(params(request)));
        container.addMapping("/stall", (request, response, callback) -> new StallEndpoint(params(request)));
        container.addMapping("/push", (request, response, callback) -> new PushEndpoint(params(request)));
        container.addMapping("/feed", (request, response, callback) -> new FeedEndpoint(params(request)));
        container.addMapping("/seq", (request, response, callback) -> new SeqEndpoint(params(request)));
        container.addMapping("/reject", TestServer::reject);
        container.addMapping("/venueping", (request, response, callback) -> new VenuePingEndpoint(params(request)));
    }

    private static Fields params(final ServerUpgradeRequest request)
    {
        return Request.extractQueryParameters(request);
    }

    private static int intParam(final Fields params, final String name, final int fallback)
    {
        final String value = params.getValue(name);
        return null == value ? fallback : Integer.parseInt(value);
    }

    private static Object reject(
        final ServerUpgradeRequest request,
        final ServerUpgradeResponse response,
        final org.eclipse.jetty.util.Callback callback)
    {
        final int status = intParam(params(request), "status", 403);
        response.setStatus(status);
        if (503 == status)
        {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(("refused with " + status + "\n").getBytes(StandardCharsets.UTF_8)),
            callback);
        return null;
    }

    private void log(final String line)
    {
        log.add(line);
    }

    /**
     * Common part: logs open and close.
     */
    public abstract class Endpoint implements Session.Listener
    {
        final String path;
        volatile Session session;

        Endpoint(final String path)
        {
            this.path = path;
        }

        @Override
        public void onWebSocketOpen(final Session session)
        {
            this.session = session;
            connections.incrementAndGet();
            log("open " + path);
            opened();
        }

        void opened()
        {
        }

        @Override
        public void onWebSocketClose(final int statusCode, final String reason)
        {
            connections.decrementAndGet();
            log("close " + path + " " + statusCode + " " + (null == reason ? "" : reason));
        }

        @Override
        public void onWebSocketError(final Throwable cause)
        {
            log("error " + path + " " + cause);
        }

        void echo(final String message)
        {
            log("text " + path + " " + message);
            if (message.startsWith("close:"))
            {
                final String[] parts = message.split(":", 3);
                session.close(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", Callback.NOOP);
            }
            else if ("drop".equals(message))
            {
                session.disconnect();
            }
            else if (message.startsWith("ping:"))
            {
                final byte[] payload = message.substring("ping:".length()).getBytes(StandardCharsets.UTF_8);
                session.sendPing(ByteBuffer.wrap(payload), Callback.NOOP);
            }
            else
            {
                session.sendText(message, Callback.NOOP);
            }
        }
    }

    /**
     * Echo text and binary; the text {@code ping:<payload>} sends a ping instead, and every pong is logged.
     */
    public class EchoEndpoint extends Endpoint implements Session.Listener.AutoDemanding
    {
        EchoEndpoint(final String path)
        {
            super(path);
        }

        @Override
        public void onWebSocketText(final String message)
        {
            echo(message);
        }

        @Override
        public void onWebSocketBinary(final ByteBuffer payload, final Callback callback)
        {
            log("binary " + path + " " + payload.remaining());
            session.sendBinary(payload, callback);
        }

        @Override
        public void onWebSocketPong(final ByteBuffer payload)
        {
            log("pong " + path + " " + StandardCharsets.UTF_8.decode(payload));
        }
    }

    /**
     * Close at once with the query's code and reason.
     */
    public final class CloseEndpoint extends EchoEndpoint
    {
        private final Fields params;

        CloseEndpoint(final Fields params)
        {
            super("/close");
            this.params = params;
        }

        @Override
        void opened()
        {
            session.close(intParam(params, "code", 1000), params.getValue("reason"), Callback.NOOP);
        }
    }

    /**
     * Echo, but answer only the first {@code pongs} pings; keeps reading everything else.
     */
    public final class MuteEndpoint extends EchoEndpoint
    {
        private final int pongs;
        private int pings;

        MuteEndpoint(final Fields params)
        {
            super("/mute");
            this.pongs = intParam(params, "pongs", 0);
        }

        @Override
        public void onWebSocketPing(final ByteBuffer payload)
        {
            log("ping " + path);
            if (pings++ < pongs)
            {
                session.sendPong(payload, Callback.NOOP);
            }
        }
    }

    /**
     * Echo, then stop reading after {@code afterMs}: pings, messages and close frames go unanswered.
     */
    public final class StallEndpoint extends Endpoint
    {
        private final long stallAtNs;

        StallEndpoint(final Fields params)
        {
            super("/stall");
            this.stallAtNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intParam(params, "afterMs", 0));
        }

        @Override
        void opened()
        {
            demandUnlessStalled();
        }

        @Override
        public void onWebSocketText(final String message)
        {
            echo(message);
            demandUnlessStalled();
        }

        @Override
        public void onWebSocketPing(final ByteBuffer payload)
        {
            session.sendPong(payload, Callback.NOOP);
            demandUnlessStalled();
        }

        private void demandUnlessStalled()
        {
            final long delayNs = stallAtNs - System.nanoTime();
            if (delayNs > 0)
            {
                session.demand();
            }
            else
            {
                log("stalled " + path);
            }
        }
    }

    /**
     * Push {@code count} small JSON messages on open, then echo.
     */
    public final class PushEndpoint extends EchoEndpoint
    {
        private final int count;

        PushEndpoint(final Fields params)
        {
            super("/push");
            this.count = intParam(params, "count", 10);
        }

        @Override
        void opened()
        {
            for (int i = 1; i <= count; i++)
            {
                session.sendText("{\"seq\":" + i + "}", Callback.NOOP);
            }
        }
    }

    /**
     * Checks the numbers every {@code /seq} connection receives, in arrival order across all connections.
     */
    static final class SeqCheck
    {
        private final java.util.BitSet seen = new java.util.BitSet();
        private final List<String> violations = new ArrayList<>();
        private long last;
        private long received;
        private long duplicates;
        private long reordered;

        synchronized void accept(final long value)
        {
            received++;
            if (seen.get((int)value))
            {
                duplicates++;
                note("duplicate " + value + " after " + last);
            }
            else if (value < last)
            {
                reordered++;
                note("reordered " + value + " after " + last);
            }
            seen.set((int)value);
            last = Math.max(last, value);
        }

        private void note(final String violation)
        {
            if (violations.size() < 20)
            {
                violations.add(violation);
            }
        }

        synchronized long received()
        {
            return received;
        }

        synchronized long duplicates()
        {
            return duplicates;
        }

        synchronized long reordered()
        {
            return reordered;
        }

        synchronized long last()
        {
            return last;
        }

        synchronized int distinct()
        {
            return seen.cardinality();
        }

        @Override
        public synchronized String toString()
        {
            return "received " + received + ", distinct " + seen.cardinality() + ", last " + last + ", duplicates " +
                duplicates + ", reordered " + reordered + ", first violations " + violations;
        }
    }

    /**
     * Feeds numbers to the shared {@link SeqCheck}; drops TCP every K messages.
     */
    public final class SeqEndpoint extends Endpoint implements Session.Listener.AutoDemanding
    {
        private final int dropEvery;
        private final int pauseEvery;
        private final int pauseMs;
        private int count;
        private int received;

        SeqEndpoint(final Fields params)
        {
            super("/seq");
            this.dropEvery = intParam(params, "dropEvery", 0);
            this.pauseEvery = intParam(params, "pauseEvery", 0);
            this.pauseMs = intParam(params, "pauseMs", 0);
        }

        @Override
        public void onWebSocketText(final String message)
        {
            if (dropEvery > 0 && count >= dropEvery)
            {
                return; // dropped: whatever still arrives is lost in TCP, as on a real drop
            }
            if (pauseEvery > 0 && 0 == ++received % pauseEvery)
            {
                try
                {
                    Thread.sleep(pauseMs); // a server that falls behind: what the client wrote waits in buffers
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            seqCheck.accept(Long.parseLong(message));
            if (dropEvery > 0 && ++count == dropEvery)
            {
                log("drop /seq after " + message);
                session.disconnect();
            }
        }
    }

    /**
     * The sequenced feed: live delivery after subscribe, resend from a sequence number on replay, forced drops.
     */
    public final class FeedEndpoint extends Endpoint implements Session.Listener.AutoDemanding
    {
        private final int dropEvery;
        private volatile long cursor = -1;
        private volatile boolean open;
        private Thread sender;

        FeedEndpoint(final Fields params)
        {
            super("/feed");
            this.dropEvery = intParam(params, "dropEvery", 0);
        }

        @Override
        void opened()
        {
            open = true;
            sender = new Thread(this::run, "feed-sender");
            sender.setDaemon(true);
            sender.start();
        }

        @Override
        public void onWebSocketText(final String message)
        {
            log("text " + path + " " + message);
            try
            {
                final Map<?, ?> command = JSON.readValue(message, Map.class);
                if ("subscribe".equals(command.get("op")))
                {
                    if (cursor < 0)
                    {
                        cursor = feed.head() + 1;
                        log("live " + path + " from " + cursor);
                    }
                }
                else if ("replay".equals(command.get("op")))
                {
                    cursor = ((Number)command.get("from")).longValue();
                }
            }
            catch (final Exception ex)
            {
                log("error " + path + " bad command " + message);
            }
        }

        @Override
        public void onWebSocketClose(final int statusCode, final String reason)
        {
            open = false;
            super.onWebSocketClose(statusCode, reason);
        }

        private void run()
        {
            int sent = 0;
            try
            {
                while (open)
                {
                    final long next = cursor;
                    if (next < 1 || next > feed.head())
                    {
                        feed.awaitBeyond(Math.max(next - 1, 0), 10);
                        continue;
                    }
                    final Callback.Completable done = new Callback.Completable();
                    session.sendText(feed.message(next), done);
                    done.get(10, TimeUnit.SECONDS);
                    if (cursor == next)
                    {
                        cursor = next + 1;
                    }
                    sent++;
                    if (dropEvery > 0 && sent % dropEvery == 0)
                    {
                        open = false;
                        if (feedDrops.getAndIncrement() % 2 == 0)
                        {
                            log("drop " + path + " after " + next);
                            session.disconnect();
                        }
                        else
                        {
                            log("restart " + path + " after " + next);
                            session.close(1012, "service restart", Callback.NOOP);
                        }
                    }
                }
            }
            catch (final Exception ex)
            {
                open = false;
            }
        }
    }

    /**
     * A sequenced stream shared by all connections (and server restarts): message {@code n} is
     * {@code {"seq":n,"symbol":"BTC-USD","price":...}}, produced at a steady rate up to {@code total}.
     */
    static final class Feed implements AutoCloseable
    {
        private final long total;
        private final long periodNs;
        private final Thread producer;
        private volatile long head;
        private volatile boolean running = true;

        Feed(final long total, final Duration period)
        {
            this.total = total;
            this.periodNs = period.toNanos();
            this.producer = new Thread(this::produce, "feed-producer");
            this.producer.setDaemon(true);
        }

        Feed start()
        {
            producer.start();
            return this;
        }

        long head()
        {
            return head;
        }

        long total()
        {
            return total;
        }

        String message(final long seq)
        {
            return "{\"seq\":" + seq + ",\"symbol\":\"BTC-USD\",\"price\":" + (50_000 + seq % 1000) + ".25}";
        }

        void awaitBeyond(final long seq, final long maxWaitMs) throws InterruptedException
        {
            synchronized (this)
            {
                if (head <= seq && running)
                {
                    wait(maxWaitMs);
                }
            }
        }

        private void produce()
        {
            long nextNs = System.nanoTime();
            while (running && head < total)
            {
                nextNs += periodNs;
                final long waitNs = nextNs - System.nanoTime();
                if (waitNs > 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(waitNs);
                }
                synchronized (this)
                {
                    head++;
                    notifyAll();
                }
            }
        }

        @Override
        public void close()
        {
            running = false;
            producer.interrupt();
        }
    }
    /**
     * Huobi-style server pings: {@code {"ping":ts}} that must be answered with {@code {"pong":ts}} in time, else the
     * connection is closed with 4001 (as the venue does); a wrong pong closes it with 4002.
     */
    public final class VenuePingEndpoint extends Endpoint implements Session.Listener.AutoDemanding
    {
        private static final long FIRST_TS = 1_492_420_473_027L;
        private final int count;
        private final int deadlineMs;
        private final int pongSkew;
        private int sent;
        private volatile long expected = -1;

        VenuePingEndpoint(final Fields params)
        {
            super("/venueping");
            this.count = intParam(params, "count", 3);
            this.deadlineMs = intParam(params, "deadlineMs", 2000);
            this.pongSkew = intParam(params, "pongSkew", 0);
        }

        @Override
        void opened()
        {
            if (count > 0)
            {
                ping();
            }
        }

        private synchronized void ping()
        {
            final long ts = FIRST_TS + sent++;
            expected = ts;
            session.sendText("{\"ping\":" + ts + "}", Callback.NOOP);
            java.util.concurrent.CompletableFuture.delayedExecutor(deadlineMs, TimeUnit.MILLISECONDS).execute(() ->
            {
                if (expected == ts && session.isOpen())
                {
                    log("pong missing /venueping " + ts);
                    session.close(4001, "pong missing", Callback.NOOP);
                }
            });
        }

        @Override
        public synchronized void onWebSocketText(final String message)
        {
            log("text " + path + " " + message);
            if (message.startsWith("{\"ping\":") && message.endsWith("}"))
            {
                // the client's own timestamp ping: answered, the timestamp shifted by pongSkew
                final long ts = Long.parseLong(message.substring("{\"ping\":".length(), message.length() - 1));
                session.sendText("{\"pong\":" + (ts + pongSkew) + "}", Callback.NOOP);
                return;
            }
            if (!("{\"pong\":" + expected + "}").equals(message))
            {
                session.close(4002, "bad pong", Callback.NOOP);
                return;
            }
            log("pong ok /venueping " + expected);
            expected = -1;
            session.sendText("{\"data\":" + sent + "}", Callback.NOOP);
            if (sent < count)
            {
                ping();
            }
        }
    }
}
