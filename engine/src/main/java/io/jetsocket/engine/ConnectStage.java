/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * Where the connect pipeline of one connection is: each stage builds on the one before, and all of them run under
 * the connect timeout. A failure names the stage it happened in.
 */
enum ConnectStage
{
    /** TCP to the server, or to the proxy. */
    TCP("TCP connect"),
    /** The proxy's handshake (HTTP CONNECT or SOCKS5) on the raw socket. */
    PROXY("proxy handshake"),
    /** The TLS handshake of a {@code wss://} connection; every later byte goes through TLS. */
    TLS("TLS handshake"),
    /** The WebSocket upgrade request and response; the stage stays here once the connection is open. */
    UPGRADE("WebSocket upgrade");

    private final String description;

    ConnectStage(final String description)
    {
        this.description = description;
    }

    /**
     * Words for error messages.
     *
     * @return e.g. "TLS handshake".
     */
    String description()
    {
        return description;
    }
}
