/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What the client offers in its opening handshake (RFC 6455 §4.1): the URI, an optional Origin, the subprotocols
 * and extensions offered, and extra headers. Immutable; built with {@link #builder(WebSocketUri)}, which validates
 * every value before a byte is sent, so that no value can inject a line into the request.
 */
public final class HandshakeRequest
{
    /** Largest encoded request head the builder accepts, in bytes. */
    public static final int MAX_ENCODED_LENGTH = 16 * 1024;

    private static final List<String> RESERVED_HEADERS = List.of(
        "host", "upgrade", "connection", "sec-websocket-key", "sec-websocket-version", "sec-websocket-accept",
        "sec-websocket-protocol", "sec-websocket-extensions", "origin", "content-length", "transfer-encoding");

    private final WebSocketUri uri;
    private final String origin;
    private final List<String> subprotocols;
    private final List<String> extensions;
    private final List<String> extensionNames;
    private final HttpHeaders headers;
    private final byte[] headBeforeKey;
    private final byte[] headAfterKey;

    private HandshakeRequest(final Builder builder)
    {
        uri = builder.uri;
        origin = builder.origin;
        subprotocols = Collections.unmodifiableList(new ArrayList<>(builder.subprotocols));
        extensions = Collections.unmodifiableList(new ArrayList<>(builder.extensions));
        final List<String> names = new ArrayList<>();
        for (final String offer : extensions)
        {
            final String name = ExtensionHeaderParser.parseSingle(offer).name();
            if (!names.contains(name))
            {
                names.add(name);
            }
        }
        extensionNames = Collections.unmodifiableList(names);
        headers = HttpHeaders.of(builder.headerNames, builder.headerValues);
        headBeforeKey = HandshakeRequestEncoder.headBeforeKey(this);
        headAfterKey = HandshakeRequestEncoder.headAfterKey(this);
    }

    /**
     * Start describing a handshake to a URI.
     *
     * @param uri the validated WebSocket URI.
     * @return a builder with no origin, subprotocol, extension or extra header.
     */
    public static Builder builder(final WebSocketUri uri)
    {
        if (null == uri)
        {
            throw new IllegalArgumentException("uri must not be null");
        }
        return new Builder(uri);
    }

    /**
     * The URI the handshake is for.
     *
     * @return the URI.
     */
    public WebSocketUri uri()
    {
        return uri;
    }

    /**
     * The Origin header value.
     *
     * @return the origin, or null when none is sent.
     */
    public String origin()
    {
        return origin;
    }

    /**
     * The subprotocols offered, in order of preference.
     *
     * @return the subprotocols; unmodifiable, empty when none is offered.
     */
    public List<String> subprotocols()
    {
        return subprotocols;
    }

    /**
     * The extension offers as sent, in order, e.g. {@code permessage-deflate; client_max_window_bits}.
     *
     * @return the offers; unmodifiable, empty when none is offered.
     */
    public List<String> extensions()
    {
        return extensions;
    }

    /**
     * The distinct names of the extensions offered, in order of first offer.
     *
     * @return the names; unmodifiable.
     */
    public List<String> extensionNames()
    {
        return extensionNames;
    }

    /**
     * The extra headers, in the order they are sent.
     *
     * @return the extra headers.
     */
    public HttpHeaders headers()
    {
        return headers;
    }

    /**
     * Length in bytes of the encoded request head, the same for every key.
     *
     * @return the number of bytes {@link HandshakeRequestEncoder} writes.
     */
    public int encodedLength()
    {
        return headBeforeKey.length + HandshakeKeys.KEY_LENGTH + headAfterKey.length;
    }

    byte[] headBeforeKey()
    {
        return headBeforeKey;
    }

    byte[] headAfterKey()
    {
        return headAfterKey;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "HandshakeRequest{uri=" + uri + ", origin=" + origin + ", subprotocols=" + subprotocols +
            ", extensions=" + extensions + ", headers=" + headers.names() + '}';
    }

    /**
     * Builder of a {@link HandshakeRequest}. Every method validates its argument at once and throws
     * {@link IllegalArgumentException} naming the offending value. Not thread-safe.
     */
    public static final class Builder
    {
        private final WebSocketUri uri;
        private String origin;
        private final List<String> subprotocols = new ArrayList<>();
        private final List<String> extensions = new ArrayList<>();
        private final List<String> headerNames = new ArrayList<>();
        private final List<String> headerValues = new ArrayList<>();

        private Builder(final WebSocketUri uri)
        {
            this.uri = uri;
        }

        /**
         * Set the Origin header sent, e.g. {@code https://example.com}.
         *
         * @param origin the origin, or null to send none.
         * @return this builder.
         */
        public Builder origin(final String origin)
        {
            if (null != origin)
            {
                if (origin.isEmpty())
                {
                    throw new IllegalArgumentException("origin must not be empty (use null to send none)");
                }
                checkValue("origin", origin);
            }
            this.origin = origin;
            return this;
        }

        /**
         * Offer subprotocols, appended in order to those already offered.
         *
         * @param subprotocols each a token not already offered.
         * @return this builder.
         */
        public Builder subprotocols(final List<String> subprotocols)
        {
            if (null == subprotocols)
            {
                throw new IllegalArgumentException("subprotocols must not be null");
            }
            for (final String subprotocol : subprotocols)
            {
                subprotocol(subprotocol);
            }
            return this;
        }

        /**
         * Offer one more subprotocol.
         *
         * @param subprotocol a token (RFC 7230) not already offered; compared case-sensitively.
         * @return this builder.
         */
        public Builder subprotocol(final String subprotocol)
        {
            if (!HttpSyntax.isToken(subprotocol))
            {
                throw new IllegalArgumentException(
                    "subprotocol " + describeInvalidToken(subprotocol) + " is not a token (RFC 6455 §4.1)");
            }
            if (subprotocols.contains(subprotocol))
            {
                throw new IllegalArgumentException("subprotocol " + HttpSyntax.quote(subprotocol) + " offered twice");
            }
            subprotocols.add(subprotocol);
            return this;
        }

        /**
         * Offer one extension, with its parameters, e.g. {@code permessage-deflate; client_max_window_bits}. The same
         * extension may be offered several times with different parameters, in order of preference.
         *
         * @param offer one extension: a token name, then {@code ; param} or {@code ; param=value} items.
         * @return this builder.
         */
        public Builder extension(final String offer)
        {
            if (null == offer)
            {
                throw new IllegalArgumentException("extension offer must not be null");
            }
            checkValue("extension offer", offer);
            try
            {
                ExtensionHeaderParser.parseSingle(offer);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("invalid extension offer: " + ex.getMessage(), ex);
            }
            extensions.add(offer.strip());
            return this;
        }

        /**
         * Add an extra header, sent after the handshake's own headers, in the order added. A name may be repeated.
         * The headers the handshake owns (Host, Upgrade, Connection, Sec-WebSocket-*, Origin) and the body framing
         * headers (Content-Length, Transfer-Encoding) are refused.
         *
         * @param name  a token.
         * @param value ASCII without CR, LF, NUL or other control characters except HTAB.
         * @return this builder.
         */
        public Builder header(final String name, final String value)
        {
            if (!HttpSyntax.isToken(name))
            {
                throw new IllegalArgumentException(
                    "header name " + describeInvalidToken(name) + " is not a token (RFC 7230 §3.2)");
            }
            final String lowerCaseName = name.toLowerCase(Locale.ROOT);
            if (RESERVED_HEADERS.contains(lowerCaseName))
            {
                throw new IllegalArgumentException("header " + name + " is set by the handshake and cannot be " +
                    "added as an extra header: " + dedicatedOption(lowerCaseName));
            }
            if (null == value)
            {
                throw new IllegalArgumentException("value of header " + name + " must not be null");
            }
            checkValue("value of header " + name, value);
            headerNames.add(name);
            headerValues.add(value);
            return this;
        }

        /**
         * Build the immutable request.
         *
         * @return the request.
         * @throws IllegalArgumentException when the encoded request would exceed
         *                                  {@link HandshakeRequest#MAX_ENCODED_LENGTH} bytes.
         */
        public HandshakeRequest build()
        {
            final HandshakeRequest request = new HandshakeRequest(this);
            final int length = request.encodedLength();
            if (length > MAX_ENCODED_LENGTH)
            {
                throw new IllegalArgumentException("handshake request to " + uri + " would be " + length +
                    " bytes, more than the limit of " + MAX_ENCODED_LENGTH);
            }
            return request;
        }

        private static String dedicatedOption(final String lowerCaseName)
        {
            switch (lowerCaseName)
            {
                case "origin":
                    return "use origin(String)";
                case "sec-websocket-protocol":
                    return "use subprotocol(String) or subprotocols(List)";
                case "sec-websocket-extensions":
                    return "use extension(String)";
                case "host":
                    return "it is derived from the URI";
                case "content-length":
                case "transfer-encoding":
                    return "the handshake request has no body";
                default:
                    return "it is written by the handshake itself";
            }
        }

        private static void checkValue(final String what, final String value)
        {
            final int index = HttpSyntax.indexOfInvalidValueChar(value);
            if (index >= 0)
            {
                throw new IllegalArgumentException(what + " " + HttpSyntax.quote(value) + " contains " +
                    HttpSyntax.describeChar(value.charAt(index)) + " at index " + index +
                    ": only visible ASCII, space and HTAB are allowed");
            }
        }

        private static String describeInvalidToken(final String value)
        {
            if (null == value)
            {
                return "null";
            }
            if (value.isEmpty())
            {
                return "\"\" (empty)";
            }
            for (int i = 0; i < value.length(); i++)
            {
                if (!HttpSyntax.isTokenChar(value.charAt(i)))
                {
                    return HttpSyntax.quote(value) + " (" + HttpSyntax.describeChar(value.charAt(i)) +
                        " at index " + i + ")";
                }
            }
            return HttpSyntax.quote(value);
        }
    }
}
