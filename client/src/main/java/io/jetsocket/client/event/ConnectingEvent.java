/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

/**
 * About to open a connection (first connect or a reconnect).
 *
 * @param uri         the server.
 * @param attempt     1-based number of this attempt within the current outage (the first connect is one too):
 *                    the number the {@link ReconnectingEvent} before it announced.
 * @param timestampMs when, in milliseconds since the epoch.
 */
public record ConnectingEvent(String uri, int attempt, long timestampMs) implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<ConnectingEvent> eventType()
    {
        return EventType.CONNECTING;
    }
}
