/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * TLS failed for a {@code wss://} connection: the certificate was not trusted, had expired or named another host,
 * the server sent an alert, no protocol or cipher suite was shared, the server closed the connection during the TLS
 * handshake, or a record could not be decrypted later. The cause, when there is one, is the JDK's
 * {@link javax.net.ssl.SSLException}.
 */
public class TlsException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create an exception with the underlying TLS failure.
     *
     * @param message what failed, with the host and port.
     * @param cause   the JDK's exception, or null.
     */
    public TlsException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
