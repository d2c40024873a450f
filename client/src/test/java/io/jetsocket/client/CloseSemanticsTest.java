/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.ReplayConfig;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.status.EngineCounter;
import io.jetsocket.engine.testing.SteppedEngine;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a close means: sends after {@code close()} say {@link SendStatus#CLOSED} (not NOT_CONNECTED, not
 * BUFFERED, not SENT), and the client's close timeout is the engine connection's close timeout, measured on a
 * stepped engine clock against a server that never answers the close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CloseSemanticsTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final ServerAndEngine FIXTURE = new ServerAndEngine("close-semantics-test-engine");

    @Test
    void shouldSayClosedForSendsAfterClose() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build();
        ws.connect().get(10, TimeUnit.SECONDS);

        final CompletableFuture<?> closing = ws.closeAsync();
        assertEquals(SendStatus.CLOSED, ws.sendText("\"late\""), "while closing");
        closing.get(10, TimeUnit.SECONDS);
        assertEquals(SendStatus.CLOSED, ws.sendText("\"later\""), "once closed");
        assertEquals(SendStatus.CLOSED, ws.send("later"), "once closed, through the codec");
    }

    @Test
    void shouldSayClosedRatherThanBufferAfterClose() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine())
            .replay(ReplayConfig.fullBuffer()).build();
        ws.connect().get(10, TimeUnit.SECONDS);

        ws.closeAsync();

        assertEquals(SendStatus.CLOSED, ws.sendText("\"late\""), "nothing would ever send it");
        assertEquals(0.0, ws.bufferFillRatio());
    }

    @Test
    void shouldHandTheClientCloseTimeoutToTheEngineConnection() throws Exception
    {
        final CachedEpochClock epoch = new CachedEpochClock();
        try (SteppedEngine stepped =
            SteppedEngine.embed(new EngineContext().roleName("close-timeout-stepped-engine"), 1_000_000_000L))
        {
            final CachedNanoClock clock = stepped.clock();
            final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/stall?afterMs=0"))
                .engine(stepped.engine()).clocks(clock, epoch).reconnect(false).closeTimeout(Duration.ofMillis(300))
                .build();
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            connected.get();
            FIXTURE.server().await("stalled /stall", WAIT);

            final EventLog log = EventLog.attach(ws);
            final CompletableFuture<io.jetsocket.client.event.ClosedEvent> closed = ws.close(1000, "bye");
            final long closeAtNs = clock.nanoTime();
            stepped.driveUntil(Duration.ofMillis(1),
                () -> stepped.engine().counters().get(EngineCounter.CLOSE_TIMEOUTS) > 0 ||
                clock.nanoTime() - closeAtNs > TimeUnit.SECONDS.toNanos(6));

            final long engineEndedAfterMs = TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - closeAtNs);
            assertEquals(1, stepped.engine().counters().get(EngineCounter.CLOSE_TIMEOUTS),
                "the engine timed the close out");
            assertTrue(engineEndedAfterMs >= 300 && engineEndedAfterMs < 400,
                "the engine connection ended " + engineEndedAfterMs + " ms (engine time) after a close with a " +
                "300 ms client timeout");
            assertEquals(ConnectionState.CLOSED, ws.state());
            assertTrue(closed.isDone(), "the client's close completed with the engine's");
            assertEquals(1006, closed.get().code());
            assertEquals(io.jetsocket.engine.TimeoutException.Operation.CLOSE,
                ((io.jetsocket.engine.TimeoutException)log.await(EventType.ERROR, WAIT).error()).operation());
        }
    }
}
