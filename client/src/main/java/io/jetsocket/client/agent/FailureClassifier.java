/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.UnsupportedFeatureException;
import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.handshake.HandshakeException;

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
            return isFatalStatus(((HandshakeException)error).statusCode());
        }
        // A closed engine will never run another attempt.
        return error instanceof IllegalArgumentException || error instanceof UnsupportedFeatureException ||
            error instanceof EngineClosedException;
    }

    /**
     * Is a handshake status fatal?
     *
     * @param status the HTTP status, -1 when none.
     * @return true for 401, 403, 404 and 410.
     */
    public static boolean isFatalStatus(final int status)
    {
        return HTTP_UNAUTHORIZED == status || HTTP_FORBIDDEN == status || HTTP_NOT_FOUND == status ||
            HTTP_GONE == status;
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
