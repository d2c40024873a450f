/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import io.jetsocket.client.ConnectionState;

/**
 * The client is finished (state CLOSED or FAILED). Fired exactly once per client.
 *
 * @param code        the close code of the last connection (its real code), or the application's close code
 *                    when no connection was open.
 * @param reason      the close reason, possibly empty.
 * @param state       the terminal state: {@link ConnectionState#CLOSED} or {@link ConnectionState#FAILED}.
 * @param timestampMs when, in milliseconds since the epoch.
 */
public record ClosedEvent(int code, String reason, ConnectionState state, long timestampMs) implements Event
{
    /**
     * Whether a reconnect follows: always false, since {@code closed} is final (a connection that
     * ends and is followed by a reconnect fires {@code disconnected}, not {@code closed}).
     *
     * @return false.
     */
    public boolean reconnecting()
    {
        return false;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<ClosedEvent> eventType()
    {
        return EventType.CLOSED;
    }
}
