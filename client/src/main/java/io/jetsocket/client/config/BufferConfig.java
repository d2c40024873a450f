/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import java.util.Objects;

/**
 * The bounded message buffer of a client: the send buffer that keeps what the application sends while the
 * connection is down ({@link ReplayMode#FULL_BUFFER}), and the de-duplication of incoming messages by
 * sequence id (with a {@link ReplayConfig#sequenceExtractor()}).
 *
 * @param capacity       messages the send buffer holds; positive. Default 1000.
 * @param overflowPolicy what a full send buffer does with one more message. Default
 *                       {@link OverflowPolicy#DROP_OLDEST}.
 * @param enableDedup    drop incoming messages whose sequence id was seen within the last
 *                       {@code dedupWindow} ids (they are neither delivered as {@code message} events nor
 *                       queued for {@code recv()}). Default false.
 * @param dedupWindow    number of recent sequence ids remembered; positive. Default 100.
 */
public record BufferConfig(int capacity, OverflowPolicy overflowPolicy, boolean enableDedup, int dedupWindow)
{
    /** Default capacity. */
    public static final int CAPACITY_DEFAULT = 1000;
    /** Default de-duplication window. */
    public static final int DEDUP_WINDOW_DEFAULT = 100;

    /**
     * Validate.
     *
     * @param capacity       messages the send buffer holds; positive. Default 1000.
     * @param overflowPolicy what a full send buffer does with one more message. Default
     *                       {@link OverflowPolicy#DROP_OLDEST}.
     * @param enableDedup    drop incoming messages whose sequence id was seen within the last
     *                       {@code dedupWindow} ids (they are neither delivered as {@code message} events nor
     *                       queued for {@code recv()}). Default false.
     * @param dedupWindow    number of recent sequence ids remembered; positive. Default 100.
     * @throws IllegalArgumentException naming the bad field.
     */
    public BufferConfig
    {
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        if (capacity <= 0)
        {
            throw new IllegalArgumentException("buffer capacity must be positive: " + capacity);
        }
        if (dedupWindow <= 0)
        {
            throw new IllegalArgumentException("buffer dedupWindow must be positive: " + dedupWindow);
        }
    }

    /**
     * The defaults: 1000 messages, drop the oldest, no de-duplication, window 100.
     *
     * @return the default configuration.
     */
    public static BufferConfig defaults()
    {
        return Defaults.BUFFER; // immutable: one instance serves every client
    }

    /**
     * Shorthand for the common case: the defaults with another capacity.
     *
     * @param capacity messages the buffer holds.
     * @return the configuration.
     */
    public static BufferConfig ofCapacity(final int capacity)
    {
        return builder().capacity(capacity).build();
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
     * Builds a {@link BufferConfig}, starting from the defaults.
     */
    public static final class Builder
    {
        private int capacity = CAPACITY_DEFAULT;
        private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_OLDEST;
        private boolean enableDedup;
        private int dedupWindow = DEDUP_WINDOW_DEFAULT;

        private Builder()
        {
        }

        /**
         * Messages the send buffer holds.
         *
         * @param capacity positive.
         * @return this.
         */
        public Builder capacity(final int capacity)
        {
            this.capacity = capacity;
            return this;
        }

        /**
         * What a full buffer does with one more message.
         *
         * @param overflowPolicy the policy.
         * @return this.
         */
        public Builder overflowPolicy(final OverflowPolicy overflowPolicy)
        {
            this.overflowPolicy = overflowPolicy;
            return this;
        }

        /**
         * Drop incoming messages whose sequence id was seen recently.
         *
         * @param enableDedup true to de-duplicate.
         * @return this.
         */
        public Builder enableDedup(final boolean enableDedup)
        {
            this.enableDedup = enableDedup;
            return this;
        }

        /**
         * Number of recent sequence ids remembered.
         *
         * @param dedupWindow positive.
         * @return this.
         */
        public Builder dedupWindow(final int dedupWindow)
        {
            this.dedupWindow = dedupWindow;
            return this;
        }

        /**
         * Validate and build.
         *
         * @return the configuration.
         */
        public BufferConfig build()
        {
            return new BufferConfig(capacity, overflowPolicy, enableDedup, dedupWindow);
        }
    }

    /**
     * The shared default, built once the class is initialised (after the builder's constants).
     */
    private static final class Defaults
    {
        static final BufferConfig BUFFER = builder().build();
    }
}
