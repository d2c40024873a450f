/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool's options (defaults of the seeds, validation) and RFC 3986 resolution of relative URIs.
 */
class PoolConfigTest
{
    @Test
    void shouldHaveTheSeedsDefaults()
    {
        final PoolConfig<Object> config = PoolConfig.defaults();

        assertEquals(10, config.maxConnections());
        assertEquals(Duration.ofSeconds(300), config.maxIdleTime());
        assertEquals(Duration.ofSeconds(30), config.healthCheckInterval());
        assertEquals(Duration.ofSeconds(10), config.acquireTimeout());
        assertNull(config.baseUri());
        assertEquals("ws://h/x", config.clients().apply("ws://h/x").buildConfig().uri());
    }

    @Test
    void shouldRejectBadOptionsNamingThem()
    {
        assertMessage("maxConnections must be positive: 0",
            () -> PoolConfig.builder().maxConnections(0).build());
        assertMessage("maxIdleTime must be positive: PT0S",
            () -> PoolConfig.builder().maxIdleTime(Duration.ZERO).build());
        assertMessage("healthCheckInterval must be positive: PT-1S",
            () -> PoolConfig.builder().healthCheckInterval(Duration.ofSeconds(-1)).build());
        assertMessage("acquireTimeout must be >= 0: PT-0.001S",
            () -> PoolConfig.builder().acquireTimeout(Duration.ofMillis(-1)).build());
        assertMessage("baseUri must be an absolute ws:// or wss:// URI with a host: http://h/",
            () -> PoolConfig.builder().baseUri("http://h/").build());
        assertMessage("baseUri must be an absolute ws:// or wss:// URI with a host: /relative",
            () -> PoolConfig.builder().baseUri("/relative").build());
        PoolConfig.builder().acquireTimeout(Duration.ZERO).build(); // zero: fail at once when none is free
    }

    @Test
    void shouldResolveRelativeReferencesPerRfc3986()
    {
        final UriResolver resolver = new UriResolver("wss://feed.example.com:9443/v1/stream/");

        assertEquals("wss://feed.example.com:9443/v1/stream/trades", resolver.resolve("trades"));
        assertEquals("wss://feed.example.com:9443/trades", resolver.resolve("/trades"));
        assertEquals("wss://feed.example.com:9443/v1/trades?x=1", resolver.resolve("../trades?x=1"));
        assertEquals("wss://other.example.com/a", resolver.resolve("//other.example.com/a"));
        assertEquals("ws://elsewhere/b", resolver.resolve("ws://elsewhere/b"), "an absolute URI is used as is");
        assertEquals("wss://feed.example.com:9443/v1/book", new UriResolver("wss://feed.example.com:9443/v1/stream")
            .resolve("book"), "the last segment of a base without a trailing slash is replaced");
    }

    @Test
    void shouldMergeWithABaseOfEmptyPathAsIfItWereSlash()
    {
        // RFC 3986 5.2.3: the merge puts a slash between an authority and the reference
        assertEquals("ws://host/trades", new UriResolver("ws://host").resolve("trades"));
        assertEquals("ws://host:81/trades", new UriResolver("ws://host:81").resolve("trades"));
    }

    @Test
    void shouldRefuseARelativeReferenceWithoutABase()
    {
        final IllegalArgumentException noBase =
            assertThrows(IllegalArgumentException.class, () -> new UriResolver(null).resolve("trades"));
        assertTrue(noBase.getMessage().contains("relative URI 'trades' needs a base URI"), noBase.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UriResolver(null).resolve("ws://h/a b"));
    }

    private static void assertMessage(final String message, final Runnable build)
    {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build::run).getMessage());
    }
}
