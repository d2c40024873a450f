/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.autobahn;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the Autobahn fuzzingserver (Jython running {@code src/main/jython/fuzzingserver.py}) in the background
 * and stops it again: the build's {@code pre-integration-test} and {@code post-integration-test} steps.
 * <p>
 * {@code start} launches the server as a child JVM whose output goes to a log file, records its pid in a pid file,
 * waits until the port accepts TCP connections and returns, leaving the server running. If the server exits or does
 * not listen in time, it is killed and the launcher fails, printing the end of the log. The server is told to watch
 * the launcher's parent process (the Maven JVM) and to stop by itself when that is gone or after a maximum lifetime,
 * so a build that fails before {@code stop} leaves no server behind.
 * <p>
 * {@code stop} ends the process in the pid file (after checking that it is the one {@code start} launched, by its
 * start time): SIGTERM, then a forced kill after a grace period.
 * <pre>
 * FuzzingServerLauncher start --jython JAR --suite DIR --script PY --spec JSON --log FILE --pid-file FILE
 *                             [--host 127.0.0.1] [--port 9001] [--workdir DIR] [--startup-timeout 180]
 *                             [--max-lifetime 1800] [--watch-pid parent|none|PID] [--java PATH] [--jvm-arg ARG]...
 *                             [--clean PATH]...
 * FuzzingServerLauncher stop --pid-file FILE [--grace 10]
 * </pre>
 */
public final class FuzzingServerLauncher
{
    private static final int LOG_TAIL_LINES = 60;
    private static final long POLL_MILLIS = 200;

    private FuzzingServerLauncher()
    {
    }

