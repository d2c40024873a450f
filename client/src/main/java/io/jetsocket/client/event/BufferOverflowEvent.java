/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import io.jetsocket.client.config.OverflowPolicy;

/**
 * A bounded buffer was full and its policy dropped or refused messages.
 *
 * @param buffer       which buffer.
 * @param capacity     its capacity in messages.
 * @param droppedCount messages dropped or refused since the previous overflow event of this buffer.
 * @param policy       the buffer's policy.
 * @param timestampMs  when, in milliseconds since the epoch.
 */
public record BufferOverflowEvent(
    BufferKind buffer, int capacity, long droppedCount, OverflowPolicy policy, long timestampMs) implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<BufferOverflowEvent> eventType()
    {
        return EventType.BUFFER_OVERFLOW;
    }
}
