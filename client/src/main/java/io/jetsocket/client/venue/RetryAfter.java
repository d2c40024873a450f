/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.venue;

import io.jetsocket.engine.handshake.HandshakeException;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code Retry-After} header of a rejected opening handshake (RFC 9110 §10.2.3): delay-seconds or an
 * HTTP-date. Only 429 Too Many Requests and 503 Service Unavailable are read; a client then waits at least that
 * long before its next attempt (capped by {@code ClientConfig#venueLimits()} {@code maxRetryAfter}).
 */
public final class RetryAfter
{
    /** Too Many Requests. */
    public static final int HTTP_TOO_MANY_REQUESTS = 429;
    /** Service Unavailable. */
    public static final int HTTP_SERVICE_UNAVAILABLE = 503;
    /** Header name. */
    public static final String HEADER = "Retry-After";
    /** Returned when there is no usable delay. */
    public static final long NONE = -1;

    private static final long NS_PER_SECOND = 1_000_000_000L;
    private static final long NS_PER_MS = 1_000_000L;

    private RetryAfter()
    {
    }

    /**
     * The delay a failure asks for.
     *
     * @param failure     a connect failure, any type.
     * @param nowEpochMs  the wall-clock time now (for an HTTP-date).
     * @return the delay in nanoseconds (0 for a date already past), or {@link #NONE} when the failure is not a 429
     *         or 503 handshake rejection, or has no valid {@code Retry-After}.
     */
    public static long delayNs(final Throwable failure, final long nowEpochMs)
    {
        if (!(failure instanceof HandshakeException))
        {
            return NONE;
        }
        final HandshakeException rejected = (HandshakeException)failure;
        final int status = rejected.statusCode();
        if (HTTP_TOO_MANY_REQUESTS != status && HTTP_SERVICE_UNAVAILABLE != status)
        {
            return NONE;
        }
        return parseNs(rejected.headers().first(HEADER), nowEpochMs);
    }

    /**
     * Parse a {@code Retry-After} value.
     *
     * @param value      the header's value, or null.
     * @param nowEpochMs the wall-clock time now (for an HTTP-date).
     * @return the delay in nanoseconds (0 for a date already past), or {@link #NONE} when absent or invalid.
     */
    public static long parseNs(final String value, final long nowEpochMs)
    {
        if (null == value)
        {
            return NONE;
        }
        final String text = value.trim();
        if (text.isEmpty())
        {
            return NONE;
        }
        if (isDigits(text))
        {
            // More than ~292 years of seconds overflows: such a value is a cap in any case.
            return text.length() > 12 ? Long.MAX_VALUE : Long.parseLong(text) * NS_PER_SECOND;
        }
        try
        {
            final long dateMs = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant().toEpochMilli();
            return Math.max(0, dateMs - nowEpochMs) * NS_PER_MS;
        }
        catch (final DateTimeParseException ex)
        {
            return NONE;
        }
    }

    private static boolean isDigits(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }
}
