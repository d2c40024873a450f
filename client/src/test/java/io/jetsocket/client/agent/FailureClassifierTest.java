/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.UnsupportedFeatureException;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.WebSocketException;
import io.jetsocket.engine.handshake.HandshakeException;
import io.jetsocket.engine.handshake.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    @ValueSource(ints = { 400, 401, 403, 404, 410, 429, 500, 502, 503 })
    void shouldClassifyHandshakeStatuses(final int status)
    {
        assertEquals(401 == status || 403 == status || 404 == status || 410 == status,
            FailureClassifier.isFatal(rejected(status)), "status " + status);
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
