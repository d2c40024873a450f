/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

// tag::pool-imports[]
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.pool.ConnectionPool;
import io.jetsocket.client.pool.PoolConfig;
import io.jetsocket.client.pool.PoolStats;
import io.jetsocket.client.pool.PooledConnection;

import java.time.Duration;
import java.util.Map;
// end::pool-imports[]

/**
 * README's connection pool.
 */
public final class PoolExample
{
    private PoolExample()
    {
    }

    /**
     * What the example saw.
     *
     * @param reply the echo of its message.
     * @param stats the pool's statistics before it closed.
     */
    record Result(Object reply, PoolStats stats)
    {
    }

    /**
     * Run against a server that echoes on {@code /echo} (default {@code ws://127.0.0.1:9001/}).
     *
     * @param args the server's base URI, optional.
     * @throws Exception if the example fails.
     */
    public static void main(final String[] args) throws Exception
    {
        System.out.println(run(args.length > 0 ? args[0] : "ws://127.0.0.1:9001/"));
    }

    static Result run(final String baseUri) throws Exception
    {
        // tag::pool[]
        Object reply;
        PoolStats stats;
        try (ConnectionPool<Object> pool = PoolConfig.builder()
            .baseUri(baseUri)                                    // relative paths resolve against it (RFC 3986)
            .maxConnections(4)                                   // leases at once; then acquire waits
            .clients((uri) -> WebSocket.builder(uri).heartbeat(Duration.ofSeconds(15))) // every pooled client
            .open())                                             // idle reaping, health sweep: engine timers
        {
            try (PooledConnection<Object> lease = pool.acquire("echo")) // exclusive until released
            {
                lease.send(Map.of("op", "ping"));
                reply = lease.recv(Duration.ofSeconds(5));
            }                                                    // back to the pool, still open
            try (PooledConnection<Object> again = pool.acquire("echo", Duration.ofSeconds(1)))
            {
                again.sendText("{\"op\":\"ping\"}");             // the same connection, lent again
            }                                                    // PoolExhaustedException if none came free
            stats = pool.stats();                                // created 1, acquisitions 2, reused 1...
        }                                                        // close(): every connection closed
        // end::pool[]
        return new Result(reply, stats);
    }
}
