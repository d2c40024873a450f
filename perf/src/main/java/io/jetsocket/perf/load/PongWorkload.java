/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * pong: how long a ping waits for its pong while the client saturates the connection. One connection to the feed
 * server's {@code /sink} ({@link PongSink}); once it is open a producer thread sends binary messages of
 * {@code size} bytes as fast as the library accepts them ({@link ClientAdapter.Session#offerBinary}: when the
 * library's outbound buffer is full it parks 50 us and tries again), so that its buffer stays full. After
 * {@code warmup-ms} the server sends {@code pings} pings, one every {@code ping-ms}, and measures ping to pong
 * and the data frames it read in between; this client polls {@code /control?cmd=pongs} for the report, then stops
 * the producer and closes. The pongs are the library's own automatic answers.
 */
final class PongWorkload implements ClientAdapter.Endpoint
{
    private static final long BACK_OFF_NS = TimeUnit.MICROSECONDS.toNanos(50);

    private final ClientAdapter.Payload payload;
    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile ClientAdapter.Session session;
    private volatile boolean stop;
    private volatile boolean stopped;
    private volatile long sent;
    private volatile long backPressured;
    private volatile Throwable failure;

    private PongWorkload(final int size)
    {
        final byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++)
        {
            bytes[i] = (byte)('a' + i % 26);
        }
        this.payload = new ClientAdapter.Payload(bytes);
    }

    static void run(
        final ClientAdapter adapter, final String base, final String host, final int port, final Args args,
        final Map<String, Object> result) throws Exception
    {
        final int size = args.getInt("size", 16 * 1024);
        final int pings = args.getInt("pings", 500);
        final long pingMs = args.getLong("ping-ms", 10);
        final long warmupMs = args.getLong("warmup-ms", 2_000);
        final long timeoutNs = TimeUnit.SECONDS.toNanos(args.getLong("timeout-s", 120));
        final String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        final PongWorkload workload = new PongWorkload(size);
        adapter.start();
        adapter.connect(URI.create(base + "/sink?id=" + id + "&pings=" + pings + "&ping-ms=" + pingMs +
            "&delay-ms=" + warmupMs), workload);
        if (!workload.opened.await(timeoutNs, TimeUnit.NANOSECONDS) || null == workload.session)
        {
            throw new IllegalStateException("the connection did not open", workload.failure);
        }
        final Thread producer = new Thread(workload::produce, "pong-producer");
        producer.setDaemon(true);
        producer.start();
        final long deadline = System.nanoTime() + timeoutNs;
        String report = "pending";
        while ("pending".equals(report))
        {
            if (null != workload.failure || workload.stopped)
            {
                throw new IllegalStateException("failed after " + workload.sent + " messages", workload.failure);
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("timed out waiting for the sink's report");
            }
            Thread.sleep(200);
            report = FanInWorkload.control(host, port, "pongs&id=" + id).trim();
        }
        workload.stop = true;
        producer.join(10_000);
        final Map<String, String> values = LoadRunner.parseResult("RESULT " + report);
        if (values.containsKey("error"))
        {
            throw new IllegalStateException("the sink failed: " + values.get("error"));
        }
        result.put("size", size);
        result.put("ping_ms", pingMs);
        result.putAll(values);
        result.put("sent", workload.sent);
        result.put("back_pressured", workload.backPressured);
        workload.session.close();
    }

    private void produce()
    {
        final ClientAdapter.Session s = session;
        long count = 0;
        long waits = 0;
        try
        {
            while (!stop)
            {
                if (s.offerBinary(payload))
                {
                    count++;
                    if (0 == (count & 0xFF))
                    {
                        sent = count;
                    }
                }
                else
                {
                    waits++;
                    LockSupport.parkNanos(BACK_OFF_NS);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
        sent = count;
        backPressured = waits;
    }

    @Override
    public void onOpen(final ClientAdapter.Session session)
    {
        this.session = session;
        opened.countDown();
    }

    @Override
    public void onMessage(final ClientAdapter.Session session, final int length, final int probe)
    {
        // the sink sends no data
    }

    @Override
    public void onClosed(final ClientAdapter.Session session, final Throwable cause)
    {
        if (!stop)
        {
            failure = null != cause ? cause : new IllegalStateException("closed by the server");
            stopped = true;
        }
        opened.countDown();
    }
}
