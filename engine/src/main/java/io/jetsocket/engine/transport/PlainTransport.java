/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * {@code ws://}: the socket as it is.
 */
public final class PlainTransport implements Transport
{
    private final SocketChannel channel;

    /**
     * Over a connected socket.
     *
     * @param channel the socket, non-blocking.
     */
    public PlainTransport(final SocketChannel channel)
    {
        this.channel = channel;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        return channel.read(dst);
    }

    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        return channel.write(src);
    }

    @Override
    public boolean hasPendingOutput()
    {
        return false;
    }

    @Override
    public int flushPending()
    {
        return 0;
    }

    @Override
    public boolean hasBufferedInput()
    {
        return false;
    }

    @Override
    public void shutdownOutput() throws IOException
    {
        channel.shutdownOutput();
    }

    @Override
    public void release()
    {
    }
}
