/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.WebSocketException;

/**
 * The client ended (closed by the application, or failed for good) while messages sent during a disconnection were
 * still waiting in its {@code full_buffer} replay buffer for a connection to take them: they were discarded, never
 * sent. Reported once, in a non-fatal {@code error} event just before the {@code closed} event, so that no buffered
 * message is lost without a word.
 */
public class UnsentMessagesException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /** How many buffered messages were discarded. */
    private final int discarded;

    /**
     * Create the exception.
     *
     * @param discarded how many buffered messages were discarded.
     * @param uri       the client's URI.
     * @param terminal  the state the client ended in.
     */
    public UnsentMessagesException(final int discarded, final String uri, final ConnectionState terminal)
    {
        super(discarded + " buffered message" + (1 == discarded ? " was" : "s were") + " never sent: the client " +
            "ended (" + terminal + ") before a connection took them: " + uri);
        this.discarded = discarded;
    }

    /**
     * How many buffered messages were discarded.
     *
     * @return the count, at least one.
     */
    public int discarded()
    {
        return discarded;
    }
}
