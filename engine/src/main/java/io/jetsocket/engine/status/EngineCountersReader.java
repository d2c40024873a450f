/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.status;

import org.agrona.IoUtil;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an engine's counters by label or by {@link EngineCounter}, from any thread: in this process through
 * {@link EngineCounters#reader()}, or in another through the engine's {@link CountersFile}, mapped read-only.
 * Lookups scan the counters (a few dozen) and allocate the labels they compare: cache {@link #counterId} for a
 * tight polling loop.
 */
public final class EngineCountersReader implements AutoCloseable
{
    private final CountersReader reader;
    private final MappedByteBuffer mapped;
    private final File file;

    private EngineCountersReader(final CountersReader reader, final MappedByteBuffer mapped, final File file)
    {
        this.reader = reader;
        this.mapped = mapped;
        this.file = file;
    }

    /**
     * Read counters in this process.
     *
     * @param counters the engine's counters.
     * @return the reader.
     */
    public static EngineCountersReader of(final EngineCounters counters)
    {
        return new EngineCountersReader(counters.reader(), null, counters.file());
    }

    /**
     * Map a counters file read-only, as written by an engine in this process or another.
     *
     * @param file the counters file.
     * @return the reader; close it to unmap.
     * @throws IllegalStateException when the file is missing, not a counters file, or of another layout version.
     */
    public static EngineCountersReader map(final File file)
    {
        final MappedByteBuffer mapped = CountersFile.mapReadOnly(file);
        final CountersReader reader =
            new CountersReader(CountersFile.metadataBuffer(mapped), CountersFile.valuesBuffer(mapped));
        return new EngineCountersReader(reader, mapped, file);
    }

    /**
     * The Agrona reader underneath.
     *
     * @return the reader.
     */
    public CountersReader countersReader()
    {
        return reader;
    }

    /**
     * The counters file read, or null for counters in memory.
     *
     * @return the file.
     */
    public File file()
    {
        return file;
    }

    /**
     * Pid of the writing process (from the file's header).
     *
     * @return the pid, or this process's pid for counters in memory.
     */
    public long pid()
    {
        return null == mapped ? ProcessHandle.current().pid() : CountersFile.pid(mapped);
    }

    /**
     * Is the writing process still running? A file outlives its writer, keeping the last values.
     *
     * @return true when a process with the writer's pid is alive.
     */
    public boolean isWriterAlive()
    {
        return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * When the writer started (from the file's header).
     *
     * @return ms since the epoch, or -1 for counters in memory.
     */
    public long startTimestampMs()
    {
        return null == mapped ? -1 : CountersFile.startTimestampMs(mapped);
    }

    /**
     * The writing engine's role name (from the file's header).
     *
     * @return the role name, or null for counters in memory.
     */
    public String roleName()
    {
        return null == mapped ? null : CountersFile.roleName(mapped);
    }

    /**
     * The id of the allocated counter with a label.
     *
     * @param label to look for.
     * @return the counter id, or {@link CountersReader#NULL_COUNTER_ID} when none has it.
     */
    public int counterId(final String label)
    {
        final int max = reader.maxCounterId();
        for (int id = 0; id < max; id++)
        {
            final int state = reader.getCounterState(id);
            if (CountersReader.RECORD_ALLOCATED == state && label.equals(reader.getCounterLabel(id)))
            {
                return id;
            }
            if (CountersReader.RECORD_UNUSED == state)
            {
                break; // records are allocated in order: nothing beyond the first unused one
            }
        }
        return CountersReader.NULL_COUNTER_ID;
    }

    /**
     * The id of one of the engine's counters, found by its type id.
     *
     * @param counter which.
     * @return the counter id, or {@link CountersReader#NULL_COUNTER_ID} when the writer does not have it.
     */
    public int counterId(final EngineCounter counter)
    {
        final int max = reader.maxCounterId();
        for (int id = 0; id < max; id++)
        {
            final int state = reader.getCounterState(id);
            if (CountersReader.RECORD_ALLOCATED == state && counter.typeId() == reader.getCounterTypeId(id))
            {
                return id;
            }
            if (CountersReader.RECORD_UNUSED == state)
            {
                break;
            }
        }
        return CountersReader.NULL_COUNTER_ID;
    }

    /**
     * Value of the counter with a label.
     *
     * @param label of the counter.
     * @return its value.
     * @throws IllegalArgumentException when no counter has the label.
     */
    public long value(final String label)
    {
        final int id = counterId(label);
        if (CountersReader.NULL_COUNTER_ID == id)
        {
            throw new IllegalArgumentException("no counter labelled \"" + label + "\" in " + describe());
        }
        return reader.getCounterValue(id);
    }

    /**
     * Value of one of the engine's counters.
     *
     * @param counter which.
     * @return its value.
     * @throws IllegalArgumentException when the writer does not have it.
     */
    public long value(final EngineCounter counter)
    {
        final int id = counterId(counter);
        if (CountersReader.NULL_COUNTER_ID == id)
        {
            throw new IllegalArgumentException("no counter " + counter + " (type id " + counter.typeId() + ") in " +
                describe());
        }
        return reader.getCounterValue(id);
    }

    /**
     * Value of a counter by id (a volatile read).
     *
     * @param counterId from {@link #counterId}.
     * @return its value.
     */
    public long value(final int counterId)
    {
        return reader.getCounterValue(counterId);
    }

    /**
     * Every allocated counter's label and value, in counter id order.
     *
     * @return label to value.
     */
    public Map<String, Long> snapshot()
    {
        final Map<String, Long> values = new LinkedHashMap<>();
        reader.forEach((value, counterId, label) -> values.put(label, value));
        return values;
    }

    /**
     * Unmap the file (nothing to do for counters in memory). The reader must not be used afterwards.
     */
    public void close()
    {
        if (null != mapped)
        {
            IoUtil.unmap(mapped);
        }
    }

    private String describe()
    {
        return null == file ? "the in-memory counters" : "counters file " + file.getAbsolutePath();
    }
}
