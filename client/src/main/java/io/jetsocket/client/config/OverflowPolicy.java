/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

/**
 * What a bounded buffer or queue does with a message that arrives when it is full.
 */
public enum OverflowPolicy
{
    /** Evict the oldest message to make room for the new one (FIFO). The default. */
    DROP_OLDEST("drop_oldest"),
    /** Keep what is buffered and drop the new message. */
    DROP_NEWEST("drop_newest"),
    /** Refuse the new message with a {@link io.jetsocket.client.BufferOverflowException}. */
    ERROR("error");

    private final String value;

    OverflowPolicy(final String value)
    {
        this.value = value;
    }

    /**
     * The policy's lower-case name (as the Python original spells it), for configuration files and logs.
     *
     * @return e.g. {@code drop_oldest}.
     */
    public String value()
    {
        return value;
    }
}
