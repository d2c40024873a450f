/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.frame.Utf8Encoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Utf8View} reads what the JDK decodes, and {@link Utf8Encoder} writes what the JDK encodes, for ASCII, every
 * UTF-8 length, surrogate pairs, unpaired surrogates and random text; one view is reused across messages.
 */
class Utf8ViewTest
{
    private static final String[] SAMPLES = {
        "", "{\"e\":\"trade\",\"p\":\"42000.5\"}", "caf\u00e9", "\u20ac100", "\u4e2d\u6587", "\uD83D\uDE80 go",
        "mixed \u00e9\u20ac\uD83D\uDE80 end", "\u00ff\u0100\u07ff\u0800\uffff",
    };

    @Test
    void shouldDecodeLikeTheJdk()
    {
        final Utf8View view = new Utf8View();
        for (final String sample : SAMPLES)
        {
            final byte[] bytes = sample.getBytes(StandardCharsets.UTF_8);
            view.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
            assertEquals(sample, view.toString());
            assertEquals(sample.length(), view.length());
            for (int i = 0; i < sample.length(); i++)
            {
                assertEquals(sample.charAt(i), view.charAt(i), sample + " at " + i);
            }
            assertTrue(view.contentEquals(sample));
        }
    }

    @Test
    void shouldNotSignExtendBytesAbove0x7F()
    {
        final byte[] bytes = "\u00e9".getBytes(StandardCharsets.UTF_8);
        final Utf8View view = new Utf8View().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        assertEquals(1, view.length());
        assertEquals('\u00e9', view.charAt(0));
    }

    @Test
    void shouldReplaceInvalidBytesLikeTheJdk()
    {
        final byte[][] invalid = {{(byte)0xC0, (byte)0x80}, {(byte)0xE2, (byte)0x82}, {(byte)0xFF}, {'a', (byte)0x80}};
        final Utf8View view = new Utf8View();
        for (final byte[] bytes : invalid)
        {
            view.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
            assertFalse(view.toString().isEmpty());
            assertTrue(view.toString().indexOf('\uFFFD') >= 0, view.toString());
        }
    }

    @Test
    void shouldEncodeLikeTheJdkIncludingUnpairedSurrogates()
    {
        final Random random = new Random(42);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final Utf8View view = new Utf8View();
        for (int n = 0; n < 2_000; n++)
        {
            final StringBuilder text = new StringBuilder();
            final int length = random.nextInt(40);
            for (int i = 0; i < length; i++)
            {
                text.append((char)(random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000)));
            }
            final String string = text.toString();
            final byte[] expected = string.getBytes(StandardCharsets.UTF_8);
            assertEquals(expected.length, Utf8Encoder.encodedLength(text), string);
            assertEquals(expected.length, Utf8Encoder.encode(text, buffer, 0));
            final byte[] actual = new byte[expected.length];
            buffer.getBytes(0, actual);
            assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
            view.wrap(buffer, 0, expected.length);
            assertEquals(new String(expected, StandardCharsets.UTF_8), view.toString());
        }
    }
}
