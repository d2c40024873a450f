/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.ErrorHandler;

/**
 * The engine's default {@link ErrorHandler}: logs each error at {@link System.Logger.Level#ERROR ERROR}, with its
 * stack trace, to the {@link System.Logger} named {@value #LOGGER_NAME}.
 * <p>
 * These are errors nobody asked to hear about and that have no other way out: a listener callback that threw, a
 * failure of the engine's duty cycle, an agent that failed. They are rare and point at a bug, so a production log
 * can keep this level on. {@link System.Logger} needs no logging dependency: by default it writes through
 * {@code java.util.logging} (to standard error); SLF4J, Log4j 2 and Logback route it with their
 * {@code System.LoggerFinder} bridges. Replace the handler with {@link EngineContext#errorHandler(ErrorHandler)}
 * to send errors elsewhere.
 * <p>
 * Runs on the engine thread: a logging back end that blocks stalls every connection for that long, which is
 * acceptable only because errors are rare.
 */
public final class LoggingErrorHandler implements ErrorHandler
{
    /** The logger name of the engine. */
    public static final String LOGGER_NAME = "io.jetsocket.engine";

    /** The shared instance. */
    public static final LoggingErrorHandler INSTANCE = new LoggingErrorHandler();

    private static final System.Logger LOGGER = System.getLogger(LOGGER_NAME);

    private LoggingErrorHandler()
    {
    }

    /**
     * Log the error at {@code ERROR}.
     *
     * @param throwable the error.
     */
    @Override
    public void onError(final Throwable throwable)
    {
        LOGGER.log(System.Logger.Level.ERROR, "JetSocket engine error: " + throwable, throwable);
    }
}
