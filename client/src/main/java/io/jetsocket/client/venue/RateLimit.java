/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.venue;

import java.time.Duration;
import java.util.Objects;

/**
 * An outbound message limit per connection, as venues impose it (Binance: 5 messages per second, pings and pongs
 * included): at most {@code maxMessages} in <em>any</em> window of length {@code window} (a strict rolling
 * window, not a token bucket, which would let {@code 2 * maxMessages} through across a window boundary).
 * Sends beyond the limit wait, in order, in a queue of {@code queueBytes}; none is dropped or reordered.
 *
 * @param maxMessages messages allowed in any window; positive.
 * @param window      the window's length; positive.
 * @param queueBytes  capacity of the queue of messages waiting for the window, in bytes; at least 1 KiB.
 *                    Default {@link #QUEUE_BYTES_DEFAULT}. A full queue answers {@code BACK_PRESSURED}; a message
 *                    larger than an eighth of it cannot wait and answers {@code TOO_LARGE} when the window is
 *                    full. The queue is allocated (off-heap, rounded up to a power of two) with the client.
 */
public record RateLimit(int maxMessages, Duration window, int queueBytes)
{
    /** Default capacity of the waiting queue: 1 MiB. */
    public static final int QUEUE_BYTES_DEFAULT = 1024 * 1024;
    /** Smallest capacity of the waiting queue. */
    public static final int QUEUE_BYTES_MIN = 1024;

    /**
     * Validate.
     *
     * @param maxMessages messages allowed in any window; positive.
     * @param window      the window's length; positive.
     * @param queueBytes  capacity of the waiting queue, in bytes; at least {@link #QUEUE_BYTES_MIN}.
     * @throws IllegalArgumentException naming the bad field.
     */
    public RateLimit
    {
        Objects.requireNonNull(window, "window");
        if (maxMessages <= 0)
        {
            throw new IllegalArgumentException("rate limit maxMessages must be positive: " + maxMessages);
        }
        if (window.isNegative() || window.isZero())
        {
            throw new IllegalArgumentException("rate limit window must be positive: " + window);
        }
        if (queueBytes < QUEUE_BYTES_MIN)
        {
            throw new IllegalArgumentException(
                "rate limit queueBytes must be >= " + QUEUE_BYTES_MIN + ": " + queueBytes);
        }
    }

    /**
     * At most {@code maxMessages} in any {@code window}, with the default queue.
     *
     * @param maxMessages messages allowed in any window; positive.
     * @param window      the window's length; positive.
     * @return the limit.
     */
    public static RateLimit of(final int maxMessages, final Duration window)
    {
        return new RateLimit(maxMessages, window, QUEUE_BYTES_DEFAULT);
    }

    /**
     * The same limit with another queue capacity.
     *
     * @param bytes capacity of the waiting queue.
     * @return a new limit.
     */
    public RateLimit withQueueBytes(final int bytes)
    {
        return new RateLimit(maxMessages, window, bytes);
    }
}
