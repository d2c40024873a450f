/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.nio.ByteOrder;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Incremental UTF-8 validator (RFC 3629) that keeps its state across calls, so that a text message
 * arriving in several frames, or a frame arriving in several reads, is rejected at its first invalid
 * byte rather than at the end of the message.
 * <p>
 * Two loops share the work. ASCII runs, the bulk of typical text (JSON), are skipped 32 bytes at a
 * time by testing the high bit of four longs at once. Everything else goes through a DFA, one table
 * lookup per byte; once a character is complete and ASCII follows it, the ASCII loop takes over again.
 * <p>
 * The DFA is defined by two small tables: each byte falls in one of twelve classes, and the state (the
 * kind of continuation byte expected next) and the class give the next state. They follow RFC 3629 §4,
 * which rules out overlong forms (C0 and C1; E0 and F0 restrict the second byte), surrogates (ED
 * restricts it to 80-9F), code points above U+10FFFF (F4 restricts it to 80-8F; F5-FF never appear)
 * and stray continuation bytes. For speed the two tables are folded into one long per byte value.
 */
public final class Utf8Validator
{
    // Byte classes: ASCII, the three continuation ranges that RFC 3629 tells apart, and the lead bytes.
    private static final int ASCII = 0;
    private static final int CONTINUATION_80_8F = 1;
    private static final int CONTINUATION_90_9F = 2;
    private static final int CONTINUATION_A0_BF = 3;
    private static final int LEAD_C2_DF = 4;
    private static final int LEAD_E0 = 5;
    private static final int LEAD_E1_EC_EE_EF = 6;
    private static final int LEAD_ED = 7;
    private static final int LEAD_F0 = 8;
    private static final int LEAD_F1_F3 = 9;
    private static final int LEAD_F4 = 10;
    private static final int NEVER = 11; // C0, C1 (overlong forms only) and F5-FF
    private static final int CLASS_COUNT = 12;

    // States. Each is the offset of its 6-bit field in NEXT_STATES, i.e. its index * STATE_BITS.
    private static final int STATE_BITS = 6;
    private static final int STATE_MASK = (1 << STATE_BITS) - 1;
    private static final int ACCEPT = 0;
    private static final int ONE_MORE = STATE_BITS;
    private static final int TWO_MORE = 2 * STATE_BITS;
    private static final int AFTER_E0 = 3 * STATE_BITS;
    private static final int AFTER_ED = 4 * STATE_BITS;
    private static final int THREE_MORE = 5 * STATE_BITS;
    private static final int AFTER_F0 = 6 * STATE_BITS;
    private static final int AFTER_F4 = 7 * STATE_BITS;
    private static final int REJECT = 8 * STATE_BITS;
    private static final int STATE_COUNT = 9; // 9 fields of 6 bits fit in a long

    /**
     * For each byte value, the next state of every state: that of state s in bits [s, s + 6). One step is
     * then a shift and a mask, which keeps the chain from one byte's state to the next short; a class
     * lookup plus a transition lookup would put a dependent load on it.
     */
    private static final long[] NEXT_STATES = nextStates();

    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private int state = ACCEPT;

    /**
     * Create a validator at the start of a message.
     */
    public Utf8Validator()
    {
    }

    /**
     * Start a new message.
     */
    public void reset()
    {
        state = ACCEPT;
    }

    /**
     * Is the input seen so far a complete, valid UTF-8 sequence (no character left half-way)?
     *
     * @return true if the message may end here.
     */
    public boolean isComplete()
    {
        return ACCEPT == state;
    }

    /**
     * Has an invalid byte been seen since the last {@link #reset()}?
     *
     * @return true once the input can no longer be valid.
     */
    public boolean isInvalid()
    {
        return REJECT == state;
    }

