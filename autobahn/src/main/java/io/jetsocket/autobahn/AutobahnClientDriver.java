/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.autobahn;

import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs every case of an Autobahn TestSuite fuzzingserver against an {@link EchoClient}.
 * <p>
 * Usage: {@code AutobahnClientDriver <fuzzingserver-ws-url> <agent-name>}, for example
 * {@code AutobahnClientDriver ws://127.0.0.1:9001 jetsocket}. It asks {@code /getCaseCount}, runs
 * {@code /runCase?case=i&agent=<agent>} for i = 1..count, then asks {@code /updateReports?agent=<agent>} so the
 * fuzzingserver writes its reports ({@code index.json} and one file per case) for {@link ReportSummary} to judge.
 * <p>
 * System properties:
 * <ul>
 *   <li>{@code autobahn.client}: class name of the {@link EchoClient} to use (public no-argument constructor),
 *   default {@link #DEFAULT_CLIENT}.</li>
 *   <li>{@code autobahn.caseTimeoutSeconds}: longest time one case may take in the client, default 120 (the
 *   current suite allows its 12.x/13.x cases up to 480 s); the client closes the connection when it passes, and the
 *   driver waits {@value #CLIENT_TIMEOUT_GRACE_MILLIS} ms longer before it gives up on the client itself.</li>
 *   <li>{@code autobahn.reportTimeoutSeconds}: longest wait for the reports to be written, default 600.</li>
 *   <li>{@code autobahn.statusFile}: if set, the driver writes there the case count and the cases the client
 *   could not run (Java properties format), and leaves judging them to {@link ReportSummary}: it exits 0 as long
 *   as the case count was read and the reports were updated. Without it, any case the client could not run makes
 *   the exit status 1.</li>
 * </ul>
 * Exit status: 0 on success, 1 if the run could not be completed, 2 on bad usage.
 */
public final class AutobahnClientDriver
{
    /**
     * The {@link EchoClient} used when {@code autobahn.client} is not set: the JetSocket engine.
     * <p>
     * {@link JdkEchoClient} is the reference peer to compare with, not a fallback: it does not pass the suite (see
     * its documentation). Keep in line with the {@code autobahn.client} default in autobahn/pom.xml.
     */
    public static final String DEFAULT_CLIENT = "io.jetsocket.autobahn.EngineEchoClient";

    /**
     * System property naming the {@link EchoClient} implementation class.
     */
    public static final String CLIENT_PROPERTY = "autobahn.client";

    /** How much longer than the case timeout the driver waits for a client that should have timed out itself. */
    static final long CLIENT_TIMEOUT_GRACE_MILLIS = 10_000;

    private static final int PROGRESS_EVERY = 25;
    private static final int MAX_CONSECUTIVE_ERRORS = 10;

    private AutobahnClientDriver()
    {
    }

    /**
     * Run all cases of the fuzzingserver at {@code args[0]} as agent {@code args[1]}.
     *
     * @param args the fuzzingserver base URL and the agent name.
     */
    public static void main(final String[] args)
    {
        if (args.length != 2)
        {
            System.err.println("usage: AutobahnClientDriver <fuzzingserver-ws-url> <agent-name>");
            System.exit(2);
        }

        int status;
        try
        {
            status = run(stripTrailingSlash(args[0]), args[1]);
        }
        catch (final Exception ex)
        {
            System.err.println("autobahn driver: run failed: " + ex);
            ex.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static int run(final String baseUrl, final String agent) throws Exception
    {
        final String clientClass = System.getProperty(CLIENT_PROPERTY, DEFAULT_CLIENT);
        final long caseTimeoutMillis = EchoClient.caseTimeoutSeconds() * 1000 + CLIENT_TIMEOUT_GRACE_MILLIS;
        final long reportTimeoutMillis = Long.getLong("autobahn.reportTimeoutSeconds", 600) * 1000;
        final String statusFile = System.getProperty("autobahn.statusFile");
        final String agentParam = URLEncoder.encode(agent, StandardCharsets.UTF_8);

        final long runStart = System.nanoTime();
        final List<String> clientErrors = new ArrayList<>();
        final int caseCount;
        try (EchoClient client = newClient(clientClass))
        {
            System.out.println("autobahn driver: client " + clientClass + ", server " + baseUrl + ", agent " + agent);
            caseCount = call(() -> client.getCaseCount(baseUrl + "/getCaseCount"), caseTimeoutMillis);
            System.out.println("autobahn driver: " + caseCount + " cases");

            int consecutiveErrors = 0;
            for (int i = 1; i <= caseCount; i++)
            {
                final String url = baseUrl + "/runCase?case=" + i + "&agent=" + agentParam;
                final String infoUrl = baseUrl + "/getCaseInfo?case=" + i;
                final long caseStart = System.nanoTime();
                try
                {
                    final String caseInfo = client.usesCaseInfo() ?
                        call(() -> client.getCaseInfo(infoUrl), caseTimeoutMillis) : null;
                    call(() ->
                    {
                        if (null == caseInfo)
                        {
                            client.runCase(url);
                        }
                        else
                        {
                            client.runCase(url, caseInfo);
                        }
                        return null;
                    }, caseTimeoutMillis);
                    consecutiveErrors = 0;
                }
                catch (final Exception ex)
                {
                    clientErrors.add(i + ": " + ex);
                    System.out.println("autobahn driver: case " + i + " not run to the end by the client: " + ex);
                    if (++consecutiveErrors >= MAX_CONSECUTIVE_ERRORS)
                    {
                        throw new IllegalStateException(consecutiveErrors + " cases in a row failed in the client; " +
                            "giving up (is the fuzzingserver still running?)", ex);
                    }
                }
                final long caseMillis = (System.nanoTime() - caseStart) / 1_000_000;
                if (i % PROGRESS_EVERY == 0 || i == caseCount)
                {
                    System.out.printf("autobahn driver: %d/%d cases, %.1f s%n",
                        i, caseCount, (System.nanoTime() - runStart) / 1e9);
                }
                else if (caseMillis > 5_000)
                {
                    System.out.printf("autobahn driver: case %d took %.1f s%n", i, caseMillis / 1e3);
                }
            }

            final long reportStart = System.nanoTime();
            call(() ->
            {
                client.updateReports(baseUrl + "/updateReports?agent=" + agentParam);
                return null;
            }, reportTimeoutMillis);
            System.out.printf("autobahn driver: reports updated in %.1f s%n", (System.nanoTime() - reportStart) / 1e9);
        }

        final double seconds = (System.nanoTime() - runStart) / 1e9;
        System.out.printf("autobahn driver: %d cases in %.1f s, %d not run to the end by the client%n",
            caseCount, seconds, clientErrors.size());
        if (null != statusFile)
        {
            writeStatus(Paths.get(statusFile), agent, caseCount, seconds, clientErrors);
            return 0;
        }
        return clientErrors.isEmpty() ? 0 : 1;
    }

    private static EchoClient newClient(final String className) throws ReflectiveOperationException
    {
        final Class<?> type = Class.forName(className);
        if (!EchoClient.class.isAssignableFrom(type))
        {
            throw new IllegalArgumentException(className + " does not implement " + EchoClient.class.getName());
        }
        return (EchoClient)type.getDeclaredConstructor().newInstance();
    }

    /**
     * Run {@code action} on its own daemon thread and wait at most {@code timeoutMillis} for it; on timeout the
     * thread is interrupted and left behind, so a client that hangs cannot stop the run.
     */
    private static <T> T call(final Action<T> action, final long timeoutMillis) throws Exception
    {
        final AtomicReference<T> result = new AtomicReference<>();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final Thread worker = new Thread(() ->
        {
            try
            {
                result.set(action.run());
            }
            catch (final Exception ex)
            {
                failure.set(ex);
            }
        }, "autobahn-driver-call");
        worker.setDaemon(true);
        worker.start();
        worker.join(timeoutMillis);
        if (worker.isAlive())
        {
            worker.interrupt();
            worker.join(5_000);
            throw new IllegalStateException("timed out after " + timeoutMillis + " ms");
        }
        if (null != failure.get())
        {
            throw failure.get();
        }
        return result.get();
    }

    private static void writeStatus(
        final Path file, final String agent, final int caseCount, final double seconds, final List<String> clientErrors)
        throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (null != parent)
        {
            Files.createDirectories(parent);
        }
        final Properties status = new Properties();
        status.setProperty("agent", agent);
        status.setProperty("caseCount", Integer.toString(caseCount));
        status.setProperty("seconds", String.format("%.1f", seconds));
        status.setProperty("clientErrors", Integer.toString(clientErrors.size()));
        for (int i = 0; i < clientErrors.size(); i++)
        {
            status.setProperty("clientError." + i, clientErrors.get(i));
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            status.store(out, "Autobahn client driver status");
        }
    }

    private static String stripTrailingSlash(final String url)
    {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @FunctionalInterface
    private interface Action<T>
    {
        T run() throws Exception;
    }
}
