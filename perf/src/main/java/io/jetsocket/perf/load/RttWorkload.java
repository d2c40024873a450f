/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * rtt: ping-pong of one text message of {@code size} bytes against the echo server. Each round trip is
 * timed from just before the send to the delivery of the echo, and the next send is made from inside the
 * delivery callback, on the library's own thread (as a trading client answers from its event loop). The
 * first {@code warmup} round trips (or those of the first {@code warmup-s} seconds, whichever ends first)
 * are not recorded; the next {@code count} (or those of {@code measure-s} seconds) go into an HdrHistogram
 * with 3 significant digits. The time limits keep a run short on a loaded machine; the number of samples
 * taken is reported.
 * <p>
 * With {@code gap-us} above 0 the next send is made instead by a sender thread of the workload's own, {@code gap-us}
 * microseconds after the echo was delivered (the delivery unparks it): the library has gone idle in between, so
 * each round trip pays for a send from another thread into an idle library (how its I/O thread is woken, or how
 * long it parks) as an application that sends now and then does.
 */
final class RttWorkload implements ClientAdapter.Endpoint
{
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(30);

    private final long warmup;
    private final long count;
    private final long warmupNs;
    private final long measureNs;
    private final ClientAdapter.Payload payload;
    private final long gapNs;
    private volatile Thread sender;
    private volatile boolean echoed;
    private final Histogram histogram = new Histogram(HIGHEST_NS, 3);
    private final CountDownLatch done = new CountDownLatch(1);
    private long received;
    private long measured;
    private boolean measuring;
    private long sentNs;
    private volatile long sentByThreadNs; // gap-us: written by the sender thread, read on the library's
    private long lengthSum;
    private long probeSum;
    private long openNs;
    private long warmedUp;
    private JvmMeters.AllocationSnapshot startAllocation;
    private JvmMeters.AllocationSnapshot endAllocation;
    private long startNs;
    private long endNs;
    private volatile long progress;
    private volatile Throwable failure;

    private RttWorkload(
        final long warmup, final long count, final long warmupNs, final long measureNs, final int size,
        final long gapNs)
    {
        this.gapNs = gapNs;
        this.warmup = warmup;
        this.count = count;
        this.warmupNs = warmupNs;
        this.measureNs = measureNs;
        this.payload = new ClientAdapter.Payload(FeedMessages.json(size, 42));
    }

    static void run(final ClientAdapter adapter, final String base, final Args args, final Map<String, Object> result)
        throws Exception
    {
        final int size = args.getInt("size", 64);
        final RttWorkload workload = new RttWorkload(
            args.getLong("warmup", 20_000),
            args.getLong("count", 100_000),
            TimeUnit.SECONDS.toNanos(args.getLong("warmup-s", 60)),
            TimeUnit.SECONDS.toNanos(args.getLong("measure-s", 120)),
            size,
            TimeUnit.MICROSECONDS.toNanos(args.getLong("gap-us", 0)));
        final long timeoutNs = TimeUnit.SECONDS.toNanos(args.getLong("timeout-s", 300));
        adapter.start();
        adapter.connect(URI.create(base + "/echo"), workload);
        final long deadline = System.nanoTime() + timeoutNs;
        while (!workload.done.await(200, TimeUnit.MILLISECONDS))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("timed out after " + workload.progress + " round trips");
            }
        }
        if (null != workload.failure)
        {
            throw new IllegalStateException("connection failed after " + workload.progress + " round trips",
                workload.failure);
        }
        if (workload.lengthSum != workload.received * size)
        {
            throw new IllegalStateException("echoed " + workload.lengthSum + " bytes, expected " +
                workload.received * size);
        }
        final Histogram h = workload.histogram;
        final long allocated = workload.startAllocation.allocatedUntil(workload.endAllocation);
        result.put("size", size);
        result.put("gap_us", workload.gapNs / 1000);
        result.put("warmup", workload.warmedUp);
        result.put("samples", h.getTotalCount());
        result.put("p50_ns", h.getValueAtPercentile(50));
        result.put("p90_ns", h.getValueAtPercentile(90));
        result.put("p99_ns", h.getValueAtPercentile(99));
        result.put("p999_ns", h.getValueAtPercentile(99.9));
        result.put("max_ns", h.getMaxValue());
        result.put("mean_ns", h.getMean());
        result.put("rtt_per_s", workload.measured / ((workload.endNs - workload.startNs) / 1e9));
        result.put("alloc_per_rtt", allocated / (double)workload.measured);
        result.put("gcs", workload.startAllocation.gcsUntil(workload.endAllocation));
        result.put("probe", workload.probeSum);
    }

    @Override
    public void onOpen(final ClientAdapter.Session session)
    {
        openNs = System.nanoTime();
        if (0 == warmup)
        {
            startMeasuring(openNs);
        }
        if (gapNs > 0)
        {
            final Thread thread = new Thread(() -> sendAfterGaps(session), "rtt-sender");
            thread.setDaemon(true);
            sender = thread;
            thread.start();
        }
        sentNs = System.nanoTime();
        sentByThreadNs = sentNs;
        send(session);
    }

    @Override
    public void onMessage(final ClientAdapter.Session session, final int length, final int probe)
    {
        final long now = System.nanoTime();
        final long rtt = now - (gapNs > 0 ? sentByThreadNs : sentNs);
        received++;
        lengthSum += length;
        probeSum += probe;
        if (measuring)
        {
            histogram.recordValue(Math.min(rtt, HIGHEST_NS));
            if (++measured == count || now - startNs > measureNs)
            {
                endNs = System.nanoTime();
                endAllocation = JvmMeters.allocationEnd();
                progress = received;
                done.countDown();
                return;
            }
        }
        else if (received == warmup || now - openNs > warmupNs)
        {
            startMeasuring(now);
        }
        if (0 == (received & 0xFFF))
        {
            progress = received;
        }
        if (gapNs > 0)
        {
            echoed = true;
            LockSupport.unpark(sender);
            return;
        }
        sentNs = System.nanoTime();
        send(session);
    }

    /**
     * The sender thread of {@code gap-us}: waits for the echo, pauses, sends the next message.
     */
    private void sendAfterGaps(final ClientAdapter.Session session)
    {
        while (1 == done.getCount())
        {
            if (!echoed)
            {
                LockSupport.park(this);
                continue;
            }
            echoed = false;
            final long due = System.nanoTime() + gapNs;
            for (long left = gapNs; left > 0; left = due - System.nanoTime())
            {
                LockSupport.parkNanos(left);
            }
            sentByThreadNs = System.nanoTime();
            send(session);
        }
    }

    private void startMeasuring(final long now)
    {
        warmedUp = received;
        measuring = true;
        startAllocation = JvmMeters.allocationStart();
        startNs = now;
    }

    private void send(final ClientAdapter.Session session)
    {
        try
        {
            session.sendText(payload);
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
            done.countDown();
        }
    }

    @Override
    public void onClosed(final ClientAdapter.Session session, final Throwable cause)
    {
        if (1 == done.getCount())
        {
            progress = received;
            failure = null != cause ? cause : new IllegalStateException("closed after " + received + " round trips");
            done.countDown();
        }
    }
}
