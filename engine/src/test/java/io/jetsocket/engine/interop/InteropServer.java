/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import java.time.Duration;

/**
 * A running WebSocket server the interop tests connect to, with the endpoints described in
 * {@code engine/src/test/node/ws-server.js} (the Jetty fixture mirrors them).
 */
interface InteropServer extends AutoCloseable
{
    /**
     * Which implementation this is.
     *
     * @return the kind.
     */
    ServerKind kind();

    /**
     * The port the server listens on, on 127.0.0.1.
     *
     * @return the port.
     */
    int port();

    /**
     * A {@code ws://} URI of this server.
     *
     * @param pathAndQuery e.g. {@code /echo?tag=x}.
     * @return the URI.
     */
    default String uri(final String pathAndQuery)
    {
        return "ws://127.0.0.1:" + port() + pathAndQuery;
    }

    /**
     * Wait for the server to report the close of the connection opened with {@code ?tag=<tag>}.
     *
     * @param tag     of the connection.
     * @param timeout how long to wait.
     * @return what the server saw.
     * @throws InterruptedException if interrupted.
     */
    ServerClose awaitClose(String tag, Duration timeout) throws InterruptedException;

    /**
     * Stop the server.
     */
    @Override
    void close();
}
