/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.venue;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits a venue imposes that a client keeps to by itself: an outbound message rate per connection, a budget
 * of connect attempts shared by the venue's clients, and the largest {@code Retry-After} it honours. Set through
 * {@code ClientConfig.Builder#rateLimit}, {@code #connectBudget} and {@code #maxRetryAfter}.
 *
 * @param rateLimit     outbound messages per connection, or null (default) for no limit.
 * @param connectBudget connect attempts shared with the venue's other clients, or null (default) for none.
 * @param maxRetryAfter the longest wait a {@code Retry-After} of a 429 or 503 handshake answer may impose;
 *                      positive. Default {@link #MAX_RETRY_AFTER_DEFAULT}.
 */
public record VenueLimits(RateLimit rateLimit, ConnectBudget connectBudget, Duration maxRetryAfter)
{
    /** Default cap of a {@code Retry-After} wait: 10 minutes. */
    public static final Duration MAX_RETRY_AFTER_DEFAULT = Duration.ofMinutes(10);

    private static final VenueLimits NONE = new VenueLimits(null, null, MAX_RETRY_AFTER_DEFAULT);

    /**
     * Validate.
     *
     * @param rateLimit     outbound messages per connection, or null for no limit.
     * @param connectBudget connect attempts shared with the venue's other clients, or null for none.
     * @param maxRetryAfter the longest {@code Retry-After} wait honoured; positive.
     * @throws IllegalArgumentException when {@code maxRetryAfter} is not positive.
     */
    public VenueLimits
    {
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxRetryAfter.isNegative() || maxRetryAfter.isZero())
        {
            throw new IllegalArgumentException("maxRetryAfter must be positive: " + maxRetryAfter);
        }
    }

    /**
     * No rate limit, no connect budget, {@code Retry-After} honoured up to 10 minutes.
     *
     * @return the defaults.
     */
    public static VenueLimits none()
    {
        return NONE;
    }

    /**
     * These limits with another rate limit.
     *
     * @param limit the rate limit, or null for none.
     * @return new limits.
     */
    public VenueLimits withRateLimit(final RateLimit limit)
    {
        return new VenueLimits(limit, connectBudget, maxRetryAfter);
    }

    /**
     * These limits with another connect budget.
     *
     * @param budget the budget, or null for none.
     * @return new limits.
     */
    public VenueLimits withConnectBudget(final ConnectBudget budget)
    {
        return new VenueLimits(rateLimit, budget, maxRetryAfter);
    }

    /**
     * These limits with another {@code Retry-After} cap.
     *
     * @param cap positive.
     * @return new limits.
     */
    public VenueLimits withMaxRetryAfter(final Duration cap)
    {
        return new VenueLimits(rateLimit, connectBudget, cap);
    }

    /**
     * How long the next connect attempt must wait after a failed one: the {@code Retry-After} of a 429 or 503
     * handshake answer, capped at {@link #maxRetryAfter()}.
     *
     * @param failure    the failure of the last attempt, or null.
     * @param nowEpochMs the wall clock now, for an HTTP-date.
     * @return nanoseconds, 0 for none.
     */
    public long retryAfterNs(final Throwable failure, final long nowEpochMs)
    {
        final long delayNs = RetryAfter.delayNs(failure, nowEpochMs);
        return RetryAfter.NONE == delayNs ? 0 : Math.min(delayNs, maxRetryAfter.toNanos());
    }
}
