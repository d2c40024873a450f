/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron.demo;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.jetsocket.aeron.AeronFeedPublisher;
import io.jetsocket.aeron.BackPressurePolicy;
import io.jetsocket.aeron.PublisherCounters;
import io.jetsocket.aeron.PublisherOptions;
import io.jetsocket.aeron.PublisherOutcome;
import io.jetsocket.client.WebSocket;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The bridge end to end in one command: an embedded media driver in a temporary directory, a local feed server
 * ({@link DemoFeedServer}), the feed handler (a {@link WebSocket} with an {@link AeronFeedPublisher} into
 * {@code aeron:ipc}), and consumer processes ({@link DemoConsumer}, separate JVMs on the same driver directory)
 * that print their message rates and receive to consumer latency percentiles every second, and a summary at the end.
 * <p>
 * Run: {@code aeron/demo.sh [--seconds 10] [--rate 10000] [--consumers 2] [--idle backoff|spin]}, or
 * {@code java -cp <class path> io.jetsocket.aeron.demo.FeedDemo} with the same options.
 */
public final class FeedDemo
{
    /** The Aeron channel of the feed. */
    public static final String CHANNEL = "aeron:ipc";
    /** The Aeron stream id of the feed. */
    public static final int STREAM_ID = 1001;

    /** The JVM flags a consumer process needs (Agrona's internals), beside the class path. */
    private static final List<String> CONSUMER_JVM_FLAGS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms32m", "-Xmx64m", "-XX:+UseSerialGC");

    private FeedDemo()
    {
    }

    /**
     * What to run.
     *
     * @param seconds   how long the feed runs.
     * @param rate      messages per second from the feed server.
     * @param consumers consumer processes.
     * @param idle      the consumers' idle strategy: spin (lowest latency, a core each) or backoff.
     */
    public record Settings(int seconds, int rate, int consumers, String idle)
    {
        /**
         * Check the values: seconds, rate and consumers at least 1, idle spin or backoff.
         */
        public Settings
        {
            if (seconds < 1 || rate < 1 || consumers < 1)
            {
                throw new IllegalArgumentException(
                    "seconds, rate and consumers must be >= 1: " + seconds + ", " + rate + ", " + consumers);
            }
            if (!"spin".equals(idle) && !"backoff".equals(idle))
            {
                throw new IllegalArgumentException("idle must be spin or backoff: " + idle);
            }
        }

