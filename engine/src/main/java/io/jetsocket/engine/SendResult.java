/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * Results of a send. Sends never block and never drop silently: a message either is accepted
 * ({@link #OK}) or the caller is told why not, so that it can retry, buffer or give up.
 */
public final class SendResult
{
    /** Accepted: written to the socket or queued within the connection's outbound limit. */
    public static final int OK = 0;
    /** Not accepted: the connection's outbound bytes (or the engine's send queue) are at their limit. */
    public static final int BACK_PRESSURED = -1;
    /** Not accepted: the connection is not open (still connecting, or closing). */
    public static final int NOT_CONNECTED = -2;
    /** Not accepted: the connection is closed. */
    public static final int CLOSED = -3;
    /** Not accepted: the message can never fit within the connection's outbound limit. */
    public static final int TOO_LARGE = -4;

    private SendResult()
    {
    }

    /**
     * A name for a result code, for messages and logs.
     *
     * @param result a send result code.
     * @return its name.
     */
    public static String describe(final int result)
    {
        switch (result)
        {
            case OK:
                return "OK";
            case BACK_PRESSURED:
                return "BACK_PRESSURED";
            case NOT_CONNECTED:
                return "NOT_CONNECTED";
            case CLOSED:
                return "CLOSED";
            case TOO_LARGE:
                return "TOO_LARGE";
            default:
                return "UNKNOWN(" + result + ")";
        }
    }
}
