/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.codec.JsonCodec;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeds' defaults and validation of every configuration record.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConfigTest
{
    @Test
    void shouldHaveTheSeedsBackoffDefaults()
    {
        final BackoffConfig config = BackoffConfig.defaults();
        assertEquals(Duration.ofSeconds(1), config.base());
        assertEquals(2.0, config.multiplier());
        assertEquals(Duration.ofSeconds(60), config.cap());
        assertTrue(config.jitter());
        assertEquals(0, config.maxAttempts());
        assertEquals(Duration.ofSeconds(60), config.resetAfter());
        assertEquals(config, BackoffConfig.builder().build());
    }

    @Test
    void shouldValidateBackoff()
    {
        assertThrows(IllegalArgumentException.class, () -> BackoffConfig.builder().base(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> BackoffConfig.builder().multiplier(0.5).build());
        assertThrows(IllegalArgumentException.class, () -> BackoffConfig.builder().multiplier(Double.NaN).build());
        assertThrows(IllegalArgumentException.class,
            () -> BackoffConfig.builder().base(Duration.ofSeconds(10)).cap(Duration.ofSeconds(5)).build());
        assertThrows(IllegalArgumentException.class, () -> BackoffConfig.builder().maxAttempts(-1).build());
        assertThrows(IllegalArgumentException.class,
            () -> BackoffConfig.builder().resetAfter(Duration.ofSeconds(-1)).build());
    }

    @Test
    void shouldHaveTheSeedsHeartbeatDefaults()
    {
        final HeartbeatConfig config = HeartbeatConfig.defaults();
        assertEquals(Duration.ofSeconds(30), config.interval());
        assertEquals(Duration.ofSeconds(10), config.timeout());
        assertEquals(0, config.missesAllowed());
        assertArrayEquals(new byte[0], config.payload());
        assertTrue(config.useWsPing());
        assertNull(config.applicationPing());
        assertNull(config.pongMatcher());
    }

    @Test
    void shouldTurnANumberIntoAnInterval()
    {
        assertEquals(Duration.ofSeconds(10), HeartbeatConfig.ofInterval(Duration.ofSeconds(20)).timeout());
        assertEquals(Duration.ofSeconds(10), HeartbeatConfig.ofInterval(Duration.ofSeconds(60)).timeout());
        final HeartbeatConfig short5 = HeartbeatConfig.ofInterval(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(5), short5.interval());
        assertEquals(Duration.ofMillis(2500), short5.timeout(), "the seeds' shorthand fails for 5 s; ours works");
    }

    @Test
    void shouldValidateHeartbeat()
    {
        assertThrows(IllegalArgumentException.class,
            () -> HeartbeatConfig.builder().interval(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(5)).build());
        assertThrows(IllegalArgumentException.class, () -> HeartbeatConfig.builder().timeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> HeartbeatConfig.builder().missesAllowed(-1).build());
        assertThrows(IllegalArgumentException.class, () -> HeartbeatConfig.builder().payload(new byte[126]).build());
        assertThrows(IllegalArgumentException.class, () -> HeartbeatConfig.builder().useWsPing(false).build());
        assertThrows(IllegalArgumentException.class, () -> new HeartbeatConfig(Duration.ofSeconds(30),
            Duration.ofSeconds(10), 0, null, true, () -> "ping", null));
        final HeartbeatConfig application = HeartbeatConfig.builder().applicationPing(() -> "ping").build();
        assertFalse(application.useWsPing());
    }

    @Test
    void shouldCopyTheHeartbeatPayload()
    {
        final byte[] payload = { 1, 2 };
        final HeartbeatConfig config = HeartbeatConfig.builder().payload(payload).build();
        payload[0] = 9;
        assertArrayEquals(new byte[]{ 1, 2 }, config.payload());
        config.payload()[1] = 9;
        assertArrayEquals(new byte[]{ 1, 2 }, config.payload());
        assertEquals(config, HeartbeatConfig.builder().payload(new byte[]{ 1, 2 }).build());
    }

    @Test
    void shouldHaveTheSeedsBufferDefaults()
    {
        final BufferConfig config = BufferConfig.defaults();
        assertEquals(1000, config.capacity());
        assertEquals(OverflowPolicy.DROP_OLDEST, config.overflowPolicy());
        assertFalse(config.enableDedup());
        assertEquals(100, config.dedupWindow());
        assertEquals(500, BufferConfig.ofCapacity(500).capacity());
        assertEquals("drop_oldest", OverflowPolicy.DROP_OLDEST.value());
        assertThrows(IllegalArgumentException.class, () -> BufferConfig.ofCapacity(0));
        assertThrows(IllegalArgumentException.class, () -> BufferConfig.builder().dedupWindow(0).build());
    }

    @Test
    void shouldValidateReplay()
    {
        assertEquals(ReplayMode.NONE, ReplayConfig.none().mode());
        assertEquals("sequence_id", ReplayMode.SEQUENCE_ID.value());
        assertThrows(IllegalArgumentException.class,
            () -> new ReplayConfig<Object>(ReplayMode.SEQUENCE_ID, (message) -> message, null));
        assertThrows(IllegalArgumentException.class,
            () -> new ReplayConfig<Object>(ReplayMode.SEQUENCE_ID, null, (last, sender) -> sender.sendText("x")));
        assertEquals(ReplayMode.FULL_BUFFER, ReplayConfig.fullBuffer().mode());
    }

    @Test
    void shouldBuildTheClientWithTheSeedsDefaults()
    {
        final ClientConfig<Object> config = WebSocket.builder("ws://127.0.0.1:9/feed").buildConfig();
        assertEquals("ws://127.0.0.1:9/feed", config.uri());
        assertTrue(config.reconnect());
        assertEquals(BackoffConfig.defaults(), config.backoff());
        assertNull(config.maxConnectionAge());
        assertNull(config.heartbeat());
        assertEquals(BufferConfig.defaults(), config.buffer());
        assertEquals(ReplayMode.NONE, config.replay().mode());
        assertSame(JsonCodec.INSTANCE, config.codec());
        assertNull(config.messageType());
        assertNull(config.sslContext());
        assertEquals(Map.of(), config.extraHeaders());
        assertEquals(List.of(), config.subprotocols());
        assertTrue(config.compress());
        assertEquals(128, config.compressionThreshold());
        assertEquals(Duration.ofSeconds(10), config.connectTimeout());
        assertEquals(Duration.ofSeconds(5), config.closeTimeout());
        assertEquals(64 * 1024 * 1024, config.maxMessageSize());
        assertEquals(10_000, config.receiveQueueCapacity());
        assertEquals(OverflowPolicy.DROP_OLDEST, config.receiveQueuePolicy());
        assertNull(config.handlerExecutor(), "handlers on the engine thread by default");
        assertNull(config.engine(), "the shared default engine");
        assertSame(SystemNanoClock.INSTANCE, config.nanoClock());
        assertSame(SystemEpochClock.INSTANCE, config.epochClock());
        assertEquals(config, ClientConfig.builder("ws://127.0.0.1:9/feed").buildConfig(), "two builders, one config");
    }

    @Test
    void shouldApplyTheShorthandsAndEveryOption() throws Exception
    {
        final javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getDefault();
        final ClientConfig<Object> config = WebSocket.builder("ws://127.0.0.1:9/feed")
            .reconnect(false).heartbeat(Duration.ofSeconds(20)).buffer(50).maxConnectionAge(Duration.ofHours(23))
            .sslContext(ssl).header("Authorization", "Bearer x").subprotocols(List.of("a", "b"))
            .compress(false).compressionThreshold(256).connectTimeout(Duration.ofSeconds(3))
            .closeTimeout(Duration.ofSeconds(1)).maxMessageSize(1024).receiveQueue(5, OverflowPolicy.ERROR)
            .buildConfig();
        assertFalse(config.reconnect());
        assertEquals(Duration.ofSeconds(20), config.heartbeat().interval());
        assertEquals(50, config.buffer().capacity());
        assertEquals(Duration.ofHours(23), config.maxConnectionAge());
        assertSame(ssl, config.sslContext());
        assertEquals(Map.of("Authorization", "Bearer x"), config.extraHeaders());
        assertEquals(List.of("a", "b"), config.subprotocols());
        assertFalse(config.compress());
        assertEquals(256, config.compressionThreshold());
        assertEquals(Duration.ofSeconds(3), config.connectTimeout());
        assertEquals(Duration.ofSeconds(1), config.closeTimeout());
        assertEquals(1024, config.maxMessageSize());
        assertEquals(5, config.receiveQueueCapacity());
        assertEquals(OverflowPolicy.ERROR, config.receiveQueuePolicy());
    }

    @Test
    void shouldHoldTheHandlerExecutorEngineAndClocksInTheConfig()
    {
        final Executor executor = Runnable::run;
        final CachedNanoClock nanoClock = new CachedNanoClock();
        final CachedEpochClock epochClock = new CachedEpochClock();
        final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext().roleName("config-test-engine"));
        try
        {
            final ClientConfig.Builder<Object> builder = WebSocket.builder("ws://127.0.0.1:9/feed")
                .handlerExecutor(executor).engine(engine).clocks(nanoClock, epochClock);
            final ClientConfig<Object> config = builder.buildConfig();
            assertSame(executor, config.handlerExecutor());
            assertSame(engine, config.engine());
            assertSame(nanoClock, config.nanoClock());
            assertSame(epochClock, config.epochClock());
            assertEquals(config, builder.buildConfig(), "the builder makes equal configs");

            final WebSocket<Object> ws = WebSocket.create(config);
            assertSame(config, ws.config(), "the client holds the config as given");
            assertSame(engine, ws.engine());
            final WebSocket<Object> built = builder.build();
            assertEquals(config, built.config());
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    void shouldRetypeTheOneBuilderWithTheCodec()
    {
        final ClientConfig<String> config = WebSocket.builder("ws://127.0.0.1:9/feed")
            .serialization((String text) -> text.getBytes(StandardCharsets.UTF_8),
                (bytes) -> new String(bytes, StandardCharsets.UTF_8))
            .receiveQueue(0, OverflowPolicy.DROP_NEWEST)
            .buildConfig();
        assertEquals("héllo", config.codec().decode(io.jetsocket.engine.MessageType.TEXT,
            new org.agrona.concurrent.UnsafeBuffer("héllo".getBytes(StandardCharsets.UTF_8)), 0,
            "héllo".getBytes(StandardCharsets.UTF_8).length));
        assertEquals(0, config.receiveQueueCapacity());
    }

    @Test
    void shouldNameTheBadOptionInTheValidationError()
    {
        assertMessageNames("connectTimeout",
            () -> WebSocket.builder("ws://example.com/").connectTimeout(Duration.ZERO).buildConfig());
        assertMessageNames("closeTimeout",
            () -> WebSocket.builder("ws://example.com/").closeTimeout(Duration.ofSeconds(-1)).buildConfig());
        assertMessageNames("maxMessageSize",
            () -> WebSocket.builder("ws://example.com/").maxMessageSize(0).buildConfig());
        assertMessageNames("maxConnectionAge",
            () -> WebSocket.builder("ws://example.com/").maxConnectionAge(Duration.ZERO).buildConfig());
        assertMessageNames("compressionThreshold",
            () -> WebSocket.builder("ws://example.com/").compressionThreshold(-1).buildConfig());
        assertMessageNames("receiveQueueCapacity",
            () -> WebSocket.builder("ws://example.com/").receiveQueue(-1, OverflowPolicy.ERROR).buildConfig());
        final NullPointerException noClock = assertThrows(NullPointerException.class,
            () -> WebSocket.builder("ws://example.com/").clocks(null, SystemEpochClock.INSTANCE).buildConfig());
        assertEquals("nanoClock", noClock.getMessage());
    }

    private static void assertMessageNames(final String option, final Executable build)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, build);
        assertTrue(ex.getMessage().startsWith(option + " "), ex.getMessage());
    }

    @Test
    void shouldRefuseBadClientOptionsWhenBuilt()
    {
        assertThrows(IllegalArgumentException.class, () -> WebSocket.builder("http://example.com/").build());
        assertThrows(IllegalArgumentException.class,
            () -> WebSocket.builder("ws://example.com/").header("X-Bad", "a\r\nb").build());
        assertThrows(IllegalArgumentException.class,
            () -> WebSocket.builder("ws://example.com/").connectTimeout(Duration.ZERO).buildConfig());
        assertThrows(IllegalArgumentException.class,
            () -> WebSocket.builder("ws://example.com/").maxMessageSize(0).buildConfig());
        assertThrows(IllegalArgumentException.class,
            () -> WebSocket.builder("ws://example.com/").maxConnectionAge(Duration.ZERO).buildConfig());
        assertThrows(IllegalArgumentException.class,
            () -> WebSocket.builder("ws://example.com/").receiveQueue(-1, OverflowPolicy.ERROR).buildConfig());
    }
}
