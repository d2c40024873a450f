/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Payloads for the interop tests.
 */
final class InteropData
{
    static final int KIB = 1024;
    static final int MIB = 1024 * 1024;

    private InteropData()
    {
    }

    /**
     * Random bytes.
     */
    static byte[] randomBytes(final int length, final Random random)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Random valid UTF-8 of exactly {@code length} bytes, with 1-, 2-, 3- and 4-byte characters (ASCII fills the
     * end when a longer character would not fit).
     */
    static byte[] randomUtf8(final int length, final Random random)
    {
        final StringBuilder text = new StringBuilder(length);
        int remaining = length;
        while (remaining > 0)
        {
            final int width = 1 + random.nextInt(4);
            if (width > remaining || 1 == width)
            {
                text.append((char)(0x20 + random.nextInt(0x5F)));
                remaining--;
            }
            else
            {
                text.appendCodePoint(randomCodePoint(width, random));
                remaining -= width;
            }
        }
        final byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length != length)
        {
            throw new IllegalStateException("generated " + bytes.length + " UTF-8 bytes instead of " + length);
        }
        return bytes;
    }

    private static int randomCodePoint(final int utf8Width, final Random random)
    {
        switch (utf8Width)
        {
            case 2:
                return 0x80 + random.nextInt(0x800 - 0x80);
            case 3:
                while (true)
                {
                    final int codePoint = 0x800 + random.nextInt(0x10000 - 0x800);
                    if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE)
                    {
                        return codePoint;
                    }
                }
            case 4:
                return 0x10000 + random.nextInt(Character.MAX_CODE_POINT + 1 - 0x10000);
            default:
                throw new IllegalArgumentException("UTF-8 width " + utf8Width);
        }
    }

    /**
     * Message {@code index} of the servers' /snapshot endpoint (mirrors snapshotMessage in ws-server.js): even
     * indexes are ASCII text, odd ones binary.
     */
    static byte[] snapshotMessage(final int index, final int size)
    {
        final byte[] bytes = new byte[size];
        for (int j = 0; j < size; j++)
        {
            bytes[j] = 0 == index % 2 ? (byte)('a' + ((index * 31 + j) % 26)) : (byte)(index * 31 + j);
        }
        return bytes;
    }

    /**
     * Encode a query parameter value.
     */
    static String query(final String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * A readable size, for test names.
     */
    static String describeSize(final int size)
    {
        if (size >= MIB && 0 == size % MIB)
        {
            return (size / MIB) + " MiB";
        }
        return size + " B";
    }
}
