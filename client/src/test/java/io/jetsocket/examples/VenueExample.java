/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

// tag::venue-imports[]
import io.jetsocket.client.SendStatus;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.Presets;
import io.jetsocket.client.venue.ConnectBudget;
import io.jetsocket.client.venue.RateLimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
// end::venue-imports[]

import java.util.ArrayList;

/**
 * README's presets and venue limits: a trading preset with an override, and a feed that keeps to a venue's
 * outbound rate limit and connect budget.
 */
public final class VenueExample
{
    private VenueExample()
    {
    }

    /**
     * The preset's heartbeat, overridden.
     *
     * @param uri the server.
     * @return the built client's configuration, never connected.
     */
    static WebSocket<Object> preset(final String uri)
    {
        // tag::presets[]
        WebSocket<Object> ws = Presets.trading(uri)             // also llmStream, dashboard, minimal
            .heartbeat(Duration.ofSeconds(5))                   // override any value before build()
            .build();
        // end::presets[]
        return ws;
    }

    /**
     * What the venue example did.
     *
     * @param feed     the connected client (the caller closes it).
     * @param statuses the status of each subscribe.
     */
    record Result(WebSocket<Object> feed, List<SendStatus> statuses)
    {
    }

    /**
     * Subscribe to streams on a venue that allows five messages per second.
     *
     * @param uri     the server.
     * @param symbols the streams.
     * @return the client and the status of each subscribe.
     */
    static Result subscribe(final String uri, final List<String> symbols)
    {
        final List<SendStatus> statuses = new ArrayList<>();
        // tag::venue-limits[]
        ConnectBudget binance = ConnectBudget.of("binance", 300, Duration.ofMinutes(5)); // share it per venue
        WebSocket<Object> feed = WebSocket.builder(uri)
            .rateLimit(RateLimit.of(5, Duration.ofSeconds(1)))  // at most 5 in any 1 s; the rest wait, in order
            .connectBudget(binance)                             // each attempt takes one; when spent, it waits
            .maxRetryAfter(Duration.ofMinutes(2))               // a 429/503 Retry-After is honoured up to this
            .build();
        feed.connect().join();
        for (String symbol : symbols)
        {
            SendStatus status = feed.send(Map.of("method", "SUBSCRIBE", "params", List.of(symbol + "@trade")));
            statuses.add(status);                               // QUEUED: goes out when the window allows
        }
        // end::venue-limits[]
        return new Result(feed, statuses);
    }
}
