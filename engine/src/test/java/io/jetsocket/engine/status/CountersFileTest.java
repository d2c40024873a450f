/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.status;

import io.jetsocket.engine.frame.CloseCode;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountersFileTest
{
    @TempDir
    File dir;

    @Test
    void shouldReadWhatTheEngineWritesThroughTheFile()
    {
        final File file = CountersFile.fileFor(dir, "feed-engine");
        final EngineCounters counters = EngineCounters.mapFile(file, "feed-engine");
        counters.onConnectionOpened();
        counters.onMessageReceived();
        counters.onBytesRead(512);

        try (EngineCountersReader reader = EngineCountersReader.map(file))
        {
            assertEquals("feed-engine", reader.roleName());
            assertEquals(ProcessHandle.current().pid(), reader.pid());
            assertTrue(reader.isWriterAlive());
            assertTrue(Math.abs(System.currentTimeMillis() - reader.startTimestampMs()) < TimeUnit.HOURS.toMillis(1));
            assertEquals(1, reader.value("connections opened"));
            assertEquals(1, reader.value(EngineCounter.CONNECTIONS_ACTIVE));
            assertEquals(512, reader.value(EngineCounter.BYTES_IN));

            // The reader maps the file once and sees later writes.
            final int messagesIn = reader.counterId(EngineCounter.MESSAGES_IN);
            counters.onMessageReceived();
            counters.onProtocolError(CloseCode.INVALID_PAYLOAD);
            assertEquals(2, reader.value(messagesIn));
            assertEquals(1, reader.value("protocol errors 1007 invalid payload"));
            assertEquals(EngineCounter.values().length, reader.snapshot().size());
        }
        assertTrue(counters.isMapped());
        assertEquals(file, counters.file());
    }

    @Test
    void shouldReplaceAnOldFileWithoutDisturbingItsReaders()
    {
        final File file = CountersFile.fileFor(dir, "engine");
        final EngineCounters first = EngineCounters.mapFile(file, "engine");
        first.onMessageSent();
        try (EngineCountersReader oldReader = EngineCountersReader.map(file))
        {
            final EngineCounters second = EngineCounters.mapFile(file, "engine");
            second.onMessageSent();
            second.onMessageSent();

            assertEquals(1, oldReader.value(EngineCounter.MESSAGES_OUT), "old mapping, old inode");
            try (EngineCountersReader newReader = EngineCountersReader.map(file))
            {
                assertEquals(2, newReader.value(EngineCounter.MESSAGES_OUT));
            }
        }
    }

    @Test
    void shouldRefuseFilesThatAreNotCountersFiles() throws IOException
    {
        final File missing = new File(dir, "missing.counters");
        assertMessage(assertThrows(IllegalStateException.class, () -> EngineCountersReader.map(missing)),
            "no counters file");

        final File tiny = new File(dir, "tiny.counters");
        Files.write(tiny.toPath(), new byte[10]);
        assertMessage(assertThrows(IllegalStateException.class, () -> EngineCountersReader.map(tiny)),
            "shorter than its 128-byte header");

        final File file = CountersFile.fileFor(dir, "engine");
        EngineCounters.mapFile(file, "engine");
        writeHeaderInt(file, CountersFile.VERSION_OFFSET, 0);
        assertMessage(assertThrows(IllegalStateException.class, () -> EngineCountersReader.map(file)),
            "still being created");

        writeHeaderInt(file, CountersFile.VERSION_OFFSET, 99);
        assertMessage(assertThrows(IllegalStateException.class, () -> EngineCountersReader.map(file)),
            "layout version 99; this reader reads version 1");

        writeHeaderInt(file, CountersFile.VERSION_OFFSET, CountersFile.VERSION);
        writeHeaderInt(file, CountersFile.VALUES_LENGTH_OFFSET, 1 << 30);
        assertMessage(assertThrows(IllegalStateException.class, () -> EngineCountersReader.map(file)),
            "corrupt header");
    }

    @Test
    void shouldCutLongRoleNamesInTheHeader()
    {
        final String longName = "e".repeat(200);
        final File file = new File(dir, "long.counters");
        EngineCounters.mapFile(file, longName);
        try (EngineCountersReader reader = EngineCountersReader.map(file))
        {
            assertEquals("e".repeat(CountersFile.MAX_ROLE_NAME_LENGTH), reader.roleName());
        }
    }

    @Test
    void shouldPrintEveryCountersFileOfADirectory()
    {
        final EngineCounters a = EngineCounters.mapFile(CountersFile.fileFor(dir, "alpha"), "alpha");
        final EngineCounters b = EngineCounters.mapFile(CountersFile.fileFor(dir, "beta"), "beta");
        a.onMessageReceived();
        b.onBytesWritten(99);

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(2, new EngineStat(List.of(dir), out).printOnce());

        final List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2 * (1 + EngineCounter.values().length), lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("# alpha pid=" + ProcessHandle.current().pid() + " alive=true"),
            lines.get(0));
        assertTrue(lines.contains("messages in=1"));
        final int beta = lines.indexOf(lines.stream().filter((l) -> l.startsWith("# beta")).findFirst().orElseThrow());
        assertTrue(lines.subList(beta, lines.size()).contains("bytes out=99"));
        assertTrue(lines.subList(beta, lines.size()).contains("messages in=0"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldPrintEveryIntervalUntilTheCount(final boolean countFirst) throws Exception
    {
        final File file = CountersFile.fileFor(dir, "ticker");
        final EngineCounters counters = EngineCounters.mapFile(file, "ticker");
        counters.onMessageSent();

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try
        {
            // The options in either order: --interval must not undo an earlier --count.
            EngineStat.main(countFirst ?
                new String[]{"--count", "3", "--interval", "1", file.getPath()} :
                new String[]{"--interval", "1", "--count", "3", file.getPath()});
        }
        finally
        {
            System.setOut(original);
        }

        final List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.stream().filter((l) -> l.startsWith("# ticker ")).count(), String.join("\n", lines));
        assertEquals(3, lines.stream().filter("messages out=1"::equals).count());
        assertEquals(2, lines.stream().filter(String::isEmpty).count(), "a blank line between prints");
    }

    @Test
    void shouldPrintCountersFromAChildProcess() throws Exception
    {
        final File file = CountersFile.fileFor(dir, "parent");
        final EngineCounters counters = EngineCounters.mapFile(file, "parent");
        counters.onConnectionOpened();
        counters.onBytesRead(4096);
        counters.onProtocolError(CloseCode.MESSAGE_TOO_BIG);

        final List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineStat.class.getName());
        command.add(file.getPath());
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "EngineStat did not finish");

        assertEquals(0, child.exitValue(), output);
        final Map<String, String> values = new java.util.HashMap<>();
        output.lines().filter((l) -> !l.startsWith("#")).forEach((l) ->
        {
            final int eq = l.lastIndexOf('=');
            values.put(l.substring(0, eq), l.substring(eq + 1));
        });
        assertEquals("1", values.get("connections opened"), output);
        assertEquals("4096", values.get("bytes in"), output);
        assertEquals("1", values.get("protocol errors 1009 message too big"), output);
        assertTrue(output.startsWith("# parent pid=" + ProcessHandle.current().pid() + " alive=true"), output);
    }

    private static void writeHeaderInt(final File file, final int offset, final int value)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "test");
        try
        {
            new UnsafeBuffer(mapped, 0, CountersFile.HEADER_LENGTH).putIntVolatile(offset, value);
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private static void assertMessage(final Exception ex, final String part)
    {
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
