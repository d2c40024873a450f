/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client asks its engine whether a call runs on the engine thread, so a blocking call made from the handler of
 * another client on the same engine never waits for work that only that (blocked) thread could do; and calls on a
 * client whose engine is closed fail at once instead of hanging.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineThreadCallTest
{
    @Test
    void shouldNotBlockTheEngineThreadWhenClosingAnotherClientFromAHandler() throws Exception
    {
        try (TestServer server = TestServer.start())
        {
            final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("shared-engine"));
            try
            {
                // A long close timeout: waiting for it on the engine thread would outlast the test's timeout.
                final WebSocket<Object> a = WebSocket.builder(server.uri("/echo")).engine(engine)
                    .closeTimeout(Duration.ofSeconds(60)).build();
                final WebSocket<Object> b = WebSocket.builder(server.uri("/echo")).engine(engine).build();
                final CompletableFuture<Boolean> closedFromHandler = new CompletableFuture<>();
                b.on(EventType.CONNECTED, (event) ->
                {
                    a.close();
                    closedFromHandler.complete(engine.isEngineThread());
                });
                b.connect().get(10, TimeUnit.SECONDS);

                assertTrue(closedFromHandler.get(10, TimeUnit.SECONDS));
                a.closeFuture().get(10, TimeUnit.SECONDS);
                assertTrue(a.state().isTerminal());
                b.close();
            }
            finally
            {
                engine.close();
            }
        }
    }

    @Test
    void shouldFailConnectAndCloseOnAClosedEngineAtOnce() throws Exception
    {
        try (TestServer server = TestServer.start())
        {
            final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("closed-first"));
            final WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine)
                .closeTimeout(Duration.ofSeconds(60)).build();
            engine.close();

            final ExecutionException connectFailed =
                assertThrows(ExecutionException.class, () -> ws.connect().get(5, TimeUnit.SECONDS));
            assertInstanceOf(EngineClosedException.class, connectFailed.getCause());

            ws.close(); // returns at once: there is nothing left to wait for
            final ExecutionException closeFailed =
                assertThrows(ExecutionException.class, () -> ws.closeFuture().get(5, TimeUnit.SECONDS));
            assertInstanceOf(EngineClosedException.class, closeFailed.getCause());
            assertEquals(ConnectionState.IDLE, ws.state());
        }
    }
}
