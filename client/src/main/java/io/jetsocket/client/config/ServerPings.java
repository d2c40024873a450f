/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Ready-made answers to the application-level pings venues send, for
 * {@link ClientConfig.Builder#answerServerPings}: recognised on bytes, answered into the client's reused buffer, no
 * allocation. Each reads only text messages of at most {@link #MAX_PING_LENGTH} bytes.
 * <ul>
 *   <li>{@link #jsonPingPong()}: {@code {"ping":1492420473027}} answered by {@code {"pong":1492420473027}}
 *       (Huobi/HTX market data, whose gzip-wrapped pings reach the responder inflated).</li>
 *   <li>{@link #text(String, String)}: a text {@code ping} answered by a text {@code pong}.</li>
 * </ul>
 */
public final class ServerPings
{
    /** The longest message a responder here reads: longer ones are not pings. */
    public static final int MAX_PING_LENGTH = 128;

    private ServerPings()
    {
    }

    /**
     * {@code {"ping":<digits>}} answered by {@code {"pong":<the same digits>}}.
     *
     * @return the responder.
     */
    public static ServerPingResponder jsonPingPong()
    {
        return jsonPingPong("ping", "pong");
    }

    /**
     * A one-member object {@code {"<pingKey>":<digits>}} (spaces allowed) answered by
     * {@code {"<pongKey>":<the same digits>}}. An object with other members is not a ping: it reaches the
     * application.
     *
     * @param pingKey the ping's key.
     * @param pongKey the answer's key.
     * @return the responder.
     */
    public static ServerPingResponder jsonPingPong(final String pingKey, final String pongKey)
    {
        final byte[] quotedPing = RawBytes.quoted(pingKey, "pingKey");
        final byte[] quotedPong = RawBytes.quoted(pongKey, "pongKey");
        return new ServerPingResponder()
        {
            @Override
            public int answer(final MessageType type, final DirectBuffer buffer, final int offset, final int length,
                final MutableDirectBuffer out)
            {
                if (MessageType.TEXT != type || length > MAX_PING_LENGTH)
                {
                    return -1;
                }
                final int end = offset + length;
                int at = RawBytes.skipSpace(buffer, offset, end);
                if (at >= end || '{' != buffer.getByte(at))
                {
                    return -1;
                }
                at = RawBytes.skipSpace(buffer, at + 1, end);
                if (at + quotedPing.length > end || !RawBytes.matchesAt(buffer, at, quotedPing))
                {
                    return -1;
                }
                at = RawBytes.skipSpace(buffer, at + quotedPing.length, end);
                if (at >= end || ':' != buffer.getByte(at))
                {
                    return -1;
                }
                final int digits = RawBytes.skipSpace(buffer, at + 1, end);
                final int digitsEnd = RawBytes.digitsEnd(buffer, digits, end);
                if (digitsEnd == digits)
                {
                    return -1;
                }
                final int close = RawBytes.skipSpace(buffer, digitsEnd, end);
                if (close >= end || '}' != buffer.getByte(close) || RawBytes.skipSpace(buffer, close + 1, end) != end)
                {
                    return -1;
                }
                int w = 0;
                out.putByte(w++, (byte)'{');
                out.putBytes(w, quotedPong);
                w += quotedPong.length;
                out.putByte(w++, (byte)':');
                out.putBytes(w, buffer, digits, digitsEnd - digits);
                w += digitsEnd - digits;
                out.putByte(w++, (byte)'}');
                return w;
            }

            @Override
            public String toString()
            {
                return "ServerPings.jsonPingPong(" + pingKey + ", " + pongKey + ")";
            }
        };
    }

    /**
     * A text message equal to {@code ping} answered by the text {@code pong}.
     *
     * @param ping the server's ping.
     * @param pong the answer.
     * @return the responder.
     */
    public static ServerPingResponder text(final String ping, final String pong)
    {
        final byte[] pingBytes = RawBytes.utf8(ping, "ping");
        final byte[] pongBytes = RawBytes.utf8(pong, "pong");
        return new ServerPingResponder()
        {
            @Override
            public int answer(final MessageType type, final DirectBuffer buffer, final int offset, final int length,
                final MutableDirectBuffer out)
            {
                if (MessageType.TEXT != type || !RawBytes.equalsBytes(buffer, offset, length, pingBytes))
                {
                    return -1;
                }
                out.putBytes(0, pongBytes);
                return pongBytes.length;
            }

            @Override
            public String toString()
            {
                return "ServerPings.text(" + ping + ", " + pong + ")";
            }
        };
    }
}
