/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

/**
 * A registered event handler; {@link #remove()} (or {@link #close()}) unregisters it.
 */
public interface Registration extends AutoCloseable
{
    /**
     * Unregister the handler. Idempotent and thread safe.
     *
     * @return true if it was registered until now.
     */
    boolean remove();

    /**
     * Same as {@link #remove()}.
     */
    @Override
    default void close()
    {
        remove();
    }
}
