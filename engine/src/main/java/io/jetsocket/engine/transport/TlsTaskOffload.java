/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.transport;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import java.util.concurrent.Executor;

/**
 * Runs the delegated tasks of one {@link SSLEngine}'s handshake on an executor and hands the resumption back to the
 * engine thread. The engine thread calls {@link #offload()} and {@link #done()}; the executor's thread runs
 * {@link #run()}, which ends by giving {@code resumeHandshake} to {@code engineCommands} and does nothing else
 * besides the tasks. While the tasks run, the engine thread does not touch the {@link SSLEngine}.
 */
final class TlsTaskOffload implements Runnable
{
    private final SSLEngine engine;
    private final Executor taskExecutor;
    private final Executor engineCommands;
    private final Runnable resumeHandshake;
    private Runnable task; // handed to the executor's thread by Executor.execute's happens-before
    private volatile boolean inFlight;
    private volatile Throwable failure;

    TlsTaskOffload(
        final SSLEngine engine, final Executor taskExecutor, final Executor engineCommands,
        final Runnable resumeHandshake)
    {
        if (null == engineCommands || null == resumeHandshake)
        {
            throw new IllegalArgumentException("a TLS task executor needs engineCommands and resumeHandshake to " +
                "resume the handshake on the engine thread");
        }
        this.engine = engine;
        this.taskExecutor = taskExecutor;
        this.engineCommands = engineCommands;
        this.resumeHandshake = resumeHandshake;
    }

    /**
     * Are tasks running on the executor?
     *
     * @return true from {@link #offload()} until they are done.
     */
    boolean isInFlight()
    {
        return inFlight;
    }

    /**
     * Engine thread: hand the engine's next delegated task to the executor.
     *
     * @throws SSLException when the executor refuses it.
     */
    void offload() throws SSLException
    {
        final Runnable next = engine.getDelegatedTask();
        if (null == next)
        {
            return;
        }
        task = next;
        inFlight = true;
        try
        {
            taskExecutor.execute(this);
        }
        catch (final RuntimeException ex)
        {
            task = null;
            inFlight = false;
            throw new SSLException("the TLS delegated task executor refused a handshake task: " + ex, ex);
        }
    }

    /**
     * Engine thread, before driving the handshake: have the offloaded tasks finished, and well?
     *
     * @return false while they run.
     * @throws SSLException when a task failed outside the JDK's own reporting.
     */
    boolean done() throws SSLException
    {
        if (inFlight)
        {
            return false;
        }
        final Throwable failed = failure;
        if (null != failed)
        {
            failure = null;
            if (failed instanceof SSLException)
            {
                throw (SSLException)failed;
            }
            throw new SSLException("a TLS delegated task failed: " + failed, failed);
        }
        return true;
    }

    /**
     * Executor thread: run the task handed over and any the engine has next, then hand the resumption to the engine
     * thread.
     */
    public void run()
    {
        try
        {
            Runnable next = task;
            task = null;
            while (null != next)
            {
                next.run();
                next = engine.getDelegatedTask();
            }
        }
        catch (final Throwable ex)
        {
            failure = ex; // the JDK's own tasks keep their failure for the next wrap or unwrap instead
        }
        finally
        {
            inFlight = false; // a volatile write: the engine's new state is visible to whoever reads it false
            engineCommands.execute(resumeHandshake);
        }
    }
}
