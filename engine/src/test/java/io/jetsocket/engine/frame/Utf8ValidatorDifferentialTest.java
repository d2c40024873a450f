/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link Utf8Validator} against the JDK's UTF-8 decoder (malformed input reported): every short sequence, the
 * 4-byte leads with their boundary continuations, and random, mostly valid text with mutations, fed in random
 * pieces from heap, direct and expandable buffers at random offsets.
 * <p>
 * The JDK decodes whole input, so a character cut off at the end is malformed to it, while the validator only
 * says {@code isComplete() == false}: such input must be rejected by the JDK, and accepted once completed.
 */
class Utf8ValidatorDifferentialTest
{
    private static final int FILLER = 0xFF; // never valid anywhere: a read outside the range would show
    private static final int[] BOUNDARY_BYTES = {
        0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF4, 0xFF};
    private static final int[] BOUNDARY_CODE_POINTS = {
        0x80, 0x7FF, 0x800, 0xFFF, 0x1000, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x3FFFF, 0x40000, 0xFFFFF,
        0x100000, 0x10FFFF};
    private static final int[] INTERESTING_BYTES = {
        0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
        0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};
    private static final int MAX_RANDOM_LENGTH = 3000;
    private static final int ARENA_SLACK = 64;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer chars = CharBuffer.allocate(MAX_RANDOM_LENGTH + 16);
    private final Utf8Validator validator = new Utf8Validator();

    @Test
    void shouldAgreeWithTheJdkOnEverySequenceOfOneToThreeBytes()
    {
        final byte[] bytes = new byte[8];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        for (int length = 1; length <= 3; length++)
        {
            for (int n = 0, count = 1 << (8 * length); n < count; n++)
            {
                for (int i = 0; i < length; i++)
                {
                    bytes[i] = (byte)(n >>> (8 * (length - 1 - i)));
                }
                checkAgainstJdk(bytes, length, buffer, n % (length + 1));
            }
        }
    }

    @Test
    void shouldAgreeWithTheJdkOnEveryFourByteLeadWithBoundaryContinuations()
    {
        final byte[] bytes = new byte[8];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int valid = 0;
        for (int lead = 0xF0; lead <= 0xFF; lead++)
        {
            for (int second = 0; second <= 0xFF; second++)
            {
                for (final int third : BOUNDARY_BYTES)
                {
                    for (final int fourth : BOUNDARY_BYTES)
                    {
                        bytes[0] = (byte)lead;
                        bytes[1] = (byte)second;
                        bytes[2] = (byte)third;
                        bytes[3] = (byte)fourth;
                        valid += checkAgainstJdk(bytes, 4, buffer, (second + third) % 5) ? 1 : 0;
                    }
                }
            }
        }
        // F0 90-BF, F1-F3 80-BF, F4 80-8F as lead and second byte; 80, 8F, 90, 9F, A0 and BF after them.
        assertEquals((0x30 + 3 * 0x40 + 0x10) * 6 * 6, valid);
    }

