/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * Where the engine gets the socket of each connection (as Aeron's {@code SendChannelEndpointSupplier}): the default
 * opens a plain {@link SocketChannel}; tests inject one that fails, or wraps the channel to inject faults.
 */
@FunctionalInterface
public interface TcpChannelSupplier
{
    /**
     * Open a new, unconnected socket channel (the engine configures it non-blocking and connects it).
     *
     * @return the channel.
     * @throws IOException when no socket can be opened.
     */
    SocketChannel open() throws IOException;
}
