/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * fan-in, then a reconnect storm. {@code connections} connections to {@code /trickle} (the server sends a
 * snapshot message at once, then one message per connection every {@code interval-ms}), opened with at
 * most {@code window} connects in flight. Measured: the time until all are open and until all have had a
 * message; after {@code steady-ms} of trickle, heap (after GC), RSS and direct memory per connection
 * against a baseline taken after the library started but before the first connect, and the threads.
 * Then the server drops every connection at once (TCP close, no close frame) and each connection
 * reconnects from its close callback at once, without back-off (a connect that fails is retried after
 * 10-50 ms): the time until all are back, and until all are receiving again (each has had a message after
 * reopening).
 */
final class FanInWorkload
{
    private final ClientAdapter adapter;
    private final URI uri;
    private final int connections;
    private final Semaphore window;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger receiving = new AtomicInteger();
    private final AtomicInteger reopened = new AtomicInteger();
    private final AtomicInteger receivingAgain = new AtomicInteger();
    private final AtomicInteger failedConnects = new AtomicInteger();
    private final AtomicLong allOpenNs = new AtomicLong();
    private final AtomicLong allReceivingNs = new AtomicLong();
    private final AtomicLong allReopenedNs = new AtomicLong();
    private final AtomicLong allReceivingAgainNs = new AtomicLong();
    private final LongAdder messages = new LongAdder();
    private final ScheduledThreadPoolExecutor retries = new ScheduledThreadPoolExecutor(1, (task) ->
    {
        final Thread thread = new Thread(task, "fanin-retry");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean storm;
    private volatile boolean stopping;

    private FanInWorkload(final ClientAdapter adapter, final URI uri, final int connections, final int window)
    {
        this.adapter = adapter;
        this.uri = uri;
        this.connections = connections;
        this.window = new Semaphore(window);
        retries.prestartCoreThread(); // before the thread baseline: the load tool's thread, not the library's
    }

    static void run(
        final ClientAdapter adapter, final String base, final String host, final int port, final Args args,
        final Map<String, Object> result) throws Exception
    {
        final int connections = args.getInt("connections", 1000);
        final long intervalMs = args.getLong("interval-ms", 1000);
        final long steadyMs = args.getLong("steady-ms", 3000);
        final long timeoutNs = TimeUnit.SECONDS.toNanos(args.getLong("timeout-s", 120));
        final URI uri = URI.create(base + "/trickle?interval=" + intervalMs + "&size=" + args.getInt("size", 128));
        final FanInWorkload workload = new FanInWorkload(adapter, uri, connections, args.getInt("window", 1000));
        final Conn[] conns = new Conn[connections];
        for (int i = 0; i < connections; i++)
        {
            conns[i] = workload.new Conn();
        }

        final int threadsBeforeStart = JvmMeters.threadCount();
        adapter.start();
        final long heap0 = JvmMeters.heapUsedAfterGc();
        final long rss0 = JvmMeters.rssBytes();
        final long direct0 = JvmMeters.directBytes() + adapter.untrackedDirectBytes();

        final long t0 = System.nanoTime();
        for (final Conn conn : conns)
        {
            if (!workload.window.tryAcquire(timeoutNs, TimeUnit.NANOSECONDS))
            {
                throw new IllegalStateException("connect window never freed: " + workload.open.get() + " open");
            }
            adapter.connect(uri, conn);
        }
        workload.await(workload.allOpenNs, "all open", timeoutNs);
        workload.await(workload.allReceivingNs, "all receiving", timeoutNs);
        result.put("connections", connections);
        result.put("open_ms", (workload.allOpenNs.get() - t0) / 1e6);
        result.put("first_msg_ms", (workload.allReceivingNs.get() - t0) / 1e6);

        final long before = workload.messages.sum();
        Thread.sleep(steadyMs);
        final long steadyMessages = workload.messages.sum() - before;
        final long heap1 = JvmMeters.heapUsedAfterGc();
        final long rss1 = JvmMeters.rssBytes();
        final long direct1 = JvmMeters.directBytes() + adapter.untrackedDirectBytes();
        final int threads = JvmMeters.threadCount();
        result.put("steady_msgs", steadyMessages);
        result.put("steady_expected", connections * steadyMs / intervalMs);
        result.put("heap_per_conn", (heap1 - heap0) / (double)connections);
        result.put("rss_per_conn", (rss1 - rss0) / (double)connections);
        result.put("direct_per_conn", (direct1 - direct0) / (double)connections);
        result.put("threads", threads);
        result.put("threads_added", threads - threadsBeforeStart);
        final int failedBeforeStorm = workload.failedConnects.get();
        result.put("failed_connects", failedBeforeStorm);

        workload.storm = true;
        final long t1 = System.nanoTime();
        final String dropped = control(host, port, "drop");
        workload.await(workload.allReopenedNs, "all reopened", timeoutNs);
        workload.await(workload.allReceivingAgainNs, "all receiving again", timeoutNs);
        result.put("storm_dropped", dropped.trim());
        result.put("storm_reopen_ms", (workload.allReopenedNs.get() - t1) / 1e6);
        result.put("storm_receiving_ms", (workload.allReceivingAgainNs.get() - t1) / 1e6);
        result.put("storm_failed_connects", workload.failedConnects.get() - failedBeforeStorm);

        workload.stopping = true;
        control(host, port, "drop");
    }

    private void await(final AtomicLong marker, final String what, final long timeoutNs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (0 == marker.get())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("timed out waiting for " + what + ": open=" + open.get() +
                    " receiving=" + receiving.get() + " reopened=" + reopened.get() + " receivingAgain=" +
                    receivingAgain.get() + " failedConnects=" + failedConnects.get());
            }
            Thread.sleep(5);
        }
    }

