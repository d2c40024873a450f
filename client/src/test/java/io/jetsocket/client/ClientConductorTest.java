/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.ReplayConfig;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.SteppedEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * One conductor per engine owns every client of that engine; idle clients put nothing on its busy list, and their
 * timers live on the engine's wheel. Driven on this thread through an embedded engine with a stepped clock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientConductorTest
{
    private static final Duration STEP = Duration.ofNanos(100_000);

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = TestServer.start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void shouldOwnEveryClientOfAnEngineAndLeaveIdleClientsAlone() throws Exception
    {
        try (SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("conductor-test-engine")))
        {
            final WebSocketEngine engine = stepped.engine();
            final List<WebSocket<Object>> clients = new ArrayList<>();
            final List<CompletableFuture<Void>> opened = new ArrayList<>();
            for (int i = 0; i < 5; i++)
            {
                final WebSocket<Object> ws = WebSocket.builder(server.uri("/echo")).engine(engine)
                    .heartbeat(Duration.ofSeconds(30)).replay(ReplayConfig.fullBuffer()).build();
                clients.add(ws);
                opened.add(ws.connect());
            }
            final ClientConductor conductor = ClientConductor.of(engine);
            assertSame(conductor, ClientConductor.of(engine), "one per engine");
            stepped.driveUntil(STEP, () -> opened.stream().allMatch(CompletableFuture::isDone));

            assertEquals(5, conductor.memberCount());
            assertEquals(0, conductor.busyCount(), "connected and idle: no per-cycle work");

            final WebSocket<Object> first = clients.get(0);
            assertEquals(SendStatus.SENT, first.sendText("\"hello\""));
            assertEquals(0, conductor.busyCount(), "a direct send needs no conductor work");

            for (final WebSocket<Object> ws : clients)
            {
                ws.close(1000, "done");
            }
            stepped.driveUntil(STEP, () -> clients.stream().allMatch((ws) -> ws.state().isTerminal()));
            assertEquals(0, conductor.memberCount(), "finished clients are let go");
        }
    }
}
