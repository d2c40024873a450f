/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

/**
 * A pong arrived: a PONG frame, or an application-level pong recognised by the heartbeat's matcher.
 *
 * @param payload     the pong payload (empty for an application-level pong).
 * @param latencyMs   round trip of the heartbeat ping it answers, in milliseconds; NaN for an unsolicited pong.
 * @param timestampMs when, in milliseconds since the epoch.
 */
public record PongEvent(byte[] payload, double latencyMs, long timestampMs) implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<PongEvent> eventType()
    {
        return EventType.PONG;
    }
}
