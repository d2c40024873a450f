/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.testing.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Errors nobody listens for are logged to {@code io.jetsocket.client}, never dropped in silence; an application
 * that registers an ERROR handler hears of them itself and nothing is logged.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientLogTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final ServerAndEngine FIXTURE = new ServerAndEngine("client-log-test-engine");

    @Test
    void shouldLogAFatalErrorWithItsStackTraceWhenNoErrorHandlerIsRegistered() throws Exception
    {
        final String uri = "ws://127.0.0.1:" + LoopbackServer.closedPort() + "/";
        final WebSocket<Object> ws = WebSocket.builder(uri).engine(FIXTURE.engine()).reconnect(false).build();
        try (CapturedLog log = CapturedLog.of(ClientLog.LOGGER_NAME))
        {
            final ExecutionException failure =
                assertThrows(ExecutionException.class, () -> ws.connect().get(10, TimeUnit.SECONDS));

            final LogRecord record = log.await(WAIT);
            assertEquals(Level.SEVERE, record.getLevel());
            assertEquals(failure.getCause(), record.getThrown());
            assertTrue(record.getMessage().contains(uri) && record.getMessage().contains("failed"),
                record.getMessage());
        }
    }

    @Test
    void shouldLogARecoverableErrorWithoutAStackTrace() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo"))
            .engine(FIXTURE.engine()).reconnect(false).build();
        try (CapturedLog log = CapturedLog.of(ClientLog.LOGGER_NAME))
        {
            ws.connect().get(10, TimeUnit.SECONDS);
            ws.sendText("{not json"); // echoed back, then the JSON codec cannot decode it

            final LogRecord record = log.await(WAIT);
            assertEquals(Level.WARNING, record.getLevel());
            assertNull(record.getThrown());
            assertTrue(record.getMessage().contains("register an ERROR handler"), record.getMessage());
            ws.close();
        }
    }

    @Test
    void shouldLogAHandlerThatThrewWithItsStackTrace() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo"))
            .engine(FIXTURE.engine()).reconnect(false).build();
        final IllegalStateException bug = new IllegalStateException("bug in the application's handler");
        ws.on(EventType.CONNECTED, (event) ->
        {
            throw bug;
        });
        try (CapturedLog log = CapturedLog.of(ClientLog.LOGGER_NAME))
        {
            ws.connect().get(10, TimeUnit.SECONDS);

            final LogRecord record = log.await(WAIT);
            assertEquals(Level.WARNING, record.getLevel());
            assertEquals(bug, record.getThrown());
            assertTrue(record.getMessage().contains("a handler of connected threw"), record.getMessage());
            ws.close();
        }
    }

    @Test
    void shouldLogNothingWhenTheApplicationHandlesErrors() throws Exception
    {
        final String uri = "ws://127.0.0.1:" + LoopbackServer.closedPort() + "/";
        final WebSocket<Object> ws = WebSocket.builder(uri).engine(FIXTURE.engine()).reconnect(false).build();
        final EventLog events = EventLog.attach(ws);
        try (CapturedLog log = CapturedLog.of(ClientLog.LOGGER_NAME))
        {
            assertThrows(ExecutionException.class, () -> ws.connect().get(10, TimeUnit.SECONDS));

            assertNotNull(events.await(EventType.ERROR, WAIT));
            assertNull(log.poll());
        }
    }
}
