/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.ClosingEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.Initiator;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;
import io.jetsocket.engine.testing.SteppedEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code closing} (initiated by the server) is reported when the server's close frame arrives, not when TCP
 * is finally closed: against a server that sends its close frame and then keeps TCP open, {@code closing}
 * comes at once and {@code disconnected} only after the close timeout. Engine time is stepped: "at once" is no
 * engine time at all, and the close timeout is measured to the step.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClosingEventTest
{
    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(2_000);
    private static final Duration STEP = Duration.ofMillis(1);

    @Test
    void shouldReportRemoteClosingWhenTheCloseFrameArrives() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        try (LoopbackServer server =
            LoopbackServer.start("closing-peer", (socket) -> closeButKeepTcpOpen(socket, release));
            SteppedEngine stepped = SteppedEngine.embed(new EngineContext()
                .roleName("closing-test-engine").closeTimeoutNs(CLOSE_TIMEOUT.toNanos())))
        {
            final WebSocket<Object> ws = WebSocket.builder(server.uri("ws", "/"))
                .engine(stepped.engine()).reconnect(false).compress(false).build();
            final EventLog log = EventLog.attach(ws);
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            connected.get();

            // The clock stands still until closing is reported: the close frame alone must bring it.
            final long openedAtNs = stepped.nowNs();
            stepped.driveUntil(Duration.ZERO, () -> !log.all(EventType.CLOSING).isEmpty());
            final ClosingEvent closing = log.all(EventType.CLOSING).get(0);
            assertEquals(Initiator.REMOTE, closing.initiatedBy());
            assertEquals(1001, closing.code());
            assertEquals("bye", closing.reason());
            assertEquals(openedAtNs, stepped.nowNs(), "closing needed no engine time");
            assertTrue(log.all(EventType.DISCONNECTED).isEmpty(), "disconnected was reported before closing");

            // TCP stays open: disconnected comes when the close timeout runs out, in engine time.
            final long closingAtNs = stepped.nowNs();
            stepped.driveUntil(STEP, () -> !log.all(EventType.DISCONNECTED).isEmpty());
            final long disconnectedAfterMs = stepped.msSince(closingAtNs);
            assertTrue(disconnectedAfterMs >= CLOSE_TIMEOUT.toMillis() &&
                disconnectedAfterMs <= CLOSE_TIMEOUT.toMillis() + STEP.toMillis(),
                "disconnected " + disconnectedAfterMs + " ms (engine time) after closing; close timeout " +
                CLOSE_TIMEOUT.toMillis() + " ms");
            assertEquals(1001, log.all(EventType.DISCONNECTED).get(0).code());
            release.countDown();
        }
    }

    private static void closeButKeepTcpOpen(final Socket socket, final CountDownLatch release)
        throws IOException
    {
        try (socket)
        {
            RawUpgrade.accept(socket);
            final OutputStream out = socket.getOutputStream();
            out.write(new byte[]{ (byte)0x88, 5, 0x03, (byte)0xE9, 'b', 'y', 'e' }); // close 1001 "bye"
            out.flush();
            release.await(20, TimeUnit.SECONDS); // keep TCP open: the client must time out its close
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
