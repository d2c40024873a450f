/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.ErrorHandler;

/**
 * The default engine error handler: errors that belong to no connection go to {@link System.Logger}
 * ({@code io.jetsocket.engine}, level ERROR), so they land wherever the application sends its logs
 * ({@code java.util.logging} by default, or an SLF4J/Log4j bridge).
 */
final class LoggingErrorHandler implements ErrorHandler
{
    static final String LOGGER_NAME = "io.jetsocket.engine";

    private final System.Logger logger = System.getLogger(LOGGER_NAME);
    private final String roleName;

    LoggingErrorHandler(final String roleName)
    {
        this.roleName = roleName;
    }

    @Override
    public void onError(final Throwable throwable)
    {
        logger.log(System.Logger.Level.ERROR, "engine " + roleName + ": " + throwable, throwable);
    }
}
