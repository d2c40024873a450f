/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the load client measures about its own JVM.
 * <ul>
 *   <li>Allocation: {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])} for every live
 *   thread, as per-thread deltas between two snapshots (threads born in between count from zero; a thread
 *   that ends in between is lost, and the number of such threads is reported).</li>
 *   <li>Heap: {@code MemoryMXBean} heap used after {@code System.gc()}.</li>
 *   <li>RSS: {@code VmRSS} of {@code /proc/self/status}.</li>
 *   <li>Direct memory: the {@code BufferPoolMXBean} named "direct".</li>
 * </ul>
 */
final class JvmMeters
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private JvmMeters()
    {
    }

    /**
     * Allocated-bytes counters of every live thread at one moment.
     */
    static final class AllocationSnapshot
    {
        private final long[] ids;
        private final long[] bytes;
        private final long gcCount;

        private AllocationSnapshot(final long[] ids, final long[] bytes, final long gcCount)
        {
            this.ids = ids;
            this.bytes = bytes;
            this.gcCount = gcCount;
        }

        /**
         * Bytes allocated by all threads from this snapshot to a later one.
         *
         * @param later snapshot.
         * @return the sum of per-thread deltas.
         */
        long allocatedUntil(final AllocationSnapshot later)
        {
            final Map<Long, Long> before = new HashMap<>();
            for (int i = 0; i < ids.length; i++)
            {
                before.put(ids[i], bytes[i]);
            }
            long total = 0;
            for (int i = 0; i < later.ids.length; i++)
            {
                if (later.bytes[i] >= 0)
                {
                    total += later.bytes[i] - Math.max(0, before.getOrDefault(later.ids[i], 0L));
                }
            }
            return total;
        }

        /**
         * Threads alive at this snapshot and gone at the later one (their allocation in between is lost).
         *
         * @param later snapshot.
         * @return how many.
         */
        int threadsEndedUntil(final AllocationSnapshot later)
        {
            final java.util.Set<Long> alive = new java.util.HashSet<>();
            for (final long id : later.ids)
            {
                alive.add(id);
            }
            int ended = 0;
            for (final long id : ids)
            {
                if (!alive.contains(id))
                {
                    ended++;
                }
            }
            return ended;
        }

        /**
         * Garbage collections (all collectors) from this snapshot to a later one.
         *
         * @param later snapshot.
         * @return the count.
         */
        long gcsUntil(final AllocationSnapshot later)
        {
            return later.gcCount - gcCount;
        }
    }

    /**
     * A snapshot to start a window: everything it allocates comes before the counters are read.
     *
     * @return the snapshot.
     */
    static AllocationSnapshot allocationStart()
    {
        final long gcs = gcCount();
        final long[] ids = THREADS.getAllThreadIds();
        return new AllocationSnapshot(ids, THREADS.getThreadAllocatedBytes(ids), gcs);
    }

    /**
     * A snapshot to end a window: the counters are read first.
     *
     * @return the snapshot.
     */
    static AllocationSnapshot allocationEnd()
    {
        final long[] ids = THREADS.getAllThreadIds();
        final long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        return new AllocationSnapshot(ids, bytes, gcCount());
    }

    static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    /**
     * CPU time of the process and of every live thread at one moment.
     *
     * @param wallNs    {@code System.nanoTime()} when read.
     * @param processNs the process's CPU time ({@code OperatingSystemMXBean#getProcessCpuTime}), all threads.
     * @param ids       live thread ids.
     * @param names     their names.
     * @param cpuNs     their CPU time, -1 where unknown.
     */
    record CpuSnapshot(long wallNs, long processNs, long[] ids, String[] names, long[] cpuNs)
    {
        /**
         * CPU time, from this snapshot to a later one, of the threads whose names start with a prefix (threads
         * born in between count from zero).
         *
         * @param later  snapshot.
         * @param prefix of the threads' names.
         * @return nanoseconds.
         */
        long threadsUntil(final CpuSnapshot later, final String prefix)
        {
            long total = 0;
            for (int i = 0; i < later.ids.length; i++)
            {
                if (null != later.names[i] && later.names[i].startsWith(prefix))
                {
                    total += later.deltaFrom(this, i);
                }
            }
            return total;
        }

        /**
         * The thread that used the most CPU from this snapshot to a later one.
         *
         * @param later snapshot.
         * @return its name and CPU time (nanoseconds).
         */
        ThreadCpu busiestUntil(final CpuSnapshot later)
        {
            ThreadCpu busiest = new ThreadCpu("none", 0);
            for (int i = 0; i < later.ids.length; i++)
            {
                final long delta = later.deltaFrom(this, i);
                if (delta > busiest.cpuNs())
                {
                    busiest = new ThreadCpu(later.names[i], delta);
                }
            }
            return busiest;
        }

        private long deltaFrom(final CpuSnapshot earlier, final int index)
        {
            if (cpuNs[index] < 0)
            {
                return 0;
            }
            for (int j = 0; j < earlier.ids.length; j++)
            {
                if (earlier.ids[j] == ids[index])
                {
                    return cpuNs[index] - Math.max(0, earlier.cpuNs[j]);
                }
            }
            return cpuNs[index];
        }
    }

    /**
     * One thread's CPU time over a window.
     *
     * @param name  of the thread.
     * @param cpuNs CPU nanoseconds.
     */
    record ThreadCpu(String name, long cpuNs)
    {
    }

    /**
     * Read the CPU time of the process and of every live thread.
     *
     * @return the snapshot.
     */
    static CpuSnapshot cpuSnapshot()
    {
        final long[] ids = THREADS.getAllThreadIds();
        final java.lang.management.ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        final String[] names = new String[ids.length];
        for (int i = 0; i < ids.length; i++)
        {
            names[i] = null == infos[i] ? null : infos[i].getThreadName();
        }
        final long[] cpu = THREADS.getThreadCpuTime(ids);
        final long process = ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
        return new CpuSnapshot(System.nanoTime(), process, ids, names, cpu);
    }

    static int threadCount()
    {
        return THREADS.getThreadCount();
    }

    /**
     * Heap in use after two full collections and a pause for reference processing.
     *
     * @return bytes.
     */
    static long heapUsedAfterGc()
    {
        for (int i = 0; i < 2; i++)
        {
            System.gc();
            try
            {
                Thread.sleep(100);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long directBytes()
    {
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }

    /**
     * Read system calls and bytes read by the process so far ({@code syscr} and {@code rchar} of
     * {@code /proc/self/io}): their deltas over a push give the bytes a client takes per read.
     *
     * @return {syscr, rchar}, or {-1, -1} where there is no such file.
     */
    static long[] readSyscalls()
    {
        final long[] io = {-1, -1};
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/io"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("syscr:"))
                {
                    io[0] = Long.parseLong(line.substring(6).trim());
                }
                else if (line.startsWith("rchar:"))
                {
                    io[1] = Long.parseLong(line.substring(6).trim());
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // not Linux
        }
        return io;
    }

    /**
     * The resident set size, from {@code /proc/self/status}.
     *
     * @return bytes, or -1 where there is no such file.
     */
    static long rssBytes()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("VmRSS:"))
                {
                    final String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // not Linux
        }
        return -1;
    }
}
