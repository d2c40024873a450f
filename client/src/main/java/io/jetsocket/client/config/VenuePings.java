/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Ready-made application-level pings of venues, for {@link HeartbeatConfig.Builder#venuePing}: written and matched
 * on bytes, never decoded. Every matcher here reads only text messages of at most {@link #MAX_PONG_LENGTH} bytes
 * (a longer message is never a pong: the check costs a length comparison for market data), and none allocates.
 * <ul>
 *   <li>{@link #jsonOp(String)}: {@code {"op":"ping"}}, answered by {@code "op":"pong"} or
 *       {@code "ret_msg":"pong"} (Bybit answers {@code {"success":true,"ret_msg":"pong",...,"op":"ping"}});
 *       {@link #jsonOp(String, RawPongMatcher)} with a matcher of one's own, e.g. {@link #jsonField}.</li>
 *   <li>{@link #text(String, String)}: text {@code ping} answered by text {@code pong} (OKX).</li>
 *   <li>{@link #jsonTimestamp()}: {@code {"ping":<epoch ms>}} answered by {@code {"pong":<the same>}}; a pong with
 *       another timestamp (the late answer to an earlier ping) is consumed but does not answer the ping.</li>
 * </ul>
 */
public final class VenuePings
{
    /** The longest message a matcher here reads: longer ones are not pongs. */
    public static final int MAX_PONG_LENGTH = 512;

    private VenuePings()
    {
    }

    /**
     * {@code {"op":"<op>"}}, its pong recognised by {@code "op":"pong"} or {@code "ret_msg":"pong"} anywhere in a
     * short text message (Bybit, OKX's JSON channels and the like).
     *
     * @param op the ping's op, e.g. {@code ping}.
     * @return the venue ping.
     */
    public static VenuePing jsonOp(final String op)
    {
        return jsonOp(op, anyOf(jsonField("op", "pong"), jsonField("ret_msg", "pong")));
    }

    /**
     * {@code {"op":"<op>"}} with a pong matcher of one's own.
     *
     * @param op   the ping's op.
     * @param pong recognises the pong.
     * @return the venue ping.
     */
    public static VenuePing jsonOp(final String op, final RawPongMatcher pong)
    {
        Objects.requireNonNull(pong, "pong");
        RawBytes.quoted(op, "op");
        final byte[] ping = ("{\"op\":\"" + op + "\"}").getBytes(StandardCharsets.UTF_8);
        return new FixedPing(MessageType.TEXT, ping, pong, "jsonOp(" + op + ")");
    }

    /**
     * A text ping answered by a text pong that equals {@code pong} exactly (OKX: {@code ping} and {@code pong}).
     *
     * @param ping the ping's text.
     * @param pong the pong's text.
     * @return the venue ping.
     */
    public static VenuePing text(final String ping, final String pong)
    {
        final byte[] pingBytes = RawBytes.utf8(ping, "ping");
        final byte[] pongBytes = RawBytes.utf8(pong, "pong");
        return new FixedPing(MessageType.TEXT, pingBytes,
            (type, buffer, offset, length) -> MessageType.TEXT == type &&
            RawBytes.equalsBytes(buffer, offset, length, pongBytes), "text(" + ping + ", " + pong + ")");
    }

    /**
     * {@code {"ping":<epoch ms>}} answered by {@code {"pong":<the same epoch ms>}}.
     *
     * @return the venue ping.
     */
    public static VenuePing jsonTimestamp()
    {
        return jsonTimestamp("ping", "pong");
    }

    /**
     * {@code {"<pingKey>":<epoch ms>}} answered by {@code {"<pongKey>":<the same epoch ms>}}.
     *
     * @param pingKey the ping's key.
     * @param pongKey the pong's key.
     * @return the venue ping.
     */
    public static VenuePing jsonTimestamp(final String pingKey, final String pongKey)
    {
        return new TimestampPing(RawBytes.quoted(pingKey, "pingKey"), RawBytes.quoted(pongKey, "pongKey"));
    }

    /**
     * A pong matcher: the pair {@code "key":"value"} (spaces allowed around the colon) in a text message of at most
     * {@link #MAX_PONG_LENGTH} bytes.
     *
     * @param key   the key, without quotes.
     * @param value the string value, without quotes.
     * @return the matcher.
     */
    public static RawPongMatcher jsonField(final String key, final String value)
    {
        final byte[] quotedKey = RawBytes.quoted(key, "key");
        final byte[] quotedValue = RawBytes.quoted(value, "value");
        return (type, buffer, offset, length) ->
        {
            if (MessageType.TEXT != type || length > MAX_PONG_LENGTH)
            {
                return false;
            }
            final int end = offset + length;
            int from = offset;
            while (true)
            {
                final int at = RawBytes.valueOf(buffer, from, end, quotedKey);
                if (RawBytes.NOT_FOUND == at)
                {
                    return false;
                }
                if (at + quotedValue.length <= end && RawBytes.matchesAt(buffer, at, quotedValue))
                {
                    return true;
                }
                from = at; // the key again further on, e.g. as a value
            }
        };
    }

    /**
     * A pong matcher that accepts what any of these accepts.
     *
     * @param matchers checked in order.
     * @return the matcher.
     */
    public static RawPongMatcher anyOf(final RawPongMatcher... matchers)
    {
        final RawPongMatcher[] all = matchers.clone();
        for (final RawPongMatcher matcher : all)
        {
            Objects.requireNonNull(matcher, "matcher");
        }
        return (type, buffer, offset, length) ->
        {
            for (final RawPongMatcher matcher : all)
            {
                if (matcher.isPong(type, buffer, offset, length))
                {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * A ping of constant bytes.
     */
    private static final class FixedPing implements VenuePing
    {
        private final MessageType type;
        private final byte[] ping;
        private final RawPongMatcher pong;
        private final String name;

        FixedPing(final MessageType type, final byte[] ping, final RawPongMatcher pong, final String name)
        {
            this.type = type;
            this.ping = ping;
            this.pong = pong;
            this.name = name;
        }

        @Override
        public MessageType pingType()
        {
            return type;
        }

        @Override
        public int writePing(final MutableDirectBuffer out, final int offset, final long epochMs)
        {
            out.putBytes(offset, ping);
            return ping.length;
        }

        @Override
        public boolean isPong(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
        {
            return pong.isPong(type, buffer, offset, length);
        }

        @Override
        public String toString()
        {
            return "VenuePing." + name;
        }
    }

    /**
     * {@code {"ping":ts}} and {@code {"pong":ts}}.
     */
    private static final class TimestampPing implements VenuePing
    {
        private final byte[] pingKey;
        private final byte[] pongKey;

        TimestampPing(final byte[] pingKey, final byte[] pongKey)
        {
            this.pingKey = pingKey;
            this.pongKey = pongKey;
        }

        @Override
        public MessageType pingType()
        {
            return MessageType.TEXT;
        }

        @Override
        public int writePing(final MutableDirectBuffer out, final int offset, final long epochMs)
        {
            int at = offset;
            out.putByte(at++, (byte)'{');
            out.putBytes(at, pingKey);
            at += pingKey.length;
            out.putByte(at++, (byte)':');
            at += out.putLongAscii(at, epochMs);
            out.putByte(at++, (byte)'}');
            return at - offset;
        }

        @Override
        public boolean isPong(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
        {
            return timestamp(type, buffer, offset, length) >= 0;
        }

        @Override
        public boolean answers(
            final MessageType type,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final long pingEpochMs)
        {
            return timestamp(type, buffer, offset, length) == pingEpochMs;
        }

        private long timestamp(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
        {
            if (MessageType.TEXT != type || length > MAX_PONG_LENGTH)
            {
                return -1;
            }
            final int end = offset + length;
            final int at = RawBytes.valueOf(buffer, offset, end, pongKey);
            if (RawBytes.NOT_FOUND == at)
            {
                return -1;
            }
            final int digitsEnd = RawBytes.digitsEnd(buffer, at, end);
            return digitsEnd == at ? -1 : RawBytes.parseDigits(buffer, at, digitsEnd);
        }

        @Override
        public String toString()
        {
            return "VenuePing.jsonTimestamp";
        }
    }
}
