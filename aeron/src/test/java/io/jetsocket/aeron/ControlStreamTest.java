/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.multiplex.Multiplex;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A consumer process drives the feed handler's subscriptions through the control stream: the agent on the engine
 * thread subscribes and unsubscribes channels of a multiplexer, whose messages reach the venue (a loopback server
 * that records what the client sends).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlStreamTest
{
    @Test
    void controlMessagesShouldSubscribeAndUnsubscribeChannels() throws Exception
    {
        final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
        try (EmbeddedAeron aeron = new EmbeddedAeron();
            Subscription controlIn = aeron.aeron().addSubscription("aeron:ipc", 6006);
            Publication controlOut = aeron.aeron().addExclusivePublication("aeron:ipc", 6006);
            LoopbackServer venue = LoopbackServer.start("venue", (socket) ->
            {
                RawUpgrade.accept(socket);
                FeedServer.readClientFrames(socket, sent::add);
            });
            WebSocketEngine engine = WebSocketEngine.launch(new EngineContext()))
        {
            final Multiplex<Object> mux = Multiplex.builder(WebSocket.builder(venue.uri("ws", "/mux")).engine(engine))
                .channelKey("stream")
                .subscribeMessage((channel) -> op("subscribe", channel))
                .unsubscribeMessage((channel) -> op("unsubscribe", channel))
                .build();
            mux.connect().get(10, TimeUnit.SECONDS);
            final FeedControlAgent agent = new FeedControlAgent(controlIn, SubscriptionControl.of(mux));
            engine.addAgent(agent);
            while (!controlOut.isConnected())
            {
                Thread.yield();
            }

            final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
            offer(controlOut, message, FeedControl.encode(message, 0, ControlCommand.SUBSCRIBE, "btcusdt@trade"));
            assertEquals("{\"op\":\"subscribe\",\"stream\":\"btcusdt@trade\"}", sent.poll(10, TimeUnit.SECONDS));
            message.putByte(FeedControl.COMMAND_OFFSET, (byte)99);
            offer(controlOut, message, FeedControl.CHANNEL_OFFSET + 3);
            offer(controlOut, message, FeedControl.encode(message, 0, ControlCommand.UNSUBSCRIBE, "btcusdt@trade"));
            assertEquals("{\"op\":\"unsubscribe\",\"stream\":\"btcusdt@trade\"}", sent.poll(10, TimeUnit.SECONDS));

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (agent.applied() < 2 && System.nanoTime() - deadline < 0) // counted after the command ran
            {
                Thread.yield();
            }
            assertEquals(2, agent.applied());
            assertEquals(1, agent.rejected());
            assertEquals(0, mux.channels().size());
            mux.close();
        }
    }

    private static Map<String, Object> op(final String op, final String channel)
    {
        final Map<String, Object> message = new LinkedHashMap<>();
        message.put("op", op);
        message.put("stream", channel);
        return message;
    }

    private static void offer(final Publication publication, final UnsafeBuffer buffer, final int length)
    {
        while (publication.offer(buffer, 0, length) < 0)
        {
            Thread.yield();
        }
    }
}
