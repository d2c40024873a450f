/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.WebSocketException;

/**
 * The client is closed (or failed) and has nothing more to give: a pending or later {@code recv()}, or a
 * {@code connect()} overtaken by {@code close()}. Carries the close code and reason of the last connection.
 */
public class ConnectionClosedException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /** The close code. */
    private final int code;
    /** The close reason, possibly empty. */
    private final String reason;

    /**
     * Create the exception.
     *
     * @param message what was interrupted.
     * @param code    close code of the last connection (1006 when it was lost or never opened).
     * @param reason  close reason (possibly empty).
     */
    public ConnectionClosedException(final String message, final int code, final String reason)
    {
        super(message + " (close " + code + (null == reason || reason.isEmpty() ? "" : " " + reason) + ")");
        this.code = code;
        this.reason = null == reason ? "" : reason;
    }

    /**
     * Close code of the last connection.
     *
     * @return the code.
     */
    public int code()
    {
        return code;
    }

    /**
     * Close reason of the last connection.
     *
     * @return the reason, possibly empty.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * Was it a normal closure (1000)?
     *
     * @return true for 1000.
     */
    public boolean isNormal()
    {
        return 1000 == code;
    }

    /**
     * Was the endpoint going away (1001)?
     *
     * @return true for 1001.
     */
    public boolean isGoingAway()
    {
        return 1001 == code;
    }
}
