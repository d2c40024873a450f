/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

import io.jetsocket.client.ConnectionStats;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.time.ClockOffset;
import io.jetsocket.client.time.ExchangeTimestampExtractor;
import io.jetsocket.client.time.LatencySummary;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * README's receive timestamps and exchange time: a feed whose messages carry the exchange's time in {@code "E"}.
 */
public final class TimingExample
{
    private TimingExample()
    {
    }

    /**
     * What the example keeps.
     *
     * @param ws       the client, not connected.
     * @param arrival  where the raw handler puts the receive time of the last message.
     * @param exchange the exchange-to-receive summary read.
     * @param offset   the clock offset read (null before the first timestamp).
     */
    record Result(WebSocket<Object> ws, long[] arrival, LatencySummary exchange, ClockOffset offset)
    {
    }

    /**
     * Configure exchange timestamps, read the receive stamp in the raw handler and the figures from the statistics.
     *
     * @param uri the feed.
     * @return the client and what was read.
     */
    static Result exchangeTime(final String uri)
    {
        final long[] arrival = new long[1];
        // tag::exchange-time[]
        WebSocket<Object> ws = WebSocket.builder(uri)
            .exchangeTimestamps(ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS)) // top-level "E"
            .heartbeat(Duration.ofSeconds(15))                  // its round trips refine the clock offset
            .build();
        ws.onRawMessage((type, buffer, at, length) ->
            arrival[0] = ws.receiveEpochNanos());               // the read that brought it: valid in the handler
        // ... then, on any thread:
        ConnectionStats stats = ws.stats();
        LatencySummary exchange = stats.exchangeToReceive();    // count, p50Micros, p99Micros, maxMicros
        ClockOffset offset = stats.clockOffset();               // local minus exchange clock; null before the first
        // end::exchange-time[]
        return new Result(ws, arrival, exchange, offset);
    }
}
