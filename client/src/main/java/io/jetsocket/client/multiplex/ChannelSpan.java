/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

/**
 * Where a message's channel name lies in the message's own buffer: what a {@link RawChannelExtractor} writes, so
 * the channel is looked up from the bytes without making a {@code String}. Reused for every message (engine
 * thread only).
 */
public final class ChannelSpan
{
    private int offset;
    private int length;

    /**
     * An empty span: the router keeps one per multiplexer; a test of an extractor may make its own.
     */
    public ChannelSpan()
    {
    }

    /**
     * Mark the channel's UTF-8 bytes.
     *
     * @param offset of the first byte in the message's buffer.
     * @param length in bytes.
     */
    public void set(final int offset, final int length)
    {
        this.offset = offset;
        this.length = length;
    }

    /**
     * The offset of the channel's first byte.
     *
     * @return the offset in the message's buffer.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * The channel's length.
     *
     * @return bytes.
     */
    public int length()
    {
        return length;
    }
}
