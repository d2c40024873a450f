/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Native memory stays flat across connect/close cycles with permessage-deflate on (anchor C.3 #34, Jetty #293):
 * each cycle opens a compressed connection to the Node {@code ws} server, sends a compressible message and reads
 * its compressed echo (so both the deflater and the inflater hold native memory), then closes.
 * <p>
 * The cycles run in a child JVM with a fixed, pre-touched heap ({@code -Xms=-Xmx}, {@code -XX:+AlwaysPreTouch}), so
 * that its resident set does not grow as the heap fills with garbage: growth is native memory. A deflater and an
 * inflater left to the garbage collector instead of being ended cost about 100-300 KiB per cycle (this test then
 * fails with hundreds of MiB of growth per thousand cycles).
 * <p>
 * {@value #DEFAULT_CYCLES} cycles by default; {@code -Djetsocket.soak.cycles=10000} for the full soak.
 */
class DeflateSoakTest extends InteropTestSupport
{
    static final int DEFAULT_CYCLES = 1_000;
    /** Growth allowed over the whole run: the JIT, metaspace and malloc arenas still settle after warm-up. */
    static final long MAX_GROWTH_KIB = 64 * 1024;
    /** Growth allowed over the second half of the run, when everything but a leak has settled. */
    static final long MAX_SECOND_HALF_GROWTH_KIB = 16 * 1024;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void shouldKeepResidentMemoryFlatWhenConnectingAndClosingWithCompression() throws Exception
    {
        final int cycles = Integer.getInteger("jetsocket.soak.cycles", DEFAULT_CYCLES);
        final String uri = server(ServerKind.NODE).uri("/deflate/echo");
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"),
            DeflateSoakTest.class.getName(), uri, String.valueOf(cycles)));
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(25, TimeUnit.MINUTES));
        System.out.println(output);
        assertEquals(0, child.exitValue(), output);
        final String result = output.lines().filter((line) -> line.startsWith("SOAK ")).findFirst().orElseThrow();
        final String[] words = result.split(" ");
        final long baselineKib = Long.parseLong(words[1]);
        final long peakKib = Long.parseLong(words[2]);
        final long endKib = Long.parseLong(words[3]);
        final long halfwayKib = Long.parseLong(words[7]);
        assertTrue(peakKib - baselineKib < MAX_GROWTH_KIB, "VmRSS grew from " + baselineKib + " KiB to " +
            peakKib + " KiB over " + cycles + " cycles: " + result);
        assertTrue(endKib - halfwayKib < MAX_SECOND_HALF_GROWTH_KIB, "VmRSS grew from " + halfwayKib +
            " KiB to " + endKib + " KiB over the second half of " + cycles + " cycles: " + result);
    }

    /**
     * The child JVM: warm up, then run the cycles, sampling VmRSS every 100 cycles; print
     * {@code SOAK <baseline KiB> <peak KiB> <end KiB> <cycles> <ms> <GCs> <halfway KiB>}.
     *
     * @param args the server URI and the number of cycles.
     * @throws Exception on any failure (exit code 1).
     */
    public static void main(final String[] args) throws Exception
    {
        final String uri = args[0];
        final int cycles = Integer.parseInt(args[1]);
        final int warmUp = Math.max(300, cycles / 10);
        final byte[] message = DeflateInteropTest.json(4096, 1);
        long baselineKib = 0;
        long peakKib = 0;
        long gcsBefore = 0;
        long start = 0;
        long halfwayKib = 0;
        final EngineContext context = new EngineContext().errorHandler(Throwable::printStackTrace);
        try (WebSocketEngine engine = WebSocketEngine.launch(context))
        {
            for (int i = 0; i < warmUp + cycles; i++)
            {
                if (i == warmUp)
                {
                    baselineKib = residentKib();
                    gcsBefore = garbageCollections();
                    start = System.nanoTime();
                }
                if (i == warmUp + cycles / 2)
                {
                    halfwayKib = residentKib();
                }
                cycle(engine, uri, message);
                if (i > warmUp && 0 == i % 100)
                {
                    peakKib = Math.max(peakKib, residentKib());
                }
            }
        }
        final long endKib = residentKib();
        peakKib = Math.max(peakKib, endKib);
        System.out.println("SOAK " + baselineKib + " " + peakKib + " " + endKib + " " + cycles + " " +
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " " + (garbageCollections() - gcsBefore) +
            " " + halfwayKib);
        System.out.println("deflate soak: " + cycles + " cycles after " + warmUp + " warm-up; VmRSS baseline " +
            baselineKib + " KiB, halfway " + halfwayKib + " KiB, peak " + peakKib + " KiB, end " + endKib +
            " KiB, growth " + (endKib - baselineKib) + " KiB (second half " + (endKib - halfwayKib) + " KiB)");
    }

    private static void cycle(final WebSocketEngine engine, final String uri, final byte[] message) throws Exception
    {
        final RecordingListener client = new RecordingListener();
        client.connection(engine.connect(ConnectRequest.builder(uri).compression(true).build(), client));
        client.awaitOpen();
        assertNotNull(client.connection().deflateParameters());
        assertEquals(SendResult.OK, client.connection().sendText(message, 0, message.length));
        assertArrayEquals(message, client.nextMessage().payload());
        assertEquals(SendResult.OK, client.connection().close(1000, ""));
        assertEquals(1000, client.awaitClose().code());
    }

    static long garbageCollections()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    static long residentKib() throws IOException
    {
        for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
        {
            if (line.startsWith("VmRSS:"))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
