/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import java.time.Duration;

/**
 * A reconnect succeeded and the connection is usable: fired after {@code connected}, after the replay hook,
 * the restored subscriptions and the start of buffer replay, so a handler may send at once.
 *
 * @param uri         the server.
 * @param attempts    attempts this outage took: the {@link ConnectingEvent#attempt()} that succeeded.
 * @param downtime    time since the previous connection ended (zero if the first connect needed retries).
 * @param timestampMs when, in milliseconds since the epoch.
 */
public record ReconnectedEvent(String uri, int attempts, Duration downtime, long timestampMs) implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<ReconnectedEvent> eventType()
    {
        return EventType.RECONNECTED;
    }
}
