/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One acquire on its way: the URI, how long it may wait and the future it completes. Its timer id is the engine
 * thread's alone.
 *
 * @param <T> type of the messages.
 */
final class AcquireRequest<T>
{
    static final long NO_TIMER = -1;

    private final String uri;
    private final Duration timeout;
    private final CompletableFuture<PooledConnection<T>> future = new CompletableFuture<>();
    private long timerId = NO_TIMER;

    AcquireRequest(final String uri, final Duration timeout)
    {
        this.uri = uri;
        this.timeout = timeout;
    }

    String uri()
    {
        return uri;
    }

    Duration timeout()
    {
        return timeout;
    }

    CompletableFuture<PooledConnection<T>> future()
    {
        return future;
    }

    long timerId()
    {
        return timerId;
    }

    void timerId(final long timerId)
    {
        this.timerId = timerId;
    }
}
