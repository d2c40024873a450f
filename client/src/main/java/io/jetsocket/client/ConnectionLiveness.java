/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.client.agent.Heartbeat;
import io.jetsocket.client.agent.NoDataWatchdog;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.engine.TimeoutException;
import org.agrona.concurrent.EpochClock;

/**
 * Decides when the open connection is dead though the transport says nothing: the heartbeat (with the
 * {@link PingWriter} that writes its pings) sees a peer that stopped answering, the {@link NoDataWatchdog} a feed
 * that went silent. Both agents run while a connection is open; either verdict goes to the {@link Abandon}er (the
 * lifecycle), which lets the connection go and reconnects as after any other failure.
 * <p>
 * Engine thread only.
 *
 * @param <T> type of the messages.
 */
final class ConnectionLiveness<T>
{
    /**
     * Lets a dead connection go without waiting for a closing handshake it will never get (engine thread).
     */
    interface Abandon
    {
        /**
         * The open connection is dead: report the error and end the connection now.
         *
         * @param error  what showed it dead.
         * @param reason the close reason.
         */
        void abandonConnection(Throwable error, String reason);
    }

    private final ClientConfig<T> config;
    private final ClientState state;
    private final String uri;
    private final Abandon abandon;
    /** Writes the heartbeat's pings; null without a heartbeat. */
    private final PingWriter<T> pingWriter;
    /** Null without a heartbeat. */
    private final Heartbeat heartbeat;
    /** Closes a connection that stays silent; null without a no-data timeout. */
    private final NoDataWatchdog noDataWatchdog;

    ConnectionLiveness(
        final ClientConfig<T> config,
        final ClientTimers timers,
        final EpochClock epochClock,
        final ClientState state,
        final EventEmitter emit,
        final OutboundLimiter limiter,
        final Abandon abandon)
    {
        this.config = config;
        this.state = state;
        this.uri = state.uri();
        this.abandon = abandon;
        this.pingWriter = null == config.heartbeat() ? null : new PingWriter<>(config.heartbeat(), config.codec(),
            emit.dispatcher(), epochClock, state, (error) -> emit.error(error, false), this::onDeadPeer, limiter);
        this.heartbeat = null == pingWriter ? null : new Heartbeat(config.heartbeat(), timers, pingWriter, uri);
        this.noDataWatchdog = null == config.liveness().noDataTimeout() ? null :
            new NoDataWatchdog(config.liveness().noDataTimeout().toNanos(), timers, this::onNoData);
    }

    Heartbeat heartbeat()
    {
        return heartbeat;
    }

    PingWriter<T> pingWriter()
    {
        return pingWriter;
    }

    NoDataWatchdog noDataWatchdog()
    {
        return noDataWatchdog;
    }

    /**
     * A connection opened: start watching it.
     */
    void onConnected()
    {
        if (null != heartbeat)
        {
            heartbeat.onConnected();
        }
        if (null != noDataWatchdog)
        {
            noDataWatchdog.start();
        }
    }

    /**
     * The connection ended (or the client finished): stop watching.
     */
    void onDisconnected()
    {
        if (null != heartbeat)
        {
            heartbeat.onDisconnected();
        }
        if (null != noDataWatchdog)
        {
            noDataWatchdog.stop();
        }
    }

    private void onDeadPeer(final TimeoutException timeout)
    {
        if (ConnectionState.CONNECTED != state.get())
        {
            return;
        }
        abandon.abandonConnection(timeout, "heartbeat timeout");
    }

    /**
     * The no-data watchdog fired: nothing but liveness traffic (if that) for the timeout. Handled as a dead peer
     * is: the feed is dead whatever the transport says.
     */
    private void onNoData(final long silentNs)
    {
        if (ConnectionState.CONNECTED != state.get())
        {
            return;
        }
        final long timeoutMs = config.liveness().noDataTimeout().toMillis();
        final String reason = "no data for " + timeoutMs + " ms";
        abandon.abandonConnection(new OperationTimeoutException("data", config.liveness().noDataTimeout(),
            "no message received for " + silentNs / 1_000_000L + " ms on " + uri), reason);
    }
}
