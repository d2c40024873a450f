/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.UnsupportedFeatureException;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.TlsException;
import io.jetsocket.engine.WebSocketException;
import io.jetsocket.engine.handshake.HandshakeException;
import io.jetsocket.engine.handshake.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FailureClassifierTest
{
    private static HandshakeException rejected(final int status)
    {
        return new HandshakeException(HandshakeException.Reason.REJECTED_STATUS, "rejected", status, "x",
            HttpHeaders.EMPTY);
    }

    @ParameterizedTest
    @ValueSource(ints = { 200, 302, 400, 401, 403, 404, 408, 410, 418, 426, 429, 500, 502, 503 })
    void shouldClassifyHandshakeStatuses(final int status)
    {
        assertEquals(status < 500 && 408 != status && 429 != status,
            FailureClassifier.isFatal(rejected(status)), "status " + status);
    }

    @Test
    void shouldNotRetryAnswersThatAreNotWebSocket()
    {
        assertTrue(FailureClassifier.isFatal(new HandshakeException(HandshakeException.Reason.MALFORMED_RESPONSE,
            "unsupported HTTP version in status line \"HTTP/1.0 404 Not Found\"")));
        assertTrue(FailureClassifier.isFatal(new HandshakeException(HandshakeException.Reason.BAD_UPGRADE, "x")));
    }

    @Test
    void shouldNotRetryCertificateFailuresButRetryOtherTlsFailures()
    {
        final SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertificateException("unable to find valid certification path"));
        final SSLHandshakeException wrongHost = new SSLHandshakeException("No subject alternative names");
        wrongHost.initCause(new CertificateException("No subject alternative DNS name matching example.com"));
        assertTrue(FailureClassifier.isFatal(new TlsException("TLS handshake failed", untrusted)));
        assertTrue(FailureClassifier.isFatal(new TlsException("TLS handshake failed", wrongHost)));
        assertFalse(FailureClassifier.isFatal(new TlsException("TLS handshake failed",
            new SSLException("Connection reset"))));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1000, 1001, 1002, 1006, 1008, 1011, 1012, 4000, 4401, 4403, 4404 })
    void shouldClassifyCloseCodes(final int code)
    {
        assertEquals(1008 == code || 4401 == code || 4403 == code, FailureClassifier.isFatalCloseCode(code));
    }

    @Test
    void shouldRetryNetworkErrorsAndTimeoutsButNotConfigurationErrors()
    {
        assertFalse(FailureClassifier.isFatal(new WebSocketException("connection refused")));
        assertFalse(FailureClassifier.isFatal(new TimeoutException(TimeoutException.Operation.CONNECT, 1, "x")));
        assertFalse(FailureClassifier.isFatal(new HandshakeException(HandshakeException.Reason.BAD_ACCEPT, "x")));
        assertTrue(FailureClassifier.isFatal(new IllegalArgumentException("bad header")));
        assertTrue(FailureClassifier.isFatal(new UnsupportedFeatureException("wss")));
    }
}
