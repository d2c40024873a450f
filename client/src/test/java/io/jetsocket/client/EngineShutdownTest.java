/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client whose engine is shut down under it ends in FAILED, with {@code closed} fired once, instead of
 * backing off forever towards an engine that will never run again.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineShutdownTest
{
    @Test
    void shouldFailWhenTheEngineIsClosedUnderAConnectedClient() throws Exception
    {
        try (TestServer server = TestServer.start())
        {
            final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("shutdown-test"));
            final WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine).build();
            ws.connect().get(10, TimeUnit.SECONDS);

            engine.close();

            final ClosedEvent closed = ws.closeFuture().get(10, TimeUnit.SECONDS);
            assertEquals(ConnectionState.FAILED, closed.state());
            assertEquals(ConnectionState.FAILED, ws.state());
        }
    }
}
