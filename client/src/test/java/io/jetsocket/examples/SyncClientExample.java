/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

// tag::sync-imports[]
import io.jetsocket.client.SyncWebSocket;
import io.jetsocket.client.WebSocket;

import java.time.Duration;
import java.util.Map;
// end::sync-imports[]

/**
 * README's blocking client.
 */
public final class SyncClientExample
{
    private SyncClientExample()
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
        System.out.println("reply: " + run(args.length > 0 ? args[0] : "ws://127.0.0.1:9001/echo"));
    }

    static Object run(final String uri) throws Exception
    {
        // tag::sync[]
        Object reply;
        try (SyncWebSocket<Object> sync = WebSocket.builder(uri).buildSync())
        {
            sync.connect();                                      // blocks until open, or throws
            sync.send(Map.of("hello", "world"));
            reply = sync.recv(Duration.ofSeconds(5));            // OperationTimeoutException after 5 s
        }                                                        // close(): close handshake, then CLOSED
        // end::sync[]
        return reply;
    }
}
