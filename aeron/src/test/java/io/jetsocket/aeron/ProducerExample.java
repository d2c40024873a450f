/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.time.ExchangeTimestampExtractor;

import java.util.concurrent.TimeUnit;

/**
 * The producer side as a user writes it (compiled here so that the README's example keeps compiling): one process
 * per venue receives the WebSocket feed and publishes it on {@code aeron:ipc}, stream 1001, beside a running media
 * driver.
 */
public final class ProducerExample
{
    private ProducerExample()
    {
    }

    /**
     * Publish until the connection closes.
     *
     * @param args unused.
     * @throws Exception if the connection fails.
     */
    public static void main(final String[] args) throws Exception
    {
        // tag::aeron-producer[]
        try (Aeron aeron = Aeron.connect();
            Publication publication = aeron.addExclusivePublication("aeron:ipc", 1001);
            WebSocket<Object> ws = WebSocket.builder("wss://stream.binance.com:9443/ws/btcusdt@trade").build();
            AeronFeedPublisher publisher = AeronFeedPublisher.attach(ws, publication,
                PublisherOptions.builder()
                    .streamId(1) // the venue, as consumers know it
                    .policy(BackPressurePolicy.DROP_AND_COUNT)
                    .exchangeTimestamps(ExchangeTimestampExtractor.jsonField("T", TimeUnit.MILLISECONDS))
                    .build(),
                PublisherCounters.aeron(aeron, "binance btcusdt")))
        {
            ws.connect().get(10, TimeUnit.SECONDS);
            ws.awaitClose();
        }
        // end::aeron-producer[]
    }
}
