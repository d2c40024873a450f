/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Turns what {@code acquire} is given into the URI that keys the pool: an absolute URI as is, a relative
 * reference resolved against the base URI (RFC 3986, section 5.2).
 */
final class UriResolver
{
    private final URI base;

    UriResolver(final String base)
    {
        this.base = null == base ? null : checkBase(base);
    }

    /**
     * Check a base URI.
     *
     * @param base the base URI.
     * @return it, parsed.
     * @throws IllegalArgumentException if it is not an absolute {@code ws://} or {@code wss://} URI with a host.
     */
    static URI checkBase(final String base)
    {
        final URI uri = parse(base, "baseUri");
        final String scheme = uri.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme) || null == uri.getHost())
        {
            throw new IllegalArgumentException("baseUri must be an absolute ws:// or wss:// URI with a host: " + base);
        }
        return uri;
    }

    /**
     * Resolve.
     *
     * @param uriOrPath an absolute URI, or a reference relative to the base.
     * @return the absolute URI, as a string.
     * @throws IllegalArgumentException if it does not parse, or is relative and there is no base.
     */
    String resolve(final String uriOrPath)
    {
        final URI reference = parse(uriOrPath, "uri");
        if (reference.isAbsolute())
        {
            return reference.toString();
        }
        if (null == base)
        {
            throw new IllegalArgumentException("relative URI '" + uriOrPath +
                "' needs a base URI: set PoolConfig.Builder.baseUri, or pass an absolute ws:// or wss:// URI");
        }
        return base.resolve(reference).toString();
    }

    private static URI parse(final String text, final String what)
    {
        if (null == text)
        {
            throw new IllegalArgumentException(what + " must not be null");
        }
        try
        {
            return new URI(text);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalArgumentException("bad " + what + " '" + text + "': " + ex.getMessage(), ex);
        }
    }
}
