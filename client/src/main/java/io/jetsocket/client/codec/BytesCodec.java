/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Messages are byte arrays, sent as binary frames; text frames arrive as their UTF-8 bytes.
 */
public final class BytesCodec implements Codec<byte[]>
{
    /** The shared instance. */
    public static final BytesCodec INSTANCE = new BytesCodec();

    private BytesCodec()
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public byte[] decode(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int encode(final byte[] message, final MutableDirectBuffer buffer, final int offset)
    {
        if (null == message)
        {
            throw new CodecException("cannot encode a null byte array");
        }
        buffer.putBytes(offset, message);
        return message.length;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public MessageType frameType()
    {
        return MessageType.BINARY;
    }
}
