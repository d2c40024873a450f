/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.NodeServerAndEngine;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.event.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The multiplexer against the Node.js {@code ws} server's {@code /mux} route (the engine's interop script), out of
 * process: every channel resumes after each forced TCP drop, with no gap and no duplicate.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MultiplexNodeTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final NodeServerAndEngine FIXTURE = new NodeServerAndEngine("multiplex-node-engine");

    @Test
    void shouldResumeEveryChannelAfterEachForcedDrop() throws Exception
    {
        final int burst = 4;
        final int drops = 3;
        final AtomicInteger disconnects = new AtomicInteger();
        try (Multiplex<Object> mux = Multiplex.builder(WebSocket.builder(FIXTURE.node().uri("/mux?burst=" + burst))
                .engine(FIXTURE.engine()).backoff(BackoffConfig.builder().base(Duration.ofMillis(20))
                .cap(Duration.ofMillis(100)).build()))
            .channelKey("stream")
            .subscribeMessage((channel) -> Map.of("op", "subscribe", "channel", channel))
            .build())
        {
            mux.webSocket().on(EventType.DISCONNECTED, (event) -> disconnects.incrementAndGet());
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final List<ChannelSubscription<Object>> subscriptions = new ArrayList<>();
            for (int c = 0; c < 10; c++)
            {
                subscriptions.add(mux.subscribe("s" + c));
            }
            for (int round = 0; round <= drops; round++)
            {
                for (final ChannelSubscription<Object> subscription : subscriptions)
                {
                    for (int seq = 1; seq <= burst; seq++)
                    {
                        final Map<?, ?> message = (Map<?, ?>)subscription.recv(WAIT);
                        assertEquals(subscription.channel(), message.get("stream"));
                        assertEquals(seq, ((Number)((Map<?, ?>)message.get("data")).get("seq")).intValue(),
                            subscription.channel() + " in round " + round);
                    }
                    assertNull(subscription.poll(), subscription.channel() + ": a duplicate in round " + round);
                }
                if (round < drops)
                {
                    final int expected = round + 1;
                    mux.webSocket().sendText("drop");
                    final long deadline = System.nanoTime() + WAIT.toNanos();
                    while (disconnects.get() < expected && System.nanoTime() < deadline)
                    {
                        Thread.sleep(1); // a hang guard; the assertions are on what arrived
                    }
                    assertEquals(expected, disconnects.get());
                }
            }
            assertEquals((long)(drops + 1) * 10 * burst, mux.stats().routed());
            assertEquals((long)(drops + 1) * 10, mux.stats().unroutable()); // the acknowledgements
        }
    }

    @Test
    void shouldShardChannelsByTheCapAndResumeOnlyTheDroppedShard() throws Exception
    {
        final int burst = 3;
        try (ShardedMultiplex<Object> mux = Multiplex.builder(WebSocket.builder(FIXTURE.node().uri("/mux?burst=" +
                burst)).engine(FIXTURE.engine()).backoff(BackoffConfig.builder().base(Duration.ofMillis(20))
                .cap(Duration.ofMillis(100)).build()))
            .channelKey("stream")
            .subscribeMessage((channel) -> Map.of("op", "subscribe", "channel", channel))
            .buildSharded(4))
        {
            mux.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            for (int c = 0; c < 10; c++)
            {
                mux.subscribe("s" + c);
            }
            assertEquals(3, mux.shards().size());
            final List<AtomicInteger> disconnects = new ArrayList<>();
            for (final Multiplex<Object> shard : mux.shards())
            {
                final AtomicInteger count = new AtomicInteger();
                shard.webSocket().on(EventType.DISCONNECTED, (event) -> count.incrementAndGet());
                disconnects.add(count);
            }
            expectBursts(mux.channels(), mux, burst);

            final Multiplex<Object> dropped = mux.shards().get(1);
            assertEquals(List.of("s4", "s5", "s6", "s7"), dropped.channels());
            dropped.webSocket().sendText("drop");
            expectBursts(dropped.channels(), mux, burst); // resumed on the new connection: 1..burst again
            assertEquals(List.of(0, 1, 0), disconnects.stream().map(AtomicInteger::get).toList());
            for (final String channel : mux.channels())
            {
                assertNull(mux.subscription(channel).poll(), channel + ": a duplicate");
            }
            assertEquals(10L * burst + 4L * burst, mux.stats().routed());
        }
    }

    private static void expectBursts(final List<String> channels, final ShardedMultiplex<Object> mux,
        final int burst) throws InterruptedException
    {
        for (final String channel : channels)
        {
            final ChannelSubscription<Object> subscription = mux.subscription(channel);
            for (int seq = 1; seq <= burst; seq++)
            {
                final Map<?, ?> message = (Map<?, ?>)subscription.recv(WAIT);
                assertEquals(channel, message.get("stream"));
                assertEquals(seq, ((Number)((Map<?, ?>)message.get("data")).get("seq")).intValue(), channel);
            }
        }
    }
}
