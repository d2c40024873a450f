/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * Thrown by a call that needs a running engine once {@link WebSocketEngine#close()} has begun: the work it asked for
 * would never run, so it is refused at once instead of waiting forever.
 */
public final class EngineClosedException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create an exception naming the engine and what was refused.
     *
     * @param roleName of the engine.
     * @param what     the refused call, e.g. "connect to ws://host/path".
     */
    public EngineClosedException(final String roleName, final String what)
    {
        super("engine '" + roleName + "' is closed: cannot " + what);
    }
}
