/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes the HTTP/1.1 upgrade request of the opening handshake (RFC 6455 §4.1) as ASCII:
 * <pre>
 * GET &lt;resource&gt; HTTP/1.1
 * Host: &lt;host[:port]&gt;
 * Upgrade: websocket
 * Connection: Upgrade
 * Sec-WebSocket-Key: &lt;key&gt;
 * Sec-WebSocket-Version: 13
 * Origin: &lt;origin&gt;                        (when set)
 * Sec-WebSocket-Protocol: a, b               (when offered)
 * Sec-WebSocket-Extensions: x; p, y          (when offered)
 * &lt;extra headers, in order&gt;
 * &lt;empty line&gt;
 * </pre>
 * Everything but the key is rendered once when the {@link HandshakeRequest} is built, so encoding is two copies and
 * the key; the length is {@link HandshakeRequest#encodedLength()} whatever the key.
 */
public final class HandshakeRequestEncoder
{
    private static final String CRLF = "\r\n";

    private HandshakeRequestEncoder()
    {
    }

    /**
     * Length in bytes of the encoded request, to size the destination buffer.
     *
     * @param request the request to encode.
     * @return the number of bytes {@link #encode(HandshakeRequest, String, MutableDirectBuffer, int)} writes.
     */
    public static int encodedLength(final HandshakeRequest request)
    {
        return request.encodedLength();
    }

    /**
     * Write the request into a buffer. Nothing is written when the buffer is too small and not expandable.
     *
     * @param request the request to encode.
     * @param key     the Sec-WebSocket-Key of this attempt, from {@link HandshakeKeys#newKey()}.
     * @param dst     the buffer to write to.
     * @param offset  at which to write the first byte.
     * @return the number of bytes written, {@link #encodedLength(HandshakeRequest)}.
     * @throws IllegalArgumentException when the key is malformed or the buffer too small.
     */
    public static int encode(
        final HandshakeRequest request, final String key, final MutableDirectBuffer dst, final int offset)
    {
        if (!HandshakeKeys.isValidKey(key))
        {
            throw new IllegalArgumentException("Sec-WebSocket-Key " + HttpSyntax.quote(key) +
                " is not 24 base64 characters encoding 16 bytes");
        }
        final byte[] before = request.headBeforeKey();
        final byte[] after = request.headAfterKey();
        final int length = before.length + HandshakeKeys.KEY_LENGTH + after.length;
        if (offset < 0 || (!dst.isExpandable() && offset > dst.capacity() - length))
        {
            throw new IllegalArgumentException("cannot write a " + length + "-byte handshake request at offset " +
                offset + " of a buffer of capacity " + dst.capacity());
        }

        dst.putBytes(offset, before);
        dst.putStringWithoutLengthAscii(offset + before.length, key);
        dst.putBytes(offset + before.length + HandshakeKeys.KEY_LENGTH, after);

        return length;
    }

    /**
     * Encode the request into a new array.
     *
     * @param request the request to encode.
     * @param key     the Sec-WebSocket-Key of this attempt, from {@link HandshakeKeys#newKey()}.
     * @return the request bytes.
     * @throws IllegalArgumentException when the key is malformed.
     */
    public static byte[] encode(final HandshakeRequest request, final String key)
    {
        final byte[] bytes = new byte[request.encodedLength()];
        encode(request, key, new UnsafeBuffer(bytes), 0);
        return bytes;
    }

    static byte[] headBeforeKey(final HandshakeRequest request)
    {
        final WebSocketUri uri = request.uri();
        final String head = "GET " + uri.resource() + " HTTP/1.1" + CRLF +
            "Host: " + uri.hostHeader() + CRLF +
            "Upgrade: websocket" + CRLF +
            "Connection: Upgrade" + CRLF +
            "Sec-WebSocket-Key: ";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] headAfterKey(final HandshakeRequest request)
    {
        final StringBuilder sb = new StringBuilder(256);
        sb.append(CRLF).append("Sec-WebSocket-Version: 13").append(CRLF);
        if (null != request.origin())
        {
            sb.append("Origin: ").append(request.origin()).append(CRLF);
        }
        appendList(sb, "Sec-WebSocket-Protocol", request.subprotocols());
        appendList(sb, "Sec-WebSocket-Extensions", request.extensions());
        final HttpHeaders headers = request.headers();
        for (int i = 0, size = headers.size(); i < size; i++)
        {
            sb.append(headers.name(i)).append(": ").append(headers.value(i)).append(CRLF);
        }
        sb.append(CRLF);
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void appendList(final StringBuilder sb, final String name, final List<String> values)
    {
        if (!values.isEmpty())
        {
            sb.append(name).append(": ").append(String.join(", ", values)).append(CRLF);
        }
    }
}
