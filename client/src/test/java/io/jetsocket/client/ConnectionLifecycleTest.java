/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.ClosingEvent;
import io.jetsocket.client.event.ConnectingEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.Initiator;
import io.jetsocket.client.event.ReconnectedEvent;
import io.jetsocket.client.event.StateChangeEvent;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.jetsocket.client.ConnectionState.BACKING_OFF;
import static io.jetsocket.client.ConnectionState.CLOSED;
import static io.jetsocket.client.ConnectionState.CONNECTED;
import static io.jetsocket.client.ConnectionState.CONNECTING;
import static io.jetsocket.client.ConnectionState.DISCONNECTED;
import static io.jetsocket.client.ConnectionState.DISCONNECTING;
import static io.jetsocket.client.ConnectionState.IDLE;
import static io.jetsocket.client.ConnectionState.RECONNECTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's state machine walked through a whole life on the engine's stepped clock: connect, a rotation at
 * the maximum connection age, and a close. The engine is embedded and runs on this thread, so every handler runs
 * here too and sees the engine's time; real sockets to a local server carry the frames.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionLifecycleTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** No longer than a tick of the engine's timers (about a millisecond). */
    private static final long STEP_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How late a timer may fire on the stepped clock: a few ticks. */
    private static final long TIMER_SLACK_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    @RegisterExtension
    static final ServerAndEngine FIXTURE = new ServerAndEngine("lifecycle-test-engine");

    @Test
    void shouldRotateAtTheMaximumAgeOfTheEnginesClockThenCloseThroughEveryState() throws Exception
    {
        final CachedNanoClock clock = new CachedNanoClock();
        clock.update(TimeUnit.SECONDS.toNanos(1));
        final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext()
            .roleName("lifecycle-stepped-engine").nanoClock(clock));
        try
        {
            final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(engine)
                .clocks(clock, new CachedEpochClock()).maxConnectionAge(MAX_AGE).build();
            final List<StateChangeEvent> changes = new ArrayList<>();
            final List<ConnectingEvent> connecting = new ArrayList<>();
            final List<ClosingEvent> closing = new ArrayList<>();
            final List<ReconnectedEvent> reconnected = new ArrayList<>();
            final long[] connectedAtNs = new long[2];
            final int[] connections = new int[1];
            ws.on(EventType.STATE_CHANGE, changes::add);
            ws.on(EventType.CONNECTING, connecting::add);
            ws.on(EventType.CLOSING, closing::add);
            ws.on(EventType.RECONNECTED, reconnected::add);
            ws.on(EventType.CONNECTED, (event) -> connectedAtNs[Math.min(1, connections[0]++)] = clock.nanoTime());

            final CompletableFuture<Void> connected = ws.connect();
            drive(engine, clock, 0, connected::isDone);
            connected.get();

            // Nothing happens before the age, however long real time takes; at the age the client rotates.
            drive(engine, clock, STEP_NS, () -> !closing.isEmpty());
            final long rotatedAfterNs = clock.nanoTime() - connectedAtNs[0];
            assertTrue(rotatedAfterNs >= MAX_AGE.toNanos() && rotatedAfterNs <= MAX_AGE.toNanos() + TIMER_SLACK_NS,
                "rotated " + rotatedAfterNs + " ns (engine time) after connecting, at an age of " + MAX_AGE);
            assertEquals(new ClosingEvent(1000, "max connection age reached", Initiator.LOCAL,
                closing.get(0).timestampMs()), closing.get(0));

            drive(engine, clock, 0, () -> 2 == connections[0]);
            assertEquals(1, reconnected.size());
            assertEquals(1, reconnected.get(0).attempts(), "the rotation's one immediate attempt");
            assertEquals(List.of(1, 1), connecting.stream().map(ConnectingEvent::attempt).toList(),
                "each outage counts its own attempts");

            final CompletableFuture<ClosedEvent> closed = ws.close(1000, "done");
            drive(engine, clock, 0, closed::isDone);

            assertEquals(CLOSED, closed.get().state());
            assertEquals(1000, closed.get().code());
            assertEquals(List.of(
                IDLE + ">" + CONNECTING, CONNECTING + ">" + CONNECTED,
                CONNECTED + ">" + DISCONNECTING, DISCONNECTING + ">" + DISCONNECTED,
                DISCONNECTED + ">" + RECONNECTING, RECONNECTING + ">" + BACKING_OFF,
                BACKING_OFF + ">" + CONNECTING, CONNECTING + ">" + CONNECTED,
                CONNECTED + ">" + DISCONNECTING, DISCONNECTING + ">" + DISCONNECTED, DISCONNECTED + ">" + CLOSED),
                changes.stream().map((change) -> change.oldState() + ">" + change.newState()).toList());
            assertEquals(SendStatus.CLOSED, ws.sendText("\"late\""));
        }
        finally
        {
            engine.close();
        }
    }

    /**
     * Run the embedded engine on this thread, stepping its clock, until the condition holds (real I/O happens
     * meanwhile, so real time passes too, but the engine's timers only see the steps).
     */
    private static void drive(
        final WebSocketEngine engine, final CachedNanoClock clock, final long stepNs, final BooleanSupplier until)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!until.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "condition never met");
            if (0 == engine.doWork())
            {
                Thread.sleep(0, 200_000); // let the sockets and the server move
            }
            clock.advance(stepNs);
        }
    }
}
