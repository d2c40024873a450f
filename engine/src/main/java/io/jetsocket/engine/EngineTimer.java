/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * Called on the engine thread when a timer scheduled with {@link WebSocketEngine#scheduleTimer} expires. Timers
 * live on the engine's deadline timers (a heap ordered by deadline): an armed timer costs nothing per duty cycle.
 */
@FunctionalInterface
public interface EngineTimer
{
    /**
     * The timer expired.
     *
     * @param timerId the id {@link WebSocketEngine#scheduleTimer} returned.
     */
    void onTimer(long timerId);
}
