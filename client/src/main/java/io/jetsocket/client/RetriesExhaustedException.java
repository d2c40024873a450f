/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.WebSocketException;

/**
 * Reconnection gave up: {@code maxAttempts} re-attempts failed (see
 * {@link io.jetsocket.client.config.BackoffConfig}). The client is FAILED.
 */
public class RetriesExhaustedException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /** The number of attempts made. */
    private final int attempts;

    /**
     * Create the exception.
     *
     * @param uri       the server.
     * @param attempts  re-attempts made.
     * @param lastError the failure of the last attempt, may be null.
     */
    public RetriesExhaustedException(final String uri, final int attempts, final Throwable lastError)
    {
        super("max reconnection attempts exhausted after " + attempts + " attempts: " + uri +
            (null == lastError ? "" : " (last error: " + lastError.getMessage() + ")"), lastError);
        this.attempts = attempts;
    }

    /**
     * Re-attempts made.
     *
     * @return the number of attempts.
     */
    public int attempts()
    {
        return attempts;
    }
}
