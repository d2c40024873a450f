/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.EngineTimer;
import org.agrona.DirectBuffer;

/**
 * Keep-alive and dead-peer detection of one client, on the engine's deadline timer wheel ({@link ClientTimers}):
 * two timers per connection (the next ping, the pong deadline), nothing per duty cycle.
 * <p>
 * While connected it pings every {@link HeartbeatConfig#interval()} (fixed rate from the moment the connection
 * opened), through {@link Host#sendPing()}. The answer ({@link #onWsPong} for a PONG frame with the configured
 * payload, {@link #onApplicationPong()} for an application-level pong) gives the round-trip latency: the last
 * sample and the mean of the last {@value #LATENCY_WINDOW}. A ping not answered within
 * {@link HeartbeatConfig#timeout()} is a miss ({@link Host#onPongMissed}); more than
 * {@link HeartbeatConfig#missesAllowed()} misses in a row declare the peer dead ({@link Host#onDeadPeer}) and
 * the agent stays quiet until the next {@link #onConnected()}.
 * <p>
 * Runs on the engine thread; the latency figures may be read from any thread.
 */
public final class Heartbeat
{
    /**
     * Latency samples averaged.
     */
    public static final int LATENCY_WINDOW = 10;

    /**
     * What the heartbeat needs from its client (engine thread).
     */
    public interface Host
    {
        /**
         * Send a ping (a PING frame or the application's ping message).
         *
         * @return true if it was sent.
         */
        boolean sendPing();

        /**
         * A ping was not answered in time, but the peer is not declared dead yet.
         *
         * @param misses  in a row.
         * @param timeout the timeout, as an exception to report.
         */
        void onPongMissed(int misses, TimeoutException timeout);

        /**
         * More pings than allowed went unanswered: the peer is dead.
         *
         * @param misses  in a row.
         * @param timeout the timeout, as an exception to report.
         */
        void onDeadPeer(int misses, TimeoutException timeout);
    }

    private final HeartbeatConfig config;
    private final byte[] payload;
    private final long intervalNs;
    private final long timeoutNs;
    private final ClientTimers timers;
    private final Host host;
    private final String context;
    private final long[] samples = new long[LATENCY_WINDOW];
    private final EngineTimer onPingTimer = this::onPingDue;
    private final EngineTimer onPongTimer = this::onPongTimeout;
    private int sampleCount;
    private int sampleIndex;
    private boolean active;
    private boolean awaitingPong;
    private boolean pingDue;
    private long nextPingNs;
    private long pingSentNs;
    private long pingTimerId = ClientTimers.NONE;
    private long pongTimerId = ClientTimers.NONE;
    private int misses;
    private volatile long lastLatencyNs = -1;
    private volatile long averageLatencyNs = -1;

    /**
     * Create the heartbeat.
     *
     * @param config  interval, timeout, misses allowed, payload.
     * @param timers  the timer wheel and its clock.
     * @param host    the client.
     * @param context for messages, e.g. the URI.
     */
    public Heartbeat(final HeartbeatConfig config, final ClientTimers timers, final Host host, final String context)
    {
        this.config = config;
        this.payload = config.payload();
        this.intervalNs = config.interval().toNanos();
        this.timeoutNs = config.timeout().toNanos();
        this.timers = timers;
        this.host = host;
        this.context = context;
    }

    /**
     * A connection opened: the first ping goes one interval from now.
     */
    public void onConnected()
    {
        cancelTimers();
        active = true;
        awaitingPong = false;
        pingDue = false;
        misses = 0;
        nextPingNs = timers.nowNs() + intervalNs;
        pingTimerId = timers.schedule(nextPingNs, onPingTimer);
    }

    /**
     * The connection ended: no more pings.
     */
    public void onDisconnected()
    {
        active = false;
        awaitingPong = false;
        pingDue = false;
        cancelTimers();
    }