    /**
     * Start or stop the fuzzingserver; see the class documentation for the options.
     *
     * @param args {@code start} or {@code stop} followed by options.
     */
    public static void main(final String[] args)
    {
        int status;
        try
        {
            if (args.length >= 1 && "start".equals(args[0]))
            {
                status = start(parseOptions(Arrays.copyOfRange(args, 1, args.length)));
            }
            else if (args.length >= 1 && "stop".equals(args[0]))
            {
                status = stop(parseOptions(Arrays.copyOfRange(args, 1, args.length)));
            }
            else
            {
                System.err.println("usage: FuzzingServerLauncher start|stop [--option value]...");
                status = 2;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("fuzzingserver launcher: " + ex.getMessage());
            status = 2;
        }
        catch (final Exception ex)
        {
            System.err.println("fuzzingserver launcher: " + ex);
            ex.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static int start(final Map<String, List<String>> options) throws Exception
    {
        final String host = option(options, "host", "127.0.0.1");
        final int port = Integer.parseInt(option(options, "port", "9001"));
        final Path pidFile = Paths.get(required(options, "pid-file"));
        final Path log = Paths.get(required(options, "log"));
        final long startupTimeoutMillis = Long.parseLong(option(options, "startup-timeout", "180")) * 1000;

        stopStale(pidFile);
        clean(options);
        if (accepts(host, port))
        {
            System.err.println("fuzzingserver launcher: " + host + ":" + port + " already accepts connections; " +
                "another fuzzingserver (or another service) is running there. Stop it or choose another port " +
                "(-Dautobahn.port=...).");
            return 1;
        }

        final List<String> command = command(options, host, port);
        Files.createDirectories(log.toAbsolutePath().getParent());
        final ProcessBuilder builder = new ProcessBuilder(command)
            .directory(new File(option(options, "workdir", ".")))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        System.out.println("fuzzingserver launcher: " + String.join(" ", command));

        final long begin = System.nanoTime();
        final Process process = builder.start();
        process.getOutputStream().close();
        final Thread killOnAbort = new Thread(() -> kill(process.toHandle(), 0), "fuzzingserver-kill-on-abort");
        Runtime.getRuntime().addShutdownHook(killOnAbort);
        try
        {
            writePidFile(pidFile, process.toHandle());
            final long deadline = begin + TimeUnit.MILLISECONDS.toNanos(startupTimeoutMillis);
            while (true)
            {
                if (!process.isAlive())
                {
                    fail("exited with status " + process.exitValue() + " before listening", log, pidFile, process);
                    return 1;
                }
                if (accepts(host, port))
                {
                    break;
                }
                if (System.nanoTime() > deadline)
                {
                    fail("did not listen on " + host + ":" + port + " within " + startupTimeoutMillis / 1000 + " s",
                        log, pidFile, process);
                    return 1;
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
        catch (final Exception ex)
        {
            fail("failed to start: " + ex, log, pidFile, process);
            throw ex;
        }
        finally
        {
            Runtime.getRuntime().removeShutdownHook(killOnAbort);
        }

        System.out.printf("fuzzingserver launcher: pid %d listening on ws://%s:%d after %.1f s (log: %s)%n",
            process.pid(), host, port, (System.nanoTime() - begin) / 1e9, log);
        return 0;
    }

    /**
     * Delete the {@code --clean} paths (last run's reports and driver status), so that a run that breaks off can
     * never be judged on stale results. Only paths inside the working directory are deleted.
     */
    private static void clean(final Map<String, List<String>> options) throws IOException
    {
        final Path workdir = Paths.get(option(options, "workdir", ".")).toAbsolutePath().normalize();
        for (final String name : options.getOrDefault("clean", List.of()))
        {
            final Path path = workdir.resolve(name).normalize();
            if (!path.startsWith(workdir) || path.equals(workdir))
            {
                throw new IllegalArgumentException("--clean " + name + " is not inside " + workdir);
            }
            if (Files.exists(path))
            {
                try (Stream<Path> tree = Files.walk(path))
                {
                    for (final Path p : tree.sorted(Comparator.reverseOrder()).toList())
                    {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static List<String> command(final Map<String, List<String>> options, final String host, final int port)
    {
        final String watch = option(options, "watch-pid", "parent");
        final long watchPid;
        if ("parent".equals(watch))
        {
            watchPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
        }
        else if ("none".equals(watch))
        {
            watchPid = 0;
        }
        else
        {
            watchPid = Long.parseLong(watch);
        }

        final List<String> command = new ArrayList<>();
        command.add(option(options, "java", Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options.getOrDefault("jvm-arg", List.of()));
        command.add("-Dpython.path=" + Paths.get(required(options, "suite")).toAbsolutePath());
        command.add("-Dpython.cachedir.skip=true");
        command.add("-Dpython.console.encoding=UTF-8");
        command.add("-jar");
        command.add(Paths.get(required(options, "jython")).toAbsolutePath().toString());
        command.add(Paths.get(required(options, "script")).toAbsolutePath().toString());
        command.add(Paths.get(required(options, "spec")).toAbsolutePath().toString());
        command.add(host);
        command.add(Integer.toString(port));
        command.add(Long.toString(watchPid));
        command.add(option(options, "max-lifetime", "1800"));
        return command;
    }

    private static int stop(final Map<String, List<String>> options) throws Exception
    {
        final Path pidFile = Paths.get(required(options, "pid-file"));
        final long graceMillis = Long.parseLong(option(options, "grace", "10")) * 1000;
        final Optional<ProcessHandle> server = readPidFile(pidFile);
        if (server.isEmpty())
        {
            System.out.println("fuzzingserver launcher: no running fuzzingserver recorded in " + pidFile);
            Files.deleteIfExists(pidFile);
            return 0;
        }

        final ProcessHandle handle = server.get();
        final boolean graceful = kill(handle, graceMillis);
        Files.deleteIfExists(pidFile);
        System.out.println("fuzzingserver launcher: stopped pid " + handle.pid() + (graceful ? "" : " (forcibly)"));
        return 0;
    }

    private static void stopStale(final Path pidFile) throws IOException
    {
        final Optional<ProcessHandle> stale = readPidFile(pidFile);
        if (stale.isPresent())
        {
            System.out.println("fuzzingserver launcher: stopping a fuzzingserver left running, pid " +
                stale.get().pid());
            kill(stale.get(), 5_000);
        }
        Files.deleteIfExists(pidFile);
    }

    /**
     * Terminate a process and its descendants: SIGTERM, then SIGKILL if it is still alive after the grace period.
     *
     * @return true if it ended within the grace period.
     */
    private static boolean kill(final ProcessHandle handle, final long graceMillis)
    {
        final List<ProcessHandle> descendants = new ArrayList<>();
        handle.descendants().forEach(descendants::add);
        handle.destroy();
        descendants.forEach(ProcessHandle::destroy);
        boolean graceful = true;
        try
        {
            handle.onExit().get(Math.max(graceMillis, 1), TimeUnit.MILLISECONDS);
        }
        catch (final Exception ex)
        {
            graceful = false;
        }
        if (handle.isAlive())
        {
            graceful = false;
            handle.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try
        {
            handle.onExit().get(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            System.err.println("fuzzingserver launcher: pid " + handle.pid() + " still alive after SIGKILL");
        }
        return graceful;
    }

    private static void fail(final String why, final Path log, final Path pidFile, final Process process)
        throws IOException
    {
        kill(process.toHandle(), 2_000);
        Files.deleteIfExists(pidFile);
        System.err.println("fuzzingserver launcher: the fuzzingserver " + why + "; last lines of " + log + ":");
        if (Files.exists(log))
        {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                .forEach((line) -> System.err.println("  | " + line));
        }
    }

    private static boolean accepts(final String host, final int port)
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void writePidFile(final Path pidFile, final ProcessHandle handle) throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(handle.pid()));
        handle.info().startInstant().ifPresent((t) -> properties.setProperty("start", t.toString()));
        final Path parent = pidFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (Writer out = Files.newBufferedWriter(pidFile, StandardCharsets.UTF_8))
        {
            properties.store(out, "Autobahn fuzzingserver started by FuzzingServerLauncher");
        }
    }

    /**
     * The process recorded in the pid file if it is still alive and is the same process (same start time), so a
     * recycled pid is never killed.
     */
    private static Optional<ProcessHandle> readPidFile(final Path pidFile) throws IOException
    {
        if (!Files.exists(pidFile))
        {
            return Optional.empty();
        }
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(pidFile, StandardCharsets.UTF_8))
        {
            properties.load(in);
        }
        final String pid = properties.getProperty("pid");
        if (null == pid)
        {
            return Optional.empty();
        }
        final Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid.trim()));
        if (handle.isEmpty() || !handle.get().isAlive())
        {
            return Optional.empty();
        }
        final String recorded = properties.getProperty("start");
        final Optional<Instant> actual = handle.get().info().startInstant();
        if (null != recorded && actual.isPresent() && !actual.get().toString().equals(recorded))
        {
            System.out.println("fuzzingserver launcher: pid " + pid + " now belongs to another process; not touched");
            return Optional.empty();
        }
        return handle;
    }

    private static Map<String, List<String>> parseOptions(final String[] args)
    {
        final Map<String, List<String>> options = new HashMap<>();
        for (int i = 0; i < args.length; i++)
        {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
            {
                throw new IllegalArgumentException("expected --option value, got: " + args[i]);
            }
            options.computeIfAbsent(args[i].substring(2), (k) -> new ArrayList<>()).add(args[i + 1]);
            i++;
        }
        return options;
    }

    private static String option(final Map<String, List<String>> options, final String name, final String fallback)
    {
        final List<String> values = options.get(name);
        return null == values || values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    private static String required(final Map<String, List<String>> options, final String name)
    {
        final String value = option(options, name, null);
        if (null == value || value.isBlank())
        {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}
