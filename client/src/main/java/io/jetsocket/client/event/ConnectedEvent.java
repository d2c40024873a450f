/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import java.util.List;

/**
 * A connection is open and usable (state CONNECTED): after the first connect and after every reconnect.
 *
 * @param uri         the server.
 * @param subprotocol the subprotocol the server chose, or null.
 * @param extensions  the extensions the server accepted, as its response states them (e.g.
 *                    {@code permessage-deflate; server_no_context_takeover}); empty if none.
 * @param timestampMs when, in milliseconds since the epoch.
 */
public record ConnectedEvent(String uri, String subprotocol, List<String> extensions, long timestampMs)
    implements Event
{
    /**
     * Copy the extension list.
     *
     * @param uri         the server.
     * @param subprotocol the subprotocol the server chose, or null.
     * @param extensions  the extensions the server accepted, as its response states them (e.g.
     *                    {@code permessage-deflate; server_no_context_takeover}); empty if none.
     * @param timestampMs when, in milliseconds since the epoch.
     */
    public ConnectedEvent
    {
        extensions = List.copyOf(extensions);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public EventType<ConnectedEvent> eventType()
    {
        return EventType.CONNECTED;
    }
}
