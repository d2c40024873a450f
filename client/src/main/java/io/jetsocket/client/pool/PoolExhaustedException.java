/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

import io.jetsocket.engine.WebSocketException;

import java.time.Duration;

/**
 * No lease came free in time: every one of the pool's {@code maxConnections} leases stayed held for the whole
 * acquire timeout.
 */
public class PoolExhaustedException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /** The pool's cap on concurrent leases. */
    private final int maxConnections;
    /** How long the acquire waited. */
    private final Duration timeout;

    /**
     * Create the exception.
     *
     * @param maxConnections the pool's cap on concurrent leases.
     * @param timeout        how long the acquire waited.
     * @param uri            the URI a lease was asked for.
     */
    public PoolExhaustedException(final int maxConnections, final Duration timeout, final String uri)
    {
        super("connection pool exhausted: all " + maxConnections + " leases held for " + timeout.toMillis() +
            " ms while acquiring " + uri);
        this.maxConnections = maxConnections;
        this.timeout = timeout;
    }

    /**
     * The pool's cap on concurrent leases.
     *
     * @return {@code maxConnections}.
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    /**
     * How long the acquire waited.
     *
     * @return the timeout that passed.
     */
    public Duration timeout()
    {
        return timeout;
    }
}
