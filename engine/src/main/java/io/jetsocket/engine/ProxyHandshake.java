/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.handshake.HttpHeaders;
import io.jetsocket.engine.handshake.WebSocketUri;
import org.agrona.DirectBuffer;

/**
 * The client side of a proxy's handshake, fed with the proxy's bytes as they arrive and producing the requests to
 * send. Not on the hot path: it runs once per connect, before TLS and the WebSocket handshake, and may allocate.
 * Failures are thrown as {@link ProxyException}.
 */
abstract class ProxyHandshake
{
    /** Returned by {@link #onBytes} while the tunnel is not open yet. */
    static final int NEED_MORE = -1;

    final ProxyConfig proxy;
    final WebSocketUri target;
    private byte[] request;

    ProxyHandshake(final ProxyConfig proxy, final WebSocketUri target)
    {
        this.proxy = proxy;
        this.target = target;
    }

    static ProxyHandshake create(final ProxyConfig proxy, final WebSocketUri target, final int maxResponseBytes)
    {
        return ProxyConfig.Type.HTTP == proxy.type() ?
            new HttpConnectHandshake(proxy, target, maxResponseBytes) : new Socks5Handshake(proxy, target);
    }

    /**
     * The first request, sent once TCP to the proxy is connected.
     */
    abstract byte[] start();

    /**
     * Consume bytes from the proxy.
     *
     * @return {@link #NEED_MORE}, or how many bytes of this chunk the proxy's final answer took: the tunnel is open.
     */
    abstract int onBytes(DirectBuffer buffer, int offset, int length);

    /**
     * A request to send now, produced by {@link #onBytes}.
     *
     * @return the bytes, or null.
     */
    final byte[] takeRequest()
    {
        final byte[] next = request;
        request = null;
        return next;
    }

    final void send(final byte[] bytes)
    {
        request = bytes;
    }

    final ProxyException failure(final ProxyException.Reason reason, final String problem)
    {
        return failure(reason, problem, -1, -1, HttpHeaders.EMPTY, null);
    }

    final ProxyException failure(
        final ProxyException.Reason reason,
        final String problem,
        final int statusCode,
        final int replyCode,
        final HttpHeaders headers,
        final Throwable cause)
    {
        return new ProxyException(proxy.type(), reason, proxy.type() + " proxy " + proxy.host() + ":" + proxy.port() +
            ": " + problem + " (target " + target + ")", statusCode, replyCode, headers, cause);
    }

    /**
     * The proxy closed the connection before the tunnel was open.
     */
    final ProxyException closed()
    {
        return failure(ProxyException.Reason.CLOSED, "closed the connection before the tunnel was open");
    }

    /**
     * The proxy sent bytes after its final answer, before the client spoke through the tunnel: neither TLS nor a
     * WebSocket server speaks first, so this is not a working tunnel.
     */
    final ProxyException trailingBytes(final int count)
    {
        return failure(ProxyException.Reason.MALFORMED_RESPONSE, "sent " + count +
            " unexpected bytes after its answer");
    }

    /**
     * host:port with IPv6 literals in brackets.
     */
    static String authority(final WebSocketUri uri)
    {
        final String host = uri.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + uri.port();
    }
}
