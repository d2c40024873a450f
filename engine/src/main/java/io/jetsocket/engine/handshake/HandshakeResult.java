/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a successful opening handshake negotiated: the subprotocol selected by the server, the extensions it
 * accepted in the order it listed them, and the response headers. Immutable.
 */
public final class HandshakeResult
{
    private final String subprotocol;
    private final List<NegotiatedExtension> extensions;
    private final HttpHeaders headers;

    /**
     * Create a result.
     *
     * @param subprotocol the subprotocol selected, or null when the server selected none.
     * @param extensions  the extensions accepted, in order; copied.
     * @param headers     the response headers.
     */
    public HandshakeResult(
        final String subprotocol, final List<NegotiatedExtension> extensions, final HttpHeaders headers)
    {
        this.subprotocol = subprotocol;
        this.extensions = Collections.unmodifiableList(new ArrayList<>(extensions));
        this.headers = null == headers ? HttpHeaders.EMPTY : headers;
    }

    /**
     * The subprotocol the server selected among those offered.
     *
     * @return the subprotocol, or null when none was selected.
     */
    public String subprotocol()
    {
        return subprotocol;
    }

    /**
     * The extensions the server accepted, in the order of its Sec-WebSocket-Extensions header(s), which is the order
     * in which they apply to outgoing data.
     *
     * @return the extensions; unmodifiable, empty when none.
     */
    public List<NegotiatedExtension> extensions()
    {
        return extensions;
    }

    /**
     * The accepted extension with a name.
     *
     * @param name of the extension, compared case-sensitively.
     * @return the extension, or null when it was not accepted.
     */
    public NegotiatedExtension extension(final String name)
    {
        for (final NegotiatedExtension extension : extensions)
        {
            if (extension.name().equals(name))
            {
                return extension;
            }
        }
        return null;
    }

    /**
     * The headers of the 101 response.
     *
     * @return the response headers.
     */
    public HttpHeaders headers()
    {
        return headers;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "HandshakeResult{subprotocol=" + subprotocol + ", extensions=" + extensions + '}';
    }
}
