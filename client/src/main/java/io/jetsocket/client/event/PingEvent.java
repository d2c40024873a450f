/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

/**
 * The heartbeat sent a ping.
 *
 * @param payload     the ping payload (for an application-level ping: the encoded message).
 * @param timestampMs when, in milliseconds since the epoch.
 */
public record PingEvent(byte[] payload, long timestampMs) implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<PingEvent> eventType()
    {
        return EventType.PING;
    }
}
