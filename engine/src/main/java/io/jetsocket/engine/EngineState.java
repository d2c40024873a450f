/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * Lifecycle of a {@link WebSocketEngine}, moved forward atomically (like {@code AgentRunner}'s tombstone): work is
 * accepted only while {@link #ACTIVE}.
 */
public enum EngineState
{
    /** Running: connects, sends, tasks and agents are accepted. */
    ACTIVE,
    /** {@code close()} has begun: new work is refused; the engine aborts its connections and drains what is queued. */
    CLOSING,
    /** Stopped: connections ended, queued work drained or failed, buffers and the resolver released. */
    CLOSED
}
