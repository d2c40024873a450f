/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what a {@link System.Logger} writes, through its default {@code java.util.logging} back end.
 */
final class CapturedLog extends Handler implements AutoCloseable
{
    private final Logger logger; // held strongly: java.util.logging keeps loggers only weakly
    private final LinkedBlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();

    private CapturedLog(final String name)
    {
        logger = Logger.getLogger(name);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    static CapturedLog of(final String name)
    {
        return new CapturedLog(name);
    }

    LogRecord await(final Duration timeout) throws InterruptedException
    {
        final LogRecord record = records.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (null == record)
        {
            throw new AssertionError("nothing logged to " + logger.getName() + " within " + timeout);
        }
        return record;
    }

    LogRecord poll()
    {
        return records.poll();
    }

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
        logger.removeHandler(this);
    }
}
