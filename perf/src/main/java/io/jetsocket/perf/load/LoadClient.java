/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One client JVM of the load tool: runs one workload through one client library against the feed server
 * and prints one {@code RESULT key=value ...} line (or {@code ERROR ...}), then exits. Started by
 * {@link LoadRunner}; by hand:
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp 'perf/target/classes:perf/target/lib/*' \
 *     io.jetsocket.perf.load.LoadClient --client jetsocket --workload push --port 9000 --size 128
 * </pre>
 */
public final class LoadClient
{
    private LoadClient()
    {
    }

    /**
     * Run one workload.
     *
     * @param args {@code --client NAME --workload push|rtt|fanin|idle|pong --port P} and the workload's options.
     */
    public static void main(final String[] args)
    {
        final PrintStream out = System.out;
        int status = 0;
        try
        {
            final Args options = new Args(args);
            if (options.getBoolean("watch-stdin", false))
            {
                FeedServer.exitWhenStdinCloses();
            }
            final Outcome outcome = run(options);
            out.println("DESCRIBE " + outcome.adapter().describe());
            out.println("JAVA " + System.getProperty("java.runtime.version") + " (" +
                System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ")");
            out.println(format(outcome.result()));
        }
        catch (final Throwable ex)
        {
            out.println("ERROR " + oneLine(ex));
            ex.printStackTrace();
            status = 1;
        }
        out.flush();
        System.err.flush();
        stopFlightRecordings();
        // Some libraries' threads are not daemons or stop slowly: the result is out, so leave at once.
        Runtime.getRuntime().halt(status);
    }

    /**
     * Run one workload in this JVM (the adapter is left open: {@link #main} halts, a test closes it).
     *
     * @param options {@code --client NAME --workload push|rtt|fanin|idle|pong --port P}, {@code --tls true
     *                --trust-cert FILE} for {@code wss://}, {@code --deflate true} to offer permessage-deflate,
     *                and the workload's options.
     * @return the adapter and the result's values.
     * @throws Exception if the workload fails.
     */
    static Outcome run(final Args options) throws Exception
    {
        final String host = options.get("host", "127.0.0.1");
        final int port = options.getInt("port", 0);
        final String clientName = options.require("client");
        final String workload = options.require("workload");
        final boolean tls = options.getBoolean("tls", false);
        final boolean deflate = options.getBoolean("deflate", false);
        final String trust = options.get("trust-cert", null);
        final ClientAdapter adapter = ClientAdapters.create(clientName);
        final Map<String, Object> result = new LinkedHashMap<>();
        result.put("client", clientName);
        result.put("workload", workload);
        if (tls && null == trust)
        {
            throw new IllegalArgumentException("--tls needs --trust-cert (the feed server's certificate)");
        }
        final Path certificate = null == trust ? null : Path.of(trust);
        adapter.options(null == certificate ? null : LoadTls.clientContext(certificate),
            null == certificate ? null : LoadTls.trustManager(certificate), deflate);
        final String base = (tls ? "wss://" : "ws://") + host + ":" + port;
        // The management beans allocate when first used: not inside a measured window.
        JvmMeters.allocationStart().allocatedUntil(JvmMeters.allocationEnd());
        JvmMeters.allocationStart().threadsEndedUntil(JvmMeters.allocationEnd());
        switch (workload)
        {
            case "push":
                PushWorkload.run(adapter, base, options, result);
                break;
            case "rtt":
                RttWorkload.run(adapter, base, options, result);
                break;
            case "fanin":
                FanInWorkload.run(adapter, base, host, port, options, result);
                break;
            case "idle":
                IdleWorkload.run(adapter, base, options, result);
                break;
            case "pong":
                PongWorkload.run(adapter, base, host, port, options, result);
                break;
            default:
                throw new IllegalArgumentException("unknown workload: " + workload);
        }
        if (!options.unused().isEmpty())
        {
            throw new IllegalArgumentException("unknown options: " + options.unused());
        }
        return new Outcome(adapter, result);
    }

    /**
     * What {@link #run(Args)} produced.
     *
     * @param adapter the client, still open.
     * @param result  the RESULT line's values.
     */
    record Outcome(ClientAdapter adapter, Map<String, Object> result)
    {
    }

    /**
     * A JFR recording started with {@code -XX:StartFlightRecording=filename=...} is written by a shutdown
     * hook, which {@code halt} skips: stop it here, which writes it.
     */
    private static void stopFlightRecordings()
    {
        if (FlightRecorder.isInitialized())
        {
            for (final Recording recording : FlightRecorder.getFlightRecorder().getRecordings())
            {
                if (RecordingState.RUNNING == recording.getState() && null != recording.getDestination())
                {
                    recording.stop();
                }
            }
        }
    }

    static String format(final Map<String, Object> result)
    {
        final StringBuilder line = new StringBuilder("RESULT");
        for (final Map.Entry<String, Object> entry : result.entrySet())
        {
            final Object value = entry.getValue();
            final String text = value instanceof Double ?
                String.format(Locale.ROOT, "%.6g", (Double)value) : String.valueOf(value);
            line.append(' ').append(entry.getKey()).append('=').append(text.replace(' ', '_'));
        }
        return line.toString();
    }

    static String oneLine(final Throwable ex)
    {
        final StringBuilder text = new StringBuilder();
        for (Throwable t = ex; null != t; t = t.getCause())
        {
            if (text.length() > 0)
            {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString().replace('\n', ' ');
    }
}
