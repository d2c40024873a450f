/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

import io.jetsocket.engine.WebSocketException;

/**
 * The pool is closed (by {@link ConnectionPool#close()}, or because its engine closed): it gives no more leases,
 * and acquires still waiting fail with this.
 */
public class PoolClosedException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param operation what was attempted, e.g. {@code acquire ws://host/feed}.
     */
    public PoolClosedException(final String operation)
    {
        super("cannot " + operation + ": the connection pool is closed");
    }

    /**
     * Create the exception with its cause (e.g. the engine closed).
     *
     * @param operation what was attempted.
     * @param cause     why the pool is closed.
     */
    public PoolClosedException(final String operation, final Throwable cause)
    {
        super("cannot " + operation + ": the connection pool is closed (" + cause.getMessage() + ")", cause);
    }
}
