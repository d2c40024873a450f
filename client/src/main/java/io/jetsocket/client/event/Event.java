/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import java.time.Instant;

/**
 * An event of a client. Every event carries the wall-clock time it happened at.
 * <p>
 * Handlers run on the engine thread (the thread that runs the client's {@code WebSocketEngine}), one at a
 * time, in registration order: they must not block. With a handler executor
 * ({@code ClientConfig.Builder#handlerExecutor}) they run on it instead, one event at a time and in order per
 * client, and may block (raw-message handlers stay on the engine thread). A handler that throws produces an
 * {@code error} event and does not stop the other handlers.
 */
public interface Event
{
    /**
     * The type of this event.
     *
     * @return the event type.
     */
    EventType<?> eventType();

    /**
     * When the event happened.
     *
     * @return milliseconds since the epoch.
     */
    long timestampMs();

    /**
     * When the event happened, as an {@link Instant} (allocates).
     *
     * @return the instant.
     */
    default Instant timestamp()
    {
        return Instant.ofEpochMilli(timestampMs());
    }
}
