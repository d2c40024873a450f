/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.engine.TimeoutException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * Keep-alive and dead-peer detection of one client, as an Agrona {@link Agent} in the engine's duty cycle.
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
public final class HeartbeatAgent implements Agent
{
    /** Samples in the rolling latency average. */
    public static final int LATENCY_WINDOW = 10;

    /**
     * What the agent asks of its client, on the engine thread.
     */
    public interface Host
    {
        /**
         * Send a ping now (a PING frame with the configured payload, or the application-level ping).
         *
         * @return true if the connection accepted it.
         */
        boolean sendPing();

        /**
         * A ping went unanswered within the timeout, but the peer is not declared dead yet.
         *
         * @param misses  consecutive misses so far.
         * @param timeout the missed deadline, as an error.
         */
        void onPongMissed(int misses, TimeoutException timeout);

        /**
         * Too many pings in a row went unanswered: the peer is dead.
         *
         * @param misses  consecutive misses.
         * @param timeout the last missed deadline, as an error.
         */
        void onDeadPeer(int misses, TimeoutException timeout);
    }

    private final HeartbeatConfig config;
    private final byte[] payload;
    private final long intervalNs;
    private final long timeoutNs;
    private final NanoClock clock;
    private final Host host;
    private final String context;
    private final long[] samples = new long[LATENCY_WINDOW];
    private int sampleCount;
    private int sampleIndex;
    private boolean active;
    private boolean awaitingPong;
    private long nextPingNs;
    private long pingSentNs;
    private long pongDeadlineNs;
    private int misses;
    private volatile long lastLatencyNs = -1;
    private volatile long averageLatencyNs = -1;

    /**
     * Create the agent.
     *
     * @param config  intervals, timeout, misses allowed, payload.
     * @param clock   the time source.
     * @param host    the client.
     * @param context what the errors are about, e.g. the URI.
     */
    public HeartbeatAgent(final HeartbeatConfig config, final NanoClock clock, final Host host, final String context)
    {
        this.config = config;
        this.payload = config.payload();
        this.intervalNs = config.interval().toNanos();
        this.timeoutNs = config.timeout().toNanos();
        this.clock = clock;
        this.host = host;
        this.context = context;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int doWork()
    {
        if (!active)
        {
            return 0;
        }
        final long nowNs = clock.nanoTime();
        if (awaitingPong && nowNs - pongDeadlineNs >= 0)
        {
            awaitingPong = false;
            misses++;
            final TimeoutException timeout = new TimeoutException(TimeoutException.Operation.PONG, timeoutNs,
                context + " (" + misses + " missed in a row, " + config.missesAllowed() + " allowed)");
            if (misses > config.missesAllowed())
            {
                active = false;
                host.onDeadPeer(misses, timeout);
                return 1;
            }
            host.onPongMissed(misses, timeout);
            return 1;
        }
        if (!awaitingPong && nowNs - nextPingNs >= 0)
        {
            pingSentNs = nowNs;
            pongDeadlineNs = nowNs + timeoutNs;
            nextPingNs += intervalNs;
            if (nextPingNs - nowNs <= 0)
            {
                nextPingNs = nowNs + intervalNs; // fell behind (e.g. a long pause): do not burst
            }
            awaitingPong = true;
            host.sendPing();
            return 1;
        }
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String roleName()
    {
        return "jetsocket-heartbeat";
    }

    /**
     * A connection opened: the first ping goes one interval from now.
     */
    public void onConnected()
    {
        active = true;
        awaitingPong = false;
        misses = 0;
        nextPingNs = clock.nanoTime() + intervalNs;
    }

    /**
     * The connection ended (or is closing): stop pinging.
     */
    public void onDisconnected()
    {
        active = false;
        awaitingPong = false;
    }

    /**
     * A PONG frame arrived.
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return the round trip in nanoseconds if it answers the outstanding ping, otherwise -1.
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
     * The pong matcher recognised an incoming message as the answer to the application-level ping.
     *
     * @return the round trip in nanoseconds if a ping was outstanding, otherwise -1.
     */
    public long onApplicationPong()
    {
        return awaitingPong ? onAnswer() : -1;
    }

    /**
     * Round trip of the last answered ping.
     *
     * @return nanoseconds, or -1 before the first answer.
     */
    public long lastLatencyNs()
    {
        return lastLatencyNs;
    }

    /**
     * Mean round trip of the last {@value #LATENCY_WINDOW} answered pings.
     *
     * @return nanoseconds, or -1 before the first answer.
     */
    public long averageLatencyNs()
    {
        return averageLatencyNs;
    }

    /**
     * Consecutive misses so far.
     *
     * @return the count, reset by every answer.
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
     * @return the heartbeat configuration.
     */
    public HeartbeatConfig config()
    {
        return config;
    }

    private long onAnswer()
    {
        awaitingPong = false;
        misses = 0;
        final long latencyNs = Math.max(0, clock.nanoTime() - pingSentNs);
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
        return latencyNs;
    }
}
