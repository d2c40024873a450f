/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Messages are strings, sent as text frames; binary frames are decoded as UTF-8.
 */
public final class StringCodec implements Codec<String>
{
    /** The shared instance. */
    public static final StringCodec INSTANCE = new StringCodec();

    private StringCodec()
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String decode(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getStringWithoutLengthUtf8(offset, length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int encode(final String message, final MutableDirectBuffer buffer, final int offset)
    {
        if (null == message)
        {
            throw new CodecException("cannot encode a null string");
        }
        return buffer.putStringWithoutLengthUtf8(offset, message);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public MessageType frameType()
    {
        return MessageType.TEXT;
    }
}