    /**
     * Feed the next bytes of the message.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the bytes.
     * @return false as soon as the bytes seen so far can no longer be valid UTF-8.
     * @throws IndexOutOfBoundsException if the range is not within the buffer's capacity; the state is
     *                                   then left as it was.
     */
    public boolean update(final DirectBuffer buffer, final int offset, final int length)
    {
        // The bounds check is hoisted: one check for the whole range here, so that the loops below can
        // read through the unsafe accessor. Agrona's per-read check cost more than the validation itself.
        buffer.boundsCheck(offset, length);
        final int s = state;
        if (REJECT == s)
        {
            return false;
        }
        final int next = validate(s, buffer.byteArray(), buffer.addressOffset(), offset, offset + length);
        state = next;
        return REJECT != next;
    }

    /**
     * Validate a whole, self-contained sequence (e.g. a close reason) without touching this
     * validator's state.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the bytes.
     * @return true if the bytes are complete, valid UTF-8.
     * @throws IndexOutOfBoundsException if the range is not within the buffer's capacity.
     */
    public static boolean isValid(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length); // hoisted, as in update()
        return ACCEPT == validate(ACCEPT, buffer.byteArray(), buffer.addressOffset(), offset, offset + length);
    }

    /**
     * Run from {@code state} over the bytes at indices [from, end) of the memory at {@code array} (null
     * off-heap) + {@code address}, which the caller has bounds-checked. Returns REJECT as soon as it is reached.
     */
    private static int validate(final int state, final byte[] array, final long address, final int from, final int end)
    {
        int s = state;
        int i = from;
        while (i < end)
        {
            if (ACCEPT == s)
            {
                i = skipAscii(array, address, i, end);
                if (i == end)
                {
                    break;
                }
            }
            // Byte by byte until a character has ended and ASCII follows it: a run of multi-byte
            // characters (e.g. CJK text) stays here rather than probing for ASCII at each character.
            int b;
            do
            {
                b = UnsafeApi.getByte(array, address + i) & 0xFF;
                s = (int)(NEXT_STATES[b] >>> s) & STATE_MASK;
                i++;
            }
            while (i < end && REJECT != s && (ACCEPT != s || b >= 0x80));

            if (REJECT == s)
            {
                return REJECT;
            }
        }
        return s;
    }

    /**
     * The index of the first byte in [from, end) that is not ASCII, or end.
     */
    private static int skipAscii(final byte[] array, final long address, final int from, final int end)
    {
        int i = from;
        if (i < end && UnsafeApi.getByte(array, address + i) < 0)
        {
            return i; // in non-Latin text one space often separates two words: don't load four longs for it
        }
        // OR four longs together so that a 32-byte block of ASCII costs one test and one branch.
        while (i <= end - 4 * Long.BYTES)
        {
            final long at = address + i;
            final long block = UnsafeApi.getLong(array, at) | UnsafeApi.getLong(array, at + Long.BYTES) |
                UnsafeApi.getLong(array, at + 2 * Long.BYTES) | UnsafeApi.getLong(array, at + 3 * Long.BYTES);
            if (0 != (block & HIGH_BITS))
            {
                break;
            }
            i += 4 * Long.BYTES;
        }
        while (i <= end - Long.BYTES)
        {
            final long highBits = UnsafeApi.getLong(array, address + i) & HIGH_BITS;
            if (0 != highBits)
            {
                return i + firstHighByte(highBits);
            }
            i += Long.BYTES;
        }
        if (i < end && end - Long.BYTES >= from)
        {
            // Fewer than eight bytes left: read the last eight, overlapping bytes already known to be ASCII,
            // so that the first non-ASCII byte found in them is at or after i.
            final int last = end - Long.BYTES;
            final long highBits = UnsafeApi.getLong(array, address + last) & HIGH_BITS;
            return 0 == highBits ? end : last + firstHighByte(highBits);
        }
        while (i < end && UnsafeApi.getByte(array, address + i) >= 0)
        {
            i++;
        }
        return i;
    }

    /**
     * Which byte of a long read in native order is the first in memory with its high bit set.
     */
    private static int firstHighByte(final long highBits)
    {
        return (LITTLE_ENDIAN ? Long.numberOfTrailingZeros(highBits) : Long.numberOfLeadingZeros(highBits)) >>> 3;
    }

    private static long[] nextStates()
    {
        final byte[] classOf = new byte[256];
        classify(classOf, 0x00, 0x7F, ASCII);
        classify(classOf, 0x80, 0x8F, CONTINUATION_80_8F);
        classify(classOf, 0x90, 0x9F, CONTINUATION_90_9F);
        classify(classOf, 0xA0, 0xBF, CONTINUATION_A0_BF);
        classify(classOf, 0xC0, 0xC1, NEVER);
        classify(classOf, 0xC2, 0xDF, LEAD_C2_DF);
        classify(classOf, 0xE0, 0xE0, LEAD_E0);
        classify(classOf, 0xE1, 0xEF, LEAD_E1_EC_EE_EF);
        classify(classOf, 0xED, 0xED, LEAD_ED); // carved out of the range above
        classify(classOf, 0xF0, 0xF0, LEAD_F0);
        classify(classOf, 0xF1, 0xF3, LEAD_F1_F3);
        classify(classOf, 0xF4, 0xF4, LEAD_F4);
        classify(classOf, 0xF5, 0xFF, NEVER);

        // Transitions not listed reject; REJECT's own row is all REJECT, so it sticks.
        final byte[] transitions = new byte[STATE_COUNT * CLASS_COUNT];
        Arrays.fill(transitions, (byte)REJECT);
        on(transitions, ACCEPT, ASCII, ACCEPT);
        on(transitions, ACCEPT, LEAD_C2_DF, ONE_MORE);
        on(transitions, ACCEPT, LEAD_E0, AFTER_E0);
        on(transitions, ACCEPT, LEAD_E1_EC_EE_EF, TWO_MORE);
        on(transitions, ACCEPT, LEAD_ED, AFTER_ED);
        on(transitions, ACCEPT, LEAD_F0, AFTER_F0);
        on(transitions, ACCEPT, LEAD_F1_F3, THREE_MORE);
        on(transitions, ACCEPT, LEAD_F4, AFTER_F4);
        onAnyContinuation(transitions, ONE_MORE, ACCEPT);
        onAnyContinuation(transitions, TWO_MORE, ONE_MORE);
        on(transitions, AFTER_E0, CONTINUATION_A0_BF, ONE_MORE); // 80-9F: overlong form
        on(transitions, AFTER_ED, CONTINUATION_80_8F, ONE_MORE); // A0-BF: surrogate, D800-DFFF
        on(transitions, AFTER_ED, CONTINUATION_90_9F, ONE_MORE);
        onAnyContinuation(transitions, THREE_MORE, TWO_MORE);
        on(transitions, AFTER_F0, CONTINUATION_90_9F, TWO_MORE); // 80-8F: overlong form
        on(transitions, AFTER_F0, CONTINUATION_A0_BF, TWO_MORE);
        on(transitions, AFTER_F4, CONTINUATION_80_8F, TWO_MORE); // 90-BF: above U+10FFFF

        final long[] nextStates = new long[256];
        for (int b = 0; b < 256; b++)
        {
            for (int s = ACCEPT; s <= REJECT; s += STATE_BITS)
            {
                final long next = transitions[(s / STATE_BITS) * CLASS_COUNT + classOf[b]];
                nextStates[b] |= next << s;
            }
        }
        return nextStates;
    }

    private static void classify(final byte[] classOf, final int first, final int last, final int byteClass)
    {
        Arrays.fill(classOf, first, last + 1, (byte)byteClass);
    }

    private static void on(final byte[] transitions, final int state, final int byteClass, final int next)
    {
        transitions[(state / STATE_BITS) * CLASS_COUNT + byteClass] = (byte)next;
    }

    private static void onAnyContinuation(final byte[] transitions, final int state, final int next)
    {
        on(transitions, state, CONTINUATION_80_8F, next);
        on(transitions, state, CONTINUATION_90_9F, next);
        on(transitions, state, CONTINUATION_A0_BF, next);
    }
}
