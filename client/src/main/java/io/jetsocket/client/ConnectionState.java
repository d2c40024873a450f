/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The nine states of a client and the transitions between them. The client moves only along the table below
 * and refuses (with an {@link IllegalStateException}) any other move:
 * <pre>
 * IDLE          -&gt; CONNECTING, CLOSED*
 * CONNECTING    -&gt; CONNECTED, RECONNECTING*, BACKING_OFF, FAILED, CLOSED*
 * CONNECTED     -&gt; DISCONNECTING, DISCONNECTED, RECONNECTING
 * DISCONNECTING -&gt; DISCONNECTED, CLOSED
 * DISCONNECTED  -&gt; RECONNECTING, CLOSED, FAILED*
 * RECONNECTING  -&gt; BACKING_OFF, CONNECTING, FAILED
 * BACKING_OFF   -&gt; CONNECTING, FAILED, CLOSED
 * FAILED, CLOSED: terminal
 * </pre>
 * The unstarred edges are those of the Python original; the starred edges are added on purpose: a failed connect
 * attempt goes to RECONNECTING so that every retry passes through the same
 * RECONNECTING/BACKING_OFF steps; {@code close()} before or during the first connect goes straight to CLOSED;
 * a connection ended by a fatal close code (1008, 4401, 4403) goes from DISCONNECTED to FAILED.
 */
public enum ConnectionState
{
    /** Initial state, no connection attempted. */
    IDLE("idle"),
    /** TCP connect and opening handshake in progress. */
    CONNECTING("connecting"),
    /** Fully connected, ready for messages. */
    CONNECTED("connected"),
    /** Closing handshake started by this side. */
    DISCONNECTING("disconnecting"),
    /** The connection has ended; about to reconnect, close or fail. */
    DISCONNECTED("disconnected"),
    /** About to reconnect. */
    RECONNECTING("reconnecting"),
    /** Waiting before the next connect attempt. */
    BACKING_OFF("backing_off"),
    /** Attempts exhausted or fatal error: terminal. */
    FAILED("failed"),
    /** Closed by the application (or by the server with reconnection off): terminal. */
    CLOSED("closed");

    private static final ConnectionState[] VALUES = values();

    static
    {
        IDLE.next = EnumSet.of(CONNECTING, CLOSED);
        CONNECTING.next = EnumSet.of(CONNECTED, RECONNECTING, BACKING_OFF, FAILED, CLOSED);
        CONNECTED.next = EnumSet.of(DISCONNECTING, DISCONNECTED, RECONNECTING);
        DISCONNECTING.next = EnumSet.of(DISCONNECTED, CLOSED);
        DISCONNECTED.next = EnumSet.of(RECONNECTING, CLOSED, FAILED);
        RECONNECTING.next = EnumSet.of(BACKING_OFF, CONNECTING, FAILED);
        BACKING_OFF.next = EnumSet.of(CONNECTING, FAILED, CLOSED);
        FAILED.next = EnumSet.noneOf(ConnectionState.class);
        CLOSED.next = EnumSet.noneOf(ConnectionState.class);
        for (final ConnectionState state : VALUES)
        {
            state.next = Collections.unmodifiableSet(state.next);
        }
    }

    private final String value;
    private Set<ConnectionState> next;

    ConnectionState(final String value)
    {
        this.value = value;
    }

    /**
     * The state's lower-case name (as the Python original spells it), for logs.
     *
     * @return e.g. {@code backing_off}.
     */
    public String value()
    {
        return value;
    }

    /**
     * Is a move from this state to {@code next} in the transition table?
     *
     * @param next the state to move to.
     * @return true when allowed.
     */
    public boolean canTransitionTo(final ConnectionState next)
    {
        return this.next.contains(next);
    }

    /**
     * The states this state may move to.
     *
     * @return an unmodifiable set, empty for terminal states.
     */
    public Set<ConnectionState> allowedNext()
    {
        return next;
    }

    /**
     * Is a connection being established or up (CONNECTING, CONNECTED)?
     *
     * @return true when active.
     */
    public boolean isActive()
    {
        return CONNECTING == this || CONNECTED == this;
    }

    /**
     * Is this the end (FAILED, CLOSED)?
     *
     * @return true when terminal.
     */
    public boolean isTerminal()
    {
        return FAILED == this || CLOSED == this;
    }

    /**
     * Can messages be sent on the wire now (CONNECTED)?
     *
     * @return true when connected.
     */
    public boolean canSend()
    {
        return CONNECTED == this;
    }

    /**
     * Is the client between connections, on its way to a reconnect (DISCONNECTED, RECONNECTING, BACKING_OFF)?
     *
     * @return true when a reconnect may follow.
     */
    public boolean canReconnect()
    {
        return DISCONNECTED == this || RECONNECTING == this || BACKING_OFF == this;
    }
}
