/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

/**
 * An incoming data message before decoding, zero-copy: a view of the engine's buffer.
 * <p>
 * <b>A flyweight:</b> the client reuses one instance per connection and the buffer view is valid only during
 * the handler call. Copy what you keep ({@link #copyPayload()}); never store the event. Delivering it
 * allocates nothing.
 */
public final class RawMessageEvent implements Event
{
    private MessageType messageType;
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private long timestampMs;

    /**
     * Create an empty flyweight; {@link #wrap} points it at each message. The client creates one per connection;
     * applications only need this to test their own raw handlers.
     */
    public RawMessageEvent()
    {
    }

    /**
     * Point the flyweight at a message (called by the client before each delivery).
     *
     * @param messageType text or binary.
     * @param buffer      holding the payload.
     * @param offset      of the payload.
     * @param length      of the payload.
     * @param timestampMs when it was received.
     * @return this.
     */
    public RawMessageEvent wrap(
        final MessageType messageType,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long timestampMs)
    {
        this.messageType = messageType;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.timestampMs = timestampMs;
        return this;
    }

    /**
     * The frame type.
     *
     * @return text (UTF-8 already validated by the engine) or binary.
     */
    public MessageType messageType()
    {
        return messageType;
    }

    /**
     * The buffer holding the payload; valid only during the handler call.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset of the payload in {@link #buffer()}.
     *
     * @return the offset.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Length of the payload.
     *
     * @return the length in bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long timestampMs()
    {
        return timestampMs;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<RawMessageEvent> eventType()
    {
        return EventType.RAW_MESSAGE;
    }

    /**
     * Copy the payload out (allocates).
     *
     * @return the payload bytes.
     */
    public byte[] copyPayload()
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    @Override
    public String toString()
    {
        return "RawMessageEvent{" + messageType + ", length=" + length + ", timestampMs=" + timestampMs + "}";
    }
}
