/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresetsTest
{
    private static final String URI = "wss://stream.example.com/ws";

    private static void assertBackoff(final BackoffConfig backoff, final long baseMs, final long capS,
        final int maxAttempts, final long resetAfterS)
    {
        assertEquals(Duration.ofMillis(baseMs), backoff.base(), "base");
        assertEquals(2.0, backoff.multiplier(), "multiplier");
        assertEquals(Duration.ofSeconds(capS), backoff.cap(), "cap");
        assertTrue(backoff.jitter(), "jitter");
        assertEquals(maxAttempts, backoff.maxAttempts(), "maxAttempts");
        assertEquals(Duration.ofSeconds(resetAfterS), backoff.resetAfter(), "resetAfter");
    }

    private static void assertHeartbeat(final HeartbeatConfig heartbeat, final long intervalS, final long timeoutS)
    {
        assertEquals(Duration.ofSeconds(intervalS), heartbeat.interval(), "interval");
        assertEquals(Duration.ofSeconds(timeoutS), heartbeat.timeout(), "timeout");
        assertTrue(heartbeat.useWsPing(), "WebSocket pings");
    }

    @Test
    void tradingHasThePythonValues()
    {
        final ClientConfig<Object> config = Presets.trading(URI).buildConfig();
        assertEquals(URI, config.uri());
        assertTrue(config.reconnect());
        assertBackoff(config.backoff(), 500, 30, 0, 60);
        assertHeartbeat(config.heartbeat(), 20, 10);
        assertEquals(new BufferConfig(10_000, OverflowPolicy.DROP_OLDEST, true, 1_000), config.buffer());
        assertEquals(Duration.ofSeconds(85_800), config.maxConnectionAge());
        assertEquals(Duration.ofHours(23).plusMinutes(50), config.maxConnectionAge());
        assertTrue(config.compress());
        assertEquals(ClientConfig.MAX_MESSAGE_SIZE_DEFAULT, config.maxMessageSize());
    }

    @Test
    void venuePresetsAddTheVenuesLivenessProtocolToTrading()
    {
        final ClientConfig<Object> bybit = Presets.bybit(URI).buildConfig();
        assertEquals(Duration.ofSeconds(20), bybit.heartbeat().interval());
        assertEquals(Duration.ofSeconds(10), bybit.heartbeat().timeout());
        assertFalse(bybit.heartbeat().useWsPing());
        assertEquals("{\"op\":\"ping\"}", written(bybit.heartbeat().venuePing()));
        assertEquals(Presets.trading(URI).buildConfig().buffer(), bybit.buffer());

        final ClientConfig<Object> okx = Presets.okx(URI).buildConfig();
        assertEquals(Duration.ofSeconds(20), okx.heartbeat().interval());
        assertFalse(okx.heartbeat().useWsPing());
        assertEquals("ping", written(okx.heartbeat().venuePing()));

        final ClientConfig<Object> huobi = Presets.huobi(URI).buildConfig();
        assertTrue(huobi.heartbeat().useWsPing());
        final org.agrona.ExpandableArrayBuffer out = new org.agrona.ExpandableArrayBuffer(32);
        final byte[] ping = "{\"ping\":1492420473027}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final int length = huobi.liveness().serverPings().answer(io.jetsocket.engine.MessageType.TEXT,
            new org.agrona.concurrent.UnsafeBuffer(ping), 0, ping.length, out);
        assertEquals("{\"pong\":1492420473027}", out.getStringWithoutLengthUtf8(0, length));
        assertFalse(huobi.liveness().deliverServerPings());
        assertEquals(PayloadCompression.GZIP, huobi.payloadCompression().format()); // every message is gzip
    }

    private static String written(final VenuePing ping)
    {
        final org.agrona.ExpandableArrayBuffer out = new org.agrona.ExpandableArrayBuffer(32);
        return out.getStringWithoutLengthUtf8(0, ping.writePing(out, 0, 0));
    }

    @Test
    void llmStreamHasThePythonValues()
    {
        final ClientConfig<Object> config = Presets.llmStream(URI).buildConfig();
        assertTrue(config.reconnect());
        assertBackoff(config.backoff(), 1_000, 10, 5, 30);
        assertHeartbeat(config.heartbeat(), 30, 15);
        assertEquals(new BufferConfig(500, OverflowPolicy.DROP_OLDEST, false, BufferConfig.DEDUP_WINDOW_DEFAULT),
            config.buffer());
        assertEquals(128 * 1024 * 1024, config.maxMessageSize());
        assertFalse(config.compress());
        assertNull(config.maxConnectionAge());
    }

    @Test
    void dashboardHasThePythonValues()
    {
        final ClientConfig<Object> config = Presets.dashboard(URI).buildConfig();
        assertTrue(config.reconnect());
        assertBackoff(config.backoff(), 2_000, 60, 0, 120);
        assertHeartbeat(config.heartbeat(), 30, 20);
        assertEquals(new BufferConfig(100, OverflowPolicy.DROP_OLDEST, false, BufferConfig.DEDUP_WINDOW_DEFAULT),
            config.buffer());
        assertTrue(config.compress());
        assertNull(config.maxConnectionAge());
    }

    @Test
    void minimalHasTheDocumentedValues()
    {
        // The Python docs promise a 30 s heartbeat and a buffer of 100 (its code had neither): built as documented.
        final ClientConfig<Object> config = Presets.minimal(URI).buildConfig();
        assertTrue(config.reconnect());
        assertBackoff(config.backoff(), 1_000, 30, 10, 60);
        assertHeartbeat(config.heartbeat(), 30, 10);
        assertEquals(new BufferConfig(100, OverflowPolicy.DROP_OLDEST, false, BufferConfig.DEDUP_WINDOW_DEFAULT),
            config.buffer());
        assertNull(config.maxConnectionAge());
    }

    @Test
    void theCallerOverridesAPresetAndKeepsTheRest()
    {
        final ClientConfig<Object> config = Presets.trading(URI)
            .heartbeat(Duration.ofSeconds(5))
            .maxConnectionAge(null)
            .compress(false)
            .buildConfig();
        assertEquals(Duration.ofSeconds(5), config.heartbeat().interval());
        assertNull(config.maxConnectionAge());
        assertFalse(config.compress());
        assertBackoff(config.backoff(), 500, 30, 0, 60); // untouched
        assertEquals(10_000, config.buffer().capacity());
    }

    @Test
    void eachCallIsANewBuilder()
    {
        Presets.dashboard(URI).reconnect(false);
        assertTrue(Presets.dashboard(URI).buildConfig().reconnect());
    }
}
