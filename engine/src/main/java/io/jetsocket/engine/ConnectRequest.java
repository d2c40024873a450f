/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.deflate.DeflateOffer;
import io.jetsocket.engine.handshake.HandshakeRequest;
import io.jetsocket.engine.handshake.WebSocketUri;

import javax.net.ssl.SSLContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.Deflater;

/**
 * What to connect to and what to offer in the opening handshake, plus per-connection overrides of the
 * engine's limits. Immutable and validated when built: a bad URI or a CR/LF/NUL in any header value is
 * refused here, before a byte is sent.
 * <p>
 * Transport options: a {@link #proxy() proxy} (HTTP CONNECT or SOCKS5), and for {@code wss://} an
 * {@link #sslContext() SSLContext} (default: the JDK's default context, TLS 1.3 and 1.2 only) and
 * {@link #hostnameVerification() hostname verification} (on by default; SNI is always sent for host names).
 * <p>
 * Compression: {@link Builder#compression(boolean)} offers permessage-deflate (RFC 7692; off by default in the
 * engine), by default as {@link DeflateOffer#DEFAULT} ({@code permessage-deflate; client_max_window_bits}); the
 * {@code deflate...} options change that one offer, and {@link Builder#deflateOffers(List)} sends a list of
 * offers instead. Messages shorter than {@link #compressionThreshold()} are sent uncompressed; compressed messages
 * are received whatever their size, and the message size limit applies to their inflated size.
 */
public final class ConnectRequest
{
    /** Default smallest payload that is compressed, in bytes. */
    public static final int COMPRESSION_THRESHOLD_DEFAULT = 128;

    private final HandshakeRequest handshake;
    private final long connectTimeoutNs;
    private final int maxMessageLength;
    private final ProxyConfig proxy;
    private final SSLContext sslContext;
    private final boolean hostnameVerification;
    private final boolean compression;
    private final int compressionThreshold;
    private final int compressionLevel;
    private final List<DeflateOffer> deflateOffers;

