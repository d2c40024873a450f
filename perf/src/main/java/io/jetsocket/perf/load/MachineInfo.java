/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The machine a run was on: what {@code nproc}, {@code lscpu}, {@code /proc/meminfo} and
 * {@code /proc/loadavg} say, at the start and the end of the run.
 */
final class MachineInfo
{
    final int cpus;
    final String cpuModel;
    final String os;
    final long memTotalKiB;
    final long maxFileDescriptors;
    final boolean pinned;
    final Instant start;
    final String loadAtStart;
    Instant end;
    String loadAtEnd;

    MachineInfo(final boolean pinned)
    {
        this.pinned = pinned;
        this.cpus = Runtime.getRuntime().availableProcessors();
        this.cpuModel = procField("/proc/cpuinfo", "model name");
        this.os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
            System.getProperty("os.arch");
        final String mem = procField("/proc/meminfo", "MemTotal");
        this.memTotalKiB = mem.isEmpty() ? -1 : Long.parseLong(mem.replace("kB", "").trim());
        long fds = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean)
        {
            fds = ((com.sun.management.UnixOperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        }
        this.maxFileDescriptors = fds;
        this.start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.loadAtStart = loadAverage();
    }

    static MachineInfo probe(final boolean pinned)
    {
        return new MachineInfo(pinned);
    }

    void finish()
    {
        end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        loadAtEnd = loadAverage();
    }

    String oneLine()
    {
        return "nproc " + cpus + ", " + (cpuModel.isEmpty() ? "unknown CPU" : cpuModel) + ", " +
            (memTotalKiB / 1024 / 1024) + " GiB, " + os + ", load average " + loadAtStart;
    }

    static String loadAverage()
    {
        try
        {
            final String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "n/a";
        }
    }

    private static String procField(final String file, final String field)
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of(file), StandardCharsets.US_ASCII))
            {
                if (line.startsWith(field))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // not Linux
        }
        return "";
    }
}
