/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.security.SecureRandom;
import java.util.Random;

/**
 * A {@link SecureRandom} whose bytes the test chooses, to steer {@link MaskKeySource}: either a repeated pattern
 * (e.g. one mask key over and over) or a seeded {@link Random}, so that a second instance with the same seed
 * predicts every key.
 */
final class ScriptedSecureRandom extends SecureRandom
{
    private final byte[] pattern;
    private final Random random;
    private int patternPosition;
    private int refills;

    private ScriptedSecureRandom(final byte[] pattern, final Random random)
    {
        this.pattern = pattern;
        this.random = random;
    }

    /**
     * Bytes that repeat the given key (first key byte in the most significant position) forever.
     */
    static ScriptedSecureRandom repeatingKey(final int key)
    {
        return new ScriptedSecureRandom(
            new byte[]{(byte)(key >>> 24), (byte)(key >>> 16), (byte)(key >>> 8), (byte)key}, null);
    }

    /**
     * Bytes that cycle through the given pattern.
     */
    static ScriptedSecureRandom cycling(final byte[] pattern)
    {
        return new ScriptedSecureRandom(pattern.clone(), null);
    }

    /**
     * Bytes from {@code new Random(seed)}.
     */
    static ScriptedSecureRandom seeded(final long seed)
    {
        return new ScriptedSecureRandom(null, new Random(seed));
    }

    /**
     * How many times {@link #nextBytes(byte[])} was called.
     */
    int refills()
    {
        return refills;
    }

    @Override
    public void nextBytes(final byte[] bytes)
    {
        refills++;
        if (null != random)
        {
            random.nextBytes(bytes);
            return;
        }
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = pattern[patternPosition];
            patternPosition = (patternPosition + 1) % pattern.length;
        }
    }
}
