/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.WebSocketException;

/**
 * The configuration asks for something the engine cannot do yet (e.g. {@code wss://} before TLS lands). Fatal:
 * the client does not retry.
 */
public class UnsupportedFeatureException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what is not supported, and what to do instead.
     */
    public UnsupportedFeatureException(final String message)
    {
        super(message);
    }
}
