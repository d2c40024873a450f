/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.client.agent.ReconnectTimers;
import io.jetsocket.client.venue.ConnectBudget;
import io.jetsocket.client.venue.ConnectBudgetExhaustedException;

/**
 * The venue's connect budget in front of every connection attempt (engine thread): an attempt goes when the budget
 * has one to give; otherwise the client backs off for exactly the wait the budget names, reported in a
 * {@code reconnecting} event, without counting a re-attempt (the wait is the venue's rule, not a failure of ours).
 * A first connect waits like a reconnect.
 * <p>
 * Stateless, so that it costs a client nothing: the budget is the venue's, shared by its clients, and what the wait
 * changes belongs to the lifecycle, which hands it in.
 */
final class ConnectBudgetGate
{
    private ConnectBudgetGate()
    {
    }

    /**
     * Take an attempt from the budget, or wait for one.
     *
     * @param budget         the venue's connect budget, or null for none.
     * @param timers         the engine's clock.
     * @param state          the client's state: {@link ConnectionState#BACKING_OFF} while it waits.
     * @param reconnectAgent arms the attempt after the wait.
     * @param emit           reports the wait.
     * @param firstConnect   keeps the wait as the last failure: the cause of a first connect that times out meanwhile.
     * @param nextAttempt    the attempt of the outage that waits, for the {@code reconnecting} event.
     * @return true when the attempt may go now.
     */
    static boolean admit(
        final ConnectBudget budget,
        final ClientTimers timers,
        final ClientState state,
        final ReconnectTimers reconnectAgent,
        final EventEmitter emit,
        final FirstConnect firstConnect,
        final int nextAttempt)
    {
        if (null == budget)
        {
            return true;
        }
        final long waitNs = budget.tryAcquire(timers.nowNs());
        if (0 == waitNs)
        {
            return true;
        }
        if (ConnectionState.IDLE == state.get())
        {
            state.transition(ConnectionState.CONNECTING); // the first connect waits like a reconnect
        }
        if (ConnectionState.CONNECTING == state.get())
        {
            state.transition(ConnectionState.BACKING_OFF);
        }
        if (ConnectionState.BACKING_OFF != state.get())
        {
            return false; // a handler closed the client meanwhile
        }
        final ConnectBudgetExhaustedException wait = new ConnectBudgetExhaustedException(budget, waitNs, state.uri());
        firstConnect.recordFailure(wait);
        reconnectAgent.scheduleAfter(waitNs);
        emit.reconnecting(nextAttempt, waitNs, wait);
        return false;
    }
}
