/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.status;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Layout of an engine's counters file, for a reader in another process (as Aeron's CnC file):
 * <pre>
 *   0  int   version (written last: 0 while the file is being laid out)
 *   4  int   metadata buffer length
 *   8  int   values buffer length
 *  12  int   reserved
 *  16  long  pid of the writing process
 *  24  long  start time of the writer, ms since the epoch
 *  32  int   role name length (ASCII)
 *  36  ...   role name, at most {@value #MAX_ROLE_NAME_LENGTH} bytes
 * 128  ...   metadata buffer, then the values buffer
 * </pre>
 * Both buffers start on a 64-byte boundary of a page-aligned mapping, as {@link CountersReader} needs for atomic
 * access. The file stays after the writer ends so the last values can still be read; the pid tells whether the
 * writer is alive.
 */
public final class CountersFile
{
    /** Layout version this code writes and reads. */
    public static final int VERSION = 1;
    /** Name of the file an engine writes in its counters directory is the role name plus this suffix. */
    public static final String FILE_SUFFIX = ".counters";
    /** Longest role name kept in the header; longer ones are cut. */
    public static final int MAX_ROLE_NAME_LENGTH = 88;
    /** Bytes before the metadata buffer. */
    public static final int HEADER_LENGTH = 128;

    static final int VERSION_OFFSET = 0;
    static final int METADATA_LENGTH_OFFSET = 4;
    static final int VALUES_LENGTH_OFFSET = 8;
    static final int PID_OFFSET = 16;
    static final int START_TIMESTAMP_OFFSET = 24;
    static final int ROLE_NAME_LENGTH_OFFSET = 32;
    static final int ROLE_NAME_OFFSET = 36;

    private CountersFile()
    {
    }

    /**
     * Metadata buffer length for a values buffer: {@link CountersReader} keeps a fixed-size metadata record per
     * counter record.
     *
     * @param valuesLength bytes of the values buffer.
     * @return bytes of the metadata buffer.
     */
    public static int metadataLength(final int valuesLength)
    {
        return valuesLength * (CountersReader.METADATA_LENGTH / CountersReader.COUNTER_LENGTH);
    }

    /**
     * The file an engine with a role name writes in a directory.
     *
     * @param directory the counters directory.
     * @param roleName  the engine's role name.
     * @return the file.
     */
    public static File fileFor(final File directory, final String roleName)
    {
        return new File(directory, roleName + FILE_SUFFIX);
    }

    /**
     * Create (replacing any old one) and map a counters file, and write its header. A reader that mapped the old
     * file keeps its old mapping: the old file is deleted, not overwritten.
     *
     * @param file         to create.
     * @param valuesLength bytes of the values buffer (a multiple of {@link CountersReader#COUNTER_LENGTH}).
     * @param roleName     the writer's role name, for readers.
     * @return the mapping, header written, buffers zeroed.
     */
    public static MappedByteBuffer create(final File file, final int valuesLength, final String roleName)
    {
        final File parent = file.getAbsoluteFile().getParentFile();
        if (null != parent)
        {
            IoUtil.ensureDirectoryExists(parent, "counters directory");
        }
        IoUtil.deleteIfExists(file);
        final int metadataLength = metadataLength(valuesLength);
        final MappedByteBuffer mapped = IoUtil.mapNewFile(file, HEADER_LENGTH + (long)metadataLength + valuesLength);
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        header.putInt(METADATA_LENGTH_OFFSET, metadataLength);
        header.putInt(VALUES_LENGTH_OFFSET, valuesLength);
        header.putLong(PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(START_TIMESTAMP_OFFSET, System.currentTimeMillis());
        final byte[] name = roleName.getBytes(StandardCharsets.US_ASCII);
        final int nameLength = Math.min(name.length, MAX_ROLE_NAME_LENGTH);
        header.putInt(ROLE_NAME_LENGTH_OFFSET, nameLength);
        header.putBytes(ROLE_NAME_OFFSET, name, 0, nameLength);
        header.putIntVolatile(VERSION_OFFSET, VERSION); // last: a reader that sees the version sees the rest
        return mapped;
    }

    /**
     * Map an existing counters file read-only.
     *
     * @param file to map.
     * @return the mapping.
     * @throws IllegalStateException when the file is not a counters file of this version, or is still being laid
     *                               out.
     */
    public static MappedByteBuffer mapReadOnly(final File file)
    {
        if (!file.isFile())
        {
            throw new IllegalStateException("no counters file at " + file.getAbsolutePath());
        }
        if (file.length() < HEADER_LENGTH)
        {
            throw new IllegalStateException("counters file " + file.getAbsolutePath() + " is " + file.length() +
                " bytes, shorter than its " + HEADER_LENGTH + "-byte header");
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, FileChannel.MapMode.READ_ONLY, "counters");
        try
        {
            validate(mapped, file);
        }
        catch (final RuntimeException ex)
        {
            IoUtil.unmap(mapped);
            throw ex;
        }
        return mapped;
    }

    /**
     * The metadata buffer of a mapped counters file.
     *
     * @param mapped the whole file.
     * @return a view of the metadata buffer.
     */
    public static UnsafeBuffer metadataBuffer(final ByteBuffer mapped)
    {
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        return new UnsafeBuffer(mapped, HEADER_LENGTH, header.getInt(METADATA_LENGTH_OFFSET));
    }

    /**
     * The values buffer of a mapped counters file.
     *
     * @param mapped the whole file.
     * @return a view of the values buffer.
     */
    public static UnsafeBuffer valuesBuffer(final ByteBuffer mapped)
    {
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        return new UnsafeBuffer(
            mapped, HEADER_LENGTH + header.getInt(METADATA_LENGTH_OFFSET), header.getInt(VALUES_LENGTH_OFFSET));
    }

    /**
     * Pid of the process that wrote a counters file.
     *
     * @param mapped the whole file.
     * @return the pid.
     */
    public static long pid(final ByteBuffer mapped)
    {
        return new UnsafeBuffer(mapped, 0, HEADER_LENGTH).getLong(PID_OFFSET);
    }

    /**
     * When the writer of a counters file started.
     *
     * @param mapped the whole file.
     * @return ms since the epoch.
     */
    public static long startTimestampMs(final ByteBuffer mapped)
    {
        return new UnsafeBuffer(mapped, 0, HEADER_LENGTH).getLong(START_TIMESTAMP_OFFSET);
    }

    /**
     * Role name of the engine that wrote a counters file.
     *
     * @param mapped the whole file.
     * @return the role name.
     */
    public static String roleName(final ByteBuffer mapped)
    {
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        return header.getStringWithoutLengthAscii(ROLE_NAME_OFFSET, header.getInt(ROLE_NAME_LENGTH_OFFSET));
    }

    private static void validate(final ByteBuffer mapped, final File file)
    {
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final int version = header.getIntVolatile(VERSION_OFFSET);
        if (0 == version)
        {
            throw new IllegalStateException("counters file " + file.getAbsolutePath() +
                " is still being created (version 0): try again");
        }
        if (VERSION != version)
        {
            throw new IllegalStateException("counters file " + file.getAbsolutePath() + " has layout version " +
                version + "; this reader reads version " + VERSION);
        }
        final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        final int roleNameLength = header.getInt(ROLE_NAME_LENGTH_OFFSET);
        if (valuesLength < 0 || metadataLength != metadataLength(valuesLength) ||
            HEADER_LENGTH + (long)metadataLength + valuesLength > mapped.capacity() ||
            roleNameLength < 0 || roleNameLength > MAX_ROLE_NAME_LENGTH)
        {
            throw new IllegalStateException("counters file " + file.getAbsolutePath() + " has a corrupt header: " +
                "metadata " + metadataLength + " B, values " + valuesLength + " B, role name " + roleNameLength +
                " B, file " + mapped.capacity() + " B");
        }
    }
}
