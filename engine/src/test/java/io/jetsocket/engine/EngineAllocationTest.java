/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine thread allocates nothing per received message in steady state: an embedded engine, driven
 * from this test's thread, receives a stream of 128-byte text frames (UTF-8 validated, delivered zero-copy)
 * and this thread's allocation counter must not move between two points well after warm-up.
 */
class EngineAllocationTest
{
    private static final int FRAME_PAYLOAD = 128;
    private static final int WARM_UP_MESSAGES = 200_000;
    private static final int MEASURED_MESSAGES = 200_000;
    private static final int FRAMES_PER_WRITE = 256;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldNotAllocatePerMessageOnTheEngineThread() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long total = WARM_UP_MESSAGES + MEASURED_MESSAGES;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final AtomicReference<Throwable> serverError = new AtomicReference<>();
            final Thread pusher = new Thread(() -> push(server, total, serverError), "push-server");
            pusher.setDaemon(true);
            pusher.start();

            final AtomicReference<Throwable> clientError = new AtomicReference<>();
            final long[] received = new long[1];
            final long[] checksum = new long[1];
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            final WebSocketListener listener = new WebSocketListener()
            {
                public void onMessage(final WebSocketConnection connection, final MessageType type,
                    final DirectBuffer buffer, final int offset, final int length)
                {
                    received[0]++;
                    checksum[0] += buffer.getByte(offset + length - 2) + length;
                }

                public void onError(final WebSocketConnection connection, final Throwable error)
                {
                    clientError.set(error);
                }
            };
            final WebSocketConnection connection = engine.connect(
                ConnectRequest.of("ws://127.0.0.1:" + server.getLocalPort() + "/push"), listener);

            final long threadId = Thread.currentThread().getId();
            while (received[0] < WARM_UP_MESSAGES && ConnectionState.CLOSED != connection.state())
            {
                engine.doWork();
            }
            assertEquals(null, clientError.get());
            final long before = threads.getThreadAllocatedBytes(threadId);
            while (received[0] < total)
            {
                engine.doWork();
            }
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

            System.out.println("engine thread allocated " + allocated + " bytes for " + MEASURED_MESSAGES +
                " messages of " + FRAME_PAYLOAD + " bytes");
            connection.close();
            engine.close();
            pusher.join(5_000);

            assertEquals(null, serverError.get());
            assertEquals(total, received[0]);
            assertEquals(total * ('9' + FRAME_PAYLOAD), checksum[0]);
            // The counter itself, and the odd lazily initialised JDK structure, may account for a few
            // hundred bytes; one allocation per message would be at least 16 bytes x 200,000.
            assertTrue(allocated < 4096, "engine thread allocated " + allocated + " bytes for " +
                MEASURED_MESSAGES + " messages");
        }
    }

    private static void push(final ServerSocket server, final long messages, final AtomicReference<Throwable> error)
    {
        try (Socket socket = server.accept())
        {
            socket.setTcpNoDelay(true);
            RawUpgrade.accept(socket);
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();

            final byte[] frame = new byte[4 + FRAME_PAYLOAD]; // 128 needs the 16-bit length form
            frame[0] = (byte)0x81;
            frame[1] = (byte)126;
            frame[2] = 0;
            frame[3] = (byte)FRAME_PAYLOAD;
            final byte[] payload = "{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"64123.10\",\"q\":\"0.015\",\"t\":1}"
                .getBytes(StandardCharsets.UTF_8);
            Arrays.fill(frame, 4, frame.length, (byte)' ');
            System.arraycopy(payload, 0, frame, 4, payload.length);
            frame[frame.length - 2] = '9';
            final byte[] batch = new byte[frame.length * FRAMES_PER_WRITE];
            for (int i = 0; i < FRAMES_PER_WRITE; i++)
            {
                System.arraycopy(frame, 0, batch, i * frame.length, frame.length);
            }
            long sent = 0;
            while (sent + FRAMES_PER_WRITE <= messages)
            {
                out.write(batch);
                sent += FRAMES_PER_WRITE;
            }
            while (sent < messages)
            {
                out.write(frame);
                sent++;
            }
            out.flush();
            in.readAllBytes(); // until the client closes
        }
        catch (final Throwable ex)
        {
            error.set(ex);
        }
    }
}
