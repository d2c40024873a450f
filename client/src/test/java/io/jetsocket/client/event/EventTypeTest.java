/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import io.jetsocket.client.ConnectionState;
import io.jetsocket.engine.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventTypeTest
{
    @Test
    void shouldHaveTheSixteenEventsOfTheSeeds()
    {
        assertEquals(List.of("connecting", "connected", "disconnected", "reconnecting", "reconnected", "message",
            "raw_message", "error", "closing", "closed", "ping", "pong", "buffer_overflow", "replay_started",
            "replay_completed", "state_change"), EventType.values().stream().map(EventType::name).toList());
        for (int i = 0; i < EventType.values().size(); i++)
        {
            assertEquals(i, EventType.values().get(i).index());
            assertSame(EventType.values().get(i), EventType.forName(EventType.values().get(i).name()));
        }
        assertThrows(IllegalArgumentException.class, () -> EventType.forName("nope"));
        assertSame(EventType.MESSAGE, EventType.message());
    }

    @Test
    void shouldCarryTheirTypeAndATimestamp()
    {
        final StateChangeEvent change = new StateChangeEvent(ConnectionState.IDLE, ConnectionState.CONNECTING, 1234);
        assertSame(EventType.STATE_CHANGE, change.eventType());
        assertEquals(Instant.ofEpochMilli(1234), change.timestamp());
        assertSame(EventType.MESSAGE, new MessageEvent<>("x", MessageType.TEXT, 1).eventType());
        assertSame(EventType.CLOSED, new ClosedEvent(1000, "", ConnectionState.CLOSED, 1).eventType());
        assertEquals(List.of("a"), new ConnectedEvent("ws://x/", null, List.of("a"), 1).extensions());
    }

    @Test
    void shouldWrapRawMessagesWithoutCopying()
    {
        final RawMessageEvent event = new RawMessageEvent();
        final UnsafeBuffer buffer = new UnsafeBuffer("..abc".getBytes());
        assertSame(event, event.wrap(MessageType.BINARY, buffer, 2, 3, 99));
        assertSame(buffer, event.buffer());
        assertEquals(2, event.offset());
        assertEquals(3, event.length());
        assertEquals(MessageType.BINARY, event.messageType());
        assertEquals(99, event.timestampMs());
        assertArrayEquals("abc".getBytes(), event.copyPayload());
        assertSame(EventType.RAW_MESSAGE, event.eventType());
    }
}
