/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.status.CountersFile;
import io.jetsocket.engine.status.EngineCounter;
import io.jetsocket.engine.status.EngineCounters;
import io.jetsocket.engine.status.EngineCountersReader;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineContextTest
{
    private static final String[] PROPERTIES = {
        EngineContext.RECEIVE_BUFFER_LENGTH_PROP_NAME, EngineContext.SEND_BUFFER_LENGTH_PROP_NAME,
        EngineContext.MAX_MESSAGE_LENGTH_PROP_NAME, EngineContext.MAX_FRAME_LENGTH_PROP_NAME,
        EngineContext.MAX_FRAGMENTS_PROP_NAME, EngineContext.MAX_OUTBOUND_BYTES_PROP_NAME,
        EngineContext.SEND_QUEUE_CAPACITY_PROP_NAME, EngineContext.CONNECT_TIMEOUT_PROP_NAME,
        EngineContext.CLOSE_TIMEOUT_PROP_NAME, EngineContext.MAX_HANDSHAKE_HEADER_BYTES_PROP_NAME,
        EngineContext.MAX_HANDSHAKE_HEADER_COUNT_PROP_NAME, EngineContext.TCP_NODELAY_PROP_NAME,
        EngineContext.SOCKET_RCVBUF_PROP_NAME, EngineContext.SOCKET_SNDBUF_PROP_NAME,
        EngineContext.IDLE_STRATEGY_PROP_NAME, EngineContext.COUNTERS_DIR_PROP_NAME};

    @TempDir
    File dir;

    @AfterEach
    void clearProperties()
    {
        for (final String name : PROPERTIES)
        {
            System.clearProperty(name);
        }
    }

    @Test
    void shouldRefuseASecondConclude()
    {
        final EngineContext context = new EngineContext().roleName("feed");
        assertFalse(context.isConcluded());
        context.conclude();
        assertTrue(context.isConcluded());

        final IllegalStateException ex = assertThrows(IllegalStateException.class, context::conclude);
        assertEquals("EngineContext \"feed\" is already concluded: a context configures one engine; " +
            "create a new EngineContext for each engine", ex.getMessage());
    }

    @Test
    void shouldRefuseToLaunchASecondEngineOnOneContext()
    {
        final EngineContext context = new EngineContext();
        try (WebSocketEngine ignored = WebSocketEngine.embedded(context))
        {
            assertThrows(IllegalStateException.class, () -> WebSocketEngine.embedded(context));
        }
    }

    @Test
    void shouldKeepTheSeedsDefaultsAndBoundFragments()
    {
        final EngineContext context = new EngineContext().conclude();

        assertEquals(EngineContext.MAX_FRAGMENTS_DEFAULT, context.maxFragments());
        assertTrue(context.maxFragments() >= 1000 && context.maxFragments() < 10_000, "low thousands");
        assertEquals(64 * 1024 * 1024, context.maxMessageLength());
        assertEquals(TimeUnit.SECONDS.toNanos(10), context.connectTimeoutNs());
        assertEquals(TimeUnit.SECONDS.toNanos(5), context.closeTimeoutNs());
        assertInstanceOf(BackoffIdleStrategy.class, context.idleStrategy());
        assertTrue(context.tcpNoDelay());
        assertNull(context.tlsDelegatedTaskExecutor());
        assertNull(context.countersDirectory());
        assertNotNull(context.counters());
        assertFalse(context.counters().isMapped());
    }

    @Test
    void shouldTakeDefaultsFromSystemProperties()
    {
        System.setProperty(EngineContext.RECEIVE_BUFFER_LENGTH_PROP_NAME, "128k");
        System.setProperty(EngineContext.SEND_BUFFER_LENGTH_PROP_NAME, "32k");
        System.setProperty(EngineContext.MAX_MESSAGE_LENGTH_PROP_NAME, "1m");
        System.setProperty(EngineContext.MAX_FRAME_LENGTH_PROP_NAME, "512k");
        System.setProperty(EngineContext.MAX_FRAGMENTS_PROP_NAME, "100");
        System.setProperty(EngineContext.MAX_OUTBOUND_BYTES_PROP_NAME, "2m");
        System.setProperty(EngineContext.SEND_QUEUE_CAPACITY_PROP_NAME, "1m");
        System.setProperty(EngineContext.CONNECT_TIMEOUT_PROP_NAME, "3s");
        System.setProperty(EngineContext.CLOSE_TIMEOUT_PROP_NAME, "250ms");
        System.setProperty(EngineContext.MAX_HANDSHAKE_HEADER_BYTES_PROP_NAME, "8k");
        System.setProperty(EngineContext.MAX_HANDSHAKE_HEADER_COUNT_PROP_NAME, "50");
        System.setProperty(EngineContext.TCP_NODELAY_PROP_NAME, "false");
        System.setProperty(EngineContext.SOCKET_RCVBUF_PROP_NAME, "4m");
        System.setProperty(EngineContext.SOCKET_SNDBUF_PROP_NAME, "256k");
        System.setProperty(EngineContext.IDLE_STRATEGY_PROP_NAME, "spin");

        final EngineContext context = new EngineContext().conclude();

        assertEquals(128 * 1024, context.receiveBufferLength());
        assertEquals(32 * 1024, context.sendBufferLength());
        assertEquals(1024 * 1024, context.maxMessageLength());
        assertEquals(512 * 1024, context.maxFrameLength());
        assertEquals(100, context.maxFragments());
        assertEquals(2 * 1024 * 1024, context.maxOutboundBytes());
        assertEquals(1024 * 1024, context.sendQueueCapacity());
        assertEquals(TimeUnit.SECONDS.toNanos(3), context.connectTimeoutNs());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250), context.closeTimeoutNs());
        assertEquals(8 * 1024, context.maxHandshakeHeaderBytes());
        assertEquals(50, context.maxHandshakeHeaderCount());
        assertFalse(context.tcpNoDelay());
        assertEquals(4 * 1024 * 1024, context.socketReceiveBufferSize());
        assertEquals(256 * 1024, context.socketSendBufferSize());
        assertInstanceOf(BusySpinIdleStrategy.class, context.idleStrategy());
    }

    @Test
    void shouldLetSettersOverrideProperties()
    {
        System.setProperty(EngineContext.MAX_FRAGMENTS_PROP_NAME, "100");
        System.setProperty(EngineContext.IDLE_STRATEGY_PROP_NAME, "spin");

        final YieldingIdleStrategy idle = new YieldingIdleStrategy();
        final EngineContext context = new EngineContext().maxFragments(7).idleStrategy(idle).conclude();

        assertEquals(7, context.maxFragments());
        assertSame(idle, context.idleStrategy());
    }

    @Test
    void shouldNameIdleStrategiesByAliasOrClass()
    {
        assertInstanceOf(BackoffIdleStrategy.class, EngineContext.idleStrategyFromProperty());
        System.setProperty(EngineContext.IDLE_STRATEGY_PROP_NAME, "yield");
        assertInstanceOf(YieldingIdleStrategy.class, EngineContext.idleStrategyFromProperty());
        System.setProperty(EngineContext.IDLE_STRATEGY_PROP_NAME, "sleep-ms");
        assertInstanceOf(SleepingMillisIdleStrategy.class, EngineContext.idleStrategyFromProperty());
        System.setProperty(EngineContext.IDLE_STRATEGY_PROP_NAME, "noop");
        assertSame(NoOpIdleStrategy.INSTANCE, EngineContext.idleStrategyFromProperty());
        System.setProperty(EngineContext.IDLE_STRATEGY_PROP_NAME, SelectingIdleStrategy.ALIAS);
        assertInstanceOf(SelectingIdleStrategy.class, EngineContext.idleStrategyFromProperty());
        System.setProperty(EngineContext.IDLE_STRATEGY_PROP_NAME, YieldingIdleStrategy.class.getName());
        assertInstanceOf(YieldingIdleStrategy.class, EngineContext.idleStrategyFromProperty());

        System.setProperty(EngineContext.IDLE_STRATEGY_PROP_NAME, "java.lang.String");
        final IllegalArgumentException notIdle = assertThrows(IllegalArgumentException.class,
            EngineContext::idleStrategyFromProperty);
        assertTrue(notIdle.getMessage().startsWith(
            "jetsocket.engine.idle.strategy=java.lang.String is neither an idle strategy alias"), notIdle.getMessage());
        System.setProperty(EngineContext.IDLE_STRATEGY_PROP_NAME, "fast");
        assertThrows(IllegalArgumentException.class, EngineContext::idleStrategyFromProperty);
    }

    @Test
    void shouldWriteCountersToTheFileOfTheCountersDirectory()
    {
        System.setProperty(EngineContext.COUNTERS_DIR_PROP_NAME, dir.getPath());
        final EngineContext context = new EngineContext().roleName("md-feed");
        assertEquals(dir, context.countersDirectory());

        context.conclude();
        context.counters().onMessageReceived();

        final File file = new File(dir, "md-feed" + CountersFile.FILE_SUFFIX);
        assertEquals(file, context.counters().file());
        try (EngineCountersReader reader = EngineCountersReader.map(file))
        {
            assertEquals("md-feed", reader.roleName());
            assertEquals(1, reader.value(EngineCounter.MESSAGES_IN));
        }
    }

    @Test
    void shouldUseCountersGivenToIt()
    {
        final EngineCounters counters = EngineCounters.inMemory();
        assertSame(counters, new EngineContext().counters(counters).conclude().counters());
    }

    @Test
    void shouldCountAndPassOnEngineErrors()
    {
        final List<Throwable> seen = new ArrayList<>();
        final EngineContext context = new EngineContext().errorHandler(seen::add).conclude();
        final RuntimeException error = new RuntimeException("boom");

        context.errorHandler().onError(error);

        assertEquals(List.of(error), seen);
        assertEquals(1, context.counters().get(EngineCounter.ENGINE_ERRORS));
    }

    @Test
    void shouldLogEngineErrorsThroughSystemLoggerByDefault()
    {
        final Logger logger = Logger.getLogger(LoggingErrorHandler.LOGGER_NAME);
        final List<LogRecord> records = new ArrayList<>();
        final Handler handler = new Handler()
        {
            public void publish(final LogRecord record)
            {
                records.add(record);
            }

            public void flush()
            {
            }

            public void close()
            {
            }
        };
        final boolean useParent = logger.getUseParentHandlers();
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
        try
        {
            final EngineContext context = new EngineContext().roleName("quiet-engine").conclude();
            final IllegalStateException error = new IllegalStateException("selector broke");
            context.errorHandler().onError(error);

            assertEquals(1, records.size());
            assertEquals(java.util.logging.Level.SEVERE, records.get(0).getLevel());
            assertSame(error, records.get(0).getThrown());
            assertTrue(records.get(0).getMessage().contains("quiet-engine"), records.get(0).getMessage());
            assertEquals(1, context.counters().get(EngineCounter.ENGINE_ERRORS));
        }
        finally
        {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(useParent);
        }
    }

    @Test
    void shouldKeepTheTlsDelegatedTaskExecutor()
    {
        final Executor executor = Runnable::run;
        assertSame(executor, new EngineContext().tlsDelegatedTaskExecutor(executor).conclude()
            .tlsDelegatedTaskExecutor());
    }
}
