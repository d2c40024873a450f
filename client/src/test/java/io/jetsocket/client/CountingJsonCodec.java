/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.codec.Codec;
import io.jetsocket.client.codec.Codecs;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JSON codec, counting its decodes: for tests that a path delivers without decoding.
 */
public final class CountingJsonCodec implements Codec<Object>
{
    private final Codec<Object> json = Codecs.json();
    private final AtomicInteger decodes = new AtomicInteger();

    /**
     * How many messages it has decoded.
     *
     * @return the count, from any thread.
     */
    public int decodes()
    {
        return decodes.get();
    }

    @Override
    public Object decode(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        decodes.incrementAndGet();
        return json.decode(type, buffer, offset, length);
    }

    @Override
    public int encode(final Object message, final MutableDirectBuffer buffer, final int offset)
    {
        return json.encode(message, buffer, offset);
    }

    @Override
    public MessageType frameType()
    {
        return json.frameType();
    }
}
