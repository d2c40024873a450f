/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

/**
 * A connection that was open has ended (whatever follows: reconnect, close or failure).
 *
 * @param uri         the server.
 * @param code        the real close code: the server's, the one this client closed with, 1005 for a close
 *                    frame without a code, 1006 when the connection was lost without a closing handshake.
 * @param reason      the close reason, possibly empty.
 * @param wasClean    true when the closing handshake completed (code other than 1006).
 * @param remote      true when the server started the close.
 * @param timestampMs when, in milliseconds since the epoch.
 */
public record DisconnectedEvent(
    String uri, int code, String reason, boolean wasClean, boolean remote, long timestampMs) implements Event
{
    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<DisconnectedEvent> eventType()
    {
        return EventType.DISCONNECTED;
    }
}
