/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.StateChangeEvent;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jetsocket.client.ConnectionState.BACKING_OFF;
import static io.jetsocket.client.ConnectionState.CLOSED;
import static io.jetsocket.client.ConnectionState.CONNECTED;
import static io.jetsocket.client.ConnectionState.CONNECTING;
import static io.jetsocket.client.ConnectionState.DISCONNECTED;
import static io.jetsocket.client.ConnectionState.DISCONNECTING;
import static io.jetsocket.client.ConnectionState.FAILED;
import static io.jetsocket.client.ConnectionState.IDLE;
import static io.jetsocket.client.ConnectionState.RECONNECTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The state a client's parts share, held once: the transitions the table allows (each announced), the refusal of
 * the others, and what a send is told in each state. No engine, no sockets.
 */
class ClientStateTest
{
    private static final String URI = "ws://127.0.0.1:1/state";

    private final List<StateChangeEvent> changes = new ArrayList<>();
    private final ClientState state = newState(changes);

    static ClientState newState(final List<StateChangeEvent> changes)
    {
        final CachedEpochClock epochClock = new CachedEpochClock();
        final EventEmitter emit = new EventEmitter(URI, (error) -> fail("no handler fails here", error),
            new StatsRecorder(new CachedNanoClock(), epochClock), epochClock, null);
        emit.dispatcher().add(EventType.STATE_CHANGE, changes::add);
        return new ClientState(URI, emit);
    }

    @Test
    void shouldMoveThroughAWholeLifeAnnouncingEachTransition()
    {
        final ConnectionState[] path =
            { CONNECTING, CONNECTED, DISCONNECTING, DISCONNECTED, RECONNECTING, BACKING_OFF, CONNECTING, FAILED };
        for (final ConnectionState next : path)
        {
            state.transition(next);
        }

        assertEquals(FAILED, state.get());
        assertEquals(path.length, changes.size());
        ConnectionState previous = IDLE;
        for (int i = 0; i < path.length; i++)
        {
            assertEquals(previous, changes.get(i).oldState(), "change " + i);
            assertEquals(path[i], changes.get(i).newState(), "change " + i);
            previous = path[i];
        }
    }

    @Test
    void shouldRefuseATransitionTheTableDoesNotAllowAndStayPut()
    {
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> state.transition(CONNECTED));

        assertTrue(refused.getMessage().contains(URI) && refused.getMessage().contains("IDLE -> CONNECTED"),
            refused.getMessage());
        assertEquals(IDLE, state.get());
        assertTrue(changes.isEmpty(), "nothing announced");
    }

    @Test
    void shouldRefuseSendsBeforeStartAndSayClosedOnceCloseIsRequested()
    {
        final InvalidStateException early = assertThrows(InvalidStateException.class,
            () -> state.isClosedForSending("send"));
        assertTrue(early.getMessage().contains("send"), early.getMessage());

        assertTrue(state.start());
        assertFalse(state.start(), "started once");
        assertFalse(state.isClosedForSending("send"));

        state.requestClose();
        assertTrue(state.isClosedForSending("send"), "close() is seen at once, before the engine thread runs it");
        assertTrue(state.isCloseRequested());
    }

    @Test
    void shouldSayClosedForSendingWhenCloseComesBeforeConnect()
    {
        state.requestClose();

        assertTrue(state.isClosedForSending("send"), "CLOSED, not a programming error");
    }

    @Test
    void shouldSayClosedForSendingOnceTerminalWithoutAClose()
    {
        assertTrue(state.start());
        state.transition(CONNECTING);
        state.transition(CLOSED);

        assertTrue(state.isClosedForSending("send"));
        assertFalse(state.isCloseRequested());
    }

    @Test
    void shouldOfferNoConnectionToWriteToBetweenConnections()
    {
        state.transition(CONNECTING);

        assertNull(state.writable());
        assertNull(state.detach(), "nothing to let go of");
        assertTrue(state.isGone(null), "not CONNECTED");
    }
}
