/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.handshake.HandshakeRequest;
import io.jetsocket.engine.handshake.WebSocketUri;

import java.util.List;

/**
 * What to connect to and what to offer in the opening handshake, plus per-connection overrides of the
 * engine's limits. Immutable and validated when built: a bad URI or a CR/LF/NUL in any header value is
 * refused here, before a byte is sent.
 */
public final class ConnectRequest
{
    private final HandshakeRequest handshake;
    private final long connectTimeoutNs;
    private final int maxMessageLength;

    private ConnectRequest(final Builder builder)
    {
        this.handshake = builder.handshake.build();
        this.connectTimeoutNs = builder.connectTimeoutNs;
        this.maxMessageLength = builder.maxMessageLength;
    }

    /**
     * Start a request for a {@code ws://} or {@code wss://} URI.
     *
     * @param uri to connect to.
     * @return a builder.
     * @throws IllegalArgumentException if the URI is not a valid WebSocket URI.
     */
    public static Builder builder(final String uri)
    {
        return new Builder(WebSocketUri.parse(uri));
    }

    /**
     * A request with no options beyond the URI.
     *
     * @param uri to connect to.
     * @return the request.
     */
    public static ConnectRequest of(final String uri)
    {
        return builder(uri).build();
    }

    /**
     * The URI.
     *
     * @return the parsed URI.
     */
    public WebSocketUri uri()
    {
        return handshake.uri();
    }

    /**
     * The opening handshake to send.
     *
     * @return the handshake request.
     */
    public HandshakeRequest handshake()
    {
        return handshake;
    }

    long connectTimeoutNs(final EngineContext context)
    {
        return connectTimeoutNs > 0 ? connectTimeoutNs : context.connectTimeoutNs();
    }

    int maxMessageLength(final EngineContext context)
    {
        return maxMessageLength > 0 ? maxMessageLength : context.maxMessageLength();
    }

    /**
     * Builds a {@link ConnectRequest}.
     */
    public static final class Builder
    {
        private final HandshakeRequest.Builder handshake;
        private long connectTimeoutNs;
        private int maxMessageLength;

        private Builder(final WebSocketUri uri)
        {
            this.handshake = HandshakeRequest.builder(uri);
        }

        /**
         * The Origin header to send.
         *
         * @param origin value.
         * @return this.
         */
        public Builder origin(final String origin)
        {
            handshake.origin(origin);
            return this;
        }

        /**
         * Subprotocols to offer, in order of preference.
         *
         * @param subprotocols tokens.
         * @return this.
         */
        public Builder subprotocols(final List<String> subprotocols)
        {
            handshake.subprotocols(subprotocols);
            return this;
        }

        /**
         * An extension offer, e.g. {@code permessage-deflate; client_max_window_bits}.
         *
         * @param offer the extension offer.
         * @return this.
         */
        public Builder extension(final String offer)
        {
            handshake.extension(offer);
            return this;
        }

        /**
         * An extra header (repeatable, sent in order).
         *
         * @param name  header name (a token).
         * @param value header value (no CR, LF or NUL).
         * @return this.
         */
        public Builder header(final String name, final String value)
        {
            handshake.header(name, value);
            return this;
        }

        /**
         * Time limit for TCP connect plus the opening handshake, overriding the engine's.
         *
         * @param timeoutNs in nanoseconds.
         * @return this.
         */
        public Builder connectTimeoutNs(final long timeoutNs)
        {
            if (timeoutNs <= 0)
            {
                throw new IllegalArgumentException("connect timeout must be positive: " + timeoutNs);
            }
            this.connectTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * Largest message accepted on this connection, overriding the engine's.
         *
         * @param length in bytes.
         * @return this.
         */
        public Builder maxMessageLength(final int length)
        {
            if (length <= 0)
            {
                throw new IllegalArgumentException("max message length must be positive: " + length);
            }
            this.maxMessageLength = length;
            return this;
        }

        /**
         * Validate and build.
         *
         * @return the request.
         */
        public ConnectRequest build()
        {
            return new ConnectRequest(this);
        }
    }
}
