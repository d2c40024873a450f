/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.engine.ConnectRequest;

import javax.net.ssl.SSLContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's {@link ConnectRequest} for a client's configuration. A request is an immutable value of about 1 KB
 * (the parsed URI, the encoded opening handshake, the deflate offers), so clients opened together with the same
 * options share the last one built instead of holding a copy each: 1,000 clients of one feed hold one request.
 * Only the last request is remembered, so the cache never grows; a race builds a duplicate, which is harmless.
 */
final class ConnectRequests
{
    private static volatile Cached last;

    private ConnectRequests()
    {
    }

    /**
     * @param config the client's configuration.
     * @return a request for it: the last one built when the options that shape a request are the same.
     */
    static ConnectRequest of(final ClientConfig<?> config)
    {
        final Key key = new Key(config);
        final Cached cached = last;
        if (null != cached && cached.key.equals(key))
        {
            return cached.request;
        }
        final ConnectRequest request = build(config);
        last = new Cached(key, request);
        return request;
    }

    private static ConnectRequest build(final ClientConfig<?> config)
    {
        final ConnectRequest.Builder builder = ConnectRequest.builder(config.uri())
            .connectTimeoutNs(config.connectTimeout().toNanos())
            .maxMessageLength(config.maxMessageSize());
        if (!config.subprotocols().isEmpty())
        {
            builder.subprotocols(config.subprotocols());
        }
        config.extraHeaders().forEach(builder::header);
        if (null != config.sslContext())
        {
            builder.sslContext(config.sslContext());
        }
        builder.compression(config.compress()).compressionThreshold(config.compressionThreshold());
        return builder.build();
    }

    private static final class Cached
    {
        private final Key key;
        private final ConnectRequest request;

        private Cached(final Key key, final ConnectRequest request)
        {
            this.key = key;
            this.request = request;
        }
    }

    /**
     * Every option {@link #build} reads; headers as an ordered list, since their order is sent.
     */
    private static final class Key
    {
        private final String uri;
        private final long connectTimeoutNs;
        private final int maxMessageSize;
        private final List<String> subprotocols;
        private final List<String> headers;
        private final SSLContext sslContext;
        private final boolean compress;
        private final int compressionThreshold;

        private Key(final ClientConfig<?> config)
        {
            uri = config.uri();
            connectTimeoutNs = config.connectTimeout().toNanos();
            maxMessageSize = config.maxMessageSize();
            subprotocols = config.subprotocols();
            headers = flatten(config.extraHeaders());
            sslContext = config.sslContext();
            compress = config.compress();
            compressionThreshold = config.compressionThreshold();
        }

        private static List<String> flatten(final Map<String, String> headers)
        {
            if (headers.isEmpty())
            {
                return List.of();
            }
            final List<String> flat = new ArrayList<>(headers.size() * 2);
            headers.forEach((name, value) ->
            {
                flat.add(name);
                flat.add(value);
            });
            return flat;
        }

        @Override
        public boolean equals(final Object other)
        {
            if (!(other instanceof Key))
            {
                return false;
            }
            final Key that = (Key)other;
            return uri.equals(that.uri) && connectTimeoutNs == that.connectTimeoutNs &&
                maxMessageSize == that.maxMessageSize && subprotocols.equals(that.subprotocols) &&
                headers.equals(that.headers) && sslContext == that.sslContext && compress == that.compress &&
                compressionThreshold == that.compressionThreshold;
        }

        @Override
        public int hashCode()
        {
            return Objects.hash(uri, connectTimeoutNs, maxMessageSize, compress, compressionThreshold);
        }
    }
}
