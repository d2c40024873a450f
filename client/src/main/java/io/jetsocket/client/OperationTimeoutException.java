/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.WebSocketException;

import java.time.Duration;

/**
 * A blocking client operation ({@code recv}, {@code send}, {@code connect}, {@code close}) did not finish in
 * time. Timeouts of the connection itself (connect, close handshake, pong) are reported with the engine's
 * {@link io.jetsocket.engine.TimeoutException}.
 */
public class OperationTimeoutException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /** The operation that timed out, e.g. {@code recv}. */
    private final String operation;
    /** The limit that was exceeded. */
    private final Duration timeout;

    /**
     * Create the exception.
     *
     * @param operation what timed out, e.g. {@code recv}.
     * @param timeout   the limit that passed.
     * @param context   what it was about, e.g. the URI.
     */
    public OperationTimeoutException(final String operation, final Duration timeout, final String context)
    {
        super(operation + " timed out after " + timeout.toMillis() + " ms: " + context);
        this.operation = operation;
        this.timeout = timeout;
    }

    /**
     * Create the exception with what went wrong meanwhile (e.g. the last failed connect attempt's error).
     *
     * @param operation what timed out, e.g. {@code connect}.
     * @param timeout   the limit that passed.
     * @param context   what it was about, e.g. the URI.
     * @param cause     the last real failure, or null.
     */
    public OperationTimeoutException(
        final String operation, final Duration timeout, final String context, final Throwable cause)
    {
        super(operation + " timed out after " + timeout.toMillis() + " ms: " + context +
            (null == cause ? "" : " (last failure: " + cause.getMessage() + ")"), cause);
        this.operation = operation;
        this.timeout = timeout;
    }

    /**
     * What timed out.
     *
     * @return e.g. {@code recv}.
     */
    public String operation()
    {
        return operation;
    }

    /**
     * The limit that passed.
     *
     * @return the timeout.
     */
    public Duration timeout()
    {
        return timeout;
    }
}
