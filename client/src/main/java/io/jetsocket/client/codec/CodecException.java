/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import io.jetsocket.engine.WebSocketException;

/**
 * A message could not be encoded or decoded.
 */
public class CodecException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what could not be encoded or decoded, and why.
     */
    public CodecException(final String message)
    {
        super(message);
    }

    /**
     * Create the exception with its cause.
     *
     * @param message what could not be encoded or decoded.
     * @param cause   the parser's or mapper's failure.
     */
    public CodecException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
