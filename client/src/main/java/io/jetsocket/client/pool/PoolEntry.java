/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

import io.jetsocket.client.WebSocket;

/**
 * One pooled client and what the pool knows of it. The idle stamp is the engine thread's alone.
 *
 * @param <T> type of the messages.
 */
final class PoolEntry<T>
{
    private final String uri;
    private final WebSocket<T> webSocket;
    private long idleSinceNs;

    PoolEntry(final String uri, final WebSocket<T> webSocket)
    {
        this.uri = uri;
        this.webSocket = webSocket;
    }

    String uri()
    {
        return uri;
    }

    WebSocket<T> webSocket()
    {
        return webSocket;
    }

    long idleSinceNs()
    {
        return idleSinceNs;
    }

    void idleSince(final long nowNs)
    {
        idleSinceNs = nowNs;
    }
}
