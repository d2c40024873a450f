/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.testing;

import java.util.concurrent.TimeUnit;

/**
 * Teardown of a server the tests run as a child process (Node, Python, tinyproxy, Dante).
 */
public final class ChildProcess
{
    private ChildProcess()
    {
    }

    /**
     * Ask the process to end, wait up to 5 s, then kill it and wait up to 5 s more. Interrupted, it kills the
     * process at once and keeps the thread's interrupt status.
     *
     * @param process to stop.
     */
    public static void stop(final Process process)
    {
        process.destroy();
        try
        {
            if (!process.waitFor(5, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
