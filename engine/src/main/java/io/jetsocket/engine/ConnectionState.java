/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * Lifecycle of one engine connection. Transitions only go forward:
 * <pre>
 * RESOLVING -&gt; CONNECTING -&gt; HANDSHAKING -&gt; OPEN -&gt; CLOSING -&gt; CLOSED
 * </pre>
 * and any state may go straight to {@link #CLOSED} on a failure.
 */
public enum ConnectionState
{
    /** Waiting for the host name to resolve (off the engine thread). */
    RESOLVING,
    /** TCP connect in progress. */
    CONNECTING,
    /** Upgrade request sent, waiting for the server's 101 response. */
    HANDSHAKING,
    /** WebSocket open: messages flow both ways. */
    OPEN,
    /** A close frame was sent or received; waiting for the close handshake and TCP to finish. */
    CLOSING,
    /** Done; the listener's onClose has been called exactly once. */
    CLOSED;

    /**
     * Is a move from this state to {@code next} allowed?
     *
     * @param next the state to move to.
     * @return true if the transition is in the table above.
     */
    public boolean canMoveTo(final ConnectionState next)
    {
        return next == CLOSED ? this != CLOSED : next.ordinal() > ordinal();
    }
}
