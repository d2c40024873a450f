/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The few pieces of the RFC 6455 opening handshake that the feed server and the raw-socket floor need:
 * keys, the accept value, finding the end of an HTTP head and reading a header from it.
 */
final class WsHandshake
{
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WsHandshake()
    {
    }

    /**
     * A fresh {@code Sec-WebSocket-Key}: 16 random bytes in Base64.
     *
     * @return the key.
     */
    static String newKey()
    {
        final byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * The {@code Sec-WebSocket-Accept} value for a key.
     *
     * @param key the client's key.
     * @return Base64 of SHA-1 of key + GUID.
     */
    static String acceptFor(final String key)
    {
        try
        {
            final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            final byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Index just past the blank line ending an HTTP head in {@code buffer[0, limit)}.
     *
     * @param buffer holding the bytes from index 0.
     * @param limit  end of the bytes.
     * @return the index after {@code \r\n\r\n}, or -1 if the head is not complete.
     */
    static int endOfHead(final ByteBuffer buffer, final int limit)
    {
        for (int i = 3; i < limit; i++)
        {
            if ('\n' == buffer.get(i) && '\r' == buffer.get(i - 1) && '\n' == buffer.get(i - 2) &&
                '\r' == buffer.get(i - 3))
            {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * The value of a header in an HTTP head, matched without regard to case.
     *
     * @param head the head as text.
     * @param name of the header.
     * @return the trimmed value, or null if absent.
     */
    static String header(final String head, final String name)
    {
        final String wanted = name.toLowerCase(Locale.ROOT) + ":";
        for (final String line : head.split("\r\n"))
        {
            if (line.toLowerCase(Locale.ROOT).startsWith(wanted))
            {
                return line.substring(wanted.length()).trim();
            }
        }
        return null;
    }

    /**
     * The client's upgrade request.
     *
     * @param host     host and port, for the Host header.
     * @param pathAndQuery the request target.
     * @param key      the {@code Sec-WebSocket-Key}.
     * @return the request bytes.
     */
    static byte[] request(final String host, final String pathAndQuery, final String key)
    {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n" +
            "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The server's 101 response.
     *
     * @param key the client's key.
     * @return the response bytes.
     */
    static byte[] response(final String key)
    {
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: " + acceptFor(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