    /**
     * Every position of a non-ASCII byte in ASCII text, at every alignment: the ASCII loop must stop exactly
     * there, whether the byte falls in a 32-byte block, an 8-byte word, the overlapping last word or the tail.
     */
    @Test
    void shouldFindTheFirstNonAsciiByteAtEveryPositionAndAlignment()
    {
        final byte[] array = new byte[8 + 80 + 8];
        final UnsafeBuffer heap = new UnsafeBuffer(array);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(array.length));
        for (int length = 1; length <= 80; length++)
        {
            for (int offset = 0; offset < 8; offset++)
            {
                for (int position = 0; position < length; position++)
                {
                    for (final UnsafeBuffer buffer : new UnsafeBuffer[] {heap, direct})
                    {
                        buffer.setMemory(0, buffer.capacity(), (byte)FILLER);
                        buffer.setMemory(offset, length, (byte)'a');
                        final String where = length + " bytes at " + offset + ", position " + position;

                        buffer.putByte(offset + position, (byte)0xC0);
                        assertTrue(feed(buffer, offset, position) && validator.isComplete(), where);
                        assertFalse(feed(buffer, offset, position + 1), where);
                        assertFalse(feed(buffer, offset, length), where);

                        buffer.putByte(offset + position, (byte)0xE2); // then 'a', rejected; or the end
                        assertTrue(feed(buffer, offset, position + 1) && !validator.isComplete(), where);
                        assertEquals(position == length - 1, feed(buffer, offset, length), where);

                        if (position < length - 1)
                        {
                            buffer.putByte(offset + position, (byte)0xC3); // é
                            buffer.putByte(offset + position + 1, (byte)0xA9);
                            assertTrue(Utf8Validator.isValid(buffer, offset, length), where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldAgreeWithTheJdkOnRandomTextInPiecesFromEveryKindOfBuffer()
    {
        final Random random = new Random(0x5EED);
        final byte[] heapArena = new byte[MAX_RANDOM_LENGTH + 3 * ARENA_SLACK];
        final ByteBuffer directArena = ByteBuffer.allocateDirect(heapArena.length);
        final UnsafeBuffer heapView = new UnsafeBuffer(heapArena);
        final UnsafeBuffer directView = new UnsafeBuffer(directArena);
        final UnsafeBuffer wholeHeapArena = new UnsafeBuffer(heapArena);
        final UnsafeBuffer wholeDirectArena = new UnsafeBuffer(directArena);
        final int[] verdicts = new int[3]; // valid, invalid, incomplete
        final int iterations = 250_000;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            final byte[] bytes = randomText(random);
            final int length = bytes.length;
            final int offset = random.nextInt(ARENA_SLACK);
            final boolean endsAtCapacity = random.nextInt(3) == 0;
            final int capacity = offset + length + (endsAtCapacity ? 0 : 1 + random.nextInt(ARENA_SLACK - 1));

            final MutableDirectBuffer buffer;
            switch (random.nextInt(3))
            {
                case 0:
                    buffer = heapView;
                    wholeHeapArena.setMemory(0, heapArena.length, (byte)FILLER);
                    heapView.wrap(heapArena, random.nextInt(ARENA_SLACK), capacity);
                    break;
                case 1:
                    buffer = directView;
                    wholeDirectArena.setMemory(0, heapArena.length, (byte)FILLER);
                    directView.wrap(directArena, random.nextInt(ARENA_SLACK), capacity);
                    break;
                default:
                    buffer = new ExpandableArrayBuffer(capacity);
                    break;
            }
            // Filler around the range (and around a view's capacity in its arena): reading past it shows.
            buffer.setMemory(0, buffer.capacity(), (byte)FILLER);
            buffer.putBytes(offset, bytes);

            final int verdict = checkRandomCase(bytes, buffer, offset, random, iteration);
            verdicts[verdict]++;
        }
        assertTrue(verdicts[0] > iterations / 4 && verdicts[1] > iterations / 4 && verdicts[2] > iterations / 50,
            "the generator should mix valid, invalid and truncated text: " + Arrays.toString(verdicts));
    }

    @Test
    void shouldThrowRatherThanReadOutsideTheBuffer()
    {
        final UnsafeBuffer[] buffers = {
            new UnsafeBuffer(new byte[16]),
            new UnsafeBuffer(new byte[64], 8, 16),
            new UnsafeBuffer(ByteBuffer.allocateDirect(16)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(64), 8, 16)};
        final int[][] outside = {
            {-1, 1}, {-1, 0}, {0, 17}, {1, 16}, {15, 2}, {16, 1}, {17, 0}, {0, -1}, {8, -9},
            {8, Integer.MAX_VALUE}, {Integer.MAX_VALUE, 1}, {Integer.MIN_VALUE, 4}};
        for (final UnsafeBuffer buffer : buffers)
        {
            buffer.setMemory(0, 16, (byte)'a');
            for (final int[] range : outside)
            {
                final String where = "offset " + range[0] + ", length " + range[1];
                final Utf8Validator fresh = new Utf8Validator();
                assertThrows(IndexOutOfBoundsException.class, () -> fresh.update(buffer, range[0], range[1]), where);
                assertTrue(fresh.isComplete(), "state untouched: " + where);
                assertThrows(
                    IndexOutOfBoundsException.class, () -> Utf8Validator.isValid(buffer, range[0], range[1]), where);
            }
            final Utf8Validator fresh = new Utf8Validator();
            assertTrue(fresh.update(buffer, 0, 16));
            assertTrue(fresh.update(buffer, 16, 0));
            assertTrue(fresh.update(buffer, 15, 1));
            assertTrue(Utf8Validator.isValid(buffer, 0, 16));
            assertTrue(Utf8Validator.isValid(buffer, 16, 0));
        }
    }

    /**
     * Check one short sequence (bytes past {@code length} are overwritten), fed in two pieces split at
     * {@code split}, and return whether it is valid.
     */
    private boolean checkAgainstJdk(final byte[] bytes, final int length, final UnsafeBuffer buffer, final int split)
    {
        Arrays.fill(bytes, length, bytes.length, (byte)FILLER);
        final boolean jdkValid = jdkAccepts(bytes, length);

        validator.reset();
        final boolean firstPiece = validator.update(buffer, 0, split);
        final boolean notRejected = validator.update(buffer, split, length - split) && firstPiece;
        if (notRejected == validator.isInvalid() ||
            jdkValid != Utf8Validator.isValid(buffer, 0, length) ||
            (validator.isComplete() && !jdkValid) ||
            (validator.isInvalid() && jdkValid))
        {
            fail(disagreement(bytes, length));
        }
        if (!validator.isComplete() && !validator.isInvalid() && (jdkValid || !canBeCompleted(bytes, length)))
        {
            fail("incomplete but " + disagreement(bytes, length));
        }
        return jdkValid;
    }

    /**
     * Check one random case, fed in random pieces, and return its verdict: 0 valid, 1 invalid, 2 incomplete.
     */
    private int checkRandomCase(
        final byte[] bytes, final MutableDirectBuffer buffer, final int offset, final Random random,
        final int iteration)
    {
        final int length = bytes.length;
        final boolean jdkValid = jdkAccepts(bytes, length);
        final int rejectedAt = rejectedAt(new UnsafeBuffer(bytes), 0, length); // one byte per call
        final String message = "case " + iteration;

        assertEquals(jdkValid, Utf8Validator.isValid(buffer, offset, length), message);

        validator.reset();
        final int pieces = 1 + random.nextInt(5);
        int position = 0;
        for (int piece = 1; piece <= pieces; piece++)
        {
            final int end = piece == pieces ? length : position + random.nextInt(length - position + 1);
            final boolean notRejected = validator.update(buffer, offset + position, end - position);
            // Each piece must report the rejection exactly when it holds, or follows, the first invalid byte.
            assertEquals(rejectedAt < 0 || rejectedAt >= end, notRejected, message);
            position = end;
        }

        if (validator.isComplete())
        {
            assertTrue(jdkValid, message);
            return 0;
        }
        assertFalse(jdkValid, message);
        if (validator.isInvalid())
        {
            if (length <= 64 && iteration % 8 == 0)
            {
                assertEquals(Utf8Reference.firstInvalidIndex(bytes), rejectedAt, message);
            }
            return 1;
        }
        assertTrue(canBeCompleted(bytes, length), message);
        return 2;
    }

    private boolean feed(final UnsafeBuffer buffer, final int offset, final int length)
    {
        validator.reset();
        return validator.update(buffer, offset, length);
    }

    private int rejectedAt(final UnsafeBuffer buffer, final int offset, final int length)
    {
        final Utf8Validator oneByteAtATime = new Utf8Validator();
        for (int i = 0; i < length; i++)
        {
            if (!oneByteAtATime.update(buffer, offset + i, 1))
            {
                return i;
            }
        }
        return -1;
    }

    private boolean jdkAccepts(final byte[] bytes, final int length)
    {
        decoder.reset();
        chars.clear();
        return decoder.decode(ByteBuffer.wrap(bytes, 0, length), chars, true).isUnderflow() &&
            decoder.flush(chars).isUnderflow();
    }

    /**
     * Does the JDK accept the bytes once one to three continuation bytes are appended? The first one is tried
     * from each range that RFC 3629 tells apart (80-8F, 90-9F, A0-BF); any continuation can follow it.
     */
    private boolean canBeCompleted(final byte[] bytes, final int length)
    {
        final byte[] completed = Arrays.copyOf(bytes, length + 3);
        for (final int first : new int[] {0x80, 0x90, 0xA0})
        {
            completed[length] = (byte)first;
            for (int extra = 1; extra <= 3; extra++)
            {
                if (extra > 1)
                {
                    completed[length + extra - 1] = (byte)0x80;
                }
                if (jdkAccepts(completed, length + extra))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Mostly valid UTF-8, ASCII runs of every length between characters of every length (some at the edges of
     * their ranges), and in about half the cases one to three mutations: a byte replaced, inserted or removed,
     * or the end cut off.
     */
    private static byte[] randomText(final Random random)
    {
        final int size = random.nextInt(10);
        final int target = size < 4 ? random.nextInt(40) : size < 9 ? random.nextInt(300) :
            random.nextInt(MAX_RANDOM_LENGTH - 8);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(target + 8);
        while (out.size() < target)
        {
            final int kind = random.nextInt(20);
            if (kind < 8)
            {
                for (int i = random.nextInt(random.nextBoolean() ? 8 : 100); i > 0; i--)
                {
                    out.write(0x20 + random.nextInt(0x5F));
                }
            }
            else if (kind < 19)
            {
                out.writeBytes(Character.toString(randomCodePoint(random)).getBytes(StandardCharsets.UTF_8));
            }
            else
            {
                out.write(INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]);
            }
        }
        byte[] bytes = out.toByteArray();
        for (int mutations = random.nextBoolean() ? 0 : 1 + random.nextInt(3); mutations > 0; mutations--)
        {
            bytes = mutate(bytes, random);
        }
        return bytes.length <= MAX_RANDOM_LENGTH ? bytes : Arrays.copyOf(bytes, MAX_RANDOM_LENGTH);
    }

    private static int randomCodePoint(final Random random)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return BOUNDARY_CODE_POINTS[random.nextInt(BOUNDARY_CODE_POINTS.length)];
            case 1:
                return 0x80 + random.nextInt(0x800 - 0x80);
            case 2:
            case 3:
                final int candidate = 0x800 + random.nextInt(0x10000 - 0x800);
                return Character.isSurrogate((char)candidate) ? 0xFFFD : candidate;
            default:
                return 0x10000 + random.nextInt(0x110000 - 0x10000);
        }
    }

    private static byte[] mutate(final byte[] bytes, final Random random)
    {
        if (bytes.length == 0)
        {
            return new byte[] {(byte)random.nextInt(256)};
        }
        final int at = random.nextInt(bytes.length);
        final byte replacement = (byte)(random.nextBoolean() ?
            random.nextInt(256) : INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]);
        switch (random.nextInt(4))
        {
            case 0:
                bytes[at] = replacement;
                return bytes;
            case 1:
                final byte[] inserted = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, inserted, 0, at);
                inserted[at] = replacement;
                System.arraycopy(bytes, at, inserted, at + 1, bytes.length - at);
                return inserted;
            case 2:
                final byte[] removed = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, removed, 0, at);
                System.arraycopy(bytes, at + 1, removed, at, bytes.length - at - 1);
                return removed;
            default:
                return Arrays.copyOf(bytes, at);
        }
    }

    private static String disagreement(final byte[] bytes, final int length)
    {
        return "validator and JDK disagree on " + TestFrames.hex(Arrays.copyOf(bytes, length));
    }
}
