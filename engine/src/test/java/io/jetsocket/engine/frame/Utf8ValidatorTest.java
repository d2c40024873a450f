/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jetsocket.engine.frame.Utf8Reference.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class Utf8ValidatorTest
{
    private static final String KOSME = "ce ba e1 bd b9 cf 83 ce bc ce b5";
    private static final String EDITED = "65 64 69 74 65 64";

    /**
     * The UTF-8 cases of the Autobahn test suite's section 6 (after Markus Kuhn's UTF-8 decoder stress test): name,
     * bytes in hex, and whether a text message with exactly these bytes is valid.
     */
    static Stream<Arguments> autobahnCases()
    {
        return Stream.of(
            arguments("6.1 empty", "", true),
            arguments("6.2 mixed", hexOf("Hello-µ@ßöäüàá-UTF-8!!"), true),
            arguments("6.3 surrogate inside text", KOSME + " ed a0 80 " + EDITED, false),
            arguments("6.4.1 above U+10FFFF inside text", KOSME + " f4 90 80 80 " + EDITED, false),
            arguments("6.5 kosme", KOSME, true),
            arguments("6.6 kosme prefix", "ce ba e1 bd", false),
            arguments("6.7.1 first 1-byte", "00", true),
            arguments("6.7.2 first 2-byte", "c2 80", true),
            arguments("6.7.3 first 3-byte", "e0 a0 80", true),
            arguments("6.7.4 first 4-byte", "f0 90 80 80", true),
            arguments("6.8.1 5-byte form", "f8 88 80 80 80", false),
            arguments("6.8.2 6-byte form", "fc 84 80 80 80 80", false),
            arguments("6.9.1 last 1-byte", "7f", true),
            arguments("6.9.2 last 2-byte", "df bf", true),
            arguments("6.9.3 last 3-byte", "ef bf bf", true),
            arguments("6.9.4 last 4-byte", "f4 8f bf bf", true),
            arguments("6.10.1 beyond 4-byte", "f7 bf bf bf", false),
            arguments("6.10.2 last 5-byte", "fb bf bf bf bf", false),
            arguments("6.10.3 last 6-byte", "fd bf bf bf bf bf", false),
            arguments("6.11.1 before surrogates", "ed 9f bf", true),
            arguments("6.11.2 after surrogates", "ee 80 80", true),
            arguments("6.11.3 replacement character", "ef bf bd", true),
            arguments("6.11.4 U+10FFFF", "f4 8f bf bf", true),
            arguments("6.11.5 U+110000", "f4 90 80 80", false),
            arguments("6.12.1 first continuation", "80", false),
            arguments("6.12.2 last continuation", "bf", false),
            arguments("6.12.3 two continuations", "80 bf", false),
            arguments("6.12.5 four continuations", "80 bf 80 bf", false),
            arguments("6.12.8 all continuations", continuationBytes(), false),
            arguments("6.13.1 lonely 2-byte starts", "c0 20 c1 20 c2 20 df 20", false),
            arguments("6.13.2 lonely 3-byte starts", "e0 20 e1 20 ef 20", false),
            arguments("6.13.3 lonely 4-byte starts", "f0 20 f1 20 f7 20", false),
            arguments("6.13.4 lonely 5-byte starts", "f8 20 fb 20", false),
            arguments("6.13.5 lonely 6-byte starts", "fc 20 fd 20", false),
            arguments("6.14.1 C0 missing last", "c0", false),
            arguments("6.14.2 E0 missing last", "e0 80", false),
            arguments("6.14.3 F0 missing last", "f0 80 80", false),
            arguments("6.14.6 DF missing last", "df", false),
            arguments("6.14.7 EF missing last", "ef bf", false),
            arguments("6.14.8 F7 missing last", "f7 bf bf", false),
            arguments("6.14.x valid 3-byte missing last", "e2 82", false),
            arguments("6.14.x valid 4-byte missing last", "f0 9f 98", false),
            arguments("6.15.1 concatenated incomplete", "c0 e0 80 f0 80 80 f8 80 80 80 df ef bf f7 bf bf", false),
            arguments("6.16.1 FE", "fe", false),
            arguments("6.16.2 FF", "ff", false),
            arguments("6.16.3 FE FE FF FF", "fe fe ff ff", false),
            arguments("6.17.1 overlong slash 2", "c0 af", false),
            arguments("6.17.2 overlong slash 3", "e0 80 af", false),
            arguments("6.17.3 overlong slash 4", "f0 80 80 af", false),
            arguments("6.17.4 overlong slash 5", "f8 80 80 80 af", false),
            arguments("6.18.1 max overlong 2", "c1 bf", false),
            arguments("6.18.2 max overlong 3", "e0 9f bf", false),
            arguments("6.18.3 max overlong 4", "f0 8f bf bf", false),
            arguments("6.19.1 overlong NUL 2", "c0 80", false),
            arguments("6.19.2 overlong NUL 3", "e0 80 80", false),
            arguments("6.19.3 overlong NUL 4", "f0 80 80 80", false),
            arguments("6.20.1 U+D800", "ed a0 80", false),
            arguments("6.20.2 U+DB7F", "ed ad bf", false),
            arguments("6.20.3 U+DB80", "ed ae 80", false),
            arguments("6.20.4 U+DBFF", "ed af bf", false),
            arguments("6.20.5 U+DC00", "ed b0 80", false),
            arguments("6.20.6 U+DF80", "ed be 80", false),
            arguments("6.20.7 U+DFFF", "ed bf bf", false),
            arguments("6.21.1 pair D800 DC00", "ed a0 80 ed b0 80", false),
            arguments("6.21.8 pair DBFF DFFF", "ed af bf ed bf bf", false),
            arguments("6.22.1 U+FFFE", "ef bf be", true),
            arguments("6.22.2 U+FFFF", "ef bf bf", true),
            arguments("6.22.3 U+1FFFE", "f0 9f bf be", true),
            arguments("6.22.34 U+10FFFE", "f4 8f bf be", true),
            arguments("6.22.x U+FDD0", "ef b7 90", true),
            arguments("6.23.1 replacement character", "ef bf bd", true),
            arguments("6.23.7 replacement characters", "ef bf bd ef bf bd ef bf bd", true));
    }

    private static String hexOf(final String text)
    {
        return TestFrames.hex(TestFrames.utf8(text));
    }

    private static String continuationBytes()
    {
        final byte[] bytes = new byte[0x40];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(0x80 + i);
        }
        return TestFrames.hex(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("autobahnCases")
    void shouldClassifyAutobahnCases(final String name, final String hexBytes, final boolean valid)
    {
        final byte[] bytes = hex(hexBytes);
        assertEquals(valid, Utf8Reference.isValid(bytes), "JDK reference disagrees with the case table");

        final Utf8Validator validator = new Utf8Validator();
        final boolean accepted = validator.update(new UnsafeBuffer(bytes), 0, bytes.length) && validator.isComplete();

        assertEquals(valid, accepted);
        assertEquals(valid, Utf8Validator.isValid(new UnsafeBuffer(bytes), 0, bytes.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "ß", "€", "語", "𝄞", "😀", "Hello-µ@ßöäüàá-UTF-8!!", "κόσμε", "a€b𝄞cßd語e😀f",
        "plain ASCII that is longer than eight bytes", "ASCII run then € then more ASCII run then 😀"})
    void shouldAcceptValidText(final String text)
    {
        final byte[] bytes = TestFrames.utf8(text);
        final Utf8Validator validator = new Utf8Validator();

        assertTrue(validator.update(new UnsafeBuffer(bytes), 0, bytes.length));
        assertTrue(validator.isComplete());
        assertFalse(validator.isInvalid());
        assertTrue(Utf8Validator.isValid(new UnsafeBuffer(bytes), 0, bytes.length));
    }

    @Test
    void shouldAcceptCharactersSplitAcrossUpdatesAtEveryPosition()
    {
        final byte[] bytes = TestFrames.utf8("aß€𝄞0123456789é語😀xyz");
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final String text = new String(bytes, StandardCharsets.UTF_8);
        for (int first = 0; first <= bytes.length; first++)
        {
            for (int second = first; second <= bytes.length; second++)
            {
                final Utf8Validator validator = new Utf8Validator();
                assertTrue(validator.update(buffer, 0, first));
                assertEquals(isCharBoundary(bytes, first), validator.isComplete(), "after " + first + " bytes");
                assertTrue(validator.update(buffer, first, second - first));
                assertEquals(isCharBoundary(bytes, second), validator.isComplete(), "after " + second + " bytes");
                assertTrue(validator.update(buffer, second, bytes.length - second));
                assertTrue(validator.isComplete(), text + " split at " + first + " and " + second);
            }
        }
    }

    private static boolean isCharBoundary(final byte[] bytes, final int index)
    {
        return index == bytes.length || (bytes[index] & 0xC0) != 0x80;
    }

    @ParameterizedTest(name = "{0} rejected at byte {1}")
    @CsvSource({
        "c0 80, 0",
        "c1 bf, 0",
        "e0 80 80, 1",
        "e0 9f bf, 1",
        "f0 80 80 80, 1",
        "f0 8f bf bf, 1",
        "ed a0 80, 1",
        "ed bf bf, 1",
        "f4 90 80 80, 1",
        "f5 80 80 80, 0",
        "f7 bf bf bf, 0",
        "f8 88 80 80 80, 0",
        "fe, 0",
        "ff, 0",
        "80, 0",
        "bf, 0",
        "41 80, 1",
        "c2 41, 1",
        "c2 80 80, 2",
        "e2 82 41, 2",
        "e2 82 ac 82, 3",
        "f0 9f 98 41, 3",
        "f0 9f 98 80 80, 4",
        "41 42 43 44 45 46 47 48 49 4a c0 80, 10",
        "41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50 ed a0 80, 17",
        "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64, 12",
        "ce ba e1 bd b9 cf 83 ce bc ce b5 f4 90 80 80 65 64 69 74 65 64, 12"})
    void shouldRejectAtTheFirstInvalidByte(final String hexBytes, final int firstInvalid)
    {
        final byte[] bytes = hex(hexBytes);
        assertEquals(firstInvalid, Utf8Reference.firstInvalidIndex(bytes), "JDK reference disagrees with the case");

        assertEquals(firstInvalid, rejectedAtByte(bytes), "fed one byte at a time");

        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final Utf8Validator prefix = new Utf8Validator();
        assertTrue(prefix.update(buffer, 0, firstInvalid), "bytes before the invalid one");
        assertFalse(prefix.isInvalid());
        assertFalse(prefix.update(buffer, firstInvalid, 1), "the invalid byte");
        assertTrue(prefix.isInvalid());

        final Utf8Validator whole = new Utf8Validator();
        assertFalse(whole.update(buffer, 0, bytes.length));
        assertTrue(whole.isInvalid());
        assertFalse(whole.isComplete());
        assertFalse(Utf8Validator.isValid(buffer, 0, bytes.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2", "df", "e0 a0", "e2 82", "ed 9f", "f0 90", "f0 9f 98", "f4 8f bf", "41 42 e2"})
    void shouldReportTruncatedSequenceAsIncompleteButNotInvalid(final String hexBytes)
    {
        final byte[] bytes = hex(hexBytes);
        final Utf8Validator validator = new Utf8Validator();

        assertTrue(validator.update(new UnsafeBuffer(bytes), 0, bytes.length));
        assertFalse(validator.isComplete());
        assertFalse(validator.isInvalid());
        assertFalse(Utf8Validator.isValid(new UnsafeBuffer(bytes), 0, bytes.length));
    }

    @Test
    void shouldStayInvalidUntilReset()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(hex("c0 80 41 41 41 41 41 41 41 41 41"));
        final Utf8Validator validator = new Utf8Validator();

        assertFalse(validator.update(buffer, 0, 1));
        assertFalse(validator.update(buffer, 2, 9), "valid ASCII after the invalid byte");
        assertFalse(validator.update(buffer, 2, 0), "nothing after the invalid byte");
        assertFalse(validator.isComplete());
        assertTrue(validator.isInvalid());

        validator.reset();
        assertTrue(validator.update(buffer, 2, 9));
        assertTrue(validator.isComplete());
        assertFalse(validator.isInvalid());
    }

    @Test
    void shouldAgreeWithTheJdkDecoderOnRandomInput()
    {
        final Random random = new Random(0xC0FFEE);
        int invalid = 0;
        for (int iteration = 0; iteration < 4000; iteration++)
        {
            final byte[] bytes = Utf8Reference.randomMixture(random, 24);
            final boolean expectedValid = Utf8Reference.isValid(bytes);
            final int expectedFirstInvalid = Utf8Reference.firstInvalidIndex(bytes);
            final String message = "input " + TestFrames.hex(bytes);
            invalid += expectedValid ? 0 : 1;

            final int offset = random.nextInt(9);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + bytes.length]);
            buffer.putBytes(offset, bytes);
            assertEquals(expectedValid, Utf8Validator.isValid(buffer, offset, bytes.length), message);
            assertEquals(expectedValid, validateInRandomChunks(buffer, offset, bytes.length, random), message);
            assertEquals(expectedFirstInvalid, rejectedAtByte(bytes), message);
        }
        assertTrue(invalid > 1000 && invalid < 3000, "the generator should mix valid and invalid input: " + invalid);
    }

    @Test
    void shouldAgreeWithTheJdkDecoderOnLongRandomText()
    {
        final Random random = new Random(0xBEEF);
        for (int iteration = 0; iteration < 300; iteration++)
        {
            final byte[] bytes = TestFrames.randomUtf8(random, random.nextInt(2000));
            if (random.nextBoolean() && bytes.length > 0)
            {
                bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            final boolean expectedValid = Utf8Reference.isValid(bytes);
            assertEquals(expectedValid, Utf8Validator.isValid(buffer, 0, bytes.length));
            assertEquals(expectedValid, validateInRandomChunks(buffer, 0, bytes.length, random));
        }
    }

    private static boolean validateInRandomChunks(
        final UnsafeBuffer buffer, final int offset, final int length, final Random random)
    {
        final Utf8Validator validator = new Utf8Validator();
        int position = 0;
        while (position < length)
        {
            final int chunk = Math.min(length - position, random.nextInt(12));
            if (!validator.update(buffer, offset + position, chunk))
            {
                return false;
            }
            position += chunk;
        }
        return validator.isComplete();
    }

    /**
     * The index of the byte whose update() returned false, feeding one byte per call; -1 if none did.
     */
    private static int rejectedAtByte(final byte[] bytes)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final Utf8Validator validator = new Utf8Validator();
        for (int i = 0; i < bytes.length; i++)
        {
            if (!validator.update(buffer, i, 1))
            {
                return i;
            }
        }
        return -1;
    }
}
