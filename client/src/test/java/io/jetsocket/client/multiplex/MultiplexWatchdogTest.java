/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.event.DisconnectedEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.testing.SteppedEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-channel no-data watchdog of a {@link Multiplex} on a stepped clock against {@link MuxServer} (whose
 * {@code burst=0} answers a subscribe with no data): a silent channel is subscribed again exactly one timeout after
 * its last message, and after the resubscribes allowed the connection is replaced; a channel that speaks is left
 * alone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MultiplexWatchdogTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static MuxServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = MuxServer.start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void shouldResubscribeASilentChannelThenReplaceTheConnection() throws Exception
    {
        try (SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("mux-watchdog-engine")))
        {
            final List<MultiplexEvent> events = new CopyOnWriteArrayList<>();
            final List<Object> a = new CopyOnWriteArrayList<>();
            final List<Object> b = new CopyOnWriteArrayList<>();
            final Multiplex<Object> mux = Multiplex.builder(WebSocket.builder(server.uri(0)).engine(stepped.engine())
                    .backoff(BackoffConfig.builder().base(Duration.ofMillis(20)).jitter(false).build()))
                .channelKey("stream")
                .subscribeMessage((channel) -> command("subscribe", channel))
                .unsubscribeMessage((channel) -> command("unsubscribe", channel))
                .channelNoDataTimeout(Duration.ofSeconds(1), 1)
                .listener((event) ->
                {
                    if (MultiplexEvent.Type.SILENT == event.type() ||
                        MultiplexEvent.Type.SILENT_RECONNECT == event.type())
                    {
                        events.add(event);
                    }
                })
                .build();
            final List<DisconnectedEvent> disconnects = new CopyOnWriteArrayList<>();
            mux.webSocket().on(EventType.DISCONNECTED, disconnects::add);
            mux.subscribe("a", a::add);
            mux.subscribe("b", b::add);
            final CompletableFuture<Void> connected = mux.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            final long openedNs = stepped.nowNs();

            // a speaks at 900 ms, b never does
            stepped.driveUntil(Duration.ofMillis(1), () -> stepped.msSince(openedNs) >= 900);
            mux.webSocket().sendText("{\"op\":\"publish\",\"channel\":\"a\",\"count\":1}");
            stepped.driveUntil(Duration.ZERO, () -> 1 == a.size());
            final long aSpokeNs = stepped.nowNs();

            stepped.driveUntil(Duration.ofMillis(1), () -> !events.isEmpty());
            assertEquals(1000, stepped.msSince(openedNs), "b: one timeout after the connection opened");
            assertEquals(new MultiplexEvent(MultiplexEvent.Type.SILENT, "b", 0, 0, 1), events.get(0));
            server.await((line) -> line.equals("1 {\"op\":\"unsubscribe\",\"channel\":\"b\"}"), WAIT);
            server.await((line) -> line.equals("1 {\"op\":\"subscribe\",\"channel\":\"b\"}"), WAIT);

            stepped.driveUntil(Duration.ofMillis(1), () -> events.size() >= 2);
            assertEquals(new MultiplexEvent(MultiplexEvent.Type.SILENT, "a", 0, 0, 1), events.get(1));
            assertEquals(1000, stepped.msSince(aSpokeNs), "a: one timeout after its last message, not before");

            stepped.driveUntil(Duration.ofMillis(1), () -> events.size() >= 3);
            assertEquals(new MultiplexEvent(MultiplexEvent.Type.SILENT_RECONNECT, "b", 0, 0, 2), events.get(2),
                "b still silent after one resubscribe: the connection is replaced");
            assertEquals(2000, stepped.msSince(openedNs));
            stepped.driveUntil(Duration.ofMillis(1), () -> !disconnects.isEmpty());
            assertEquals(1000, disconnects.get(0).code());
            assertTrue(disconnects.get(0).reason().startsWith("channel b silent"), disconnects.get(0).reason());
            // the new connection (driven: the engine runs on this thread) subscribes both channels again
            stepped.driveUntil(Duration.ofMillis(1), () -> server.lines().containsAll(List.of(
                "2 {\"op\":\"subscribe\",\"channel\":\"a\"}", "2 {\"op\":\"subscribe\",\"channel\":\"b\"}")));
            mux.close();
            stepped.driveUntil(Duration.ofMillis(10), () -> mux.webSocket().state().isTerminal());
        }
    }

    @Test
    void shouldWatchAChannelWithATimeoutOfItsOwnOrNotAtAll() throws Exception
    {
        try (SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("mux-watchdog-own-engine")))
        {
            final List<MultiplexEvent> events = new CopyOnWriteArrayList<>();
            final Multiplex<Object> mux = Multiplex.builder(WebSocket.builder(server.uri(0)).engine(stepped.engine())
                    .reconnect(false))
                .channelKey("stream")
                .subscribeMessage((channel) -> command("subscribe", channel))
                .listener((event) ->
                {
                    if (MultiplexEvent.Type.SILENT == event.type())
                    {
                        events.add(event);
                    }
                })
                .build(); // no default timeout: only channels given one are watched
            mux.subscribe("quiet", NOTHING).noDataTimeout(Duration.ofSeconds(3));
            mux.subscribe("unwatched", NOTHING);
            mux.subscribe("sparse", NOTHING).noDataTimeout(Duration.ofSeconds(1)).noDataTimeout(null);
            final CompletableFuture<Void> connected = mux.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            final long openedNs = stepped.nowNs();

            stepped.driveUntil(Duration.ofMillis(1), () -> !events.isEmpty());
            assertEquals(3000, stepped.msSince(openedNs));
            assertEquals(new MultiplexEvent(MultiplexEvent.Type.SILENT, "quiet", 0, 0, 1), events.get(0));

            stepped.driveUntil(Duration.ofMillis(1), () -> stepped.msSince(openedNs) >= 5000);
            assertEquals(1, events.size(), "only the channel with a timeout is watched: " + events);
            mux.close();
            stepped.driveUntil(Duration.ofMillis(10), () -> mux.webSocket().state().isTerminal());
        }
    }

    @Test
    void shouldRefuseABadTimeout()
    {
        final Multiplex.Builder<Object> builder = Multiplex.builder(WebSocket.builder(server.uri(0)));
        assertThrows(IllegalArgumentException.class, () -> builder.channelNoDataTimeout(Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> builder.channelNoDataTimeout(Duration.ofSeconds(1), -1));
        try (Multiplex<Object> mux = builder.channelKey("stream").build())
        {
            final ChannelSubscription<Object> a = mux.subscribe("a");
            assertThrows(IllegalArgumentException.class, () -> a.noDataTimeout(Duration.ofSeconds(-1)));
        }
    }

    private static final java.util.function.Consumer<Object> NOTHING = (message) ->
    {
    };

    private static Map<String, Object> command(final String op, final String channel)
    {
        final Map<String, Object> message = new LinkedHashMap<>();
        message.put("op", op);
        message.put("channel", channel);
        return message;
    }
}
