/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.ErrorHandler;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Lets the engine thread block in its selector while it has nothing to do ({@link SelectingIdleStrategy}), and lets
 * producers wake it when they queue a command. Like Netty's wake-up flag: producers call {@code wakeup()} only while
 * the engine is parked, so a busy engine pays no system call per command.
 */
final class SelectorWakeup
{
    private static final Consumer<SelectionKey> IGNORE_READY_KEY = (key) ->
    {
    };

    private final Selector selector;
    private final boolean enabled;
    private final ErrorHandler errorHandler;
    // Set while the engine thread blocks in the selector: producers then wake it.
    private volatile boolean parked;

    SelectorWakeup(final Selector selector, final boolean enabled, final ErrorHandler errorHandler)
    {
        this.selector = selector;
        this.enabled = enabled;
        this.errorHandler = errorHandler;
    }

    /**
     * After queuing a command: wake the engine thread if it blocks in the selector. Costs nothing unless the engine
     * idles with {@link SelectingIdleStrategy}.
     */
    void wakeUpIfParked()
    {
        if (enabled)
        {
            // The record was committed with a release store: fence so that reading parked cannot move before it
            // (else both sides could miss each other: the engine blocks while a command waits).
            VarHandle.fullFence();
            if (parked)
            {
                selector.wakeup();
            }
        }
    }

    /**
     * Wake the engine thread whatever it is doing (the engine is closing).
     */
    void wakeUp()
    {
        if (enabled)
        {
            selector.wakeup();
        }
    }

    /**
     * Block the engine thread in the selector until a socket is ready, a command arrives or the time is up. The
     * selected keys are left to the next duty cycle, which reads them again.
     *
     * @param maxBlockNs  longest block.
     * @param nothingToDo asked after the parked flag is set: whether the engine may block (no command waits).
     */
    void park(final long maxBlockNs, final BooleanSupplier nothingToDo)
    {
        parked = true;
        try
        {
            if (nothingToDo.getAsBoolean())
            {
                // With an action the selected-key set is not used (filling it costs a node per ready key): the next
                // duty cycle finds the ready channels again, since readiness is level-triggered.
                selector.select(IGNORE_READY_KEY, Math.max(1, TimeUnit.NANOSECONDS.toMillis(maxBlockNs)));
            }
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
        }
        finally
        {
            parked = false;
        }
    }
}
