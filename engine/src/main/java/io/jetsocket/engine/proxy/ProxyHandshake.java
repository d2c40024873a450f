/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.proxy;

import io.jetsocket.engine.ProxyConfig;
import io.jetsocket.engine.ProxyException;
import io.jetsocket.engine.handshake.HttpHeaders;
import io.jetsocket.engine.handshake.WebSocketUri;
import org.agrona.DirectBuffer;

/**
 * The client side of a proxy's handshake, fed with the proxy's bytes as they arrive and producing the requests to
 * send. Not on the hot path: it runs once per connect, before TLS and the WebSocket handshake, and may allocate.
 * Failures are thrown as {@link ProxyException}.
 */
public abstract class ProxyHandshake
{
    /** Returned by {@link #onBytes} while the tunnel is not open yet. */
    public static final int NEED_MORE = -1;

    final ProxyConfig proxy;
    final WebSocketUri target;
    private byte[] request;

    /**
     * A handshake with this proxy for this target.
     *
     * @param proxy  the proxy.
     * @param target the WebSocket server to reach through it.
     */
    protected ProxyHandshake(final ProxyConfig proxy, final WebSocketUri target)
    {
        this.proxy = proxy;
        this.target = target;
    }

    /**
     * The handshake for the proxy's type.
     *
     * @param proxy            the proxy.
     * @param target           the WebSocket server to reach through it.
     * @param maxResponseBytes limit on an HTTP proxy's response head.
     * @return an HTTP CONNECT or SOCKS5 handshake.
     */
    public static ProxyHandshake create(final ProxyConfig proxy, final WebSocketUri target, final int maxResponseBytes)
    {
        return ProxyConfig.Type.HTTP == proxy.type() ?
            new HttpConnectHandshake(proxy, target, maxResponseBytes) : new Socks5Handshake(proxy, target);
    }

    /**
     * The first request, sent once TCP to the proxy is connected.
     *
     * @return its bytes.
     */
    public abstract byte[] start();

    /**
     * Consume bytes from the proxy.
     *
     * @param buffer holding them.
     * @param offset of the first.
     * @param length how many.
     * @return {@link #NEED_MORE}, or how many bytes of this chunk the proxy's final answer took: the tunnel is open.
     */
    public abstract int onBytes(DirectBuffer buffer, int offset, int length);

    /**
     * A request to send now, produced by {@link #onBytes}.
     *
     * @return the bytes, or null.
     */
    public final byte[] takeRequest()
    {
        final byte[] next = request;
        request = null;
        return next;
    }

    /**
     * Queue the next request (a handshake step), taken by {@link #takeRequest()}.
     *
     * @param bytes of the request.
     */
    protected final void send(final byte[] bytes)
    {
        request = bytes;
    }

    /**
     * A failure of this handshake, naming the proxy and the target.
     *
     * @param reason  category.
     * @param problem what went wrong.
     * @return the exception to report.
     */
    public final ProxyException failure(final ProxyException.Reason reason, final String problem)
    {
        return failure(reason, problem, -1, -1, HttpHeaders.EMPTY, null);
    }

    /**
     * A failure of this handshake, naming the proxy and the target, with the proxy's answer.
     *
     * @param reason     category.
     * @param problem    what went wrong.
     * @param statusCode the HTTP proxy's status, or -1.
     * @param replyCode  the SOCKS5 reply code, or -1.
     * @param headers    the HTTP proxy's response headers.
     * @param cause      the underlying failure, or null.
     * @return the exception to report.
     */
    public final ProxyException failure(
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
     *
     * @return the exception to report.
     */
    public final ProxyException closed()
    {
        return failure(ProxyException.Reason.CLOSED, "closed the connection before the tunnel was open");
    }

    /**
     * The proxy sent bytes after its final answer, before the client spoke through the tunnel: neither TLS nor a
     * WebSocket server speaks first, so this is not a working tunnel.
     *
     * @param count of the unexpected bytes.
     * @return the exception to report.
     */
    public final ProxyException trailingBytes(final int count)
    {
        return failure(ProxyException.Reason.MALFORMED_RESPONSE, "sent " + count +
            " unexpected bytes after its answer");
    }

    /**
     * host:port with IPv6 literals in brackets.
     *
     * @param uri of the target.
     * @return its authority.
     */
    protected static String authority(final WebSocketUri uri)
    {
        final String host = uri.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + uri.port();
    }
}
