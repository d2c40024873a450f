/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

/**
 * Close status codes of RFC 6455 §7.4 and the IANA registry, and the rules for which of them may
 * appear on the wire.
 */
public final class CloseCode
{
    /** Normal closure. */
    public static final int NORMAL = 1000;
    /** Endpoint going away. */
    public static final int GOING_AWAY = 1001;
    /** Protocol error. */
    public static final int PROTOCOL_ERROR = 1002;
    /** Data type that cannot be accepted. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** No status code was present in the close frame; reported locally, never sent. */
    public static final int NO_STATUS = 1005;
    /** Connection lost without a close frame; reported locally, never sent. */
    public static final int ABNORMAL = 1006;
    /** Payload not consistent with the message type (e.g. invalid UTF-8 in text). */
    public static final int INVALID_PAYLOAD = 1007;
    /** Policy violation. */
    public static final int POLICY_VIOLATION = 1008;
    /** Message too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Client expected the server to negotiate an extension. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** Unexpected condition, also used for heartbeat timeouts. */
    public static final int INTERNAL_ERROR = 1011;
    /** Service restart. */
    public static final int SERVICE_RESTART = 1012;
    /** Try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** Bad gateway. */
    public static final int BAD_GATEWAY = 1014;
    /** TLS handshake failure; reported locally, never sent. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCode()
    {
    }

    /**
     * May this code appear in a close frame on the wire (RFC 6455 §7.4.1, §7.4.2)?
     * 1000-1003 and 1007-1014 are defined; 3000-4999 are for libraries and applications.
     * 1004-1006 and 1015 are reserved, and everything else is unassigned or invalid.
     *
     * @param code to test.
     * @return true if the code is valid in a close frame.
     */
    public static boolean isValidOnWire(final int code)
    {
        return (code >= NORMAL && code <= UNSUPPORTED_DATA) ||
            (code >= INVALID_PAYLOAD && code <= BAD_GATEWAY) ||
            (code >= 3000 && code <= 4999);
    }
}