        /**
         * Parse command-line options over the defaults (10 s, 10,000 msg/s, 2 consumers, backoff).
         *
         * @param args {@code --seconds N --rate N --consumers N --idle spin|backoff}.
         * @return the settings.
         */
        public static Settings parse(final String[] args)
        {
            int seconds = 10;
            int rate = 10_000;
            int consumers = 2;
            String idle = "backoff";
            for (int i = 0; i < args.length; i += 2)
            {
                if (i + 1 >= args.length)
                {
                    throw new IllegalArgumentException("option without a value: " + args[i]);
                }
                final String value = args[i + 1];
                switch (args[i])
                {
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--rate" -> rate = Integer.parseInt(value);
                    case "--consumers" -> consumers = Integer.parseInt(value);
                    case "--idle" -> idle = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] +
                        " (known: --seconds, --rate, --consumers, --idle)");
                }
            }
            return new Settings(seconds, rate, consumers, idle);
        }
    }

    /**
     * What a run did.
     *
     * @param sent      messages the feed server sent.
     * @param published messages (data and events) the publisher put into the stream.
     * @param dropped   messages the publisher dropped.
     * @param summaries each consumer's summary line, in the order the consumers finished.
     * @param exitCodes each consumer process's exit code.
     */
    public record Result(long sent, long published, long dropped, List<String> summaries, List<Integer> exitCodes)
    {
    }

    /**
     * Run the demo and print to stdout.
     *
     * @param args see {@link Settings#parse}.
     * @throws Exception if a part fails to start.
     */
    public static void main(final String[] args) throws Exception
    {
        final Result result = run(Settings.parse(args), System.out);
        final boolean ok = result.summaries().size() == result.exitCodes().size() &&
            result.exitCodes().stream().allMatch((code) -> 0 == code);
        System.exit(ok ? 0 : 1);
    }

    /**
     * Run the demo.
     *
     * @param settings what to run.
     * @param out      where the feed handler's and the consumers' lines go.
     * @return what happened.
     * @throws Exception if a part fails to start.
     */
    public static Result run(final Settings settings, final PrintStream out) throws Exception
    {
        final Path dir = Files.createTempDirectory("jetsocket-aeron-demo-");
        final List<Process> consumers = new ArrayList<>();
        final List<Thread> pumps = new ArrayList<>();
        final List<String> summaries = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch ready = new CountDownLatch(settings.consumers());
        MediaDriver driver = null;
        Aeron aeron = null;
        ExclusivePublication publication = null;
        PublisherCounters counters = null;
        DemoFeedServer server = null;
        WebSocketEngine engine = null;
        try
        {
            // shared threading: one driver thread, which IPC barely uses (consumers read the log buffers directly)
            driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(dir.resolve("driver").toString())
                .threadingMode(ThreadingMode.SHARED)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            publication = aeron.addExclusivePublication(CHANNEL, STREAM_ID);
            out.println("media driver: " + driver.aeronDirectoryName() + ", feed on " + CHANNEL + " stream " +
                STREAM_ID);
            for (int i = 1; i <= settings.consumers(); i++)
            {
                final Process process = startConsumer(driver.aeronDirectoryName(), "consumer-" + i, settings.idle());
                consumers.add(process);
                pumps.add(pump(process, out, summaries, ready));
            }
            if (!ready.await(30, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("consumers did not connect to " + CHANNEL + " stream " + STREAM_ID +
                    " within 30 s");
            }

            server = new DemoFeedServer(settings.rate());
            // one wall clock for the receive stamp here and the consumers' reading in their own processes
            engine = WebSocketEngine.launch(new EngineContext().epochNanoClock(new SystemEpochNanoClock()));
            final WebSocket<Object> ws = WebSocket.builder(server.uri()).engine(engine).build();
            counters = PublisherCounters.aeron(aeron, "demo feed " + STREAM_ID);
            // every message to every consumer: a bounded spin, never an unbounded one on the engine thread
            final AeronFeedPublisher publisher = AeronFeedPublisher.attach(ws, publication,
                PublisherOptions.builder().streamId(STREAM_ID).policy(BackPressurePolicy.BOUNDED_SPIN)
                    .spinLimit(10_000).build(), counters);
            ws.connect().get(10, TimeUnit.SECONDS);
            out.println("feed handler: connected to " + server.uri() + ", " + settings.rate() + " msg/s for " +
                settings.seconds() + " s");

            long lastPublished = 0;
            for (int s = 0; s < settings.seconds(); s++)
            {
                Thread.sleep(1000);
                final long published = counters.get(PublisherOutcome.PUBLISHED);
                out.println("feed handler: " + (published - lastPublished) + " msg/s published, " +
                    counters.get(PublisherOutcome.DROPPED) + " dropped");
                lastPublished = published;
            }

            server.stopSending();
            ws.close(); // the DISCONNECTED event goes out on the stream before the engine stops
            engine.close(); // joins the engine thread: the publisher's counts are final
            engine = null;
            publisher.close();
            final long published = counters.get(PublisherOutcome.PUBLISHED);
            final long dropped = counters.get(PublisherOutcome.DROPPED);
            out.println("feed handler: server sent " + server.sent() + ", published " + published +
                " (last sequence " + (publisher.nextSequence() - 1) + "), dropped " + dropped);
            // closing the publication ends the consumers' image once they have read it all; stdin too
            CloseHelper.quietClose(publication);
            publication = null;
            final List<Integer> exitCodes = stopConsumers(consumers, pumps);
            return new Result(server.sent(), published, dropped, List.copyOf(summaries), exitCodes);
        }
        finally
        {
            for (final Process process : consumers)
            {
                process.destroyForcibly();
            }
            CloseHelper.quietCloseAll(engine, server, counters, publication, aeron, driver);
            deleteQuietly(dir.toFile());
        }
    }

    private static Process startConsumer(final String aeronDir, final String name, final String idle)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CONSUMER_JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DemoConsumer.class.getName());
        command.add(aeronDir);
        command.add(CHANNEL);
        command.add(Integer.toString(STREAM_ID));
        command.add(name);
        command.add(idle);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Copy a consumer's lines to the output; note when it is ready and keep its summary. */
    private static Thread pump(
        final Process process, final PrintStream out, final List<String> summaries, final CountDownLatch ready)
    {
        final Thread thread = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = reader.readLine()))
                {
                    if (line.endsWith(" " + DemoConsumer.READY))
                    {
                        ready.countDown();
                    }
                    else if (line.contains(" " + DemoConsumer.SUMMARY + " "))
                    {
                        summaries.add(line);
                    }
                    out.println(line);
                }
            }
            catch (final IOException ignore)
            {
                // the process ended
            }
        }, "demo-consumer-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static List<Integer> stopConsumers(final List<Process> consumers, final List<Thread> pumps)
        throws InterruptedException
    {
        final List<Integer> exitCodes = new ArrayList<>();
        for (final Process process : consumers)
        {
            try
            {
                process.getOutputStream().close(); // stdin EOF: stop even if the image lingers
            }
            catch (final IOException ignore)
            {
                // already gone
            }
        }
        for (final Process process : consumers)
        {
            if (process.waitFor(15, TimeUnit.SECONDS))
            {
                exitCodes.add(process.exitValue());
            }
            else
            {
                process.destroyForcibly();
                exitCodes.add(-1);
            }
        }
        for (final Thread pump : pumps)
        {
            pump.join(TimeUnit.SECONDS.toMillis(5));
        }
        return exitCodes;
    }

    private static void deleteQuietly(final File file)
    {
        final File[] children = file.listFiles();
        if (null != children)
        {
            for (final File child : children)
            {
                deleteQuietly(child);
            }
        }
        if (!file.delete())
        {
            file.deleteOnExit();
        }
    }
}
