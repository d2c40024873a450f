/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import io.jetsocket.client.ConnectionState;

/**
 * The client moved from one state to another (always along the table of {@link ConnectionState}).
 *
 * @param oldState    the state before.
 * @param newState    the state after.
 * @param timestampMs when, in milliseconds since the epoch.
 */
public record StateChangeEvent(ConnectionState oldState, ConnectionState newState, long timestampMs)
    implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<StateChangeEvent> eventType()
    {
        return EventType.STATE_CHANGE;
    }
}
