/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.autobahn;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A case the server never ends: the engine echo client gives up after {@code autobahn.caseTimeoutSeconds} and
 * closes the connection (a close frame reaches the server) instead of leaving it open for the next case.
 */
class EngineEchoClientTimeoutTest
{
    private static final Pattern KEY = Pattern.compile("Sec-WebSocket-Key: *(\\S+)", Pattern.CASE_INSENSITIVE);

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCloseTheConnectionWhenTheCaseTimeoutFires() throws Exception
    {
        final String previous = System.getProperty(EchoClient.CASE_TIMEOUT_PROPERTY);
        System.setProperty(EchoClient.CASE_TIMEOUT_PROPERTY, "1");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            EngineEchoClient client = new EngineEchoClient())
        {
            final CompletableFuture<Integer> firstByteAfterUpgrade = CompletableFuture.supplyAsync(() ->
                acceptAndStayIdle(server));

            final ExecutionException failure = assertThrows(ExecutionException.class, () ->
                CompletableFuture.runAsync(() -> runCase(client, server.getLocalPort())).get(20, TimeUnit.SECONDS));

            assertInstanceOf(TimeoutException.class, failure.getCause().getCause(), failure::toString);
            assertTrue(failure.getCause().getCause().getMessage().contains("autobahn.caseTimeoutSeconds"));
            assertEquals(0x88, firstByteAfterUpgrade.get(10, TimeUnit.SECONDS), "a final close frame");
        }
        finally
        {
            if (null == previous)
            {
                System.clearProperty(EchoClient.CASE_TIMEOUT_PROPERTY);
            }
            else
            {
                System.setProperty(EchoClient.CASE_TIMEOUT_PROPERTY, previous);
            }
        }
    }

    private static void runCase(final EngineEchoClient client, final int port)
    {
        try
        {
            client.runCase("ws://127.0.0.1:" + port + "/runCase?case=1&agent=test");
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Complete the opening handshake, send nothing, and return the first byte the client sends afterwards.
     */
    private static int acceptAndStayIdle(final ServerSocket server)
    {
        try (Socket socket = server.accept())
        {
            final InputStream in = socket.getInputStream();
            final ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n"))
            {
                final int b = in.read();
                if (b < 0)
                {
                    return -1;
                }
                head.write(b);
            }
            final Matcher key = KEY.matcher(head.toString(StandardCharsets.ISO_8859_1));
            assertTrue(key.find(), head::toString);
            final OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                "Sec-WebSocket-Accept: " + HandshakeKeys.acceptFor(key.group(1)) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return in.read();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
