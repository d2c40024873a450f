/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Turns the client's messages into frame payloads and back.
 * <p>
 * {@link #decode} runs on the engine thread, {@link #encode} on whichever thread sends: implementations must be
 * thread safe (stateless, or with per-thread scratch space). Both may throw {@link CodecException}; a message
 * that fails to decode becomes an {@code error} event, never a crash.
 *
 * @param <T> type of the messages.
 */
public interface Codec<T>
{
    /**
     * Decode an incoming payload. The buffer view is valid only during the call: copy what you keep.
     *
     * @param type   the frame type it came in.
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return the message (may be null, e.g. a JSON {@code null}).
     * @throws CodecException if the payload is not a valid message.
     */
    T decode(MessageType type, DirectBuffer buffer, int offset, int length);

    /**
     * Encode a message into a buffer that grows on demand.
     *
     * @param message to encode.
     * @param buffer  to write into; expandable.
     * @param offset  where to start writing.
     * @return the number of bytes written.
     * @throws CodecException if the message cannot be encoded.
     */
    int encode(T message, MutableDirectBuffer buffer, int offset);

    /**
     * The frame type encoded messages are sent as.
     *
     * @return {@link MessageType#TEXT} for text formats, {@link MessageType#BINARY} otherwise.
     */
    MessageType frameType();

    /**
     * This codec with its own parsing limits set for messages of up to {@code maxMessageSize} bytes, so that it
     * accepts every message the client lets in (the client calls it with its {@code maxMessageSize}). Codecs
     * without limits of their own return themselves.
     *
     * @param maxMessageSize the largest message, in bytes.
     * @return a codec accepting messages up to that size; possibly this one.
     */
    default Codec<T> withMaxMessageSize(final int maxMessageSize)
    {
        return this;
    }
}
