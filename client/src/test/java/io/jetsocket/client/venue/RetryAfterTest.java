/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.venue;

import io.jetsocket.engine.WebSocketException;
import io.jetsocket.engine.handshake.HandshakeException;
import io.jetsocket.engine.handshake.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest
{
    private static final long SECOND = 1_000_000_000L;
    /** Sun, 06 Nov 1994 08:49:37 GMT, the RFC's example date. */
    private static final long NOW_MS = Instant.parse("1994-11-06T08:49:37Z").toEpochMilli();

    private static HandshakeException rejected(final int status, final String... headers)
    {
        return new HandshakeException(HandshakeException.Reason.REJECTED_STATUS, "handshake rejected: HTTP " + status,
            status, "", HttpHeaders.of(headers));
    }

    @Test
    void readsDelaySeconds()
    {
        assertEquals(120 * SECOND, RetryAfter.parseNs("120", NOW_MS));
        assertEquals(0, RetryAfter.parseNs(" 0 ", NOW_MS));
        assertEquals(Long.MAX_VALUE, RetryAfter.parseNs("99999999999999999999", NOW_MS));
    }

    @Test
    void readsAnHttpDate()
    {
        assertEquals(90 * SECOND, RetryAfter.parseNs("Sun, 06 Nov 1994 08:51:07 GMT", NOW_MS));
        assertEquals(0, RetryAfter.parseNs("Sun, 06 Nov 1994 08:00:00 GMT", NOW_MS), "a date past is no wait");
    }

    @Test
    void ignoresWhatIsNotADelay()
    {
        assertEquals(RetryAfter.NONE, RetryAfter.parseNs(null, NOW_MS));
        assertEquals(RetryAfter.NONE, RetryAfter.parseNs("", NOW_MS));
        assertEquals(RetryAfter.NONE, RetryAfter.parseNs("-5", NOW_MS));
        assertEquals(RetryAfter.NONE, RetryAfter.parseNs("1.5", NOW_MS));
        assertEquals(RetryAfter.NONE, RetryAfter.parseNs("soon", NOW_MS));
    }

    @Test
    void onlyA429Or503HandshakeAnswerCounts()
    {
        assertEquals(7 * SECOND, RetryAfter.delayNs(rejected(429, "Retry-After", "7"), NOW_MS));
        assertEquals(3 * SECOND, RetryAfter.delayNs(rejected(503, "retry-after", "3"), NOW_MS));
        assertEquals(RetryAfter.NONE, RetryAfter.delayNs(rejected(500, "Retry-After", "7"), NOW_MS));
        assertEquals(RetryAfter.NONE, RetryAfter.delayNs(rejected(429), NOW_MS));
        assertEquals(RetryAfter.NONE, RetryAfter.delayNs(new WebSocketException("refused"), NOW_MS));
        assertEquals(RetryAfter.NONE, RetryAfter.delayNs(null, NOW_MS));
    }
}
