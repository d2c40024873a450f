/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.frame.Opcode;
import io.jetsocket.engine.frame.TestFrames;
import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine stamps each socket read once, with both clocks, and every message decoded from that read sees the same
 * stamp: {@link WebSocketEngine#receiveNanos()} and {@link WebSocketEngine#receiveEpochNanos()} during the callback.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReceiveStampTest
{
    private final CachedNanoClock nanoClock = new CachedNanoClock();
    /** Moves on by 1 ns at every reading: a clock read per message would give two messages different stamps. */
    private long epochNs = 1_700_000_000_000_000_000L;
    private int epochReads;
    private final List<long[]> stamps = new ArrayList<>();

    @Test
    void shouldStampEveryMessageOfOneReadAlikeAndEachReadWithTheSteppedClocks() throws Exception
    {
        nanoClock.update(5_000);
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress()))
        {
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext()
                .nanoClock(nanoClock)
                .epochNanoClock(() ->
                {
                    epochReads++;
                    return epochNs++;
                }));
            final WebSocketConnection connection = engine.connect(
                ConnectRequest.of("ws://127.0.0.1:" + server.getLocalPort() + "/"), new Recorder(engine));
            engine.doWork();
            final Socket peer = server.accept();
            spinUntilRequestArrived(engine, peer);
            RawUpgrade.accept(peer);
            spinUntil(engine, connection::isOpen);

            // Two frames in one write: one read on the loopback, one stamp.
            nanoClock.update(10_000);
            final int readsBefore = epochReads;
            final long epochBefore = epochNs;
            write(peer, TestFrames.concat(text("a"), text("b")));
            spinUntil(engine, () -> 2 == stamps.size());
            assertEquals(stamps.get(0)[0], stamps.get(1)[0], "one read, one nano stamp");
            assertEquals(stamps.get(0)[1], stamps.get(1)[1], "one read, one epoch stamp: the clock read once");
            assertEquals(10_000, stamps.get(0)[0], "the nano clock at the read");
            assertEquals(epochBefore, stamps.get(0)[1], "the epoch clock at the read");
            assertEquals(1, epochReads - readsBefore, "one clock read for two messages");

            // The stepped clocks show in the next read's stamps.
            nanoClock.update(2_000_000);
            epochNs = 1_800_000_000_000_000_000L;
            write(peer, text("c"));
            spinUntil(engine, () -> 3 == stamps.size());
            assertEquals(2_000_000, stamps.get(2)[0]);
            assertEquals(1_800_000_000_000_000_000L, stamps.get(2)[1]);
            assertNotEquals(stamps.get(1)[1], stamps.get(2)[1]);
            peer.close();
            engine.close();
        }
    }

    private final class Recorder implements WebSocketListener
    {
        private final WebSocketEngine engine;

        private Recorder(final WebSocketEngine engine)
        {
            this.engine = engine;
        }

        @Override
        public void onMessage(
            final WebSocketConnection c, final MessageType type, final DirectBuffer buffer, final int offset,
            final int length)
        {
            stamps.add(new long[]{ engine.receiveNanos(), engine.receiveEpochNanos() });
        }
    }

    private static byte[] text(final String s)
    {
        return TestFrames.frame(Opcode.FIN_BIT | Opcode.TEXT, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(final Socket socket, final byte[] bytes) throws IOException
    {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    private static void spinUntilRequestArrived(final WebSocketEngine engine, final Socket socket) throws IOException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (socket.getInputStream().available() == 0 && System.nanoTime() < deadline)
        {
            engine.doWork();
        }
    }

    private static void spinUntil(final WebSocketEngine engine, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "condition not reached in time");
            engine.doWork();
        }
    }
}
