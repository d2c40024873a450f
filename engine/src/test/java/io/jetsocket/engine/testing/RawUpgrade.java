/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.testing;

import io.jetsocket.engine.handshake.HandshakeKeys;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The server side of the opening handshake on a plain socket, for tests that script the server's bytes after it:
 * read the request head, answer 101 with the right {@code Sec-WebSocket-Accept}.
 */
public final class RawUpgrade
{
    private RawUpgrade()
    {
    }

    /**
     * Read the client's upgrade request and answer 101.
     *
     * @param socket the accepted connection.
     * @return the request head, up to and including the blank line.
     * @throws IOException if the request ends early or has no key.
     */
    public static String accept(final Socket socket) throws IOException
    {
        return accept(socket, null);
    }

    /**
     * Read the client's upgrade request and answer 101 with a chosen extensions header.
     *
     * @param socket     the accepted connection.
     * @param extensions the {@code Sec-WebSocket-Extensions} value of the answer, or null for none.
     * @return the request head, up to and including the blank line.
     * @throws IOException if the request ends early or has no key.
     */
    public static String accept(final Socket socket, final String extensions) throws IOException
    {
        final String request = readHead(socket.getInputStream());
        final String key = header(request, "Sec-WebSocket-Key");
        if (null == key)
        {
            throw new IOException("no Sec-WebSocket-Key in request: " + request);
        }
        final String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n" +
            "Connection: Upgrade\r\nSec-WebSocket-Accept: " + HandshakeKeys.acceptFor(key) + "\r\n" +
            (null == extensions ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
        final OutputStream out = socket.getOutputStream();
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return request;
    }

    /**
     * Read an HTTP head: every byte up to and including the first empty line.
     *
     * @param in the connection's input.
     * @return the head as ISO-8859-1 text.
     * @throws IOException if the stream ends before the empty line.
     */
    public static String readHead(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0; // how much of CR LF CR LF the last bytes were
        while (matched < 4)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new EOFException("the request head ended early: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            if (b == (0 == (matched & 1) ? '\r' : '\n'))
            {
                matched++;
            }
            else
            {
                matched = '\r' == b ? 1 : 0;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * The value of a header in an HTTP head, its name matched without regard to case.
     *
     * @param head the head, lines ending CR LF.
     * @param name the header's name.
     * @return the trimmed value of its first occurrence, or null if the head has none.
     */
    public static String header(final String head, final String name)
    {
        for (final String line : head.split("\r\n"))
        {
            final int colon = line.indexOf(':');
            if (colon == name.length() && line.regionMatches(true, 0, name, 0, colon))
            {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
