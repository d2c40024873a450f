/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.engine.EngineTimer;

/**
 * The deadline timers a client's lifecycle needs: in production the engine's timer wheel and cached clock
 * ({@code WebSocketEngine.scheduleTimer}, {@code nowNs}), so that an idle client costs nothing per duty cycle; in
 * tests a hand-stepped fake. Engine thread only.
 */
public interface ClientTimers
{
    /**
     * The id of no timer.
     */
    long NONE = -1;

    /**
     * The current time, on the clock the deadlines are on.
     *
     * @return nanoseconds.
     */
    long nowNs();

    /**
     * Arm a timer.
     *
     * @param deadlineNs when it expires, on the {@link #nowNs()} clock.
     * @param timer      called once when it expires.
     * @return its id, never {@link #NONE}.
     */
    long schedule(long deadlineNs, EngineTimer timer);

    /**
     * Disarm a timer; nothing happens for {@link #NONE} or one already fired.
     *
     * @param timerId from {@link #schedule}.
     */
    void cancel(long timerId);
}
