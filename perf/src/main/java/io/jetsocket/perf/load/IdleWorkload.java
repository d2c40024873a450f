/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * idle: what open, silent connections cost the client's CPU. {@code connections} connections to
 * {@code /trickle} with an interval of an hour (the server sends one snapshot message at once, then nothing),
 * all opened and each given its snapshot; after {@code settle-ms} (connects and compilation done) the CPU time
 * of the whole client JVM ({@code OperatingSystemMXBean#getProcessCpuTime}) and of every thread
 * ({@code ThreadMXBean#getThreadCpuTime}) is read, then again {@code idle-ms} later. Reported as a percentage
 * of one core: the process, the library's I/O thread where the adapter names it (JetSocket's engine thread),
 * and the busiest thread. The main thread sleeps meanwhile. A connection that closes fails the run.
 */
final class IdleWorkload implements ClientAdapter.Endpoint
{
    /** The trickle's interval: longer than any run, so that after the snapshot nothing arrives. */
    private static final long SILENT_INTERVAL_MS = TimeUnit.HOURS.toMillis(1);

    private final int connections;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final LongAdder messages = new LongAdder();
    private volatile Throwable failure;

    private IdleWorkload(final int connections)
    {
        this.connections = connections;
    }

    static void run(final ClientAdapter adapter, final String base, final Args args, final Map<String, Object> result)
        throws Exception
    {
        final int connections = args.getInt("connections", 1);
        final long idleMs = args.getLong("idle-ms", 10_000);
        final long settleMs = args.getLong("settle-ms", 2_000);
        final long timeoutNs = TimeUnit.SECONDS.toNanos(args.getLong("timeout-s", 120));
        final URI uri = URI.create(base + "/trickle?interval=" + SILENT_INTERVAL_MS + "&size=" +
            args.getInt("size", 128));
        final IdleWorkload workload = new IdleWorkload(connections);
        adapter.start();
        for (int i = 0; i < connections; i++)
        {
            adapter.connect(uri, workload);
        }
        final long deadline = System.nanoTime() + timeoutNs;
        while (workload.messages.sum() < connections)
        {
            workload.check("opening");
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("timed out: " + workload.open.get() + " open, " +
                    workload.messages.sum() + " snapshots received, of " + connections);
            }
            Thread.sleep(5);
        }
        Thread.sleep(settleMs);
        final long messagesBefore = workload.messages.sum();
        final JvmMeters.CpuSnapshot start = JvmMeters.cpuSnapshot();
        Thread.sleep(idleMs);
        final JvmMeters.CpuSnapshot end = JvmMeters.cpuSnapshot();
        workload.check("idle");
        final double wallNs = end.wallNs() - start.wallNs();
        final String engine = adapter.engineThreadName();
        final JvmMeters.ThreadCpu busiest = start.busiestUntil(end);
        result.put("connections", connections);
        result.put("idle_s", wallNs / 1e9);
        result.put("cpu_pct", 100.0 * (end.processNs() - start.processNs()) / wallNs);
        result.put("engine_cpu_pct", null == engine ? Double.NaN : 100.0 * start.threadsUntil(end, engine) / wallNs);
        result.put("busiest_thread", busiest.name().replace(' ', '_'));
        result.put("busiest_cpu_pct", 100.0 * busiest.cpuNs() / wallNs);
        result.put("threads", JvmMeters.threadCount());
        result.put("idle_msgs", workload.messages.sum() - messagesBefore);
    }

    private void check(final String when)
    {
        if (closed.get() > 0)
        {
            throw new IllegalStateException(closed.get() + " connection(s) closed while " + when, failure);
        }
    }

    @Override
    public void onOpen(final ClientAdapter.Session session)
    {
        open.incrementAndGet();
    }

    @Override
    public void onMessage(final ClientAdapter.Session session, final int length, final int probe)
    {
        messages.increment(); // each connection gets one message before the idle window: its snapshot
    }

    @Override
    public void onClosed(final ClientAdapter.Session session, final Throwable cause)
    {
        failure = cause;
        closed.incrementAndGet();
    }
}
