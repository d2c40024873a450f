/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron.demo;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.jetsocket.aeron.AeronFeedSubscriber;
import io.jetsocket.aeron.FeedHeader;
import io.jetsocket.aeron.FeedMessageType;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A consumer process of the demo: subscribes to the feed stream in a media driver's directory, checks that the
 * sequence numbers are contiguous (and the demo server's trade ids, end to end), and prints once a second its
 * message rate and the latency from the feed handler's receive stamp to here; a summary line when the stream ends
 * (the publication closed, or stdin closed).
 * <p>
 * Run: {@code java -cp <class path> io.jetsocket.aeron.demo.DemoConsumer <aeron dir> <channel> <stream id> <name>
 * [spin|backoff]}. The latency compares two processes' readings of the same wall clock
 * ({@link SystemEpochNanoClock}, the one the demo's feed handler stamps with), so it includes no calibration error
 * of a per-process offset clock.
 */
public final class DemoConsumer
{
    /** Printed once the subscription sees the publication: the feed handler may connect now. */
    public static final String READY = "ready";
    /** Starts the summary line, after the consumer's name. */
    public static final String SUMMARY = "summary:";

    private static final long REPORT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long HIGHEST_LATENCY_NS = TimeUnit.SECONDS.toNanos(10);
    private static final byte[] TRADE_ID_KEY = "\"t\":".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final PrintStream out;
    private final EpochNanoClock clock = new SystemEpochNanoClock();
    private final Histogram interval = new Histogram(HIGHEST_LATENCY_NS, 3);
    private final Histogram total = new Histogram(HIGHEST_LATENCY_NS, 3);
    private final FragmentHandler handler;
    private long data;
    private long events;
    private long intervalData;
    private long lastSequence;
    private long gaps;
    private long lastTrade;
    private long tradesOutOfOrder;
    private long firstDataNs;
    private long lastDataNs;

    /**
     * A consumer that prints to a stream.
     *
     * @param name its name, at the start of every line.
     * @param out  where to print.
     */
    public DemoConsumer(final String name, final PrintStream out)
    {
        this.name = name;
        this.out = out;
        this.handler = AeronFeedSubscriber.fragmentHandler(this::onData, this::onEvent);
    }

    /**
     * Consume until the publication goes away or stdin closes.
     *
     * @param args aeron directory, channel, stream id, name, and optionally the idle strategy (spin or backoff).
     * @throws IOException if stdin cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length < 4)
        {
            System.err.println("usage: DemoConsumer <aeron dir> <channel> <stream id> <name> [spin|backoff]");
            System.exit(2);
        }
        final IdleStrategy idle = args.length > 4 && "spin".equals(args[4]) ?
            new BusySpinIdleStrategy() : new BackoffIdleStrategy(100, 10, 1_000, 100_000);
        final Thread stdin = new Thread(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    // the parent closes stdin to stop us; anything it writes is ignored
                }
            }
            catch (final IOException ignore)
            {
                // closed either way
            }
            Stop.requested = true;
        }, "stdin-watch");
        stdin.setDaemon(true);
        stdin.start();
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(args[0]));
            Subscription subscription = aeron.addSubscription(args[1], Integer.parseInt(args[2]),
                (image) -> {}, (image) -> Stop.requested = true))
        {
            final DemoConsumer consumer = new DemoConsumer(args[3], System.out);
            consumer.run(subscription, idle);
        }
    }

    /**
     * Wait for the publication, then poll until stopped; print the summary.
     *
     * @param subscription the feed stream.
     * @param idle         between empty polls.
     */
    void run(final Subscription subscription, final IdleStrategy idle)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!subscription.isConnected())
        {
            if (Stop.requested || System.nanoTime() - deadline > 0)
            {
                out.println(name + " error: no publication on " + subscription.channel() + " stream " +
                    subscription.streamId());
                return;
            }
            idle.idle();
        }
        out.println(name + " " + READY);
        out.flush();
        long nextReport = System.nanoTime() + REPORT_INTERVAL_NS;
        while (!Stop.requested)
        {
            idle.idle(subscription.poll(handler, 256));
            final long now = System.nanoTime();
            if (now - nextReport >= 0)
            {
                report();
                nextReport += REPORT_INTERVAL_NS;
            }
        }
        while (subscription.poll(handler, 256) > 0)
        {
            // what was published before the end
        }
        summary();
    }

    private void onData(final FeedHeader header, final DirectBuffer buffer, final int offset, final int length)
    {
        final long now = clock.nanoTime();
        checkSequence(header.sequence());
        checkTrade(buffer, offset, length);
        final long latency = Math.max(0, Math.min(HIGHEST_LATENCY_NS, now - header.receiveTimestampNs()));
        interval.recordValue(latency);
        total.recordValue(latency);
        data++;
        intervalData++;
        if (0 == firstDataNs)
        {
            firstDataNs = System.nanoTime();
        }
        lastDataNs = System.nanoTime();
    }

    private void onEvent(final FeedMessageType type, final FeedHeader header, final int messageLength)
    {
        checkSequence(header.sequence());
        events++;
        out.println(name + " event " + type + " connection " + header.connectionId() + " sequence " +
            header.sequence());
    }

    private void checkSequence(final long sequence)
    {
        if (sequence != lastSequence + 1)
        {
            gaps++;
        }
        lastSequence = sequence;
    }

    /** The demo server's trades are numbered 1, 2, 3...: each must follow the last, end to end. */
    private void checkTrade(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        for (int i = offset; i < end - TRADE_ID_KEY.length; i++)
        {
            if (matches(buffer, i, TRADE_ID_KEY))
            {
                long id = 0;
                for (int j = i + TRADE_ID_KEY.length; j < end; j++)
                {
                    final byte b = buffer.getByte(j);
                    if (b < '0' || b > '9')
                    {
                        break;
                    }
                    id = id * 10 + (b - '0');
                }
                if (id != lastTrade + 1)
                {
                    tradesOutOfOrder++;
                }
                lastTrade = id;
                return;
            }
        }
    }

    private static boolean matches(final DirectBuffer buffer, final int at, final byte[] key)
    {
        for (int k = 0; k < key.length; k++)
        {
            if (buffer.getByte(at + k) != key[k])
            {
                return false;
            }
        }
        return true;
    }

    private void report()
    {
        out.println(name + ": " + intervalData + " msg/s, latency us " + percentiles(interval));
        out.flush();
        interval.reset();
        intervalData = 0;
    }

    private void summary()
    {
        final double seconds = Math.max(1e-9, (lastDataNs - firstDataNs) / 1e9);
        out.printf(Locale.ROOT, "%s %s data=%d events=%d last-sequence=%d gaps=%d " +
            "trades-out-of-order=%d rate=%.0f msg/s latency us %s%n",
            name, SUMMARY, data, events, lastSequence, gaps, tradesOutOfOrder, data > 1 ? (data - 1) / seconds : 0,
            percentiles(total));
        out.flush();
    }

    private static String percentiles(final Histogram histogram)
    {
        return String.format(Locale.ROOT, "p50=%.1f p99=%.1f p99.9=%.1f max=%.1f",
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
            histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3);
    }

    /** Set from the stdin watcher and Aeron's conductor, read by the polling thread. */
    private static final class Stop
    {
        static volatile boolean requested;
    }
}
