/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An engine idling with {@link SelectingIdleStrategy} blocks in the selector, and wakes for everything it must act
 * on: the blocks here last a minute, longer than the test may run, so each step passes only if the engine was woken
 * (by a command from another thread, by a socket becoming ready, by close).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SelectingIdleStrategyTest
{
    @Test
    void shouldWakeForCommandsSocketsAndClose() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress()))
        {
            final CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    final Socket socket = server.accept();
                    RawUpgrade.accept(socket);
                    return socket;
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            final CompletableFuture<String> received = new CompletableFuture<>();
            final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext()
                .roleName("selecting")
                .idleStrategy(new SelectingIdleStrategy(0, TimeUnit.MINUTES.toNanos(1))));
            try
            {
                final WebSocketConnection connection = engine.connect(
                    ConnectRequest.of("ws://127.0.0.1:" + server.getLocalPort() + "/"), new WebSocketListener()
                    {
                        public void onMessage(final WebSocketConnection c, final MessageType type,
                            final DirectBuffer buffer, final int offset, final int length)
                        {
                            received.complete(buffer.getStringWithoutLengthUtf8(offset, length));
                        }
                    });
                connection.openFuture().get(20, TimeUnit.SECONDS);
                final Socket socket = accepted.get(20, TimeUnit.SECONDS);

                // A send from this thread wakes the engine.
                assertEquals(SendResult.OK, connection.sendText("from the client"));
                final DataInputStream in = new DataInputStream(socket.getInputStream());
                assertEquals("from the client", readMaskedText(in));

                // A message from the server wakes it through the selector.
                final OutputStream out = socket.getOutputStream();
                final byte[] text = "from the server".getBytes(StandardCharsets.UTF_8);
                out.write(new byte[]{(byte)0x81, (byte)text.length});
                out.write(text);
                out.flush();
                assertEquals("from the server", received.get(20, TimeUnit.SECONDS));
                socket.close();
            }
            finally
            {
                engine.close(); // wakes the engine too: without it close would wait out the block
            }
            assertEquals(EngineState.CLOSED, engine.state());
        }
    }

    @Test
    void shouldServeOneEngineOnly()
    {
        final SelectingIdleStrategy idle = new SelectingIdleStrategy();
        final WebSocketEngine first = WebSocketEngine.launch(new EngineContext().idleStrategy(idle));
        try
        {
            assertThrows(IllegalStateException.class,
                () -> WebSocketEngine.launch(new EngineContext().idleStrategy(idle)));
        }
        finally
        {
            first.close();
        }
    }

    private static String readMaskedText(final DataInputStream in) throws Exception
    {
        final int first = in.readUnsignedByte();
        assertEquals(0x81, first);
        final int length = in.readUnsignedByte() & 0x7F;
        final byte[] key = new byte[4];
        in.readFully(key);
        final byte[] payload = new byte[length];
        in.readFully(payload);
        for (int i = 0; i < length; i++)
        {
            payload[i] ^= key[i & 3];
        }
        return new String(payload, StandardCharsets.UTF_8);
    }
}
