/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import io.jetsocket.client.config.ReplayMode;

/**
 * Replay after a reconnect has finished.
 *
 * @param mode          the replay mode.
 * @param replayedCount messages replayed (buffered messages sent, or 1 for the hook call).
 * @param durationMs    how long the replay took, in milliseconds.
 * @param timestampMs   when, in milliseconds since the epoch.
 */
public record ReplayCompletedEvent(ReplayMode mode, int replayedCount, double durationMs, long timestampMs)
    implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<ReplayCompletedEvent> eventType()
    {
        return EventType.REPLAY_COMPLETED;
    }
}