    private void mark(final AtomicInteger counter, final AtomicLong marker)
    {
        if (connections == counter.incrementAndGet())
        {
            marker.compareAndSet(0, System.nanoTime());
        }
    }

    /**
     * A plain HTTP request to the feed server's control path.
     *
     * @return the response body.
     */
    static String control(final String host, final int port, final String command) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(30_000);
            final OutputStream out = socket.getOutputStream();
            out.write(("GET /control?cmd=" + command + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            final String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            final int body = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 200") || body < 0)
            {
                throw new IOException("control " + command + " failed: " + response);
            }
            return response.substring(body + 4);
        }
    }

    /**
     * One connection's state across its reconnects; its events come one at a time.
     */
    private final class Conn implements ClientAdapter.Endpoint
    {
        private volatile boolean opened;
        private volatile boolean windowHeld = true;
        private volatile boolean hadMessage;
        private volatile boolean stormOpened;
        private volatile boolean stormMessage;

        @Override
        public void onOpen(final ClientAdapter.Session session)
        {
            opened = true;
            hadMessage = false;
            if (windowHeld)
            {
                windowHeld = false;
                window.release();
            }
            mark(open, allOpenNs);
            if (storm && !stormOpened)
            {
                stormOpened = true;
                mark(reopened, allReopenedNs);
            }
        }

        @Override
        public void onMessage(final ClientAdapter.Session session, final int length, final int probe)
        {
            messages.increment();
            if (!hadMessage)
            {
                hadMessage = true;
                mark(receiving, allReceivingNs);
                if (storm && stormOpened && !stormMessage)
                {
                    stormMessage = true;
                    mark(receivingAgain, allReceivingAgainNs);
                }
            }
        }

        @Override
        public void onClosed(final ClientAdapter.Session session, final Throwable cause)
        {
            final boolean wasOpen = opened;
            if (opened)
            {
                opened = false;
                open.decrementAndGet();
                if (hadMessage)
                {
                    receiving.decrementAndGet();
                }
            }
            else
            {
                failedConnects.incrementAndGet();
            }
            if (stopping)
            {
                return;
            }
            if (wasOpen)
            {
                adapter.connect(uri, this); // dropped: reconnect at once
            }
            else
            {
                // A connect that failed is retried after 10-50 ms, not in a tight loop: some libraries refuse
                // connects beyond a queue limit at once, and would otherwise spin until the wait times out.
                retries.schedule(() -> adapter.connect(uri, this),
                    10 + ThreadLocalRandom.current().nextInt(40), TimeUnit.MILLISECONDS);
            }
        }
    }
}
