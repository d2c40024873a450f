/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Objects;
import java.util.function.Function;

/**
 * A codec made of a {@code serializer}/{@code deserializer} pair of functions between messages and bytes.
 * Allocates a {@code byte[]} per message each way; write a {@link Codec} for a garbage-free format.
 *
 * @param <T> the message type.
 */
public final class FunctionCodec<T> implements Codec<T>
{
    private final Function<? super T, byte[]> serializer;
    private final Function<byte[], ? extends T> deserializer;
    private final MessageType frameType;

    /**
     * Create the codec.
     *
     * @param serializer   message to bytes.
     * @param deserializer bytes to message.
     * @param frameType    the frame type encoded messages are sent as ({@code Builder#serialization} uses text).
     */
    public FunctionCodec(
        final Function<? super T, byte[]> serializer,
        final Function<byte[], ? extends T> deserializer,
        final MessageType frameType)
    {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        this.frameType = Objects.requireNonNull(frameType, "frameType");
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public T decode(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        try
        {
            return deserializer.apply(bytes);
        }
        catch (final CodecException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new CodecException("deserializer failed: " + ex, ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int encode(final T message, final MutableDirectBuffer buffer, final int offset)
    {
        final byte[] bytes;
        try
        {
            bytes = serializer.apply(message);
        }
        catch (final CodecException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new CodecException("serializer failed: " + ex, ex);
        }
        if (null == bytes)
        {
            throw new CodecException("serializer returned null");
        }
        buffer.putBytes(offset, bytes);
        return bytes.length;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public MessageType frameType()
    {
        return frameType;
    }
}