    private ConnectRequest(final Builder builder)
    {
        this.deflateOffers = Collections.unmodifiableList(new ArrayList<>(builder.deflateOffers()));
        this.handshake = builder.buildHandshake(deflateOffers);
        this.connectTimeoutNs = builder.connectTimeoutNs;
        this.maxMessageLength = builder.maxMessageLength;
        this.proxy = builder.proxy;
        this.sslContext = builder.sslContext;
        this.hostnameVerification = builder.hostnameVerification;
        this.compression = builder.compression;
        this.compressionThreshold = builder.compressionThreshold;
        this.compressionLevel = builder.compressionLevel;
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

    /**
     * The proxy to connect through.
     *
     * @return the proxy, or null to connect directly.
     */
    public ProxyConfig proxy()
    {
        return proxy;
    }

    /**
     * The TLS context for {@code wss://}.
     *
     * @return the context given to the builder, or null for the JDK's default context.
     */
    public SSLContext sslContext()
    {
        return sslContext;
    }

    /**
     * Is the server's certificate checked against the URI's host (endpoint identification {@code HTTPS})?
     *
     * @return true unless turned off.
     */
    public boolean hostnameVerification()
    {
        return hostnameVerification;
    }

    /**
     * Is permessage-deflate offered?
     *
     * @return true when compression was turned on.
     */
    public boolean compression()
    {
        return compression;
    }

    /**
     * The smallest payload that is sent compressed when permessage-deflate is in use.
     *
     * @return length in bytes.
     */
    public int compressionThreshold()
    {
        return compressionThreshold;
    }

    /**
     * The deflate level of sent messages.
     *
     * @return 0..9, or -1 for the default (6).
     */
    public int compressionLevel()
    {
        return compressionLevel;
    }

    /**
     * The permessage-deflate offers sent when {@link #compression()} is on, in order of preference.
     *
     * @return the offers; unmodifiable, never empty.
     */
    public List<DeflateOffer> deflateOffers()
    {
        return deflateOffers;
    }

    /**
     * Does the first offer ask the server for {@code server_no_context_takeover}?
     *
     * @return true when asked.
     */
    public boolean deflateServerNoContextTakeover()
    {
        return deflateOffers.get(0).serverNoContextTakeover();
    }

    /**
     * Does the first offer announce {@code client_no_context_takeover}?
     *
     * @return true when announced.
     */
    public boolean deflateClientNoContextTakeover()
    {
        return deflateOffers.get(0).clientNoContextTakeover();
    }

    /**
     * The {@code server_max_window_bits} the first offer asks for.
     *
     * @return 8..15, or 0 when not asked.
     */
    public int deflateServerMaxWindowBits()
    {
        return deflateOffers.get(0).serverMaxWindowBits();
    }

    /**
     * The host the TCP connection goes to: the proxy's when there is one.
     */
    String connectHost()
    {
        return null == proxy ? uri().host() : proxy.host();
    }

    int connectPort()
    {
        return null == proxy ? uri().port() : proxy.port();
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
        private final WebSocketUri uri;
        private final HandshakeRequest.Builder handshake;
        private final List<Consumer<HandshakeRequest.Builder>> handshakeSteps = new ArrayList<>();
        private long connectTimeoutNs;
        private int maxMessageLength;
        private ProxyConfig proxy;
        private SSLContext sslContext;
        private boolean hostnameVerification = true;
        private boolean compression;
        private int compressionThreshold = COMPRESSION_THRESHOLD_DEFAULT;
        private int compressionLevel = Deflater.DEFAULT_COMPRESSION;
        private DeflateOffer offer = DeflateOffer.DEFAULT;
        private boolean offerChanged;
        private List<DeflateOffer> offers;

        private Builder(final WebSocketUri uri)
        {
            this.uri = uri;
            this.handshake = HandshakeRequest.builder(uri);
        }

        /**
         * Apply a handshake option now (so that a bad value fails at once) and remember it, so that
         * {@link #build()} can make each request's handshake afresh, with the permessage-deflate offer last.
         */
        private void handshakeStep(final Consumer<HandshakeRequest.Builder> step)
        {
            step.accept(handshake);
            handshakeSteps.add(step);
        }

        private List<DeflateOffer> deflateOffers()
        {
            if (null == offers)
            {
                return List.of(offer);
            }
            if (offerChanged)
            {
                throw new IllegalArgumentException("use either deflateOffers(List) or the deflate... options that " +
                    "change the single default offer, not both (offers " + offers + ")");
            }
            return offers;
        }

        private HandshakeRequest buildHandshake(final List<DeflateOffer> deflateOffers)
        {
            final HandshakeRequest.Builder fresh = HandshakeRequest.builder(uri);
            for (final Consumer<HandshakeRequest.Builder> step : handshakeSteps)
            {
                step.accept(fresh);
            }
            if (compression)
            {
                for (final DeflateOffer deflateOffer : deflateOffers)
                {
                    fresh.extension(deflateOffer.headerValue());
                }
            }
            return fresh.build();
        }

        /**
         * The Origin header to send.
         *
         * @param origin value.
         * @return this.
         */
        public Builder origin(final String origin)
        {
            handshakeStep((builder) -> builder.origin(origin));
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
            final List<String> copy = null == subprotocols ? null : new ArrayList<>(subprotocols);
            handshakeStep((builder) -> builder.subprotocols(copy));
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
            handshakeStep((builder) -> builder.extension(offer));
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
            handshakeStep((builder) -> builder.header(name, value));
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
         * Connect through a proxy (HTTP CONNECT or SOCKS5).
         *
         * @param proxy the proxy, or null to connect directly.
         * @return this.
         */
        public Builder proxy(final ProxyConfig proxy)
        {
            this.proxy = proxy;
            return this;
        }

        /**
         * The TLS context for {@code wss://}, used as given (its protocols, cipher suites, trust and key material).
         * Without one the JDK's default context is used, restricted to TLS 1.3 and 1.2. Share one context between
         * connections to the same server so that TLS sessions are resumed on reconnect.
         *
         * @param sslContext the context, or null for the default.
         * @return this.
         */
        public Builder sslContext(final SSLContext sslContext)
        {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * Check the server's certificate against the host of the URI (on by default). Turning it off accepts any
         * trusted certificate for any host: for tests only.
         *
         * @param verify false to turn hostname verification off.
         * @return this.
         */
        public Builder hostnameVerification(final boolean verify)
        {
            this.hostnameVerification = verify;
            return this;
        }

        /**
         * Offer permessage-deflate (RFC 7692). Off by default.
         *
         * @param compression true to offer it.
         * @return this.
         */
        public Builder compression(final boolean compression)
        {
            this.compression = compression;
            return this;
        }

        /**
         * Smallest payload to compress (default {@value ConnectRequest#COMPRESSION_THRESHOLD_DEFAULT}); smaller
         * messages are sent uncompressed, which is cheaper and, for small messages, often shorter.
         *
         * @param bytes the threshold, 0 to compress every message.
         * @return this.
         */
        public Builder compressionThreshold(final int bytes)
        {
            if (bytes < 0)
            {
                throw new IllegalArgumentException("compression threshold must not be negative: " + bytes);
            }
            this.compressionThreshold = bytes;
            return this;
        }

        /**
         * Deflate level of sent messages: 1 is fastest, 9 smallest, -1 the zlib default (6).
         *
         * @param level -1 or 0..9.
         * @return this.
         */
        public Builder compressionLevel(final int level)
        {
            if (level < -1 || level > 9)
            {
                throw new IllegalArgumentException("compression level must be -1 or 0..9: " + level);
            }
            this.compressionLevel = level;
            return this;
        }

        /**
         * Ask the server to reset its compression context after every message ({@code server_no_context_takeover}):
         * less memory on the server, a worse ratio on similar messages. Some servers (Node's {@code ws} in its
         * default configuration) refuse the whole handshake rather than decline the extension when they will not
         * honour it.
         *
         * @param ask true to ask.
         * @return this.
         */
        public Builder deflateServerNoContextTakeover(final boolean ask)
        {
            offer = offer.withServerNoContextTakeover(ask);
            offerChanged = true;
            return this;
        }

        /**
         * Reset our compression context after every message and say so ({@code client_no_context_takeover}), so
         * that the server need not keep a context for us.
         *
         * @param announce true to announce it.
         * @return this.
         */
        public Builder deflateClientNoContextTakeover(final boolean announce)
        {
            offer = offer.withClientNoContextTakeover(announce);
            offerChanged = true;
            return this;
        }

        /**
         * Ask the server to compress with a window of at most {@code 2^bits} bytes ({@code server_max_window_bits}).
         *
         * @param bits 8..15, or 0 to leave it to the server.
         * @return this.
         */
        public Builder deflateServerMaxWindowBits(final int bits)
        {
            offer = offer.withServerMaxWindowBits(bits);
            offerChanged = true;
            return this;
        }

        /**
         * Offer {@code client_max_window_bits}: bare ({@link DeflateOffer#NO_VALUE}, the default) lets the server
         * limit our window; a value 8..15 also promises that our window is at most {@code 2^bits} bytes;
         * {@link DeflateOffer#NOT_OFFERED} leaves the parameter out, so the server may not limit our window (a
         * server that insists then declines the extension or, like Node's {@code ws}, refuses the handshake).
         * Some servers refuse a numeric value they would not choose themselves (Node's {@code ws} configured with
         * a larger {@code clientMaxWindowBits} answers 400), which the bare parameter avoids.
         *
         * @param bits {@link DeflateOffer#NO_VALUE}, {@link DeflateOffer#NOT_OFFERED} or 8..15.
         * @return this.
         */
        public Builder deflateClientMaxWindowBits(final int bits)
        {
            offer = offer.withClientMaxWindowBits(bits);
            offerChanged = true;
            return this;
        }

        /**
         * Send these permessage-deflate offers, in order of preference, instead of the single default one (when
         * {@link #compression(boolean)} is on). Not to be combined with the other {@code deflate...} options.
         *
         * @param offers at least one offer.
         * @return this.
         */
        public Builder deflateOffers(final List<DeflateOffer> offers)
        {
            if (null == offers || offers.isEmpty())
            {
                throw new IllegalArgumentException("deflate offers must be a non-empty list: " + offers);
            }
            final List<DeflateOffer> copy = new ArrayList<>(offers);
            if (copy.contains(null))
            {
                throw new IllegalArgumentException("deflate offers must not contain null: " + offers);
            }
            this.offers = copy;
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
