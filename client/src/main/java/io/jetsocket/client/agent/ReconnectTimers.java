/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.engine.EngineTimer;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The connection-lifecycle timers of one client, on the engine's deadline timer wheel ({@link ClientTimers}):
 * <ul>
 *     <li>the back-off wait before a reconnect ({@link #scheduleReconnect()}), then
 *     {@link Listener#onReconnectDue()};</li>
 *     <li>the reset of the attempt counter once a connection has stayed up for
 *     {@link BackoffConfig#resetAfter()};</li>
 *     <li>the proactive rotation at the maximum connection age ({@link Listener#onMaxAgeReached()});</li>
 *     <li>the client's close timeout ({@link Listener#onCloseTimeout()}).</li>
 * </ul>
 * Nothing runs while no timer is due: an idle client costs no work per duty cycle. Engine thread only; tests
 * step a fake {@link ClientTimers} by hand. It is itself the {@link EngineTimer} of all four and tells them apart by
 * their ids, which are never reused, rather than holding a callback object for each.
 */
public final class ReconnectTimers implements EngineTimer
{
    private static final long NONE = Long.MIN_VALUE;

    /**
     * What the timers call back (engine thread).
     */
    public interface Listener
    {
        /**
         * The back-off delay has passed: attempt again.
         */
        void onReconnectDue();

        /**
         * The connection reached its maximum age: rotate it.
         */
        void onMaxAgeReached();

        /**
         * The close handshake did not finish within the close timeout.
         */
        void onCloseTimeout();
    }

    private final Backoff backoff;
    private final long maxConnectionAgeNs;
    private final long resetAfterNs;
    private final ClientTimers timers;
    private final Listener listener;
    private long reconnectTimerId = ClientTimers.NONE;
    private long ageTimerId = ClientTimers.NONE;
    private long resetTimerId = ClientTimers.NONE;
    private long closeTimerId = ClientTimers.NONE;

    /**
     * Create the timers.
     *
     * @param config           back-off parameters.
     * @param maxConnectionAge rotate connections this old, or null for never.
     * @param timers           the timer wheel and its clock.
     * @param random           the jitter's randomness; null for the engine thread's ThreadLocalRandom.
     * @param listener         the client.
     */
    public ReconnectTimers(
        final BackoffConfig config,
        final Duration maxConnectionAge,
        final ClientTimers timers,
        final RandomGenerator random,
        final Listener listener)
    {
        this.backoff = new Backoff(config, random);
        this.maxConnectionAgeNs = null == maxConnectionAge ? NONE : maxConnectionAge.toNanos();
        this.resetAfterNs = config.resetAfter().toNanos();
        this.timers = timers;
        this.listener = listener;
    }

    /**
     * Arm the reconnect after the next back-off delay (counts a re-attempt).
     *
     * @return the delay in nanoseconds.
     */
    public long scheduleReconnect()
    {
        return scheduleReconnect(0);
    }

    /**
     * Arm the reconnect after the next back-off delay, or after {@code minDelayNs} if that is longer (a server's
     * {@code Retry-After}); counts a re-attempt.
     *
     * @param minDelayNs the shortest delay, 0 for none.
     * @return the delay in nanoseconds.
     */
    public long scheduleReconnect(final long minDelayNs)
    {
        return scheduleAfter(Math.max(backoff.nextDelayNs(), minDelayNs));
    }

    /**
     * Arm the reconnect after exactly {@code delayNs}, without counting a re-attempt (an attempt that waits for a
     * venue's connect budget).
     *
     * @param delayNs the delay.
     * @return the delay in nanoseconds.
     */
    public long scheduleAfter(final long delayNs)
    {
        timers.cancel(reconnectTimerId);
        reconnectTimerId = timers.schedule(timers.nowNs() + delayNs, this);
        return delayNs;
    }

    /**
     * Arm the reconnect for the next timer tick, without counting a re-attempt (a max-age rotation).
     *
     * @return 0.
     */
    public long scheduleImmediate()
    {
        timers.cancel(reconnectTimerId);
        reconnectTimerId = timers.schedule(timers.nowNs(), this);
        return 0;
    }

    /**
     * Disarm a pending reconnect.
     */
    public void cancelReconnect()
    {
        timers.cancel(reconnectTimerId);
        reconnectTimerId = ClientTimers.NONE;
    }

    /**
     * Is a reconnect armed?
     *
     * @return true while waiting.
     */
    public boolean isReconnectScheduled()
    {
        return ClientTimers.NONE != reconnectTimerId;
    }

    /**
     * A connection opened: arm the age rotation and the stable-period reset.
     */
    public void onConnected()
    {
        cancelReconnect();
        final long nowNs = timers.nowNs();
        if (NONE != maxConnectionAgeNs)
        {
            timers.cancel(ageTimerId);
            ageTimerId = timers.schedule(nowNs + maxConnectionAgeNs, this);
        }
        if (0 == resetAfterNs)
        {
            backoff.reset();
        }
        else if (0 != backoff.attempts())
        {
            timers.cancel(resetTimerId);
            resetTimerId = timers.schedule(nowNs + resetAfterNs, this);
        }
    }

    /**
     * The connection ended: disarm its age, reset and close timers.
     */
    public void onDisconnected()
    {
        cancel(ageTimerId);
        ageTimerId = ClientTimers.NONE;
        cancel(resetTimerId);
        resetTimerId = ClientTimers.NONE;
        cancelCloseTimeout();
    }

    /**
     * Arm the client's close timeout.
     *
     * @param timeoutNs from now.
     */
    public void armCloseTimeout(final long timeoutNs)
    {
        timers.cancel(closeTimerId);
        closeTimerId = timers.schedule(timers.nowNs() + timeoutNs, this);
    }

    /**
     * Disarm the close timeout.
     */
    public void cancelCloseTimeout()
    {
        cancel(closeTimerId);
        closeTimerId = ClientTimers.NONE;
    }

    /**
     * Disarm everything (the client is finished).
     */
    public void cancelAll()
    {
        cancelReconnect();
        onDisconnected();
    }

    /**
     * Re-attempts since the last reset.
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
     * The back-off state.
     *
     * @return the back-off.
     */
    public Backoff backoff()
    {
        return backoff;
    }

    /**
     * One of this client's timers is due (engine thread, from the engine's timers).
     *
     * @param timerId the id it was scheduled under.
     */
    @Override
    public void onTimer(final long timerId)
    {
        if (timerId == reconnectTimerId)
        {
            fireReconnect();
        }
        else if (timerId == ageTimerId)
        {
            fireAge();
        }
        else if (timerId == resetTimerId)
        {
            fireReset();
        }
        else if (timerId == closeTimerId)
        {
            fireClose();
        }
    }

    private void cancel(final long timerId)
    {
        if (ClientTimers.NONE != timerId)
        {
            timers.cancel(timerId);
        }
    }

    private void fireReconnect()
    {
        reconnectTimerId = ClientTimers.NONE;
        listener.onReconnectDue();
    }

    private void fireAge()
    {
        ageTimerId = ClientTimers.NONE;
        listener.onMaxAgeReached();
    }

    private void fireReset()
    {
        resetTimerId = ClientTimers.NONE;
        backoff.reset();
    }

    private void fireClose()
    {
        closeTimerId = ClientTimers.NONE;
        listener.onCloseTimeout();
    }
}
