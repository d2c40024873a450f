/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.ClosingEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.Initiator;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.handshake.HandshakeKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code closing} (initiated by the server) is reported when the server's close frame arrives, not when TCP
 * is finally closed: against a server that sends its close frame and then keeps TCP open, {@code closing}
 * comes at once and {@code disconnected} only after the close timeout.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClosingEventTest
{
    private static final long CLOSE_TIMEOUT_MS = 2_000;

    @Test
    void shouldReportRemoteClosingWhenTheCloseFrameArrives() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            WebSocketEngine engine = WebSocketEngine.launch(new EngineContext()
                .roleName("closing-test-engine").closeTimeoutNs(TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MS))))
        {
            final Thread peer = new Thread(() -> closeButKeepTcpOpen(server, release), "closing-peer");
            peer.setDaemon(true);
            peer.start();
            final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + server.getLocalPort() + "/")
                .engine(engine).reconnect(false).compress(false).build();
            final EventLog log = EventLog.attach(ws);

            final long start = System.nanoTime();
            ws.connect().get(10, TimeUnit.SECONDS);
            final ClosingEvent closing = log.await(EventType.CLOSING, Duration.ofSeconds(10));
            final long closingAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            final boolean disconnectedBeforeClosing = !log.all(EventType.DISCONNECTED).isEmpty();

            assertEquals(Initiator.REMOTE, closing.initiatedBy());
            assertEquals(1001, closing.code());
            assertEquals("bye", closing.reason());
            assertTrue(closingAfterMs < CLOSE_TIMEOUT_MS, "closing came after " + closingAfterMs + " ms");
            assertTrue(!disconnectedBeforeClosing, "disconnected was reported before closing");
            assertEquals(1001, log.await(EventType.DISCONNECTED, Duration.ofSeconds(10)).code());
            release.countDown();
        }
    }

    private static void closeButKeepTcpOpen(final ServerSocket server, final CountDownLatch release)
    {
        try (Socket socket = server.accept())
        {
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            final String key = requestKey(in);
            final String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n" +
                "Connection: Upgrade\r\nSec-WebSocket-Accept: " + HandshakeKeys.acceptFor(key) + "\r\n\r\n";
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[]{ (byte)0x88, 5, 0x03, (byte)0xE9, 'b', 'y', 'e' }); // close 1001 "bye"
            out.flush();
            release.await(20, TimeUnit.SECONDS); // keep TCP open: the client must time out its close
        }
        catch (final Exception ignore)
        {
            // the test's assertions say what went wrong
        }
    }

    private static String requestKey(final InputStream in) throws java.io.IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0)
        {
            head.write(b);
            final String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n"))
            {
                for (final String line : text.split("\r\n"))
                {
                    if (line.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18))
                    {
                        return line.substring(18).trim();
                    }
                }
            }
        }
        throw new java.io.EOFException("no request key");
    }
}
