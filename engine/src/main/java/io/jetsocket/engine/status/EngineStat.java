/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.status;

import java.io.File;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Print the counters of engines in this or another process, as {@code label=value} lines (Aeron's
 * {@code AeronStat} for JetSocket):
 * <pre>
 * java -cp jetsocket-engine.jar:agrona.jar --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
 *     io.jetsocket.engine.status.EngineStat [--interval ms] [--count n] [file-or-directory ...]
 * </pre>
 * A directory stands for every {@code *.counters} file in it; with no path, the directory of the
 * {@value #COUNTERS_DIR_PROP_NAME} system property is read. Without {@code --interval} the counters are printed
 * once; with it, every interval until {@code --count} prints (default: until interrupted). Each file is printed
 * under a header line {@code # role pid=... alive=... started=... file=...}.
 */
public final class EngineStat
{
    /** System property naming the counters directory (the engine's default too). */
    public static final String COUNTERS_DIR_PROP_NAME = "jetsocket.engine.counters.dir";

    private final List<File> files;
    private final PrintStream out;

    /**
     * A printer of counters files.
     *
     * @param files counters files (directories are expanded when printing, so new engines appear).
     * @param out   where to print.
     */
    public EngineStat(final List<File> files, final PrintStream out)
    {
        this.files = List.copyOf(files);
        this.out = out;
    }

    /**
     * Print every counters file once.
     *
     * @return how many files were printed.
     */
    public int printOnce()
    {
        int printed = 0;
        for (final File file : expand(files))
        {
            try (EngineCountersReader reader = EngineCountersReader.map(file))
            {
                print(reader, out);
                printed++;
            }
            catch (final IllegalStateException ex)
            {
                out.println("# " + ex.getMessage());
            }
        }
        return printed;
    }

    /**
     * Print one reader's counters: a header line, then {@code label=value} lines in counter id order.
     *
     * @param reader to print.
     * @param out    where to.
     */
    public static void print(final EngineCountersReader reader, final PrintStream out)
    {
        out.println("# " + reader.roleName() + " pid=" + reader.pid() + " alive=" + reader.isWriterAlive() +
            " started=" + Instant.ofEpochMilli(reader.startTimestampMs()) + " file=" + reader.file());
        for (final Map.Entry<String, Long> entry : reader.snapshot().entrySet())
        {
            out.println(entry.getKey() + "=" + entry.getValue());
        }
    }

    /**
     * Entry point.
     *
     * @param args {@code [--interval ms] [--count n] [file-or-directory ...]}.
     * @throws InterruptedException when interrupted between prints.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        long intervalMs = 0;
        long count = -1; // not given: once, or until interrupted with --interval
        final List<File> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--interval":
                    intervalMs = Long.parseLong(argument(args, ++i, "--interval"));
                    break;

                case "--count":
                    count = Long.parseLong(argument(args, ++i, "--count"));
                    break;

                case "--help":
                case "-h":
                    System.out.println("usage: EngineStat [--interval ms] [--count n] [file-or-directory ...]");
                    return;

                default:
                    files.add(new File(args[i]));
                    break;
            }
        }
        if (files.isEmpty())
        {
            final String dir = System.getProperty(COUNTERS_DIR_PROP_NAME);
            if (null == dir)
            {
                System.err.println("no counters file or directory given, and -D" + COUNTERS_DIR_PROP_NAME +
                    " is not set");
                System.exit(2);
            }
            files.add(new File(dir));
        }
        if (count < 0)
        {
            count = intervalMs > 0 ? Long.MAX_VALUE : 1;
        }
        final EngineStat stat = new EngineStat(files, System.out);
        for (long i = 0; i < count; i++)
        {
            if (i > 0)
            {
                Thread.sleep(intervalMs);
                System.out.println();
            }
            if (0 == stat.printOnce() && 1 == count)
            {
                System.exit(1);
            }
        }
    }

    private static String argument(final String[] args, final int index, final String option)
    {
        if (index >= args.length)
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static List<File> expand(final List<File> paths)
    {
        final List<File> files = new ArrayList<>();
        for (final File path : paths)
        {
            if (path.isDirectory())
            {
                final File[] inDirectory = path.listFiles((dir, name) -> name.endsWith(CountersFile.FILE_SUFFIX));
                if (null != inDirectory)
                {
                    Arrays.sort(inDirectory);
                    files.addAll(Arrays.asList(inDirectory));
                }
            }
            else
            {
                files.add(path);
            }
        }
        return files;
    }
}
