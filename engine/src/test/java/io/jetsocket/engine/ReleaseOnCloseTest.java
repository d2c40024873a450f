/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A connection that ended holds nothing large, even when the application keeps its handle: a message that was
 * being reassembled when the connection failed with 1009 is dropped, and the last connection's selection key (which
 * references it) is deregistered although no other connection is left to make the engine select again.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReleaseOnCloseTest
{
    private static final int FRAGMENT = 512 * 1024;

    /**
     * Whether the server ends TCP with a FIN or a reset after our 1009 close frame depends on whether that frame
     * reached its receive buffer before it closed (a close with unread data resets); both must report the 1009 the
     * connection failed with, and release the same.
     */
    @ParameterizedTest(name = "server ends TCP with {0}")
    @ValueSource(strings = {"FIN", "RST"})
    void shouldReleaseTheReassemblyBufferAndTheSelectionKeyOfAFailedConnection(final String serverEnd)
        throws Exception
    {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    final Socket socket = server.accept();
                    RawUpgrade.accept(socket);
                    final OutputStream out = socket.getOutputStream();
                    out.write(fragmentHeader(0x01)); // text, not final
                    out.write(new byte[FRAGMENT]);
                    out.write(fragmentHeader(0x00)); // continuation, not final: over the message limit
                    out.write(new byte[FRAGMENT]);
                    out.flush();
                    return socket;
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            final AtomicInteger closeCode = new AtomicInteger();
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext()
                .maxMessageLength(FRAGMENT + FRAGMENT / 2)
                .closeTimeoutNs(TimeUnit.SECONDS.toNanos(20)));
            try
            {
                final WebSocketConnection connection = engine.connect(
                    ConnectRequest.of("ws://127.0.0.1:" + server.getLocalPort() + "/"), new WebSocketListener()
                    {
                        public void onMessage(final WebSocketConnection c, final MessageType type,
                            final DirectBuffer buffer, final int offset, final int length)
                        {
                        }

                        public void onClose(final WebSocketConnection c, final int code, final String reason,
                            final boolean remote)
                        {
                            closeCode.set(code);
                        }
                    });
                while (ConnectionState.CLOSING != connection.state() && ConnectionState.CLOSED != connection.state())
                {
                    engine.doWork();
                }
                final Socket serverSide = accepted.get(10, TimeUnit.SECONDS);
                if ("RST".equals(serverEnd))
                {
                    serverSide.setSoLinger(true, 0); // close sends a reset
                }
                serverSide.close(); // the server ends TCP after our close frame
                while (ConnectionState.CLOSED != connection.state())
                {
                    engine.doWork();
                }
                engine.doWork(); // resources are released after the cycle in which the connection closed

                assertEquals(1009, closeCode.get(), "close code after the server's " + serverEnd);
                assertEquals(0, connection.connection().retainedBytes());
                assertEquals(0, engine.registeredKeyCount());
                assertEquals(0, engine.connectionCount());
            }
            finally
            {
                engine.close();
            }
        }
    }

    private static byte[] fragmentHeader(final int firstByte)
    {
        final byte[] header = new byte[10];
        header[0] = (byte)firstByte;
        header[1] = 127;
        for (int i = 0; i < 8; i++)
        {
            header[2 + i] = (byte)((long)FRAGMENT >>> (56 - 8 * i));
        }
        return header;
    }
}
