/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.engine.ConnectRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Clients with the same options share one engine request; any option that shapes the request gets its own.
 */
class ConnectRequestsTest
{
    private static final String URI = "ws://127.0.0.1:9/feed";

    @Test
    void clientsWithTheSameOptionsShareOneRequest()
    {
        final ConnectRequest first = ConnectRequests.of(config(WebSocket.builder(URI).header("X-A", "1")));
        final ConnectRequest second = ConnectRequests.of(config(WebSocket.builder(URI).header("X-A", "1")));
        assertSame(first, second);
    }

    @Test
    void anOptionThatShapesTheRequestGetsARequestOfItsOwn()
    {
        final ConnectRequest base = ConnectRequests.of(config(WebSocket.builder(URI)));
        assertNotSame(base, ConnectRequests.of(config(WebSocket.builder(URI + "?x=1"))));
        assertNotSame(ConnectRequests.of(config(WebSocket.builder(URI))),
            ConnectRequests.of(config(WebSocket.builder(URI).connectTimeout(Duration.ofSeconds(3)))));
        assertNotSame(ConnectRequests.of(config(WebSocket.builder(URI))),
            ConnectRequests.of(config(WebSocket.builder(URI).compress(false))));

        final ConnectRequest ba =
            ConnectRequests.of(config(WebSocket.builder(URI).header("X-B", "2").header("X-A", "1")));
        final ConnectRequest ab =
            ConnectRequests.of(config(WebSocket.builder(URI).header("X-A", "1").header("X-B", "2")));
        assertNotSame(ab, ba, "headers are sent in order");
        assertSame(ab, ConnectRequests.of(config(WebSocket.builder(URI).header("X-A", "1").header("X-B", "2"))));
    }

    private static ClientConfig<Object> config(final ClientConfig.Builder<Object> builder)
    {
        return builder.buildConfig();
    }
}
