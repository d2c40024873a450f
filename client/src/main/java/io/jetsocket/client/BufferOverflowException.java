/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.WebSocketException;

/**
 * A bounded buffer with the {@code error} overflow policy was full.
 */
public class BufferOverflowException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /** The buffer's capacity in messages. */
    private final int capacity;
    /** The number of buffered messages when the overflow happened. */
    private final int currentSize;

    /**
     * Create the exception.
     *
     * @param what        which buffer, e.g. {@code send buffer}.
     * @param capacity    the buffer's capacity.
     * @param currentSize how many messages it held.
     */
    public BufferOverflowException(final String what, final int capacity, final int currentSize)
    {
        super(what + " full: " + currentSize + " of " + capacity + " messages");
        this.capacity = capacity;
        this.currentSize = currentSize;
    }

    /**
     * The buffer's capacity.
     *
     * @return capacity in messages.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * How many messages the buffer held.
     *
     * @return the size at the time of the overflow.
     */
    public int currentSize()
    {
        return currentSize;
    }
}
