/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.WebSocketException;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * An operation was called in a state that does not allow it, e.g. {@code connect()} twice, or {@code send()}
 * after close.
 */
public class InvalidStateException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /** The state the client was in. */
    private final ConnectionState currentState;
    private final transient Set<ConnectionState> requiredStates;

    /**
     * Create the exception.
     *
     * @param operation      what was attempted, e.g. {@code connect}.
     * @param currentState   the state the client was in.
     * @param requiredStates the states that would have allowed it.
     */
    public InvalidStateException(
        final String operation, final ConnectionState currentState, final Set<ConnectionState> requiredStates)
    {
        super("cannot " + operation + " in state " + currentState.value() + " (requires " +
            describe(requiredStates) + ")");
        this.currentState = currentState;
        this.requiredStates = requiredStates.isEmpty() ?
            Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(requiredStates));
    }

    /**
     * The state the client was in.
     *
     * @return the current state.
     */
    public ConnectionState currentState()
    {
        return currentState;
    }

    /**
     * The states that would have allowed the operation.
     *
     * @return an unmodifiable set.
     */
    public Set<ConnectionState> requiredStates()
    {
        return null == requiredStates ? Collections.emptySet() : requiredStates;
    }

    private static String describe(final Set<ConnectionState> states)
    {
        final StringBuilder builder = new StringBuilder();
        for (final ConnectionState state : states)
        {
            if (builder.length() > 0)
            {
                builder.append(" or ");
            }
            builder.append(state.value());
        }
        return builder.toString();
    }
}
