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
 * @param timestampMs       when it was received, in milliseconds since the epoch (the client's epoch clock, read
 *                          when the event is made).
 * @param receiveNanos      when the socket read that brought it happened, on the engine's nano clock
 *                          ({@code WebSocket.receiveNanos()}: one stamp per read, shared by the messages of that
 *                          read); 0 when made without one.
 * @param receiveEpochNanos the same read on the engine's epoch clock, in nanoseconds since the epoch
 *                          ({@code WebSocket.receiveEpochNanos()}).
 * @param <T>               type of the client's messages.
 */
public record MessageEvent<T>(T data, MessageType messageType, long timestampMs, long receiveNanos,
    long receiveEpochNanos) implements Event
{
    /**
     * A message event without receive stamps (as before they were added): {@code receiveNanos} 0 and
     * {@code receiveEpochNanos} from {@code timestampMs}.
     *
     * @param data        the decoded message.
     * @param messageType the frame type it came in.
     * @param timestampMs when it was received, in milliseconds since the epoch.
     */
    public MessageEvent(final T data, final MessageType messageType, final long timestampMs)
    {
        this(data, messageType, timestampMs, 0, timestampMs * 1_000_000L);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<MessageEvent<?>> eventType()
    {
        return EventType.MESSAGE;
    }
}
