/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

// tag::async-imports[]
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.ReplayConfig;
import io.jetsocket.client.event.EventType;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
// end::async-imports[]

import java.util.concurrent.TimeUnit;

/**
 * README's non-blocking client: heartbeat, replay, events, decoded and zero-copy messages, a subscription.
 */
public final class AsyncClientExample
{
    private AsyncClientExample()
    {
    }

    /**
     * Run against a server that echoes (default {@code ws://127.0.0.1:9001/echo}).
     *
     * @param args the server URI, optional.
     * @throws Exception if the example fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Result result = run(args.length > 0 ? args[0] : "ws://127.0.0.1:9001/echo");
        System.out.println("first message " + result.firstMessage() + ", " + result.rawBytes() + " bytes raw");
    }

    /**
     * What the example saw.
     *
     * @param firstMessage the first decoded message, or null if none came within 10 s.
     * @param rawBytes     bytes seen by the zero-copy handler.
     */
    record Result(Object firstMessage, long rawBytes)
    {
    }

    static Result run(final String uri) throws Exception
    {
        // tag::async[]
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();  // messages handed to the application's threads
        AtomicLong rawBytes = new AtomicLong();
        WebSocket<Object> ws = WebSocket.builder(uri)             // ws:// or wss://
            .heartbeat(Duration.ofSeconds(15))                   // ping interval; pong timeout, misses: HeartbeatConfig
            .replay(ReplayConfig.sequenceId(msg -> ((Map<?, ?>)msg).get("seq"),
                (lastSeq, sender) -> sender.send(Map.of("op", "resume", "from", lastSeq))))
            .build();
        // every handler runs on the engine thread: never block in one
        ws.onMessage(inbox::add);                                // decoded: JSON objects as Map, arrays as List
        ws.onRawMessage((type, buffer, offset, length) -> rawBytes.addAndGet(length)); // zero copy, no allocation
        ws.on(EventType.RECONNECTED, e -> System.out.println("back after " + e.attempts() + " attempts"));
        ws.on(EventType.ERROR, e -> System.err.println((e.fatal() ? "gave up: " : "error: ") + e.message()));
        ws.connect().join();
        ws.subscribe(Map.of("op", "subscribe", "channel", "trades", "seq", 1)); // sent again after every reconnect
        // end::async[]
        final Object first = inbox.poll(10, TimeUnit.SECONDS);
        // tag::async-close[]
        ws.close();                                              // close handshake; waits at most closeTimeout + 2 s
        // end::async-close[]
        return new Result(first, rawBytes.get());
    }
}
