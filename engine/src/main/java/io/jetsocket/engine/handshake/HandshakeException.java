/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import io.jetsocket.engine.WebSocketException;

/**
 * The opening handshake failed: the server answered with a status other than 101, the response is not valid
 * HTTP/1.1, it is too large, or it does not complete the WebSocket upgrade (RFC 6455 §4.1).
 * <p>
 * {@link #reason()} says what failed. When the server rejected the upgrade with an HTTP status
 * ({@link Reason#REJECTED_STATUS}) the status, reason phrase and all headers are kept so that the application can
 * act on them (authentication challenge, redirect location, retry delay...).
 */
public final class HandshakeException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /**
     * What made the handshake fail.
     */
    public enum Reason
    {
        /** The server answered with an HTTP status other than 101 Switching Protocols. */
        REJECTED_STATUS,
        /** The response head is not a valid HTTP/1.1 response (status line, header syntax, line endings...). */
        MALFORMED_RESPONSE,
        /** The response head has more bytes or more header fields than the configured limits allow. */
        HEADER_LIMIT_EXCEEDED,
        /** The Upgrade header is missing or is not {@code websocket}. */
        BAD_UPGRADE,
        /** No Connection header contains the {@code upgrade} token. */
        BAD_CONNECTION,
        /** Sec-WebSocket-Accept is missing, repeated, or not the value derived from the key sent. */
        BAD_ACCEPT,
        /** Sec-WebSocket-Protocol is malformed or carries more than one value. */
        BAD_SUBPROTOCOL,
        /** The server selected a subprotocol the client did not offer. */
        UNOFFERED_SUBPROTOCOL,
        /** Sec-WebSocket-Extensions is malformed (bad token, unterminated quoted string...). */
        BAD_EXTENSION,
        /** The server accepted an extension the client did not offer. */
        UNOFFERED_EXTENSION,
        /** The server accepted the same extension more than once. */
        DUPLICATE_EXTENSION
    }

    /** Why the handshake failed. */
    private final Reason reason;
    /** The HTTP status the server answered with, or -1 when the failure is not an HTTP status. */
    private final int statusCode;
    /** The server's HTTP reason phrase, or null. */
    private final String reasonPhrase;
    private final transient HttpHeaders headers;

    /**
     * Create an exception for a failure that is not an HTTP status: {@link #statusCode()} is -1, there is no reason
     * phrase and no header.
     *
     * @param reason  what failed.
     * @param message what failed, with its context.
     */
    public HandshakeException(final Reason reason, final String message)
    {
        this(reason, message, -1, null, HttpHeaders.EMPTY);
    }

    /**
     * Create an exception carrying what the server answered.
     *
     * @param reason       what failed.
     * @param message      what failed, with its context.
     * @param statusCode   the HTTP status when the failure is a rejected status, otherwise -1.
     * @param reasonPhrase the reason phrase of the status line when there is a status, otherwise null.
     * @param headers      the response headers, {@link HttpHeaders#EMPTY} when not known.
     */
    public HandshakeException(
        final Reason reason,
        final String message,
        final int statusCode,
        final String reasonPhrase,
        final HttpHeaders headers)
    {
        super(message);
        if (null == reason)
        {
            throw new IllegalArgumentException("reason must not be null");
        }
        this.reason = reason;
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase;
        this.headers = null == headers ? HttpHeaders.EMPTY : headers;
    }

    /**
     * What made the handshake fail.
     *
     * @return the reason, never null.
     */
    public Reason reason()
    {
        return reason;
    }

    /**
     * The HTTP status the server answered with, when the failure is a rejected status.
     *
     * @return the status code, or -1 when the failure is not an HTTP status (malformed response, bad accept...).
     */
    public int statusCode()
    {
        return statusCode;
    }

    /**
     * The reason phrase of the status line, when the failure is a rejected status.
     *
     * @return the reason phrase (possibly empty), or null when there is no status.
     */
    public String reasonPhrase()
    {
        return reasonPhrase;
    }

    /**
     * The response headers as received, when known.
     *
     * @return the headers, {@link HttpHeaders#EMPTY} when the response could not be parsed.
     */
    public HttpHeaders headers()
    {
        return null == headers ? HttpHeaders.EMPTY : headers;
    }
}
