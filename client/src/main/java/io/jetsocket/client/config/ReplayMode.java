/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

/**
 * What the client replays after a reconnect.
 */
public enum ReplayMode
{
    /** Nothing. The default. */
    NONE("none"),
    /**
     * Call the {@link ReplayHandler} with the last sequence id seen, after the reconnect and before any new
     * incoming message is delivered, so that it can ask the server to resend from there.
     */
    SEQUENCE_ID("sequence_id"),
    /**
     * Keep the messages the application sends while the connection is down in the bounded send buffer
     * ({@link BufferConfig}) and send them, in order, once reconnected.
     */
    FULL_BUFFER("full_buffer");

    private final String value;

    ReplayMode(final String value)
    {
        this.value = value;
    }

    /**
     * The mode's lower-case name (as the Python original spells it), for configuration files and logs.
     *
     * @return e.g. {@code sequence_id}.
     */
    public String value()
    {
        return value;
    }
}
