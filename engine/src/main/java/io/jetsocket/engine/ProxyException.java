/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.handshake.HttpHeaders;

/**
 * The proxy did not open the tunnel: it could not be reached, refused the CONNECT (with its HTTP status), refused
 * our authentication or the SOCKS5 request (with its reply code), answered with something that is not its
 * protocol, answered with more than the size limit, or closed the connection half-way.
 */
public final class ProxyException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /**
     * What went wrong.
     */
    public enum Reason
    {
        /** The TCP connection to the proxy failed (refused, unreachable). */
        CONNECT_FAILED,
        /** The HTTP proxy answered CONNECT with a status other than 2xx; see {@link #statusCode()}. */
        REJECTED,
        /** The SOCKS5 proxy accepts none of the authentication methods offered (reply 0xFF). */
        NO_ACCEPTABLE_METHOD,
        /** The SOCKS5 proxy refused the username/password (see {@link #replyCode()}). */
        AUTHENTICATION_FAILED,
        /** The SOCKS5 proxy refused the CONNECT request; see {@link #replyCode()} (RFC 1928 §6). */
        SOCKS_REQUEST_FAILED,
        /** The answer is not valid for the proxy's protocol. */
        MALFORMED_RESPONSE,
        /** The answer is larger than the limit (the handshake header limit of the engine). */
        RESPONSE_TOO_LARGE,
        /** The proxy closed the connection before the tunnel was open. */
        CLOSED
    }

    /** The kind of proxy that refused. */
    private final ProxyConfig.Type proxyType;
    /** Why the tunnel was not opened. */
    private final Reason reason;
    /** The HTTP status of a rejected CONNECT, otherwise -1. */
    private final int statusCode;
    /** The SOCKS5 reply (method 0xFF, auth status, or REP field), otherwise -1. */
    private final int replyCode;
    private final transient HttpHeaders headers;

    /**
     * Create an exception.
     *
     * @param proxyType  HTTP or SOCKS5.
     * @param reason     what went wrong.
     * @param message    what went wrong, with the proxy and target.
     * @param statusCode the HTTP status of a rejected CONNECT, otherwise -1.
     * @param replyCode  the SOCKS5 reply (method 0xFF, auth status, or REP field), otherwise -1.
     * @param headers    the HTTP proxy's response headers, or {@link HttpHeaders#EMPTY}.
     * @param cause      the underlying failure, or null.
     */
    public ProxyException(
        final ProxyConfig.Type proxyType,
        final Reason reason,
        final String message,
        final int statusCode,
        final int replyCode,
        final HttpHeaders headers,
        final Throwable cause)
    {
        super(message, cause);
        this.proxyType = proxyType;
        this.reason = reason;
        this.statusCode = statusCode;
        this.replyCode = replyCode;
        this.headers = null == headers ? HttpHeaders.EMPTY : headers;
    }

    /**
     * The kind of proxy.
     *
     * @return HTTP or SOCKS5.
     */
    public ProxyConfig.Type proxyType()
    {
        return proxyType;
    }

    /**
     * What went wrong.
     *
     * @return the reason.
     */
    public Reason reason()
    {
        return reason;
    }

    /**
     * The HTTP status the proxy answered CONNECT with (e.g. 407, 403, 502).
     *
     * @return the status, or -1 when there is none.
     */
    public int statusCode()
    {
        return statusCode;
    }

    /**
     * The SOCKS5 proxy's answer: 0xFF for no acceptable method, the status of a failed authentication, or the REP
     * field of a failed request (1 general failure, 2 not allowed, 3 network unreachable, 4 host unreachable,
     * 5 connection refused, 6 TTL expired, 7 command not supported, 8 address type not supported).
     *
     * @return the code, or -1 when there is none.
     */
    public int replyCode()
    {
        return replyCode;
    }

    /**
     * The headers of the HTTP proxy's response (e.g. Proxy-Authenticate with a 407).
     *
     * @return the headers, empty when there are none.
     */
    public HttpHeaders headers()
    {
        return null == headers ? HttpHeaders.EMPTY : headers;
    }
}
