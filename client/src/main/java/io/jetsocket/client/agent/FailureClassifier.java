/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.UnsupportedFeatureException;
import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.TlsException;
import io.jetsocket.engine.handshake.HandshakeException;

import java.security.cert.CertificateException;

/**
 * Fatal or retriable: whether a failure can be cured by connecting again. Uses the real HTTP status of a
 * rejected handshake and the real close code of the server.
 * <ul>
 *     <li>Fatal handshake statuses: 401 Unauthorized, 403 Forbidden, 404 Not Found, 410 Gone. Every other
 *     status (e.g. 429, 500, 503) is retried.</li>
 *     <li>Fatal close codes: 1008 (policy violation), 4401 and 4403 (the application codes for
 *     unauthorised and forbidden). Every other code (1000, 1001, 1006, 1011, 1012...) is retried.</li>
 *     <li>Configuration errors ({@link IllegalArgumentException}, {@link UnsupportedFeatureException}) are
 *     fatal; network errors and timeouts are retried.</li>
 * </ul>
 */
public final class FailureClassifier
{
    /** Unauthorized. */
    public static final int HTTP_UNAUTHORIZED = 401;
    /** Forbidden. */
    public static final int HTTP_FORBIDDEN = 403;
    /** Not found. */
    public static final int HTTP_NOT_FOUND = 404;
    /** Gone. */
    public static final int HTTP_GONE = 410;
    /** Request Timeout: retriable. */
    public static final int HTTP_REQUEST_TIMEOUT = 408;
    /** Too Many Requests: retriable. */
    public static final int HTTP_TOO_MANY_REQUESTS = 429;
    /** First server error status: 5xx are retriable. */
    public static final int HTTP_SERVER_ERROR = 500;
    /** Policy violation. */
    public static final int CLOSE_POLICY_VIOLATION = 1008;
    /** Application close code for "unauthorised". */
    public static final int CLOSE_UNAUTHORIZED = 4401;
    /** Application close code for "forbidden". */
    public static final int CLOSE_FORBIDDEN = 4403;

    private FailureClassifier()
    {
    }

    /**
     * Is a connect or connection failure fatal?
     *
     * @param error the failure.
     * @return true when connecting again cannot help.
     */
    public static boolean isFatal(final Throwable error)
    {
        if (error instanceof HandshakeException)
        {
            return isFatalHandshake((HandshakeException)error);
        }
        if (error instanceof TlsException && hasCertificateCause(error))
        {
            return true; // an untrusted certificate or a host name mismatch stays so on every attempt
        }
        // A closed engine will never run another attempt.
        return error instanceof IllegalArgumentException || error instanceof UnsupportedFeatureException ||
            error instanceof EngineClosedException;
    }

    /**
     * Is a failed opening handshake fatal? The server answered, but not as a WebSocket server: a status that is
     * not retriable ({@link #isFatalStatus}), a response that is not HTTP/1.1 (HTTP/1.0 included), or an answer
     * without the upgrade. Faults of the 101 itself (accept key, extensions, subprotocol) stay retriable.
     *
     * @param error the handshake failure.
     * @return true when connecting again cannot help.
     */
    public static boolean isFatalHandshake(final HandshakeException error)
    {
        switch (error.reason())
        {
            case REJECTED_STATUS:
                return isFatalStatus(error.statusCode());
            case MALFORMED_RESPONSE:
            case BAD_UPGRADE:
            case BAD_CONNECTION:
                return true;
            default:
                return false;
        }
    }

    /**
     * Is a handshake status fatal? Every answer other than 101 is, except those that say "later": 5xx, 408
     * Request Timeout and 429 Too Many Requests.
     *
     * @param status the HTTP status, -1 when none.
     * @return true for 1xx-4xx answers other than 408 and 429 (401, 403, 404 and 410 among them).
     */
    public static boolean isFatalStatus(final int status)
    {
        if (status < 0 || status >= HTTP_SERVER_ERROR)
        {
            return false;
        }
        return HTTP_REQUEST_TIMEOUT != status && HTTP_TOO_MANY_REQUESTS != status;
    }

    private static boolean hasCertificateCause(final Throwable error)
    {
        int depth = 0;
        for (Throwable cause = error; null != cause && depth < 16; cause = cause.getCause(), depth++)
        {
            if (cause instanceof CertificateException)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Is a close code from the server fatal?
     *
     * @param code the close code.
     * @return true for 1008, 4401 and 4403.
     */
    public static boolean isFatalCloseCode(final int code)
    {
        return CLOSE_POLICY_VIOLATION == code || CLOSE_UNAUTHORIZED == code || CLOSE_FORBIDDEN == code;
    }
}
