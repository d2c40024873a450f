/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Reconnection delays: exponential back-off with an optional full jitter.
 * <p>
 * The delay before re-attempt {@code n} (counting from 0) is {@code min(base * multiplier^n, cap)}; with
 * {@link #jitter()} the delay actually used is drawn uniformly from {@code [0, that value]} ("full jitter").
 * Without jitter the default sequence is 1, 2, 4, 8, 16, 32, 60, 60... seconds.
 * {@link #maxAttempts()} counts re-attempts after the first connect (0 means no limit), and the attempt counter
 * goes back to 0 once a connection has stayed up for {@link #resetAfter()}.
 *
 * @param base        first delay; positive. Default 1 s.
 * @param multiplier  growth factor per attempt; at least 1. Default 2.
 * @param cap         largest delay; at least {@code base}. Default 60 s.
 * @param jitter      draw each delay uniformly from zero to the computed delay. Default true.
 * @param maxAttempts re-attempts allowed per outage, 0 for no limit. Default 0.
 * @param resetAfter  how long a connection must stay up before the attempt counter resets. Default 60 s.
 */
public record BackoffConfig(
    Duration base, double multiplier, Duration cap, boolean jitter, int maxAttempts, Duration resetAfter)
{
    /** Default first delay. */
    public static final Duration BASE_DEFAULT = Duration.ofSeconds(1);
    /** Default growth factor. */
    public static final double MULTIPLIER_DEFAULT = 2.0;
    /** Default largest delay. */
    public static final Duration CAP_DEFAULT = Duration.ofSeconds(60);
    /** Default stable period after which the attempt counter resets. */
    public static final Duration RESET_AFTER_DEFAULT = Duration.ofSeconds(60);

    /**
     * Validate.
     *
     * @param base        first delay; positive. Default 1 s.
     * @param multiplier  growth factor per attempt; at least 1. Default 2.
     * @param cap         largest delay; at least {@code base}. Default 60 s.
     * @param jitter      draw each delay uniformly from zero to the computed delay. Default true.
     * @param maxAttempts re-attempts allowed per outage, 0 for no limit. Default 0.
     * @param resetAfter  how long a connection must stay up before the attempt counter resets. Default 60 s.
     * @throws IllegalArgumentException naming the bad field.
     */
    public BackoffConfig
    {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (base.isNegative() || base.isZero())
        {
            throw new IllegalArgumentException("backoff base must be positive: " + base);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier))
        {
            throw new IllegalArgumentException("backoff multiplier must be >= 1: " + multiplier);
        }
        if (cap.compareTo(base) < 0)
        {
            throw new IllegalArgumentException("backoff cap must be >= base: cap=" + cap + " base=" + base);
        }
        if (maxAttempts < 0)
        {
            throw new IllegalArgumentException("backoff maxAttempts must be >= 0 (0 = no limit): " + maxAttempts);
        }
        if (resetAfter.isNegative())
        {
            throw new IllegalArgumentException("backoff resetAfter must be >= 0: " + resetAfter);
        }
    }

    /**
     * The defaults: base 1 s, multiplier 2, cap 60 s, jitter on, no attempt limit, reset after 60 s.
     *
     * @return the default configuration.
     */
    public static BackoffConfig defaults()
    {
        return Defaults.BACKOFF; // immutable: one instance serves every client
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * The delay before re-attempt {@code attempt} without jitter: {@code min(base * multiplier^attempt, cap)}.
     *
     * @param attempt re-attempt number, counting from 0.
     * @return the delay in nanoseconds.
     */
    public long delayNs(final int attempt)
    {
        final double baseNs = base.toNanos();
        final double capNs = cap.toNanos();
        final double delay = baseNs * Math.pow(multiplier, Math.max(0, attempt));
        return (long)Math.min(delay, capNs);
    }

    /**
     * Is the attempt limit reached once {@code attemptsMade} re-attempts have been made?
     *
     * @param attemptsMade re-attempts already made in this outage.
     * @return true when no more re-attempts are allowed.
     */
    public boolean isExhausted(final int attemptsMade)
    {
        return maxAttempts > 0 && attemptsMade >= maxAttempts;
    }

    /**
     * Builds a {@link BackoffConfig}, starting from the defaults.
     */
    public static final class Builder
    {
        private Duration base = BASE_DEFAULT;
        private double multiplier = MULTIPLIER_DEFAULT;
        private Duration cap = CAP_DEFAULT;
        private boolean jitter = true;
        private int maxAttempts;
        private Duration resetAfter = RESET_AFTER_DEFAULT;

        private Builder()
        {
        }

        /**
         * First delay.
         *
         * @param base positive duration.
         * @return this.
         */
        public Builder base(final Duration base)
        {
            this.base = base;
            return this;
        }

        /**
         * Growth factor per attempt.
         *
         * @param multiplier at least 1.
         * @return this.
         */
        public Builder multiplier(final double multiplier)
        {
            this.multiplier = multiplier;
            return this;
        }

        /**
         * Largest delay.
         *
         * @param cap at least the base.
         * @return this.
         */
        public Builder cap(final Duration cap)
        {
            this.cap = cap;
            return this;
        }

        /**
         * Full jitter on or off.
         *
         * @param jitter true to draw each delay uniformly from zero to the computed delay.
         * @return this.
         */
        public Builder jitter(final boolean jitter)
        {
            this.jitter = jitter;
            return this;
        }

        /**
         * Re-attempts allowed per outage.
         *
         * @param maxAttempts 0 for no limit.
         * @return this.
         */
        public Builder maxAttempts(final int maxAttempts)
        {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * How long a connection must stay up before the attempt counter resets.
         *
         * @param resetAfter zero or positive.
         * @return this.
         */
        public Builder resetAfter(final Duration resetAfter)
        {
            this.resetAfter = resetAfter;
            return this;
        }

        /**
         * Validate and build.
         *
         * @return the configuration.
         */
        public BackoffConfig build()
        {
            return new BackoffConfig(base, multiplier, cap, jitter, maxAttempts, resetAfter);
        }
    }

    /**
     * The shared default, built once the class is initialised (after the builder's constants).
     */
    private static final class Defaults
    {
        static final BackoffConfig BACKOFF = builder().build();
    }
}
