/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * {@code ws://}: the socket as it is.
 */
final class PlainTransport implements Transport
{
    private final SocketChannel channel;

    PlainTransport(final SocketChannel channel)
    {
        this.channel = channel;
    }

    public int read(final ByteBuffer dst) throws IOException
    {
        return channel.read(dst);
    }

    public int write(final ByteBuffer src) throws IOException
    {
        return channel.write(src);
    }

    public boolean hasPendingOutput()
    {
        return false;
    }

    public int flushPending()
    {
        return 0;
    }

    public boolean hasBufferedInput()
    {
        return false;
    }

    public void shutdownOutput() throws IOException
    {
        channel.shutdownOutput();
    }

    public void release()
    {
    }
}
