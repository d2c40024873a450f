/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionStateTest
{
    @Test
    void shouldHaveTheNineStatesOfTheSeeds()
    {
        assertEquals(9, ConnectionState.values().length);
        assertEquals("backing_off", BACKING_OFF.value());
        assertEquals("idle", IDLE.value());
    }

    @Test
    void shouldAllowExactlyTheTransitionTable()
    {
        final Map<ConnectionState, Set<ConnectionState>> table = Map.of(
            IDLE, EnumSet.of(CONNECTING, CLOSED),
            CONNECTING, EnumSet.of(CONNECTED, RECONNECTING, BACKING_OFF, FAILED, CLOSED),
            CONNECTED, EnumSet.of(DISCONNECTING, DISCONNECTED, RECONNECTING),
            DISCONNECTING, EnumSet.of(DISCONNECTED, CLOSED),
            DISCONNECTED, EnumSet.of(RECONNECTING, CLOSED, FAILED),
            RECONNECTING, EnumSet.of(BACKING_OFF, CONNECTING, FAILED),
            BACKING_OFF, EnumSet.of(CONNECTING, FAILED, CLOSED),
            FAILED, EnumSet.noneOf(ConnectionState.class),
            CLOSED, EnumSet.noneOf(ConnectionState.class));
        for (final ConnectionState from : ConnectionState.values())
        {
            for (final ConnectionState to : ConnectionState.values())
            {
                assertEquals(table.get(from).contains(to), from.canTransitionTo(to), from + " -> " + to);
            }
            assertEquals(table.get(from), from.allowedNext());
        }
    }

    @Test
    void shouldClassifyStates()
    {
        for (final ConnectionState state : ConnectionState.values())
        {
            assertEquals(state == FAILED || state == CLOSED, state.isTerminal(), state.value());
            assertEquals(state == CONNECTING || state == CONNECTED, state.isActive(), state.value());
            assertEquals(state == CONNECTED, state.canSend(), state.value());
            assertEquals(state == DISCONNECTED || state == RECONNECTING || state == BACKING_OFF,
                state.canReconnect(), state.value());
        }
        assertTrue(CLOSED.allowedNext().isEmpty());
        assertFalse(IDLE.canTransitionTo(IDLE));
    }
}
