/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.concurrent.Agent;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one agent of all the clients of an engine (as Aeron's {@code ClientConductor} is for its clients). Timed
 * work (back-off, heartbeat, pong timeout, age rotation, close timeout, the first connect's deadline) sits on the
 * engine's timer wheel and costs nothing until due; the conductor's duty cycle touches only clients with work
 * in hand (a send buffer to drain, messages other threads buffered), so an idle client costs nothing per cycle.
 * When the engine closes, the conductor tells every client it still owns.
 */
final class ClientConductor implements Agent
{
    /**
     * Work a client has for the duty cycle (engine thread).
     */
    interface Work
    {
        /**
         * Do some.
         *
         * @return how much was done, 0 for none.
         */
        int doWork();

        /**
         * Is there more to do? Asked when {@link #doWork()} did nothing; false takes it off the busy list until
         * the next {@link ClientConductor#wake}.
         *
         * @return true to stay on the list.
         */
        boolean hasWork();
    }

    /**
     * A client owned by the conductor (engine thread).
     */
    interface Member
    {
        /**
         * The engine closed under the client: no duty cycle follows.
         */
        void onEngineClosed();
    }

    private static final ConcurrentHashMap<WebSocketEngine, ClientConductor> CONDUCTORS = new ConcurrentHashMap<>();

    private final WebSocketEngine engine;
    private final ArrayList<Member> members = new ArrayList<>();
    private final ArrayList<Work> busy = new ArrayList<>();

    private ClientConductor(final WebSocketEngine engine)
    {
        this.engine = engine;
    }

    /**
     * The conductor of an engine, created and added to its duty cycle on first use (any thread).
     *
     * @param engine the engine.
     * @return its conductor.
     * @throws EngineClosedException if the engine is closed.
     */
    static ClientConductor of(final WebSocketEngine engine)
    {
        return CONDUCTORS.computeIfAbsent(engine, (key) ->
        {
            final ClientConductor conductor = new ClientConductor(key);
            key.addAgent(conductor);
            return conductor;
        });
    }

    @Override
    public String roleName()
    {
        return "jetsocket-client-conductor";
    }

    @Override
    public int doWork()
    {
        if (busy.isEmpty())
        {
            return 0;
        }
        int work = 0;
        for (int i = busy.size() - 1; i >= 0; i--)
        {
            if (i >= busy.size())
            {
                continue; // work done above finished other clients
            }
            final Work item = busy.get(i);
            final int done = item.doWork();
            work += done;
            if (0 == done && !item.hasWork())
            {
                busy.remove(i);
            }
        }
        return work;
    }

    @Override
    public void onClose()
    {
        CONDUCTORS.remove(engine, this);
        final Member[] owned = members.toArray(new Member[0]);
        members.clear();
        busy.clear();
        for (final Member member : owned)
        {
            member.onEngineClosed();
        }
    }

    /**
     * Own a client (engine thread).
     *
     * @param member the client.
     */
    void register(final Member member)
    {
        members.add(member);
    }

    /**
     * Let a finished client go (engine thread).
     *
     * @param member the client.
     * @param work   its work, if any, or null.
     */
    void unregister(final Member member, final Work work)
    {
        members.remove(member);
        if (null != work)
        {
            busy.remove(work);
        }
    }

    /**
     * Put work on the busy list until it has none (engine thread).
     *
     * @param work the work.
     */
    void wake(final Work work)
    {
        if (!busy.contains(work))
        {
            busy.add(work);
        }
    }

    /**
     * Clients owned (engine thread; for tests).
     *
     * @return the count.
     */
    int memberCount()
    {
        return members.size();
    }

    /**
     * Items on the busy list (engine thread; for tests).
     *
     * @return the count.
     */
    int busyCount()
    {
        return busy.size();
    }
}
