/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.handshake.HandshakeKeys;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal server side of the opening handshake on a plain socket, for tests that script the server's bytes.
 */
final class RawPeer
{
    private RawPeer()
    {
    }

    /**
     * Read the client's upgrade request and answer 101 with the right accept value.
     */
    static void acceptUpgrade(final Socket socket) throws IOException
    {
        final String key = requestKey(socket.getInputStream());
        final String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n" +
            "Connection: Upgrade\r\nSec-WebSocket-Accept: " + HandshakeKeys.acceptFor(key) + "\r\n\r\n";
        socket.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String requestKey(final InputStream in) throws IOException
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
                throw new IOException("no Sec-WebSocket-Key in request: " + text);
            }
        }
        throw new EOFException("request ended early");
    }
}
