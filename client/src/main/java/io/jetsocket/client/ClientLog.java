/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.EventType;

/**
 * What the client logs when nobody listens: errors reported while no {@link EventType#ERROR} handler is registered,
 * and event handlers that threw. Logger {@value #LOGGER_NAME}, through {@link System.Logger} (no logging
 * dependency; SLF4J, Log4j 2 and Logback bridge it).
 * <p>
 * Levels, chosen so that a production log can keep {@code WARNING} on:
 * <ul>
 *     <li>{@code ERROR} with the stack trace: a fatal error, after which the client is {@code FAILED};</li>
 *     <li>{@code WARNING} without the stack trace: an error the client recovers from (a failed connect attempt
 *     before a retry, a message the codec could not decode, a missed pong); at most one per event;</li>
 *     <li>{@code WARNING} with the stack trace: an event handler threw (a bug in the application).</li>
 * </ul>
 * Registering an {@code ERROR} handler takes over the first two: the application then hears of errors itself.
 * Logging runs on the thread that reported the error, usually the engine thread.
 */
final class ClientLog
{
    /** The logger name of the client. */
    static final String LOGGER_NAME = "io.jetsocket.client";

    private static final System.Logger LOGGER = System.getLogger(LOGGER_NAME);

    private ClientLog()
    {
    }

    static void unhandledError(final String uri, final Throwable error, final boolean fatal)
    {
        if (fatal)
        {
            LOGGER.log(System.Logger.Level.ERROR, "JetSocket client " + uri + " failed: " + error, error);
        }
        else if (LOGGER.isLoggable(System.Logger.Level.WARNING))
        {
            LOGGER.log(System.Logger.Level.WARNING, "JetSocket client " + uri + ": " + error +
                " (register an ERROR handler to handle these yourself)");
        }
    }

    static void handlerFailed(final String uri, final EventType<?> type, final Throwable error)
    {
        LOGGER.log(System.Logger.Level.WARNING,
            "JetSocket client " + uri + ": a handler of " + type.name() + " threw " + error, error);
    }

    static void handlerExecutorRejected(final Throwable error)
    {
        LOGGER.log(System.Logger.Level.WARNING, "JetSocket client: the handler executor refused a task (" + error +
            "); this client's handlers now run on the thread that emits the event, usually the engine thread");
    }
}
