/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Keep-alive and dead-peer detection.
 * <p>
 * Every {@link #interval()} the client sends a ping: an RFC 6455 PING frame carrying {@link #payload()}
 * ({@link #useWsPing()}), or an application-level message made by {@link #applicationPing()} or written by
 * {@link #venuePing()}. The answer is a PONG frame
 * with the same payload, or an incoming message accepted by {@link #effectiveRawPongMatcher()} on its
 * bytes or by {@link #pongMatcher()} once decoded (that message is consumed: it is not delivered as a
 * {@code message} event nor to {@code recv()}; one matched on bytes reaches no raw handler either). Its round
 * trip gives the latency figures. A ping not answered within {@link #timeout()} is a miss; when more than
 * {@link #missesAllowed()} pings in a row are missed, the peer is declared dead: the connection is closed with
 * a close frame (1011) and, if reconnection is on, a new one is opened.
 *
 * @param interval        time between pings; positive. Default 30 s. The first ping goes one interval after
 *                        the connection opens.
 * @param timeout         how long to wait for each pong; positive and less than the interval. Default 10 s.
 * @param missesAllowed   consecutive missed pongs tolerated before the peer is declared dead. Default 0: the
 *                        first miss is fatal to the connection.
 * @param payload         payload of WebSocket pings (at most 125 bytes); a pong must carry the same payload to
 *                        count. Default empty.
 * @param useWsPing       send RFC 6455 PING frames (default). False requires an {@link #applicationPing()}.
 * @param applicationPing makes the application-level ping message: a {@code String} is sent as a text frame,
 *                        a {@code byte[]} as a binary frame, anything else is encoded with the client's codec.
 *                        Null (default) when WebSocket pings are used.
 * @param pongMatcher     recognises the application-level pong among decoded incoming messages; null when
 *                        none. Every message is decoded while it is set: prefer {@link #rawPongMatcher()}.
 * @param venuePing       a venue's application-level ping written and matched on bytes ({@link VenuePings}):
 *                        no codec, no decoding; null (default) for none. Excludes {@link #applicationPing()}.
 * @param rawPongMatcher  recognises the application-level pong in the raw bytes of every incoming message, ahead
 *                        of the raw handlers (a pong is consumed: no raw handler, no decoding, no message event);
 *                        with a {@link #venuePing()}, replaces the venue ping's own matcher. Null (default): the
 *                        venue ping's matcher, if any.
 */
public record HeartbeatConfig(
    Duration interval,
    Duration timeout,
    int missesAllowed,
    byte[] payload,
    boolean useWsPing,
    Supplier<?> applicationPing,
    Predicate<Object> pongMatcher,
    VenuePing venuePing,
    RawPongMatcher rawPongMatcher)
{
    /** Default time between pings. */
    public static final Duration INTERVAL_DEFAULT = Duration.ofSeconds(30);
    /** Default time to wait for a pong. */
    public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(10);
    /** Largest payload of a control frame. */
    public static final int MAX_PAYLOAD_LENGTH = 125;

    /**
     * Validate.
     *
     * @param interval        time between pings; positive. Default 30 s. The first ping goes one interval after
     *                        the connection opens.
     * @param timeout         how long to wait for each pong; positive and less than the interval. Default 10 s.
     * @param missesAllowed   consecutive missed pongs tolerated before the peer is declared dead. Default 0: the
     *                        first miss is fatal to the connection.
     * @param payload         payload of WebSocket pings (at most 125 bytes); a pong must carry the same payload to
     *                        count. Default empty.
     * @param useWsPing       send RFC 6455 PING frames (default). False requires an {@link #applicationPing()}.
     * @param applicationPing makes the application-level ping message: a {@code String} is sent as a text frame,
     *                        a {@code byte[]} as a binary frame, anything else is encoded with the client's codec.
     *                        Null (default) when WebSocket pings are used.
     * @param pongMatcher     recognises the application-level pong among decoded incoming messages; null when
     *                        none.
     * @param venuePing       a venue's ping on bytes; null for none. Excludes {@code applicationPing}.
     * @param rawPongMatcher  recognises the pong in the raw bytes; null for none (or the venue ping's own).
     * @throws IllegalArgumentException naming the bad field.
     */
    public HeartbeatConfig
    {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        payload = null == payload ? new byte[0] : payload.clone();
        if (interval.isNegative() || interval.isZero())
        {
            throw new IllegalArgumentException("heartbeat interval must be positive: " + interval);
        }
        if (timeout.isNegative() || timeout.isZero())
        {
            throw new IllegalArgumentException("heartbeat timeout must be positive: " + timeout);
        }
        if (timeout.compareTo(interval) >= 0)
        {
            throw new IllegalArgumentException(
                "heartbeat timeout must be less than the interval: timeout=" + timeout + " interval=" + interval);
        }
        if (missesAllowed < 0)
        {
            throw new IllegalArgumentException("heartbeat missesAllowed must be >= 0: " + missesAllowed);
        }
        if (payload.length > MAX_PAYLOAD_LENGTH)
        {
            throw new IllegalArgumentException("heartbeat payload longer than 125 bytes: " + payload.length);
        }
        if (null != applicationPing && null != venuePing)
        {
            throw new IllegalArgumentException("heartbeat: applicationPing and venuePing exclude each other: " +
                venuePing);
        }
        if (useWsPing && (null != applicationPing || null != venuePing))
        {
            throw new IllegalArgumentException(
                "heartbeat: applicationPing or venuePing cannot be used with useWsPing=true");
        }
        if (!useWsPing && null == applicationPing && null == venuePing)
        {
            throw new IllegalArgumentException(
                "heartbeat: useWsPing=false needs an applicationPing factory or a venuePing");
        }
    }

    /**
     * Without a venue ping or a raw pong matcher (the form before those existed).
     *
     * @param interval        time between pings.
     * @param timeout         how long to wait for each pong.
     * @param missesAllowed   consecutive missed pongs tolerated.
     * @param payload         payload of WebSocket pings.
     * @param useWsPing       send RFC 6455 PING frames.
     * @param applicationPing makes the application-level ping message, or null.
     * @param pongMatcher     recognises the application-level pong among decoded messages, or null.
     * @throws IllegalArgumentException naming the bad field.
     */
    public HeartbeatConfig(
        final Duration interval,
        final Duration timeout,
        final int missesAllowed,
        final byte[] payload,
        final boolean useWsPing,
        final Supplier<?> applicationPing,
        final Predicate<Object> pongMatcher)
    {
        this(interval, timeout, missesAllowed, payload, useWsPing, applicationPing, pongMatcher, null, null);
    }

    /**
     * The pong matcher on raw bytes in effect: {@link #rawPongMatcher()}, else the {@link #venuePing()}'s own.
     *
     * @return it, or null when pongs are not matched on bytes.
     */
    public RawPongMatcher effectiveRawPongMatcher()
    {
        return null != rawPongMatcher ? rawPongMatcher : venuePing;
    }

    /**
     * The defaults: a WebSocket ping every 30 s, 10 s to answer, no miss tolerated, empty payload.
     *
     * @return the default configuration.
     */
    public static HeartbeatConfig defaults()
    {
        return builder().build();
    }

    /**
     * Shorthand for the common case: WebSocket pings every {@code interval}, with a pong
     * timeout of 10 s, or half the interval when the interval is 20 s or less.
     *
     * @param interval time between pings.
     * @return the configuration.
     */
    public static HeartbeatConfig ofInterval(final Duration interval)
    {
        final Duration half = interval.dividedBy(2);
        return builder().interval(interval).timeout(half.compareTo(TIMEOUT_DEFAULT) < 0 ? half : TIMEOUT_DEFAULT)
            .build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * The ping payload.
     *
     * @return a copy of the payload.
     */
    @Override
    public byte[] payload()
    {
        return payload.clone();
    }

    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof HeartbeatConfig))
        {
            return false;
        }
        final HeartbeatConfig that = (HeartbeatConfig)other;
        return interval.equals(that.interval) && timeout.equals(that.timeout) &&
            missesAllowed == that.missesAllowed && Arrays.equals(payload, that.payload) &&
            useWsPing == that.useWsPing && Objects.equals(applicationPing, that.applicationPing) &&
            Objects.equals(pongMatcher, that.pongMatcher) && Objects.equals(venuePing, that.venuePing) &&
            Objects.equals(rawPongMatcher, that.rawPongMatcher);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(interval, timeout, missesAllowed, Arrays.hashCode(payload), useWsPing);
    }

    @Override
    public String toString()
    {
        return "HeartbeatConfig{interval=" + interval + ", timeout=" + timeout + ", missesAllowed=" +
            missesAllowed + ", payload=" + payload.length + " bytes, useWsPing=" + useWsPing +
            ", applicationPing=" + (null != applicationPing) + ", pongMatcher=" + (null != pongMatcher) +
            ", venuePing=" + venuePing +
            ", rawPongMatcher=" + (null != rawPongMatcher) + "}";
    }

    /**
     * Builds a {@link HeartbeatConfig}, starting from the defaults.
     */
    public static final class Builder
    {
        private Duration interval = INTERVAL_DEFAULT;
        private Duration timeout = TIMEOUT_DEFAULT;
        private int missesAllowed;
        private byte[] payload = new byte[0];
        private boolean useWsPing = true;
        private Supplier<?> applicationPing;
        private Predicate<Object> pongMatcher;
        private VenuePing venuePing;
        private RawPongMatcher rawPongMatcher;

        private Builder()
        {
        }

        /**
         * Time between pings.
         *
         * @param interval positive.
         * @return this.
         */
        public Builder interval(final Duration interval)
        {
            this.interval = interval;
            return this;
        }

        /**
         * Time to wait for each pong.
         *
         * @param timeout positive, less than the interval.
         * @return this.
         */
        public Builder timeout(final Duration timeout)
        {
            this.timeout = timeout;
            return this;
        }

        /**
         * Consecutive missed pongs tolerated.
         *
         * @param missesAllowed zero or more.
         * @return this.
         */
        public Builder missesAllowed(final int missesAllowed)
        {
            this.missesAllowed = missesAllowed;
            return this;
        }

        /**
         * Payload of WebSocket pings.
         *
         * @param payload at most 125 bytes.
         * @return this.
         */
        public Builder payload(final byte[] payload)
        {
            this.payload = payload;
            return this;
        }

        /**
         * Send RFC 6455 PING frames.
         *
         * @param useWsPing true for WebSocket pings.
         * @return this.
         */
        public Builder useWsPing(final boolean useWsPing)
        {
            this.useWsPing = useWsPing;
            return this;
        }

        /**
         * Use application-level pings made by this factory (turns WebSocket pings off).
         *
         * @param applicationPing the ping message factory.
         * @return this.
         */
        public Builder applicationPing(final Supplier<?> applicationPing)
        {
            this.applicationPing = applicationPing;
            this.useWsPing = null == applicationPing && null == venuePing;
            return this;
        }

        /**
         * Recognise application-level pongs among decoded incoming messages.
         *
         * @param pongMatcher the predicate.
         * @return this.
         */
        public Builder pongMatcher(final Predicate<Object> pongMatcher)
        {
            this.pongMatcher = pongMatcher;
            return this;
        }

        /**
         * Ping with a venue's application-level ping, written and matched on bytes (turns WebSocket pings off),
         * e.g. {@code VenuePings.jsonOp("ping")}: no message is decoded for the heartbeat's sake.
         *
         * @param venuePing the venue's ping, or null for none.
         * @return this.
         */
        public Builder venuePing(final VenuePing venuePing)
        {
            this.venuePing = venuePing;
            this.useWsPing = null == venuePing && null == applicationPing;
            return this;
        }

        /**
         * Recognise application-level pongs in the raw bytes of incoming messages, ahead of the raw handlers and
         * of any decoding (a pong is consumed); with a {@link #venuePing}, instead of its own matcher.
         *
         * @param rawPongMatcher the matcher, or null for none.
         * @return this.
         */
        public Builder rawPongMatcher(final RawPongMatcher rawPongMatcher)
        {
            this.rawPongMatcher = rawPongMatcher;
            return this;
        }

        /**
         * Validate and build.
         *
         * @return the configuration.
         */
        public HeartbeatConfig build()
        {
            return new HeartbeatConfig(interval, timeout, missesAllowed, payload, useWsPing, applicationPing,
                pongMatcher, venuePing, rawPongMatcher);
        }
    }
}
