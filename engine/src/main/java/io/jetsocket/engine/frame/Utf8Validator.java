/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import org.agrona.DirectBuffer;

/**
 * Incremental UTF-8 validator (RFC 3629) that keeps its state across calls, so that a text message
 * arriving in several frames, or a frame arriving in several reads, is rejected at its first invalid
 * byte rather than at the end of the message.
 * <p>
 * The state is the kind of continuation byte expected next; the ranges follow RFC 3629 §4, which
 * rules out overlong forms (E0 and F0 restrict the second byte), surrogates (ED) and code points
 * above U+10FFFF (F4). ASCII runs are skipped eight bytes at a time.
 */
public final class Utf8Validator
{
    private static final int ACCEPT = 0;
    private static final int ONE_MORE = 1;
    private static final int TWO_MORE = 2;
    private static final int AFTER_E0 = 3;
    private static final int AFTER_ED = 4;
    private static final int THREE_MORE = 5;
    private static final int AFTER_F0 = 6;
    private static final int AFTER_F4 = 7;
    private static final int REJECT = 8;

    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private int state = ACCEPT;

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
     */
    public boolean update(final DirectBuffer buffer, final int offset, final int length)
    {
        int s = state;
        if (REJECT == s)
        {
            return false;
        }
        int i = offset;
        final int end = offset + length;
        while (i < end)
        {
            if (ACCEPT == s)
            {
                while (i <= end - Long.BYTES && 0 == (buffer.getLong(i) & HIGH_BITS))
                {
                    i += Long.BYTES;
                }
                if (i == end)
                {
                    break;
                }
            }
            s = next(s, buffer.getByte(i) & 0xFF);
            if (REJECT == s)
            {
                state = REJECT;
                return false;
            }
            i++;
        }
        state = s;
        return true;
    }

    /**
     * Validate a whole, self-contained sequence (e.g. a close reason) without touching this
     * validator's state.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the bytes.
     * @return true if the bytes are complete, valid UTF-8.
     */
    public static boolean isValid(final DirectBuffer buffer, final int offset, final int length)
    {
        int s = ACCEPT;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            s = next(s, buffer.getByte(i) & 0xFF);
            if (REJECT == s)
            {
                return false;
            }
        }
        return ACCEPT == s;
    }

    private static int next(final int state, final int b)
    {
        switch (state)
        {
            case ACCEPT:
                return lead(b);
            case ONE_MORE:
                return isContinuation(b, 0x80, 0xBF) ? ACCEPT : REJECT;
            case TWO_MORE:
                return isContinuation(b, 0x80, 0xBF) ? ONE_MORE : REJECT;
            case AFTER_E0:
                return isContinuation(b, 0xA0, 0xBF) ? ONE_MORE : REJECT;
            case AFTER_ED:
                return isContinuation(b, 0x80, 0x9F) ? ONE_MORE : REJECT;
            case THREE_MORE:
                return isContinuation(b, 0x80, 0xBF) ? TWO_MORE : REJECT;
            case AFTER_F0:
                return isContinuation(b, 0x90, 0xBF) ? TWO_MORE : REJECT;
            case AFTER_F4:
                return isContinuation(b, 0x80, 0x8F) ? TWO_MORE : REJECT;
            default:
                return REJECT;
        }
    }

    private static int lead(final int b)
    {
        if (b < 0x80)
        {
            return ACCEPT;
        }
        if (b < 0xC2)
        {
            return REJECT; // stray continuation byte, or C0/C1 which only start overlong forms
        }
        if (b < 0xE0)
        {
            return ONE_MORE;
        }
        if (b == 0xE0)
        {
            return AFTER_E0;
        }
        if (b == 0xED)
        {
            return AFTER_ED;
        }
        if (b < 0xF0)
        {
            return TWO_MORE;
        }
        if (b == 0xF0)
        {
            return AFTER_F0;
        }
        if (b < 0xF4)
        {
            return THREE_MORE;
        }
        return b == 0xF4 ? AFTER_F4 : REJECT;
    }

    private static boolean isContinuation(final int b, final int min, final int max)
    {
        return b >= min && b <= max;
    }
}
