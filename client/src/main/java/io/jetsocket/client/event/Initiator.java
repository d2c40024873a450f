/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

/**
 * Which side started a closing handshake.
 */
public enum Initiator
{
    /** This client (the application, an age rotation or a dead-peer detection). */
    LOCAL("local"),
    /** The server. */
    REMOTE("remote");

    private final String value;

    Initiator(final String value)
    {
        this.value = value;
    }

    /**
     * The lower-case name, for logs.
     *
     * @return {@code local} or {@code remote}.
     */
    public String value()
    {
        return value;
    }
}
