/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * push: the server writes {@code warmup + count} text messages of {@code size} bytes as fast as the socket
 * takes them; the client counts them. The clock and the allocation counters start when message
 * {@code warmup} arrives and stop at the last one, both read on the thread that delivers the message.
 */
final class PushWorkload implements ClientAdapter.Endpoint
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final long PROGRESS_EVERY = 1 << 16;

    private final long warmup;
    private final long total;
    private final CountDownLatch done = new CountDownLatch(1);
    private long count;
    private long lengthSum;
    private long probeSum;
    private long startNs;
    private long endNs;
    private long startCpuNs;
    private long endCpuNs;
    private JvmMeters.AllocationSnapshot startAllocation;
    private JvmMeters.AllocationSnapshot endAllocation;
    private long[] startReads;
    private long[] endReads;
    private volatile long progress;
    private volatile Throwable failure;
    private volatile String extensions;
    private volatile String tls;

    private PushWorkload(final long warmup, final long count)
    {
        this.warmup = Math.max(1, warmup);
        this.total = this.warmup + count;
    }

    static void run(final ClientAdapter adapter, final String base, final Args args, final Map<String, Object> result)
        throws Exception
    {
        final int size = args.getInt("size", 128);
        final long warmup = args.getLong("warmup", 500_000);
        final long count = args.getLong("count", 2_000_000);
        final long timeoutNs = TimeUnit.SECONDS.toNanos(args.getLong("timeout-s", 300));
        final boolean binary = args.getBoolean("binary", false);
        final boolean deflate = args.getBoolean("deflate", false);
        final PushWorkload workload = new PushWorkload(warmup, count);
        adapter.start();
        adapter.connect(URI.create(base + "/push?n=" + workload.total + "&size=" + size + (binary ? "&binary=1" : "") +
            (deflate ? "&deflate=1" : "")), workload);
        final long deadline = System.nanoTime() + timeoutNs;
        while (!workload.done.await(200, TimeUnit.MILLISECONDS))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("timed out after " + workload.progress + " of " + workload.total +
                    " messages");
            }
        }
        if (null != workload.failure)
        {
            throw new IllegalStateException("connection failed after " + workload.progress + " messages",
                workload.failure);
        }
        if (workload.lengthSum != workload.total * size)
        {
            throw new IllegalStateException("received " + workload.lengthSum + " payload bytes, expected " +
                workload.total * size);
        }
        final long measured = workload.total - workload.warmup;
        final double seconds = (workload.endNs - workload.startNs) / 1e9;
        final long allocated = workload.startAllocation.allocatedUntil(workload.endAllocation);
        result.put("size", size);
        result.put("binary", binary);
        result.put("tls", base.startsWith("wss:"));
        result.put("deflate_offered", deflate);
        // what the library says it negotiated: only then did the server compress (it compresses when it accepts)
        result.put("compressed", deflate && WsHandshake.acceptsDeflate(workload.extensions));
        if (deflate)
        {
            result.put("extensions", null == workload.extensions ? "unknown" :
                workload.extensions.isEmpty() ? "none" : workload.extensions.replace(" ", ""));
        }
        if (null != workload.tls)
        {
            result.put("tls_session", workload.tls);
        }
        result.put("warmup", workload.warmup);
        result.put("msgs", measured);
        result.put("seconds", seconds);
        result.put("msgs_per_s", measured / seconds);
        // CPU time of the delivering thread per message: what a message costs the library's thread, robust to other
        // work on the machine (time the thread waits descheduled is not counted, unlike in msgs_per_s).
        result.put("cpu_ns_per_msg", (workload.endCpuNs - workload.startCpuNs) / (double)measured);
        result.put("mb_per_s", measured * (double)size / seconds / 1e6);
        result.put("alloc_bytes", allocated);
        result.put("alloc_per_msg", allocated / (double)measured);
        result.put("gcs", workload.startAllocation.gcsUntil(workload.endAllocation));
        result.put("threads_ended", workload.startAllocation.threadsEndedUntil(workload.endAllocation));
        final long reads = workload.endReads[0] - workload.startReads[0];
        result.put("reads", reads);
        final long readBytes = workload.endReads[1] - workload.startReads[1];
        result.put("bytes_per_read", reads > 0 ? readBytes / (double)reads : 0.0);
        result.put("wire_bytes_per_msg", readBytes / (double)measured);
        result.put("probe", workload.probeSum);
    }

    @Override
    public void onOpen(final ClientAdapter.Session session)
    {
        extensions = session.extensions();
        tls = session.tls();
    }

    @Override
    public void onMessage(final ClientAdapter.Session session, final int length, final int probe)
    {
        final long n = ++count;
        lengthSum += length;
        probeSum += probe;
        if (n == warmup)
        {
            startReads = JvmMeters.readSyscalls(); // before the allocation window opens
            startAllocation = JvmMeters.allocationStart();
            startNs = System.nanoTime();
            startCpuNs = THREADS.getCurrentThreadCpuTime();
        }
        if (n == total)
        {
            endNs = System.nanoTime();
            endCpuNs = THREADS.getCurrentThreadCpuTime();
            endAllocation = JvmMeters.allocationEnd();
            endReads = JvmMeters.readSyscalls();
            progress = n;
            done.countDown();
        }
        else if (0 == (n & (PROGRESS_EVERY - 1)))
        {
            progress = n;
        }
    }

    @Override
    public void onClosed(final ClientAdapter.Session session, final Throwable cause)
    {
        if (count < total)
        {
            progress = count;
            failure = null != cause ? cause : new IllegalStateException("closed after " + count + " messages");
            done.countDown();
        }
    }
}
