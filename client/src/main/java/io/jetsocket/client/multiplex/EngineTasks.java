/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.WebSocketEngine;

/**
 * Runs the multiplexer's work on the engine thread, which alone touches the routing table, the rotation state and
 * the watchdog's timers: at once when already there, else through the engine's ordered task channel, so tasks
 * posted by one thread run in the order posted (a route is in place before the answer to its subscribe message).
 */
final class EngineTasks
{
    private EngineTasks()
    {
    }

    /**
     * Run a task on the engine thread.
     *
     * @throws EngineClosedException if the engine is closed.
     */
    static void run(final WebSocketEngine engine, final Runnable task)
    {
        if (engine.isEngineThread())
        {
            task.run();
        }
        else
        {
            engine.execute(task);
        }
    }

    /**
     * Run a task on the engine thread, if the engine is still open: a closed one routes nothing any more, so there
     * is nothing left to undo.
     */
    static void runIfOpen(final WebSocketEngine engine, final Runnable task)
    {
        try
        {
            run(engine, task);
        }
        catch (final EngineClosedException ignore)
        {
            // the engine is gone: nothing routes any more
        }
    }
}
