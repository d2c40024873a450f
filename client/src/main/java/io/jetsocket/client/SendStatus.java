/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

/**
 * Outcome of a send. Sends never block and never drop silently: the message was accepted ({@link #SENT},
 * {@link #BUFFERED}) or the caller is told why not.
 */
public enum SendStatus
{
    /** Accepted by the connection: written to the socket or queued within its outbound limit. */
    SENT,
    /** The connection is down; the message is in the send buffer and goes out, in order, once reconnected. */
    BUFFERED,
    /** Not accepted: the connection's outbound bytes are at their limit; retry later. */
    BACK_PRESSURED,
    /** Not accepted: the connection is not up (connecting or reconnecting) and nothing buffers messages. */
    NOT_CONNECTED,
    /** Not accepted: the send buffer is full and its policy is {@code drop_newest}. */
    DROPPED,
    /** Not accepted: the message can never fit within the connection's outbound limit. */
    TOO_LARGE,
    /**
     * Not accepted: the client is closing or closed ({@code close()} was called, or it failed for good); nothing
     * will ever send it. Unlike {@link #NOT_CONNECTED}, retrying cannot help.
     */
    CLOSED;

    /**
     * Was the message accepted (sent or buffered)?
     *
     * @return true for {@link #SENT} and {@link #BUFFERED}.
     */
    public boolean isAccepted()
    {
        return SENT == this || BUFFERED == this;
    }
}
