/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The feed server's {@code /sink?id=ID&pings=P&ping-ms=N&delay-ms=D}: reads the client's frames as fast as the
 * socket gives them (blocking reads of 256 KiB, payloads skipped) on one thread, while a second thread waits
 * {@code D} ms (the client's producer fills its buffers meanwhile), then sends {@code P} pings, one every
 * {@code N} ms, each carrying its sequence number. For each pong the reader records the ping-to-pong delay (ping
 * written to the pong's bytes read) and the data frames whose headers it read in between. When every ping is
 * answered (or 2 s after the last ping) the report is published under {@code ID}, where
 * {@code /control?cmd=pongs&id=ID} finds it: {@code pings, pongs, delay_p50_us, delay_p99_us, delay_max_us,
 * frames_p50, frames_max, mb_per_s} (the data rate the server read while it pinged).
 */
final class PongSink implements SinkFrames.Listener
{
    private static final int READ_BYTES = 256 * 1024;
    private static final long ANSWER_GRACE_NS = TimeUnit.SECONDS.toNanos(2);

    private final SocketChannel channel;
    private final String id;
    private final int pings;
    private final long intervalNs;
    private final long delayNs;
    private final Map<String, String> reports;
    private final SinkFrames frames = new SinkFrames();
    private final AtomicLongArray sentNs;
    private final long[] framesAtPing;
    private final long[] delayNsOf;
    private final long[] framesBetween;
    private volatile int pongs;
    private volatile long bytesAtFirstPing = -1;
    private volatile long bytesNow;

    PongSink(final SocketChannel channel, final Map<String, String> query, final Map<String, String> reports)
    {
        this.channel = channel;
        this.id = query.getOrDefault("id", "0");
        this.pings = (int)Args.parseCount("pings", query.getOrDefault("pings", "500"));
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(
            Args.parseCount("ping-ms", query.getOrDefault("ping-ms", "10")));
        this.delayNs = TimeUnit.MILLISECONDS.toNanos(Args.parseCount("delay-ms", query.getOrDefault("delay-ms", "0")));
        this.reports = reports;
        this.sentNs = new AtomicLongArray(pings);
        this.framesAtPing = new long[pings];
        this.delayNsOf = new long[pings];
        this.framesBetween = new long[pings];
        Arrays.fill(delayNsOf, -1);
    }

    /**
     * Read until the client goes away (the caller has sent the upgrade response), pinging from a second thread.
     */
    void serve()
    {
        final Thread pinger = new Thread(this::ping, "sink-pinger");
        pinger.setDaemon(true);
        pinger.start();
        final ByteBuffer in = ByteBuffer.allocateDirect(READ_BYTES);
        try
        {
            while (channel.read(in) >= 0)
            {
                in.flip();
                final boolean open = frames.scan(in, this);
                in.compact();
                bytesNow = frames.dataBytes();
                if (!open)
                {
                    break;
                }
            }
        }
        catch (final IOException ignore)
        {
            // the client went away
        }
    }

    @Override
    public void onPong(final long payload)
    {
        final long now = System.nanoTime();
        if (payload >= 0 && payload < pings && delayNsOf[(int)payload] < 0)
        {
            final int seq = (int)payload;
            delayNsOf[seq] = now - sentNs.get(seq);
            framesBetween[seq] = frames.dataFrames() - framesAtPing[seq];
            pongs = pongs + 1; // reader thread only; the volatile write publishes the entries above
        }
    }

    private void ping()
    {
        final ByteBuffer ping = ByteBuffer.allocateDirect(10);
        try
        {
            final long start = System.nanoTime() + delayNs;
            long lastNs = start;
            for (int seq = 0; seq < pings; seq++)
            {
                final long due = start + seq * intervalNs;
                while (System.nanoTime() < due)
                {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                if (0 == seq)
                {
                    bytesAtFirstPing = bytesNow;
                }
                ping.clear();
                ping.put((byte)0x89).put((byte)8).putLong(seq).flip();
                framesAtPing[seq] = frames.dataFrames(); // written before sentNs: the reader reads it after
                sentNs.set(seq, System.nanoTime());
                while (ping.hasRemaining())
                {
                    channel.write(ping);
                }
                lastNs = System.nanoTime();
            }
            final long bytesAtLastPing = bytesNow;
            final double seconds = (lastNs - start) / 1e9;
            while (pongs < pings && System.nanoTime() - lastNs < ANSWER_GRACE_NS)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            reports.put(id, report((bytesAtLastPing - bytesAtFirstPing) / 1e6 / Math.max(seconds, 1e-9)));
        }
        catch (final IOException | RuntimeException ex)
        {
            reports.put(id, "error=" + LoadClient.oneLine(ex).replace(' ', '_'));
        }
    }

    private String report(final double mbPerS)
    {
        final int answered = pongs;
        final long[] delays = new long[answered];
        final long[] between = new long[answered];
        int n = 0;
        for (int i = 0; i < pings && n < answered; i++)
        {
            if (delayNsOf[i] >= 0)
            {
                delays[n] = delayNsOf[i];
                between[n++] = framesBetween[i];
            }
        }
        Arrays.sort(delays);
        Arrays.sort(between);
        return String.format(Locale.ROOT, "pings=%d pongs=%d delay_p50_us=%.1f delay_p99_us=%.1f " +
            "delay_max_us=%.1f frames_p50=%d frames_max=%d mb_per_s=%.1f", pings, answered,
            percentile(delays, 50) / 1e3, percentile(delays, 99) / 1e3, percentile(delays, 100) / 1e3,
            percentile(between, 50), percentile(between, 100), mbPerS);
    }

    /**
     * The nearest-rank percentile of sorted values.
     *
     * @param sorted     ascending values.
     * @param percentile 0 to 100.
     * @return the value, or -1 if there is none.
     */
    static long percentile(final long[] sorted, final double percentile)
    {
        if (0 == sorted.length)
        {
            return -1;
        }
        final int rank = (int)Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
