/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's default error handler logs to {@code io.jetsocket.engine} (here through {@link System.Logger}'s
 * default {@code java.util.logging} back end) instead of printing to standard error.
 */
class LoggingErrorHandlerTest
{
    @Test
    void shouldBeTheDefaultAndLogAtErrorWithTheStackTrace()
    {
        final List<LogRecord> records = new ArrayList<>();
        final Logger logger = Logger.getLogger(LoggingErrorHandler.LOGGER_NAME); // held: JUL keeps loggers weakly
        final Handler capture = new Handler()
        {
            @Override
            public void publish(final LogRecord record)
            {
                records.add(record);
            }

            @Override
            public void flush()
            {
            }

            @Override
            public void close()
            {
            }
        };
        logger.addHandler(capture);
        try
        {
            final EngineContext context = new EngineContext().conclude();
            assertSame(LoggingErrorHandler.INSTANCE, context.errorHandler());

            final IllegalStateException error = new IllegalStateException("listener threw");
            context.errorHandler().onError(error);

            assertEquals(1, records.size());
            assertEquals(Level.SEVERE, records.get(0).getLevel());
            assertSame(error, records.get(0).getThrown());
            assertTrue(records.get(0).getMessage().contains("listener threw"), records.get(0).getMessage());
        }
        finally
        {
            logger.removeHandler(capture);
        }
    }
}
