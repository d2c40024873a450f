/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.frame.TestFrames;
import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections share one read buffer and borrow a private one only while a frame is incomplete: bytes of one
 * connection's partial frame must survive other connections' reads, and every borrowed buffer must come back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedReadBufferTest
{
    private static final int BUFFER = 4096;

    @Test
    void shouldKeepAPartialFrameApartWhileAnotherConnectionReads() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress()))
        {
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext().receiveBufferLength(BUFFER));
            final List<byte[]> receivedA = new ArrayList<>();
            final List<byte[]> receivedB = new ArrayList<>();
            final WebSocketConnection a = connect(engine, server, receivedA);
            final Socket peerA = acceptOne(engine, server, a);
            final WebSocketConnection b = connect(engine, server, receivedB);
            final Socket peerB = acceptOne(engine, server, b);

            final byte[] messageA = payload(1, 3000);
            final byte[] frameA = frame(messageA);
            write(peerA, Arrays.copyOfRange(frameA, 0, 1500));
            spinUntil(engine, () -> 1 == engine.buffers().readBuffers().lent());

            final byte[] messageB1 = payload(2, 2000);
            final byte[] messageB2 = payload(3, 100);
            final byte[] framesB = TestFrames.concat(frame(messageB1), frame(messageB2));
            write(peerB, framesB);
            spinUntil(engine, () -> 2 == receivedB.size());
            assertEquals(1, engine.buffers().readBuffers().lent(), "only A holds a partial frame");

            write(peerA, Arrays.copyOfRange(frameA, 1500, frameA.length));
            spinUntil(engine, () -> 1 == receivedA.size());

            assertArrayEquals(messageA, receivedA.get(0));
            assertArrayEquals(messageB1, receivedB.get(0));
            assertArrayEquals(messageB2, receivedB.get(1));
            assertEquals(0, engine.buffers().readBuffers().lent(), "every borrowed buffer given back");
            peerA.close();
            peerB.close();
            engine.close();
        }
    }

    @Test
    void shouldDeliverInterleavedRandomSplitsIntactOnManyConnections() throws Exception
    {
        final int connections = 6;
        final int messages = 60;
        try (ServerSocket server = new ServerSocket(0, connections, InetAddress.getLoopbackAddress()))
        {
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext().receiveBufferLength(BUFFER));
            final List<List<byte[]>> received = new ArrayList<>();
            final List<Socket> peers = new ArrayList<>();
            final List<ByteArrayOutputStream> streams = new ArrayList<>();
            final List<List<byte[]>> expected = new ArrayList<>();
            final Random random = new Random(42);
            for (int c = 0; c < connections; c++)
            {
                final List<byte[]> messagesOfC = new ArrayList<>();
                received.add(messagesOfC);
                final WebSocketConnection connection = connect(engine, server, messagesOfC);
                peers.add(acceptOne(engine, server, connection));
                final ByteArrayOutputStream stream = new ByteArrayOutputStream();
                final List<byte[]> sent = new ArrayList<>();
                for (int m = 0; m < messages; m++)
                {
                    // Sizes below, around and far above the read buffer (streamed into reassembly).
                    final int size = switch (random.nextInt(4))
                    {
                        case 0 -> random.nextInt(200);
                        case 1 -> BUFFER - 20 + random.nextInt(40);
                        case 2 -> random.nextInt(BUFFER);
                        default -> BUFFER * 2 + random.nextInt(BUFFER * 4);
                    };
                    final byte[] message = payload(c * 1000 + m, size);
                    sent.add(message);
                    stream.write(frame(message));
                }
                streams.add(stream);
                expected.add(sent);
            }

            final int[] positions = new int[connections];
            int open = connections;
            while (open > 0)
            {
                open = 0;
                for (int c = 0; c < connections; c++)
                {
                    final byte[] bytes = streams.get(c).toByteArray();
                    if (positions[c] < bytes.length)
                    {
                        final int chunk = Math.min(bytes.length - positions[c], 1 + random.nextInt(BUFFER * 2));
                        write(peers.get(c), Arrays.copyOfRange(bytes, positions[c], positions[c] + chunk));
                        positions[c] += chunk;
                        open++;
                    }
                    for (int i = 0; i < 5; i++)
                    {
                        engine.doWork();
                    }
                }
            }
            spinUntil(engine, () -> received.stream().allMatch((list) -> list.size() == messages));

            for (int c = 0; c < connections; c++)
            {
                for (int m = 0; m < messages; m++)
                {
                    assertArrayEquals(expected.get(c).get(m), received.get(c).get(m), "connection " + c + " msg " + m);
                }
            }
            assertEquals(0, engine.buffers().readBuffers().lent(), "every borrowed buffer given back");
            assertTrue(engine.buffers().readBuffers().pooled() <= connections);
            for (final Socket peer : peers)
            {
                peer.close();
            }
            engine.close();
        }
    }

    private static WebSocketConnection connect(
        final WebSocketEngine engine, final ServerSocket server, final List<byte[]> received)
    {
        return engine.connect(ConnectRequest.of("ws://127.0.0.1:" + server.getLocalPort() + "/"),
            new WebSocketListener()
            {
                public void onMessage(final WebSocketConnection c, final MessageType type,
                    final DirectBuffer buffer, final int offset, final int length)
                {
                    final byte[] copy = new byte[length];
                    buffer.getBytes(offset, copy);
                    received.add(copy);
                }
            });
    }

    private static Socket acceptOne(
        final WebSocketEngine engine, final ServerSocket server, final WebSocketConnection connection)
        throws Exception
    {
        engine.doWork();
        final Socket socket = server.accept();
        spinUntilRequestArrived(engine, socket);
        RawUpgrade.accept(socket);
        spinUntil(engine, connection::isOpen);
        return socket;
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

    private static void write(final Socket socket, final byte[] bytes) throws IOException
    {
        final OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /**
     * A binary message whose bytes depend on its seed, so that a byte from another message shows.
     */
    private static byte[] payload(final int seed, final int size)
    {
        final byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] frame(final byte[] payload)
    {
        return TestFrames.frame(0x82, payload); // FIN, binary, as a server sends it
    }
}
