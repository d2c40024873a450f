/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import java.time.Duration;

/**
 * A reconnect is scheduled: the client waits {@code delay} (state BACKING_OFF), then connects again.
 *
 * @param attempt     the number of the attempt it schedules, within this outage: the next
 *                    {@link ConnectingEvent#attempt()} (1 for the first attempt after a drop or rotation, 2 for
 *                    the first retry of a first connect).
 * @param delay       the back-off delay before the attempt.
 * @param lastError   what ended the previous connection or attempt, or null (e.g. an age rotation).
 * @param timestampMs when, in milliseconds since the epoch.
 */
public record ReconnectingEvent(int attempt, Duration delay, Throwable lastError, long timestampMs) implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<ReconnectingEvent> eventType()
    {
        return EventType.RECONNECTING;
    }
}
