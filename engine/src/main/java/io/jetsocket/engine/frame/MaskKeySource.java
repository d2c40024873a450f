/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.security.SecureRandom;

/**
 * Supplies frame mask keys from a strong entropy source (RFC 6455 §5.3 and §10.3: the keys must
 * not be predictable by the application or an intermediary).
 * <p>
 * Keys are drawn from {@link SecureRandom} a block at a time, so the cost of the entropy source
 * (a system call for the native PRNG) is paid once per {@value #KEYS_PER_REFILL} frames, not per
 * frame. Not thread safe: one instance belongs to one engine thread.
 */
public final class MaskKeySource
{
    /** How many keys one refill draws. */
    public static final int KEYS_PER_REFILL = 1024;

    private final SecureRandom random;
    private final byte[] block = new byte[KEYS_PER_REFILL * Integer.BYTES];
    private int position = block.length;

    /**
     * A source backed by a new {@link SecureRandom}.
     */
    public MaskKeySource()
    {
        this(new SecureRandom());
    }

    /**
     * A source backed by the given generator (tests may pass a seeded one).
     *
     * @param random to draw key bytes from.
     */
    public MaskKeySource(final SecureRandom random)
    {
        this.random = random;
    }

    /**
     * The next mask key.
     *
     * @return four fresh random bytes, the first in the most significant position.
     */
    public int nextKey()
    {
        if (position == block.length)
        {
            random.nextBytes(block);
            position = 0;
        }
        final int p = position;
        position = p + Integer.BYTES;
        return ((block[p] & 0xFF) << 24) | ((block[p + 1] & 0xFF) << 16) |
            ((block[p + 2] & 0xFF) << 8) | (block[p + 3] & 0xFF);
    }
}
