/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Aeron;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded media driver (shared threading, its own temporary directory, deleted on close) and a client of it;
 * optionally with an Aeron Archive in the same process (shared threading, its own temporary directory, deleted on
 * close) and an archive client.
 */
final class EmbeddedAeron implements AutoCloseable
{
    private final Path dir;
    private final MediaDriver driver;
    private final ArchivingMediaDriver archivingDriver;
    private final Aeron aeron;
    private final AeronArchive archive;

    EmbeddedAeron() throws IOException
    {
        this(false);
    }

    /**
     * Launch the driver and connect.
     *
     * @param withArchive also launch an archive and connect an archive client (over IPC).
     * @throws IOException if the temporary directory or a port cannot be had.
     */
    EmbeddedAeron(final boolean withArchive) throws IOException
    {
        this(withArchive, null);
    }

    /**
     * Launch the driver and connect a client whose images hand a fragment handler's exception to
     * {@code subscriberErrorHandler} (Aeron's {@code Image.poll} catches it).
     *
     * @param withArchive            also launch an archive and connect an archive client (over IPC).
     * @param subscriberErrorHandler gets what a fragment handler throws, e.g. {@code RethrowingErrorHandler} to have
     *                               it propagate out of {@code poll}; null for Aeron's default (printed, not thrown).
     * @throws IOException if the temporary directory or a port cannot be had.
     */
    EmbeddedAeron(final boolean withArchive, final ErrorHandler subscriberErrorHandler) throws IOException
    {
        dir = Files.createTempDirectory("jetsocket-aeron-");
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("driver").toString())
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .spiesSimulateConnection(false);
        if (withArchive)
        {
            archivingDriver = ArchivingMediaDriver.launch(driverContext, new Archive.Context()
                .aeronDirectoryName(driverContext.aeronDirectoryName())
                .archiveDir(dir.resolve("archive").toFile())
                .deleteArchiveOnStart(true)
                .threadingMode(ArchiveThreadingMode.SHARED)
                .controlChannel(udpChannel())
                .replicationChannel("aeron:udp?endpoint=localhost:0")
                .recordingEventsEnabled(false)
                .fileSyncLevel(0));
            driver = archivingDriver.mediaDriver();
        }
        else
        {
            archivingDriver = null;
            driver = MediaDriver.launchEmbedded(driverContext);
        }
        aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .subscriberErrorHandler(subscriberErrorHandler));
        archive = withArchive ? AeronArchive.connect(new AeronArchive.Context()
            .aeron(aeron)
            .controlRequestChannel(archivingDriver.archive().context().localControlChannel())
            .controlRequestStreamId(archivingDriver.archive().context().localControlStreamId())
            .controlResponseChannel(archivingDriver.archive().context().localControlChannel())) : null;
        dir.toFile().deleteOnExit();
    }

    Aeron aeron()
    {
        return aeron;
    }

    /**
     * The archive client.
     *
     * @return the client, or null without an archive.
     */
    AeronArchive archive()
    {
        return archive;
    }

    /**
     * A UDP unicast channel on a free loopback port.
     *
     * @return the channel URI.
     * @throws IOException if no port can be bound.
     */
    static String udpChannel() throws IOException
    {
        return "aeron:udp?endpoint=localhost:" + udpPort();
    }

    /**
     * A free UDP port on the loopback address.
     *
     * @return the port.
     * @throws IOException if no port can be bound.
     */
    static int udpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close()
    {
        if (null != archivingDriver)
        {
            CloseHelper.closeAll(archive, aeron, archivingDriver);
            IoUtil.delete(dir.toFile(), true); // the archive's recordings and catalog
        }
        else
        {
            CloseHelper.closeAll(aeron, driver);
        }
    }
}
