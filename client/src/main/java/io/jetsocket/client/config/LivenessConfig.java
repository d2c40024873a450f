/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import java.time.Duration;

/**
 * Liveness in a venue's terms, beyond the heartbeat ({@link HeartbeatConfig}): answering the server's own
 * application-level pings, and a watchdog on silence.
 *
 * @param serverPings        answers the server's application-level pings ({@link ServerPings}), on bytes, through
 *                           the client's send path (its rate limit included); null (default) for none.
 * @param deliverServerPings also hand an answered ping to the application (raw handlers, message events, the
 *                           queue). Default false: it is consumed, as a pong is.
 * @param noDataTimeout      a connection on which no data message arrived for this long is closed (1011, reason
 *                           {@code "no data for <ms> ms"}) and, with reconnection on, replaced. Pongs the heartbeat
 *                           consumes and server pings the responder consumes are not data: they do not re-arm it.
 *                           Null (default) for no watchdog.
 */
public record LivenessConfig(ServerPingResponder serverPings, boolean deliverServerPings, Duration noDataTimeout)
{
    private static final LivenessConfig NONE = new LivenessConfig(null, false, null);

    /**
     * Validate.
     *
     * @param serverPings        answers the server's pings, or null.
     * @param deliverServerPings also hand an answered ping to the application.
     * @param noDataTimeout      the silence that ends a connection, or null.
     * @throws IllegalArgumentException for a timeout that is not positive.
     */
    public LivenessConfig
    {
        if (null != noDataTimeout && (noDataTimeout.isNegative() || noDataTimeout.isZero()))
        {
            throw new IllegalArgumentException("noDataTimeout must be positive: " + noDataTimeout);
        }
    }

    /**
     * Nothing beyond the heartbeat (the default).
     *
     * @return the empty configuration.
     */
    public static LivenessConfig none()
    {
        return NONE;
    }

    /**
     * Is anything configured?
     *
     * @return true when there is a responder or a watchdog.
     */
    public boolean isEnabled()
    {
        return null != serverPings || null != noDataTimeout;
    }

    /**
     * This configuration with another responder.
     *
     * @param responder the responder, or null.
     * @param deliver   also hand answered pings to the application.
     * @return a new configuration.
     */
    public LivenessConfig withServerPings(final ServerPingResponder responder, final boolean deliver)
    {
        return new LivenessConfig(responder, deliver, noDataTimeout);
    }

    /**
     * This configuration with another watchdog timeout.
     *
     * @param timeout the timeout, or null for none.
     * @return a new configuration.
     */
    public LivenessConfig withNoDataTimeout(final Duration timeout)
    {
        return new LivenessConfig(serverPings, deliverServerPings, timeout);
    }
}
