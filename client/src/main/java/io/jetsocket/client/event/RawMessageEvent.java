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
    private long receiveNanos;
    private long receiveEpochNanos;

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
        return wrap(messageType, buffer, offset, length, timestampMs, 0, timestampMs * 1_000_000L);
    }

    /**
     * Point the flyweight at a message with its receive stamps (called by the client before each delivery).
     *
     * @param messageType       text or binary.
     * @param buffer            holding the payload.
     * @param offset            of the payload.
     * @param length            of the payload.
     * @param timestampMs       when it was received, on the client's epoch clock.
     * @param receiveNanos      the socket read that brought it, on the engine's nano clock.
     * @param receiveEpochNanos the same read on the engine's epoch clock, nanoseconds since the epoch.
     * @return this.
     */
    public RawMessageEvent wrap(
        final MessageType messageType,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long timestampMs,
        final long receiveNanos,
        final long receiveEpochNanos)
    {
        this.messageType = messageType;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.timestampMs = timestampMs;
        this.receiveNanos = receiveNanos;
        this.receiveEpochNanos = receiveEpochNanos;
        return this;
    }

    /**
     * When the socket read that brought this message happened, on the engine's nano clock: the engine stamps each
     * read once, so the messages of one read share it.
     *
     * @return nanoseconds ({@code EngineContext.nanoClock()}); 0 when wrapped without stamps.
     */
    public long receiveNanos()
    {
        return receiveNanos;
    }

    /**
     * The same read as {@link #receiveNanos()} on the engine's epoch clock.
     *
     * @return nanoseconds since the epoch ({@code EngineContext.epochNanoClock()}).
     */
    public long receiveEpochNanos()
    {
        return receiveEpochNanos;
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
