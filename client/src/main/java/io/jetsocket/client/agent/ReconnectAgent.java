/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.config.BackoffConfig;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The connection-lifecycle timers of one client, as an Agrona {@link Agent} in the engine's duty cycle:
 * <ul>
 *     <li>the back-off wait before a reconnect ({@link #scheduleReconnect()}), then
 *     {@link Listener#onReconnectDue()};</li>
 *     <li>the reset of the attempt counter once a connection has stayed up for
 *     {@link BackoffConfig#resetAfter()};</li>
 *     <li>the proactive rotation at the maximum connection age ({@link Listener#onMaxAgeReached()});</li>
 *     <li>the client's close timeout ({@link Listener#onCloseTimeout()}).</li>
 * </ul>
 * Everything runs on the engine thread; the clock is injected, so that tests drive time by hand.
 */
public final class ReconnectAgent implements Agent
{
    /** No deadline armed. */
    static final long NONE = Long.MIN_VALUE;

    /**
     * What the agent asks of its client, on the engine thread.
     */
    public interface Listener
    {
        /**
         * The back-off delay has passed: connect again now.
         */
        void onReconnectDue();

        /**
         * The connection has been up for the maximum connection age: rotate it.
         */
        void onMaxAgeReached();

        /**
         * A local close did not complete within the close timeout.
         */
        void onCloseTimeout();

        /**
         * The agent was closed: either the client removed it (it is finished) or the engine shut down under
         * the client, which can then never reconnect.
         */
        default void onAgentClosed()
        {
        }
    }

    private final Backoff backoff;
    private final long maxConnectionAgeNs;
    private final long resetAfterNs;
    private final NanoClock clock;
    private final Listener listener;
    private long reconnectDeadlineNs = NONE;
    private long ageDeadlineNs = NONE;
    private long resetDeadlineNs = NONE;
    private long closeDeadlineNs = NONE;

    /**
     * Create the agent.
     *
     * @param config           back-off delays and limits.
     * @param maxConnectionAge rotate connections this old; null for never.
     * @param clock            the time source.
     * @param random           source of the back-off jitter.
     * @param listener         the client.
     */
    public ReconnectAgent(
        final BackoffConfig config,
        final Duration maxConnectionAge,
        final NanoClock clock,
        final RandomGenerator random,
        final Listener listener)
    {
        this.backoff = new Backoff(config, random);
        this.maxConnectionAgeNs = null == maxConnectionAge ? NONE : maxConnectionAge.toNanos();
        this.resetAfterNs = config.resetAfter().toNanos();
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        int work = 0;
        if (NONE != resetDeadlineNs && nowNs - resetDeadlineNs >= 0)
        {
            resetDeadlineNs = NONE;
            backoff.reset();
            work++;
        }
        if (NONE != closeDeadlineNs && nowNs - closeDeadlineNs >= 0)
        {
            closeDeadlineNs = NONE;
            listener.onCloseTimeout();
            work++;
        }
        if (NONE != ageDeadlineNs && nowNs - ageDeadlineNs >= 0)
        {
            ageDeadlineNs = NONE;
            listener.onMaxAgeReached();
            work++;
        }
        if (NONE != reconnectDeadlineNs && nowNs - reconnectDeadlineNs >= 0)
        {
            reconnectDeadlineNs = NONE;
            listener.onReconnectDue();
            work++;
        }
        return work;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onClose()
    {
        listener.onAgentClosed();
    }

    @Override
    public String roleName()
    {
        return "jetsocket-reconnect";
    }

    /**
     * Count a re-attempt and arm its back-off delay.
     *
     * @return the delay in nanoseconds.
     * @throws IllegalStateException when the attempts are exhausted (check {@link #isExhausted()} first).
     */
    public long scheduleReconnect()
    {
        final long delayNs = backoff.nextDelayNs();
        reconnectDeadlineNs = clock.nanoTime() + delayNs;
        return delayNs;
    }

    /**
     * Arm an immediate reconnect that does not count as a re-attempt (age rotation).
     *
     * @return 0, the delay.
     */
    public long scheduleImmediate()
    {
        reconnectDeadlineNs = clock.nanoTime();
        return 0;
    }

    /**
     * Disarm a scheduled reconnect.
     */
    public void cancelReconnect()
    {
        reconnectDeadlineNs = NONE;
    }

    /**
     * Is a reconnect armed?
     *
     * @return true while waiting for the back-off delay.
     */
    public boolean isReconnectScheduled()
    {
        return NONE != reconnectDeadlineNs;
    }

    /**
     * A connection has opened: arm the age rotation and the attempt-counter reset.
     */
    public void onConnected()
    {
        final long nowNs = clock.nanoTime();
        reconnectDeadlineNs = NONE;
        ageDeadlineNs = NONE == maxConnectionAgeNs ? NONE : nowNs + maxConnectionAgeNs;
        resetDeadlineNs = 0 == backoff.attempts() ? NONE : nowNs + resetAfterNs;
        if (0 == resetAfterNs)
        {
            resetDeadlineNs = NONE;
            backoff.reset();
        }
    }

    /**
     * The connection has ended: disarm the age rotation, the reset and the close timeout.
     */
    public void onDisconnected()
    {
        ageDeadlineNs = NONE;
        resetDeadlineNs = NONE;
        closeDeadlineNs = NONE;
    }

    /**
     * Arm the close timeout of a local close.
     *
     * @param timeoutNs the close timeout.
     */
    public void armCloseTimeout(final long timeoutNs)
    {
        closeDeadlineNs = clock.nanoTime() + timeoutNs;
    }

    /**
     * Disarm the close timeout.
     */
    public void cancelCloseTimeout()
    {
        closeDeadlineNs = NONE;
    }

    /**
     * Disarm everything (the client is finished).
     */
    public void cancelAll()
    {
        reconnectDeadlineNs = NONE;
        ageDeadlineNs = NONE;
        resetDeadlineNs = NONE;
        closeDeadlineNs = NONE;
    }

    /**
     * Re-attempts made in the current outage (since the last reset).
     *
     * @return the count.
     */
    public int attempts()
    {
        return backoff.attempts();
    }

    /**
     * Are no more re-attempts allowed?
     *
     * @return true when exhausted.
     */
    public boolean isExhausted()
    {
        return backoff.isExhausted();
    }

    /**
     * The back-off sequence.
     *
     * @return the back-off.
     */
    public Backoff backoff()
    {
        return backoff;
    }
}
