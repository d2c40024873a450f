/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * UTF-8 answers from the JDK's own decoder (malformed and unmappable input reported, never replaced), as the
 * reference for {@link Utf8Validator}.
 */
final class Utf8Reference
{
    /** One representative of each continuation range that RFC 3629 distinguishes (80-8F, 90-9F, A0-BF). */
    private static final byte[] CONTINUATIONS = {(byte)0x80, (byte)0x90, (byte)0xA0};
    private static final int[] INTERESTING_BYTES = {
        0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
        0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFB, 0xFC, 0xFE, 0xFF};

    private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() ->
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));

    private Utf8Reference()
    {
    }

    /**
     * Is the whole array valid UTF-8 according to the JDK?
     */
    static boolean isValid(final byte[] bytes)
    {
        return isValid(bytes, bytes.length);
    }

    private static boolean isValid(final byte[] bytes, final int length)
    {
        final CharsetDecoder decoder = DECODER.get();
        try
        {
            decoder.reset();
            decoder.decode(ByteBuffer.wrap(bytes, 0, length));
            return true;
        }
        catch (final CharacterCodingException ex)
        {
            return false;
        }
    }

    /**
     * Can the first {@code length} bytes still be completed into valid UTF-8? True iff appending at most three
     * continuation bytes, one of each range, makes the JDK accept it.
     */
    static boolean isValidPrefix(final byte[] bytes, final int length)
    {
        final byte[] candidate = Arrays.copyOf(bytes, length + 3);
        for (int extra = 0; extra <= 3; extra++)
        {
            final int combinations = (int)Math.pow(CONTINUATIONS.length, extra);
            for (int combination = 0; combination < combinations; combination++)
            {
                int digits = combination;
                for (int i = 0; i < extra; i++)
                {
                    candidate[length + i] = CONTINUATIONS[digits % CONTINUATIONS.length];
                    digits /= CONTINUATIONS.length;
                }
                if (isValid(candidate, length + extra))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The index of the first byte after which the input can no longer be valid, or -1 if there is none.
     */
    static int firstInvalidIndex(final byte[] bytes)
    {
        if (isValidPrefix(bytes, bytes.length))
        {
            return -1;
        }
        int low = 1; // smallest prefix length that is invalid lies in [low, high]
        int high = bytes.length;
        while (low < high)
        {
            final int middle = (low + high) >>> 1;
            if (isValidPrefix(bytes, middle))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low - 1;
    }

    /**
     * Short arrays that mix ASCII runs, valid characters of every length, and bytes at the edges of the UTF-8
     * ranges, so that about half are invalid somewhere in the middle.
     */
    static byte[] randomMixture(final Random random, final int maxSegments)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int segments = random.nextInt(maxSegments + 1);
        for (int s = 0; s < segments; s++)
        {
            final int kind = random.nextInt(40);
            if (kind < 10)
            {
                for (int i = random.nextInt(12); i > 0; i--)
                {
                    out.write(0x20 + random.nextInt(0x5F));
                }
            }
            else if (kind < 38)
            {
                out.writeBytes(TestFrames.randomUtf8(random, 1));
            }
            else if (kind < 39)
            {
                out.write(INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]);
            }
            else
            {
                out.write(random.nextInt(256));
            }
        }
        return out.toByteArray();
    }

    static byte[] hex(final String hex)
    {
        final String digits = hex.replace(" ", "");
        final byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
