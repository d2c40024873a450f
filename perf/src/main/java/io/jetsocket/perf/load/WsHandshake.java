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
     * Every value of a header that may repeat, joined with {@code ", "} as RFC 9110 allows for list headers.
     *
     * @param head the head as text.
     * @param name of the header.
     * @return the joined values, or null if absent.
     */
    static String headers(final String head, final String name)
    {
        final String wanted = name.toLowerCase(Locale.ROOT) + ":";
        String joined = null;
        for (final String line : head.split("\r\n"))
        {
            if (line.toLowerCase(Locale.ROOT).startsWith(wanted))
            {
                final String value = line.substring(wanted.length()).trim();
                joined = null == joined ? value : joined + ", " + value;
            }
        }
        return joined;
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
        return request(host, pathAndQuery, key, null);
    }

    /**
     * The client's upgrade request with an extension offer.
     *
     * @param host         host and port, for the Host header.
     * @param pathAndQuery the request target.
     * @param key          the {@code Sec-WebSocket-Key}.
     * @param extensions   the {@code Sec-WebSocket-Extensions} offer, or null for none.
     * @return the request bytes.
     */
    static byte[] request(final String host, final String pathAndQuery, final String key, final String extensions)
    {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n" +
            "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" +
            (null == extensions ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n")
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
        return response(key, null);
    }

    /**
     * The server's 101 response, accepting an extension.
     *
     * @param key        the client's key.
     * @param extensions the {@code Sec-WebSocket-Extensions} answer, or null for none.
     * @return the response bytes.
     */
    static byte[] response(final String key, final String extensions)
    {
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: " + acceptFor(key) + "\r\n" +
            (null == extensions ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The feed server's side of permessage-deflate (RFC 7692 §7.1): accept the first {@code permessage-deflate}
     * offer it can honour, always with {@code server_no_context_takeover} (every message is deflated on its own,
     * once, before the push), {@code client_no_context_takeover} when offered, and {@code server_max_window_bits}
     * echoed when offered and every message fits in that window. {@code client_max_window_bits} is never
     * answered: the server inflates nothing. Offers with unknown or malformed parameters are declined.
     *
     * @param offers      the client's {@code Sec-WebSocket-Extensions}, all values joined, or null.
     * @param messageSize the largest message the server will send.
     * @return the {@code Sec-WebSocket-Extensions} answer, or null to decline compression.
     */
    static String acceptDeflate(final String offers, final int messageSize)
    {
        if (null == offers)
        {
            return null;
        }
        for (final String offer : offers.split(","))
        {
            final String[] parts = offer.split(";");
            if (!"permessage-deflate".equalsIgnoreCase(parts[0].trim()))
            {
                continue;
            }
            final StringBuilder answer = new StringBuilder("permessage-deflate; server_no_context_takeover");
            boolean acceptable = true;
            for (int i = 1; i < parts.length && acceptable; i++)
            {
                final String parameter = parts[i].trim();
                final int eq = parameter.indexOf('=');
                final String name = (eq < 0 ? parameter : parameter.substring(0, eq)).trim()
                    .toLowerCase(Locale.ROOT);
                final String value = eq < 0 ? null : parameter.substring(eq + 1).trim().replace("\"", "");
                switch (name)
                {
                    case "server_no_context_takeover":
                        acceptable = null == value;
                        break;
                    case "client_no_context_takeover":
                        acceptable = null == value;
                        answer.append("; client_no_context_takeover");
                        break;
                    case "client_max_window_bits":
                        acceptable = null == value || windowBits(value) > 0;
                        break;
                    case "server_max_window_bits":
                        final int bits = null == value ? 0 : windowBits(value);
                        acceptable = bits > 0 && (1 << bits) >= messageSize;
                        answer.append("; server_max_window_bits=").append(bits);
                        break;
                    default:
                        acceptable = false;
                        break;
                }
            }
            if (acceptable)
            {
                return answer.toString();
            }
        }
        return null;
    }

    /**
     * Does a {@code Sec-WebSocket-Extensions} answer accept permessage-deflate?
     *
     * @param extensions the header's value, or null.
     * @return true if permessage-deflate is among the accepted extensions.
     */
    static boolean acceptsDeflate(final String extensions)
    {
        if (null == extensions)
        {
            return false;
        }
        for (final String extension : extensions.split(","))
        {
            if ("permessage-deflate".equalsIgnoreCase(extension.split(";")[0].trim()))
            {
                return true;
            }
        }
        return false;
    }

    private static int windowBits(final String value)
    {
        try
        {
            final int bits = Integer.parseInt(value);
            return bits >= 8 && bits <= 15 ? bits : -1;
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