    /**
     * A PONG frame arrived (engine thread).
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return the latency in nanoseconds if it answers the outstanding ping, else -1.
     */
    public long onWsPong(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!awaitingPong || !config.useWsPing() || length != payload.length)
        {
            return -1;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != payload[i])
            {
                return -1;
            }
        }
        return onAnswer();
    }

    /**
     * An application-level pong arrived (engine thread).
     *
     * @return the latency in nanoseconds if a ping was outstanding, else -1.
     */
    public long onApplicationPong()
    {
        return awaitingPong ? onAnswer() : -1;
    }

    /**
     * The last round-trip latency (any thread).
     *
     * @return nanoseconds, or -1 before the first answer.
     */
    public long lastLatencyNs()
    {
        return lastLatencyNs;
    }

    /**
     * The mean of the last {@value #LATENCY_WINDOW} latencies (any thread).
     *
     * @return nanoseconds, or -1 before the first answer.
     */
    public long averageLatencyNs()
    {
        return averageLatencyNs;
    }

    /**
     * Misses in a row.
     *
     * @return the count.
     */
    public int misses()
    {
        return misses;
    }

    /**
     * Is a ping waiting for its answer?
     *
     * @return true while waiting.
     */
    public boolean isAwaitingPong()
    {
        return awaitingPong;
    }

    /**
     * The configuration.
     *
     * @return the config.
     */
    public HeartbeatConfig config()
    {
        return config;
    }

    private void onPingDue(final long timerId)
    {
        pingTimerId = ClientTimers.NONE;
        if (!active)
        {
            return;
        }
        if (awaitingPong)
        {
            pingDue = true; // sent once the outstanding ping is answered or missed
            return;
        }
        ping();
    }

    private void ping()
    {
        final long nowNs = timers.nowNs();
        pingDue = false;
        pingSentNs = nowNs;
        awaitingPong = true;
        pongTimerId = timers.schedule(nowNs + timeoutNs, onPongTimer);
        nextPingNs += intervalNs;
        if (nextPingNs - nowNs <= 0)
        {
            nextPingNs = nowNs + intervalNs; // fell behind (e.g. a long pause): do not burst
        }
        pingTimerId = timers.schedule(nextPingNs, onPingTimer);
        host.sendPing();
    }

    private void onPongTimeout(final long timerId)
    {
        pongTimerId = ClientTimers.NONE;
        if (!active || !awaitingPong)
        {
            return;
        }
        awaitingPong = false;
        misses++;
        final TimeoutException timeout = new TimeoutException(TimeoutException.Operation.PONG, timeoutNs,
            context + " (" + misses + " missed in a row, " + config.missesAllowed() + " allowed)");
        if (misses > config.missesAllowed())
        {
            onDisconnected();
            host.onDeadPeer(misses, timeout);
            return;
        }
        host.onPongMissed(misses, timeout);
        if (active && pingDue)
        {
            ping();
        }
    }

    private long onAnswer()
    {
        awaitingPong = false;
        timers.cancel(pongTimerId);
        pongTimerId = ClientTimers.NONE;
        misses = 0;
        final long latencyNs = Math.max(0, timers.nowNs() - pingSentNs);
        samples[sampleIndex] = latencyNs;
        sampleIndex = (sampleIndex + 1) % LATENCY_WINDOW;
        if (sampleCount < LATENCY_WINDOW)
        {
            sampleCount++;
        }
        long sum = 0;
        for (int i = 0; i < sampleCount; i++)
        {
            sum += samples[i];
        }
        lastLatencyNs = latencyNs;
        averageLatencyNs = sum / sampleCount;
        if (active && pingDue)
        {
            ping();
        }
        return latencyNs;
    }

    private void cancelTimers()
    {
        timers.cancel(pingTimerId);
        pingTimerId = ClientTimers.NONE;
        timers.cancel(pongTimerId);
        pongTimerId = ClientTimers.NONE;
    }
}
