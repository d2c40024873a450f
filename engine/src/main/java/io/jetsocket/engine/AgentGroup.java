/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.collections.ArrayUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/**
 * The agents that run in the engine's duty cycle after the connections' I/O (e.g. the client's conductor). Engine
 * thread only: additions and removals arrive as tasks on the command channel.
 */
final class AgentGroup
{
    private final ErrorHandler errorHandler;
    private Agent[] agents = new Agent[0];

    AgentGroup(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
    }

    void add(final Agent agent)
    {
        agent.onStart();
        agents = ArrayUtil.add(agents, agent);
    }

    void remove(final Agent agent)
    {
        final Agent[] before = agents;
        agents = ArrayUtil.remove(agents, agent);
        if (before != agents)
        {
            agent.onClose();
        }
    }

    int doWork()
    {
        int work = 0;
        final Agent[] current = agents;
        for (final Agent agent : current)
        {
            try
            {
                work += agent.doWork();
            }
            catch (final AgentTerminationException ex)
            {
                remove(agent);
            }
            catch (final Exception ex)
            {
                errorHandler.onError(ex);
            }
        }
        return work;
    }

    /**
     * Close every agent (the engine is closing): they learn from onClose that no duty cycle will follow.
     */
    void closeAll()
    {
        for (final Agent agent : agents)
        {
            CloseHelper.quietClose(agent::onClose);
        }
        agents = new Agent[0];
    }
}
