/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

/**
 * Outcome of a send. Sends never block and never drop silently: the message was accepted ({@link #SENT},
 * {@link #BUFFERED}, {@link #QUEUED}) or the caller is told why not.
 */
public enum SendStatus
{
    /** Accepted by the connection: written to the socket or queued within its outbound limit. */
    SENT,
    /** The connection is down; the message is in the send buffer and goes out, in order, once reconnected. */
    BUFFERED,
    /**
     * Accepted by the outbound rate limiter ({@code ClientConfig.Builder#rateLimit}): the message waits in its
     * queue, in order behind the messages accepted before it, and goes out when the venue's window allows. It is
     * returned for every send made off the engine thread while the limiter is on (the limiter's window lives on
     * the engine thread), and on the engine thread when the window is full or messages wait already.
     */
    QUEUED,
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
     * Was the message accepted (sent, buffered or queued)?
     *
     * @return true for {@link #SENT}, {@link #BUFFERED} and {@link #QUEUED}.
     */
    public boolean isAccepted()
    {
        return SENT == this || BUFFERED == this || QUEUED == this;
    }
}
