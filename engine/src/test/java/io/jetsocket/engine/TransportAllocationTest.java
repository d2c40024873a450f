/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Allocation on the engine thread in steady state with the new transports: permessage-deflate (every received
 * message inflated, every message answered with a compressed one) must allocate nothing per message. TLS is
 * measured too (0 bytes here): the JDK's {@code SSLEngine} returns a new {@code SSLEngineResult} from every wrap and
 * unwrap, which the JIT scalar-replaces once inlined; whether it does depends on the JVM, so the bound is per
 * message rather than zero.
 */
class TransportAllocationTest
{
    private static final int WARM_UP = 100_000;
    private static final int MEASURED = 100_000;
    private static final byte[] JSON = ("{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"64123.10\",\"q\":\"0.015\"," +
        "\"b\":[[\"64123.00\",\"1.5\"],[\"64122.50\",\"0.25\"],[\"64122.00\",\"3.75\"],[\"64121.50\",\"0.5\"]]," +
        "\"a\":[[\"64123.50\",\"2.0\"],[\"64124.00\",\"0.75\"],[\"64124.50\",\"1.25\"]],\"t\":1700000000001}")
        .getBytes(StandardCharsets.US_ASCII);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldNotAllocatePerMessageWhenInflatingAndDeflating() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final long allocated = measure(server, "ws", null, true);
            System.out.println("deflate: engine thread allocated " + allocated + " bytes for " + MEASURED +
                " compressed messages received and " + MEASURED + " sent");
            assertTrue(allocated < 4096, "engine thread allocated " + allocated + " bytes");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldAllocateOnlyTheJdkEngineResultPerRecordWhenReadingTls() throws Exception
    {
        final SSLContext serverContext = io.jetsocket.engine.interop.TlsFixtures.serverContext();
        final SSLContext clientContext = io.jetsocket.engine.interop.TlsFixtures.clientContext();
        final ServerSocketFactory factory = serverContext.getServerSocketFactory();
        try (ServerSocket server = factory.createServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final long allocated = measure(server, "wss", clientContext, false);
            final double perMessage = (double)allocated / MEASURED;
            System.out.println("TLS: engine thread allocated " + allocated + " bytes for " + MEASURED +
                " messages (" + perMessage + " B/message)");
            assertTrue(perMessage < 64, "TLS allocated " + perMessage + " bytes per message");
        }
    }

    private static long measure(final ServerSocket server, final String scheme, final SSLContext sslContext,
        final boolean deflate) throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long total = WARM_UP + MEASURED;
        final AtomicReference<Throwable> serverError = new AtomicReference<>();
        final Thread pusher = new Thread(() -> push(server, total, deflate, serverError), "push-server");
        pusher.setDaemon(true);
        pusher.start();

        final AtomicReference<Throwable> clientError = new AtomicReference<>();
        final long[] received = new long[1];
        final UnsafeBuffer answer = new UnsafeBuffer(JSON);
        final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
        final WebSocketListener listener = new WebSocketListener()
        {
            public void onMessage(final WebSocketConnection connection, final MessageType type,
                final DirectBuffer buffer, final int offset, final int length)
            {
                received[0]++;
                if (length != JSON.length || buffer.getByte(offset + length - 1) != '}')
                {
                    clientError.compareAndSet(null, new AssertionError("bad message of " + length + " bytes"));
                }
                if (deflate && SendResult.OK != connection.sendText(answer, 0, answer.capacity()))
                {
                    clientError.compareAndSet(null, new AssertionError("send failed"));
                }
            }

            public void onError(final WebSocketConnection connection, final Throwable error)
            {
                clientError.compareAndSet(null, error);
            }
        };
        final ConnectRequest.Builder request = ConnectRequest.builder(scheme + "://127.0.0.1:" +
            server.getLocalPort() + "/push").compression(deflate).compressionThreshold(64);
        if (null != sslContext)
        {
            request.sslContext(sslContext);
        }
        final WebSocketConnection connection = engine.connect(request.build(), listener);
        final long threadId = Thread.currentThread().getId();
        while (received[0] < WARM_UP && ConnectionState.CLOSED != connection.state())
        {
            engine.doWork();
        }
        assertNull(clientError.get());
        final long before = threads.getThreadAllocatedBytes(threadId);
        while (received[0] < total && ConnectionState.CLOSED != connection.state())
        {
            engine.doWork();
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertNull(clientError.get());
        assertEquals(total, received[0]);
        if (deflate)
        {
            assertTrue(null != connection.deflateParameters(), "deflate not negotiated");
        }
        connection.close();
        for (int i = 0; i < 1000; i++)
        {
            engine.doWork();
        }
        engine.close();
        pusher.join(5_000);
        assertNull(serverError.get());
        return allocated;
    }

    private static void push(final ServerSocket server, final long messages, final boolean deflate,
        final AtomicReference<Throwable> error)
    {
        try (Socket socket = server.accept())
        {
            socket.setTcpNoDelay(true);
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            RawUpgrade.accept(socket, deflate ? "permessage-deflate; server_no_context_takeover" : null);
            final Thread drainer = new Thread(() ->
            {
                try
                {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                catch (final Exception ignore)
                {
                    // closed
                }
            }, "push-drain");
            drainer.setDaemon(true);
            drainer.start();
            final byte[] frame = frame(deflate);
            final byte[] batch = new byte[frame.length * 64];
            for (int i = 0; i < 64; i++)
            {
                System.arraycopy(frame, 0, batch, i * frame.length, frame.length);
            }
            for (long sent = 0; sent < messages; sent += 64)
            {
                out.write(batch, 0, (int)Math.min(64, messages - sent) * frame.length);
            }
            out.flush();
            drainer.join();
        }
        catch (final Throwable ex)
        {
            error.set(ex);
        }
    }

    /**
     * One text frame with the JSON, compressed by a fresh deflater (server_no_context_takeover: every message
     * is the same bytes).
     */
    private static byte[] frame(final boolean deflate)
    {
        byte[] payload = JSON;
        if (deflate)
        {
            final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            deflater.setInput(JSON);
            final byte[] out = new byte[1024];
            final int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            deflater.end();
            payload = java.util.Arrays.copyOf(out, n - 4);
        }
        final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | (deflate ? 0x40 : 0) | 1);
        if (payload.length > 125)
        {
            frame.write(126);
            frame.write(payload.length >>> 8);
        }
        frame.write(payload.length);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }
}
