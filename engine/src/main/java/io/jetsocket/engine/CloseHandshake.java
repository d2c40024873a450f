/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.frame.CloseCode;

/**
 * The closing handshake of one connection (RFC 6455 §7): which close frames have gone each way, who started it, and
 * the code and reason the connection ends with.
 */
final class CloseHandshake
{
    /**
     * Close frames exchanged so far.
     */
    enum State
    {
        /** Neither side has sent a close frame. */
        NONE,
        /** We sent ours; the server's has not arrived. */
        SENT,
        /** The server's arrived; ours is not sent (it goes out at once, as the echo). */
        RECEIVED,
        /** Both sent: the handshake is complete, only TCP remains to close. */
        EXCHANGED
    }

    private State state = State.NONE;
    private boolean remoteInitiated;
    private int code = CloseCode.ABNORMAL;
    private String reason = "";

    State state()
    {
        return state;
    }

    boolean closeSent()
    {
        return State.SENT == state || State.EXCHANGED == state;
    }

    boolean closeReceived()
    {
        return State.RECEIVED == state || State.EXCHANGED == state;
    }

    boolean remoteInitiated()
    {
        return remoteInitiated;
    }

    int code()
    {
        return code;
    }

    String reason()
    {
        return reason;
    }

    /**
     * We send a close frame (the application's, an echo, or a failure) with this code and reason.
     */
    void onSent(final int code, final String reason)
    {
        if (State.NONE == state)
        {
            this.code = code;
            this.reason = reason;
        }
        state = State.RECEIVED == state ? State.EXCHANGED : State.SENT;
    }

    /**
     * The server's close frame arrived.
     *
     * @return true when the server started the handshake (our echo is due).
     */
    boolean onReceived(final int code, final String reason)
    {
        this.code = code;
        this.reason = reason;
        if (State.NONE == state)
        {
            remoteInitiated = true;
            state = State.RECEIVED;
        }
        else if (State.SENT == state)
        {
            state = State.EXCHANGED;
        }
        return remoteInitiated && State.RECEIVED == state;
    }
}
