/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.deflate.MessageDeflater;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link MessageDeflater} sends under a {@code client_max_window_bits} below 15 inflates with a reference
 * inflater limited to that window: zlib through Python's {@code zlib.decompressobj(-bits)}
 * ({@code engine/src/test/python/inflate_check.py}), which, unlike {@link java.util.zip.Inflater}, rejects a
 * back-reference beyond its window. A control run shows that it does reject what a plain JDK deflater makes.
 */
class ReducedWindowReferenceInflaterTest
{
    /** Market-data-like JSON sizes around every window: below, at and above 2^8..2^14 bytes. */
    private static final int[] SIZES = {
        64, 200, 256, 300, 200, 512, 100, 700, 1024, 90, 2000, 150, 4096, 5000, 120, 8192, 20_000, 200, 16_384,
        40_000, 300, 180, 70_000, 250, 256, 255, 257, 512, 511, 513};

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldInflateUnderTheNegotiatedWindowWithContextTakeover(final int bits) throws Exception
    {
        assertInflatesUnderWindow(bits, false);
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {8, 9, 12})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldInflateUnderTheNegotiatedWindowWithoutContextTakeover(final int bits) throws Exception
    {
        assertInflatesUnderWindow(bits, true);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldBeRejectedByTheReferenceInflaterWhenTheJdkDeflaterUsesItsFullWindow() throws Exception
    {
        // The control: the same messages through one plain java.util.zip.Deflater (32 KiB window, context kept).
        final Deflater plain = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        final List<byte[]> payloads = new ArrayList<>();
        try
        {
            for (int i = 0; i < SIZES.length; i++)
            {
                payloads.add(DeflateInteropTest.compress(plain, message(i), false));
            }
        }
        finally
        {
            plain.end();
        }

        final List<String> results = inflateWithPython(9, true, payloads);

        assertTrue(results.stream().anyMatch((line) -> line.startsWith("ERROR") && line.contains("too far back")),
            () -> "a 9-bit zlib inflater accepted 32 KiB back-references: " + results);
    }

    private static void assertInflatesUnderWindow(final int bits, final boolean noContextTakeover) throws Exception
    {
        final List<byte[]> payloads = new ArrayList<>();
        final List<byte[]> originals = new ArrayList<>();
        long originalBytes = 0;
        long compressedBytes = 0;
        try (MessageDeflater deflater = new MessageDeflater(Deflater.DEFAULT_COMPRESSION, noContextTakeover, bits))
        {
            final ExpandableArrayBuffer out = new ExpandableArrayBuffer(1024);
            for (int i = 0; i < SIZES.length; i++)
            {
                final byte[] message = message(i);
                final int length = deflater.deflate(new UnsafeBuffer(message), 0, message.length, out, 0);
                if (length < message.length)
                {
                    payloads.add(Arrays.copyOf(out.byteArray(), length));
                    originals.add(message);
                    originalBytes += message.length;
                    compressedBytes += length;
                }
                else
                {
                    // sent uncompressed: the server's inflater never sees it
                    deflater.resetContext();
                }
            }
        }
        assertTrue(payloads.size() >= SIZES.length - 1, "JSON compresses: " + payloads.size() + " of " +
            SIZES.length + " compressed");
        assertTrue(compressedBytes < originalBytes * 7 / 10, compressedBytes + " of " + originalBytes);

        final List<String> results = inflateWithPython(bits, !noContextTakeover, payloads);

        assertEquals(payloads.size(), results.size(), results::toString);
        for (int i = 0; i < results.size(); i++)
        {
            assertEquals("OK " + sha256(originals.get(i)), results.get(i),
                "message " + i + " of " + originals.get(i).length + " bytes under a " + bits + "-bit window");
        }
    }

    /**
     * JSON, with every third message random letters: compressible, but sharing no string with the JSON, so that
     * the nearest earlier copy of a JSON string is often more than a window behind.
     */
    private static byte[] message(final int index)
    {
        if (1 == index % 3)
        {
            final Random random = new Random(index);
            final byte[] letters = new byte[SIZES[index]];
            for (int i = 0; i < letters.length; i++)
            {
                letters[i] = (byte)('a' + random.nextInt(26));
            }
            return letters;
        }
        return DeflateInteropTest.json(SIZES[index], index);
    }

    private static List<String> inflateWithPython(final int bits, final boolean takeover, final List<byte[]> payloads)
        throws Exception
    {
        final Path script = NodeWsServer.nodeDirectory().getParent().resolve("python").resolve("inflate_check.py");
        assertTrue(Files.isRegularFile(script), script::toString);
        final Process python = new ProcessBuilder(PythonWsServer.findPython(), script.toString(),
            Integer.toString(bits), takeover ? "takeover" : "reset").redirectErrorStream(true).start();
        try
        {
            final Thread writer = new Thread(() ->
            {
                try (OutputStream stdin = python.getOutputStream())
                {
                    for (final byte[] payload : payloads)
                    {
                        stdin.write((HexFormat.of().formatHex(payload) + "\n").getBytes(StandardCharsets.US_ASCII));
                    }
                }
                catch (final IOException ignore)
                {
                    // the reader reports what the script said
                }
            }, "inflate-check-writer");
            writer.start();
            final String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(python.waitFor(30, TimeUnit.SECONDS), "inflate_check.py did not exit");
            assertEquals(0, python.exitValue(), output);
            return output.isEmpty() ? List.of() : List.of(output.split("\n"));
        }
        finally
        {
            python.destroyForcibly();
        }
    }

    private static String sha256(final byte[] data) throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
