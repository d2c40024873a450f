/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

/**
 * A closing handshake has started.
 *
 * @param code        the close code sent or received.
 * @param reason      the close reason, possibly empty.
 * @param initiatedBy which side started it.
 * @param timestampMs when, in milliseconds since the epoch.
 */
public record ClosingEvent(int code, String reason, Initiator initiatedBy, long timestampMs) implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<ClosingEvent> eventType()
    {
        return EventType.CLOSING;
    }
}
