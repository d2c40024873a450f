/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * The server broke RFC 6455 (or sent a message over a limit); the connection was failed with
 * {@link #closeCode()}.
 */
public class ProtocolException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /** The close code to send the peer for this violation. */
    private final int closeCode;

    /**
     * Create an exception for a protocol violation.
     *
     * @param closeCode the close code sent to the server: 1002, 1007 or 1009.
     * @param message   what was wrong, with the connection's URI.
     */
    public ProtocolException(final int closeCode, final String message)
    {
        super(message);
        this.closeCode = closeCode;
    }

    /**
     * The close code the connection was failed with.
     *
     * @return 1002 (protocol error), 1007 (invalid payload) or 1009 (too big).
     */
    public int closeCode()
    {
        return closeCode;
    }
}
