/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

// tag::multiplex-imports[]
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.multiplex.ChannelSubscription;
import io.jetsocket.client.multiplex.Multiplex;
import io.jetsocket.client.multiplex.MultiplexStats;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
// end::multiplex-imports[]

/**
 * README's multiplexer: channels of one connection, routed from the bytes, resubscribed after every reconnect.
 */
public final class MultiplexExample
{
    private MultiplexExample()
    {
    }

    /**
     * Run against a server with subscriptions (default {@code ws://127.0.0.1:9001/mux}, the Node test server).
     *
     * @param args the server URI, optional.
     * @throws Exception if the example fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Result result = run(args.length > 0 ? args[0] : "ws://127.0.0.1:9001/mux");
        System.out.println("first trade " + result.firstTrade() + ", " + result.rawBytes() + " bytes raw, " +
            result.stats());
    }

    /**
     * What the example saw.
     *
     * @param firstTrade the first message of the queued channel.
     * @param rawBytes   bytes seen by the zero-copy subscriber when the trade arrived.
     * @param stats      the multiplexer's statistics before closing.
     */
    record Result(Object firstTrade, long rawBytes, MultiplexStats stats)
    {
    }

    static Result run(final String uri) throws Exception
    {
        // tag::multiplex[]
        AtomicLong rawBytes = new AtomicLong();
        Multiplex<Object> mux = Multiplex.builder(WebSocket.builder(uri)) // client options: for the one connection
            .channelKey("stream")                                // {"stream":"btcusdt@trade",...}: found in the bytes
            .subscribeMessage(channel -> Map.of("op", "subscribe", "channel", channel))     // and after every reconnect
            .unsubscribeMessage(channel -> Map.of("op", "unsubscribe", "channel", channel))
            .build();
        mux.connect().join();
        ChannelSubscription<Object> trades = mux.subscribe("btcusdt@trade");     // a queue: 1,000, drops the oldest
        mux.subscribeRaw("ethusdt@trade", (type, buffer, offset, length) -> rawBytes.addAndGet(length)); // zero copy
        Object trade = trades.recv(Duration.ofSeconds(10));       // blocks: never call it on the engine thread
        MultiplexStats stats = mux.stats();                        // routed, unroutable, per channel: messages, drops
        mux.close();                                               // ends every subscription, closes the connection
        // end::multiplex[]
        return new Result(trade, rawBytes.get(), stats);
    }
}
