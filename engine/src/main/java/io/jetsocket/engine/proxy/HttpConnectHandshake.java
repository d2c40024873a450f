/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.proxy;

import io.jetsocket.engine.ProxyConfig;
import io.jetsocket.engine.ProxyException;
import io.jetsocket.engine.handshake.HttpHeaders;
import io.jetsocket.engine.handshake.WebSocketUri;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * HTTP CONNECT: {@code CONNECT host:port HTTP/1.1} with a Host header and, with credentials, Basic
 * {@code Proxy-Authorization}; the answer's head (HTTP/1.0 or 1.1, ended by an empty line) is collected up to the
 * size limit, and any 2xx status opens the tunnel.
 */
final class HttpConnectHandshake extends ProxyHandshake
{
    private final int maxResponseBytes;
    private final byte[] head;
    private int headLength;

    HttpConnectHandshake(final ProxyConfig proxy, final WebSocketUri target, final int maxResponseBytes)
    {
        super(proxy, target);
        this.maxResponseBytes = maxResponseBytes;
        this.head = new byte[maxResponseBytes];
    }

    @Override
    public byte[] start()
    {
        final String authority = authority(target);
        final StringBuilder request = new StringBuilder(128)
            .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
            .append("Host: ").append(authority).append("\r\n");
        if (null != proxy.username())
        {
            final String credentials = proxy.username() + ":" + proxy.password();
            request.append("Proxy-Authorization: Basic ")
                .append(Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int onBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (headLength == maxResponseBytes)
            {
                throw failure(ProxyException.Reason.RESPONSE_TOO_LARGE, "answer to CONNECT longer than " +
                    maxResponseBytes + " bytes");
            }
            final byte b = buffer.getByte(offset + i);
            head[headLength++] = b;
            if ('\n' == b && endsHead())
            {
                onHead();
                return i + 1;
            }
        }
        return NEED_MORE;
    }

    private boolean endsHead()
    {
        return (headLength >= 2 && '\n' == head[headLength - 2]) ||
            (headLength >= 4 && '\r' == head[headLength - 2] && '\n' == head[headLength - 3] &&
            '\r' == head[headLength - 4]);
    }

    private void onHead()
    {
        final String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        final String[] lines = text.split("\r?\n", -1);
        final String statusLine = lines[0];
        if (!statusLine.matches("HTTP/1\\.[01] [0-9]{3}( .*)?"))
        {
            throw failure(ProxyException.Reason.MALFORMED_RESPONSE, "answer to CONNECT is not HTTP: \"" +
                printable(statusLine) + "\"");
        }
        final int status = Integer.parseInt(statusLine.substring(9, 12)); // three digits, checked above
        final List<String> namesAndValues = new ArrayList<>();
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            if (colon > 0)
            {
                namesAndValues.add(lines[i].substring(0, colon).strip());
                namesAndValues.add(lines[i].substring(colon + 1).strip());
            }
        }
        if (status < 200 || status > 299)
        {
            HttpHeaders headers;
            try
            {
                headers = HttpHeaders.of(namesAndValues.toArray(new String[0]));
            }
            catch (final IllegalArgumentException ex)
            {
                headers = HttpHeaders.EMPTY;
            }
            throw failure(ProxyException.Reason.REJECTED, "refused CONNECT: \"" + printable(statusLine) + "\"",
                status, -1, headers, null);
        }
    }

    private static String printable(final String line)
    {
        final String shortened = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        final StringBuilder out = new StringBuilder(shortened.length());
        for (int i = 0; i < shortened.length(); i++)
        {
            final char c = shortened.charAt(i);
            out.append(c < 0x20 || c > 0x7E ? '?' : c);
        }
        return out.toString();
    }
}
