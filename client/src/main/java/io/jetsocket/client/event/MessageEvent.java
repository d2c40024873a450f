/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import io.jetsocket.engine.MessageType;

/**
 * A decoded incoming message. Decoding happens only when someone listens for this event, calls
 * {@code recv()} or iterates, or when the heartbeat or replay needs the decoded message.
 *
 * @param data        the decoded message (null for a JSON {@code null}).
 * @param messageType the frame type it came in.
 * @param timestampMs when it was received, in milliseconds since the epoch.
 * @param <T>         type of the client's messages.
 */
public record MessageEvent<T>(T data, MessageType messageType, long timestampMs) implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<MessageEvent<?>> eventType()
    {
        return EventType.MESSAGE;
    }
}
