/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.jetsocket.client.time.ExchangeTimestampExtractor;

import java.util.Objects;

/**
 * How an {@link AeronFeedPublisher} stamps and publishes: immutable, built with {@link #builder()}.
 *
 * @param streamId           the stream (venue) id written into every header, chosen by the application.
 * @param policy             what to do under back-pressure.
 * @param spinLimit          retries of {@link BackPressurePolicy#BOUNDED_SPIN} (and of lifecycle events under every
 *                           policy but CONFLATE) before giving up.
 * @param conflationKeys     slots of the conflation table (distinct keys held at once).
 * @param conflationSlotSize bytes per slot (header and payload): longer messages are not held.
 * @param conflationKey      the key of a message under CONFLATE.
 * @param exchangeTimestamps the exchange's timestamp of a message, or null for none.
 * @param onSlowConsumer     told (engine thread) when DISCONNECT_SLOW_CONSUMER closes the publication.
 */
public record PublisherOptions(
    int streamId,
    BackPressurePolicy policy,
    int spinLimit,
    int conflationKeys,
    int conflationSlotSize,
    ConflationKeyExtractor conflationKey,
    ExchangeTimestampExtractor exchangeTimestamps,
    Runnable onSlowConsumer)
{
    /** Default retries of a bounded spin. */
    public static final int SPIN_LIMIT_DEFAULT = 16;
    /** Default slots of the conflation table. */
    public static final int CONFLATION_KEYS_DEFAULT = 64;
    /** Default bytes per conflation slot. */
    public static final int CONFLATION_SLOT_SIZE_DEFAULT = 4096;

    /**
     * Check the values.
     *
     * @param streamId           the stream (venue) id.
     * @param policy             back-pressure policy.
     * @param spinLimit          retries, at least 0.
     * @param conflationKeys     slots, at least 1.
     * @param conflationSlotSize bytes per slot, more than a header.
     * @param conflationKey      key extractor.
     * @param exchangeTimestamps extractor or null.
     * @param onSlowConsumer     callback.
     */
    public PublisherOptions
    {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(conflationKey, "conflationKey");
        Objects.requireNonNull(onSlowConsumer, "onSlowConsumer");
        if (spinLimit < 0)
        {
            throw new IllegalArgumentException("spinLimit must be >= 0: " + spinLimit);
        }
        if (conflationKeys < 1)
        {
            throw new IllegalArgumentException("conflationKeys must be >= 1: " + conflationKeys);
        }
        if (conflationSlotSize <= FeedHeader.LENGTH)
        {
            throw new IllegalArgumentException(
                "conflationSlotSize must exceed the " + FeedHeader.LENGTH + " byte header: " + conflationSlotSize);
        }
    }

    /**
     * A builder with the defaults: stream id 0, DROP_AND_COUNT, no exchange timestamps.
     *
     * @return a new builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Builds {@link PublisherOptions}.
     */
    public static final class Builder
    {
        private int streamId;
        private BackPressurePolicy policy = BackPressurePolicy.DROP_AND_COUNT;
        private int spinLimit = SPIN_LIMIT_DEFAULT;
        private int conflationKeys = CONFLATION_KEYS_DEFAULT;
        private int conflationSlotSize = CONFLATION_SLOT_SIZE_DEFAULT;
        private ConflationKeyExtractor conflationKey = ConflationKeyExtractor.LATEST_ONLY;
        private ExchangeTimestampExtractor exchangeTimestamps;
        private Runnable onSlowConsumer = () -> {};

        private Builder()
        {
        }

        /**
         * The stream (venue) id written into every header.
         *
         * @param streamId chosen by the application, e.g. one per venue.
         * @return this.
         */
        public Builder streamId(final int streamId)
        {
            this.streamId = streamId;
            return this;
        }

        /**
         * The back-pressure policy.
         *
         * @param policy what to do when the slowest consumer is behind.
         * @return this.
         */
        public Builder policy(final BackPressurePolicy policy)
        {
            this.policy = policy;
            return this;
        }

        /**
         * Retries of a bounded spin.
         *
         * @param spinLimit at least 0.
         * @return this.
         */
        public Builder spinLimit(final int spinLimit)
        {
            this.spinLimit = spinLimit;
            return this;
        }

        /**
         * The conflation table's size: memory is {@code keys * slotSize} bytes, allocated once.
         *
         * @param keys     distinct keys held at once.
         * @param slotSize bytes per slot (a 40-byte header and the payload).
         * @return this.
         */
        public Builder conflationTable(final int keys, final int slotSize)
        {
            this.conflationKeys = keys;
            this.conflationSlotSize = slotSize;
            return this;
        }

        /**
         * The key messages are conflated under.
         *
         * @param key extractor, e.g. a hash of the instrument's bytes.
         * @return this.
         */
        public Builder conflationKey(final ConflationKeyExtractor key)
        {
            this.conflationKey = key;
            return this;
        }

        /**
         * Where the exchange timestamp of a message is found.
         *
         * @param extractor or null for none.
         * @return this.
         */
        public Builder exchangeTimestamps(final ExchangeTimestampExtractor extractor)
        {
            this.exchangeTimestamps = extractor;
            return this;
        }

        /**
         * Told when {@link BackPressurePolicy#DISCONNECT_SLOW_CONSUMER} closes the publication.
         *
         * @param callback runs on the engine thread.
         * @return this.
         */
        public Builder onSlowConsumer(final Runnable callback)
        {
            this.onSlowConsumer = callback;
            return this;
        }

        /**
         * Build the options.
         *
         * @return the options.
         */
        public PublisherOptions build()
        {
            return new PublisherOptions(streamId, policy, spinLimit, conflationKeys, conflationSlotSize,
                conflationKey, exchangeTimestamps, onSlowConsumer);
        }
    }
}
