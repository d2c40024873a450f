/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

import io.jetsocket.client.ConnectionState;
import io.jetsocket.client.InvalidStateException;

import java.util.Set;

/**
 * A {@link PooledConnection} was used after {@link PooledConnection#release()}: the connection belongs to the pool
 * again (and maybe to another lease), so the lease refuses every operation.
 */
public class LeaseReleasedException extends InvalidStateException
{
    private static final long serialVersionUID = 1L;

    /** The message: what was attempted, on which URI's lease. */
    private final String message;

    /**
     * Create the exception.
     *
     * @param operation    what was attempted, e.g. {@code send}.
     * @param uri          the URI of the lease.
     * @param currentState the state of the connection then.
     */
    public LeaseReleasedException(final String operation, final String uri, final ConnectionState currentState)
    {
        super(operation, currentState, Set.of());
        this.message = "cannot " + operation + ": the lease of " + uri + " was released";
    }

    @Override
    public String getMessage()
    {
        return message;
    }
}
