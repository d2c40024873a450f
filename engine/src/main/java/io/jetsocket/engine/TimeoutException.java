/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * An operation did not finish within its time limit.
 */
public class TimeoutException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /** The operations that have time limits. */
    public enum Operation
    {
        /** TCP connect plus the opening handshake. */
        CONNECT,
        /** The closing handshake and TCP close. */
        CLOSE,
        /** Waiting for a pong (heartbeat). */
        PONG
    }

    /** What took too long. */
    private final Operation operation;
    /** The limit that was exceeded, in nanoseconds. */
    private final long timeoutNs;

    /**
     * Create a timeout exception.
     *
     * @param operation that timed out.
     * @param timeoutNs the limit that passed, in nanoseconds.
     * @param context   what was being done, e.g. the URI.
     */
    public TimeoutException(final Operation operation, final long timeoutNs, final String context)
    {
        super(operation.name().toLowerCase() + " timed out after " + (timeoutNs / 1_000_000) + " ms: " + context);
        this.operation = operation;
        this.timeoutNs = timeoutNs;
    }

    /**
     * The operation that timed out.
     *
     * @return the operation.
     */
    public Operation operation()
    {
        return operation;
    }

    /**
     * The limit that passed.
     *
     * @return the timeout in nanoseconds.
     */
    public long timeoutNs()
    {
        return timeoutNs;
    }
}
