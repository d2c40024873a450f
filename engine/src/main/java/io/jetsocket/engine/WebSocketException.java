/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * Base type of every failure JetSocket reports: handshake rejections, protocol violations, timeouts,
 * transport errors. Unchecked, because the engine reports failures through callbacks and futures
 * rather than by throwing through user code.
 */
public class WebSocketException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create an exception with a message that says what failed and in which context.
     *
     * @param message what failed, with the context needed to act on it.
     */
    public WebSocketException(final String message)
    {
        super(message);
    }

    /**
     * Create an exception with a message and the underlying cause.
     *
     * @param message what failed, with the context needed to act on it.
     * @param cause   the underlying failure.
     */
    public WebSocketException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
