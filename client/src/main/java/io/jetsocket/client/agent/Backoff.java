/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.config.BackoffConfig;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The delay sequence of {@link BackoffConfig}: exponential, capped, with optional full jitter, counting the
 * re-attempts of the current outage. Not thread safe (the reconnect agent owns it on the engine thread).
 */
public final class Backoff
{
    private final BackoffConfig config;
    private final RandomGenerator random;
    private int attempts;

    /**
     * Create the sequence.
     *
     * @param config delays and limits.
     * @param random source of the jitter; null for the calling thread's {@link ThreadLocalRandom} (no generator
     *               of its own: about 48 bytes less per client).
     */
    public Backoff(final BackoffConfig config, final RandomGenerator random)
    {
        this.config = config;
        this.random = random;
    }

    /**
     * The delay before the next re-attempt, counting it.
     *
     * @return the delay in nanoseconds.
     * @throws IllegalStateException when the attempts are exhausted.
     */
    public long nextDelayNs()
    {
        if (isExhausted())
        {
            throw new IllegalStateException("backoff exhausted after " + attempts + " attempts");
        }
        final long delayNs = config.delayNs(attempts);
        attempts++;
        if (!config.jitter() || 0 == delayNs)
        {
            return delayNs;
        }
        final RandomGenerator source = null == random ? ThreadLocalRandom.current() : random;
        return (long)(source.nextDouble() * (delayNs + 1.0));
    }

    /**
     * The next delay without counting it (the expected value, half the delay, with jitter).
     *
     * @return the delay in nanoseconds.
     */
    public long peekDelayNs()
    {
        final long delayNs = config.delayNs(attempts);
        return config.jitter() ? delayNs / 2 : delayNs;
    }

    /**
     * Re-attempts counted since the last reset.
     *
     * @return the count.
     */
    public int attempts()
    {
        return attempts;
    }

    /**
     * Are no more re-attempts allowed?
     *
     * @return true when {@code maxAttempts} re-attempts have been made.
     */
    public boolean isExhausted()
    {
        return config.isExhausted(attempts);
    }

    /**
     * Start again from the base delay.
     */
    public void reset()
    {
        attempts = 0;
    }

    /**
     * The configuration.
     *
     * @return the back-off configuration.
     */
    public BackoffConfig config()
    {
        return config;
    }

    @Override
    public String toString()
    {
        return "Backoff{attempts=" + attempts + ", exhausted=" + isExhausted() + "}";
    }
}
