/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * Supplies frame mask keys from a strong entropy source (RFC 6455 §5.3 and §10.3: the keys must
 * not be predictable by the application or an intermediary).
 * <p>
 * Keys are drawn a block at a time, so the cost of the entropy source (a system call) is paid once per
 * {@value #KEYS_PER_REFILL} frames, not per frame. Where {@code /dev/urandom} exists the block is read
 * from it directly: the JDK's default {@link SecureRandom} (NativePRNG) mixes in a SHA1PRNG stream that
 * allocates on every refill, and the engine thread must not allocate in steady state. Elsewhere, or if
 * that read fails, a {@link SecureRandom} fills the block. Not thread safe: one instance belongs to one
 * engine thread.
 */
public final class MaskKeySource implements AutoCloseable
{
    /** How many keys one refill draws. */
    public static final int KEYS_PER_REFILL = 1024;

    private static final String URANDOM = "/dev/urandom";

    private final SecureRandom random;
    private InputStream urandom;
    private final byte[] block = new byte[KEYS_PER_REFILL * Integer.BYTES];
    private int position = block.length;

    /**
     * A source reading the kernel's CSPRNG ({@code /dev/urandom}) where it exists, else a new
     * {@link SecureRandom}.
     */
    public MaskKeySource()
    {
        this.random = new SecureRandom();
        this.urandom = openUrandom();
    }

    /**
     * A source backed by the given generator only (tests may pass a seeded one).
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
            refill();
            position = 0;
        }
        final int p = position;
        position = p + Integer.BYTES;
        return ((block[p] & 0xFF) << 24) | ((block[p + 1] & 0xFF) << 16) |
            ((block[p + 2] & 0xFF) << 8) | (block[p + 3] & 0xFF);
    }

    /**
     * Close the entropy file, if one is open; later keys come from the {@link SecureRandom}.
     */
    @Override
    public void close()
    {
        if (null != urandom)
        {
            closeQuietly(urandom);
            urandom = null;
        }
    }

    private void refill()
    {
        if (null != urandom)
        {
            try
            {
                int filled = 0;
                while (filled < block.length)
                {
                    final int read = urandom.read(block, filled, block.length - filled);
                    if (read < 0)
                    {
                        throw new IOException(URANDOM + " ended");
                    }
                    filled += read;
                }
                return;
            }
            catch (final IOException ex)
            {
                closeQuietly(urandom);
                urandom = null; // fall back to SecureRandom from now on
            }
        }
        random.nextBytes(block);
    }

    private static InputStream openUrandom()
    {
        try
        {
            return new FileInputStream(URANDOM);
        }
        catch (final IOException | SecurityException ex)
        {
            return null;
        }
    }

    private static void closeQuietly(final InputStream in)
    {
        try
        {
            in.close();
        }
        catch (final IOException ignore)
        {
            // nothing more to do: the source is abandoned either way
        }
    }
}
