/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

/**
 * Something went wrong: a failed connect, a lost connection, a protocol error, a message that failed to
 * decode, a handler that threw, a missed pong, exhausted retries...
 *
 * @param error       what happened.
 * @param message     its description.
 * @param fatal       true when the client will not recover from it (it goes to FAILED).
 * @param timestampMs when, in milliseconds since the epoch.
 */
public record ErrorEvent(Throwable error, String message, boolean fatal, long timestampMs) implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<ErrorEvent> eventType()
    {
        return EventType.ERROR;
    }
}
