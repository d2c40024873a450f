/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.engine.EngineTimer;

/**
 * A watchdog on silence, on the engine's deadline timers ({@link ClientTimers}): it fires when nothing was
 * {@link #onData() received} for the timeout. A message does not reschedule a timer, it only stores the time it
 * arrived (one field store of the engine's cached clock); the one timer, when it expires, looks at that time and
 * either fires or re-arms for what is left of the timeout since the last message. So the watchdog fires exactly one
 * timeout after the last message (to the timer wheel's tick), and costs one timer expiry per timeout period
 * whatever the message rate.
 * <p>
 * Engine thread only. Used per connection by the client (the no-data timeout) and per channel by the multiplexer.
 */
public final class NoDataWatchdog
{
    /**
     * What the watchdog tells its owner (engine thread).
     */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * Nothing arrived for the timeout; the watchdog is stopped until {@link #start()} again.
         *
         * @param silentNs how long nothing arrived, at least the timeout.
         */
        void onSilence(long silentNs);
    }

    private final long timeoutNs;
    private final ClientTimers timers;
    private final Listener listener;
    private final EngineTimer onTimer = this::onTimer;
    private long lastDataNs;
    private long timerId = ClientTimers.NONE;
    private boolean active;

    /**
     * Create the watchdog, stopped.
     *
     * @param timeoutNs the silence that fires it; positive.
     * @param timers    the timers and their clock.
     * @param listener  told of a silence.
     */
    public NoDataWatchdog(final long timeoutNs, final ClientTimers timers, final Listener listener)
    {
        if (timeoutNs <= 0)
        {
            throw new IllegalArgumentException("no-data timeout must be positive: " + timeoutNs + " ns");
        }
        this.timeoutNs = timeoutNs;
        this.timers = timers;
        this.listener = listener;
    }

    /**
     * Start watching (a connection opened): the silence counts from now.
     */
    public void start()
    {
        timers.cancel(timerId);
        active = true;
        lastDataNs = timers.nowNs();
        timerId = timers.schedule(lastDataNs + timeoutNs, onTimer);
    }

    /**
     * Stop watching (the connection ended).
     */
    public void stop()
    {
        active = false;
        timers.cancel(timerId);
        timerId = ClientTimers.NONE;
    }

    /**
     * Data arrived (engine thread, per message): the silence counts from now.
     */
    public void onData()
    {
        lastDataNs = timers.nowNs();
    }

    /**
     * Is it watching?
     *
     * @return true between {@link #start()} and {@link #stop()} or a silence.
     */
    public boolean isActive()
    {
        return active;
    }

    /**
     * When the last data arrived.
     *
     * @return nanoseconds on the timers' clock.
     */
    public long lastDataNs()
    {
        return lastDataNs;
    }

    /**
     * The timeout.
     *
     * @return nanoseconds.
     */
    public long timeoutNs()
    {
        return timeoutNs;
    }

    private void onTimer(final long firedId)
    {
        timerId = ClientTimers.NONE;
        if (!active)
        {
            return;
        }
        final long deadlineNs = lastDataNs + timeoutNs;
        final long nowNs = timers.nowNs();
        if (nowNs - deadlineNs < 0)
        {
            timerId = timers.schedule(deadlineNs, onTimer); // data came meanwhile: wait for what is left
            return;
        }
        active = false;
        listener.onSilence(nowNs - lastDataNs);
    }
}
