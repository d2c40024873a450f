/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import io.jetsocket.client.config.ReplayMode;

/**
 * Replay after a reconnect has begun.
 *
 * @param mode           the replay mode.
 * @param lastSequenceId the last sequence id seen ({@code sequence_id} mode), or null.
 * @param messageCount   messages to replay: buffered messages ({@code full_buffer}), or 1 for the hook call.
 * @param timestampMs    when, in milliseconds since the epoch.
 */
public record ReplayStartedEvent(ReplayMode mode, Object lastSequenceId, int messageCount, long timestampMs)
    implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<ReplayStartedEvent> eventType()
    {
        return EventType.REPLAY_STARTED;
    }
}
