/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.compression;

import io.jetsocket.engine.testing.Deflation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

/**
 * Compressed test messages, made with the JDK's own compressors (and gzip headers built here with the optional
 * fields that {@code GZIPOutputStream} never writes).
 */
final class Compressed
{
    static final int FHCRC = 0x02;
    static final int FEXTRA = 0x04;
    static final int FNAME = 0x08;
    static final int FCOMMENT = 0x10;

    private Compressed()
    {
    }

    static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Raw deflate (RFC 1951) ending with a final block.
     */
    static byte[] deflateRaw(final byte[] data)
    {
        return deflate(data, true);
    }

    /**
     * Zlib (RFC 1950).
     */
    static byte[] zlib(final byte[] data)
    {
        return deflate(data, false);
    }

    /**
     * Gzip as {@code GZIPOutputStream} writes it (no optional fields).
     */
    static byte[] gzipStream(final byte[] data)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes))
        {
            gzip.write(data);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * Gzip with the given flags: FEXTRA with two subfields, FNAME, FCOMMENT and FHCRC as asked.
     */
    static byte[] gzip(final byte[] data, final int flags)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x1f);
        out.write(0x8b);
        out.write(8);
        out.write(flags);
        out.writeBytes(new byte[] {0x12, 0x34, 0x56, 0x78, 0, 3}); // MTIME, XFL, OS (Unix)
        if (0 != (flags & FEXTRA))
        {
            final byte[] extra = {'A', 'p', 2, 0, 'h', 'i', 'B', 'c', 0, 0};
            out.write(extra.length);
            out.write(0);
            out.writeBytes(extra);
        }
        if (0 != (flags & FNAME))
        {
            out.writeBytes(utf8("trades.json"));
            out.write(0);
        }
        if (0 != (flags & FCOMMENT))
        {
            out.writeBytes(utf8("a comment, of some length"));
            out.write(0);
        }
        if (0 != (flags & FHCRC))
        {
            final CRC32 crc = new CRC32();
            crc.update(out.toByteArray());
            final int crc16 = (int)crc.getValue() & 0xFFFF;
            out.write(crc16 & 0xFF);
            out.write(crc16 >>> 8);
        }
        out.writeBytes(deflateRaw(data));
        final CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLe(out, (int)crc.getValue());
        writeIntLe(out, data.length);
        return out.toByteArray();
    }

    static byte[] concat(final byte[] first, final byte[] second)
    {
        final byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void writeIntLe(final ByteArrayOutputStream out, final int value)
    {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    private static byte[] deflate(final byte[] data, final boolean raw)
    {
        return Deflation.finished(data, raw);
    }
}
