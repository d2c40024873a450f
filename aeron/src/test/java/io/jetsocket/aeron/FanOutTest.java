/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.PayloadCompression;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.handshake.HandshakeKeys;
import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real WebSocket connection (engine thread) published into Aeron and read by two consumers, over IPC and over
 * UDP on loopback.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FanOutTest
{
    private static final int STREAM = 2002;

    @RegisterExtension
    final Closer closer = new Closer();


    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void everyMessageShouldReachTwoConsumersInOrderWithContiguousSequences(final String transport) throws Exception
    {
        final int messages = 5_000;
        final EmbeddedAeron aeron = closer.track(new EmbeddedAeron());
        final String channel = "ipc".equals(transport) ? "aeron:ipc" : EmbeddedAeron.udpChannel();
        final Subscription first = closer.track(aeron.aeron().addSubscription(channel, STREAM));
        final Subscription second = closer.track(aeron.aeron().addSubscription(channel, STREAM));
        final Publication publication = closer.track(aeron.aeron().addExclusivePublication(channel, STREAM));
        awaitConnected(publication, first, second);
        final FeedServer server = closer.track(new FeedServer(messages, false));
        final WebSocketEngine engine = closer.track(WebSocketEngine.launch(new EngineContext()));
        final WebSocket<Object> ws = closer.track(WebSocket.builder(server.uri()).engine(engine).build());
        final AeronFeedPublisher publisher = AeronFeedPublisher.attach(ws, publication,
            PublisherOptions.builder().streamId(7).policy(BackPressurePolicy.BOUNDED_SPIN).spinLimit(1_000).build(),
            PublisherCounters.aeron(aeron.aeron(), "fan-out " + transport));
        ws.connect().get(10, TimeUnit.SECONDS);

        final Received one = new Received();
        final Received two = new Received();
        pollUntil(messages + 1, first, one, second, two);

        for (final Received consumer : List.of(one, two))
        {
            assertEquals(FeedMessageType.CONNECTED, consumer.messages.get(0).type());
            final List<Long> sequences = consumer.sequences();
            for (int i = 0; i < sequences.size(); i++)
            {
                assertEquals(i + 1, sequences.get(i), "contiguous sequence at " + i);
            }
            final List<String> payloads = consumer.payloads();
            assertEquals(messages, payloads.size());
            for (int i = 0; i < messages; i++)
            {
                assertEquals(FeedServer.payload(1, i), payloads.get(i));
            }
            assertTrue((consumer.messages.get(1).flags() & FeedHeader.FLAG_TEXT) != 0);
        }
        assertEquals(one.messages, two.messages);
        assertEquals(messages + 1, publisher.counters().get(PublisherOutcome.PUBLISHED));
        assertEquals(0, publisher.counters().get(PublisherOutcome.DROPPED));
        publisher.close();
    }

    @Test
    void messagesThatCameCompressedShouldBeFlaggedDecompressed() throws Exception
    {
        final int messages = 10;
        final IpcStream ipc = ipcStream();
        final Subscription subscription = ipc.subscription();
        final Publication publication = ipc.publication();
        final FeedServer server = closer.track(FeedServer.gzipEveryOther(messages));
        final WebSocketEngine engine = closer.track(WebSocketEngine.launch(new EngineContext()));
        final WebSocket<Object> ws = closer.track(WebSocket.builder(server.uri()).engine(engine)
            .payloadCompression(PayloadCompression.GZIP, MessageType.TEXT).build());
        AeronFeedPublisher.attach(ws, publication, PublisherOptions.builder().build(), PublisherCounters.local("gz"));
        ws.connect().get(10, TimeUnit.SECONDS);

        final Received consumer = new Received();
        pollUntil(messages + 1, subscription, consumer);

        assertEquals(messages + 1, consumer.messages.size());
        for (int i = 0; i < messages; i++)
        {
            final Received.Message message = consumer.messages.get(i + 1);
            assertEquals(FeedServer.payload(1, i), message.payload(), "published inflated");
            assertEquals(1 == (i & 1), (message.flags() & FeedHeader.FLAG_DECOMPRESSED) != 0, "message " + i);
            assertTrue((message.flags() & FeedHeader.FLAG_TEXT) != 0, "delivered as text");
        }
    }

    @Test
    void messagesArrivingWithTheUpgradeResponseShouldFollowTheirConnectedEvent() throws Exception
    {
        final int messages = 3;
        final IpcStream ipc = ipcStream();
        final Subscription subscription = ipc.subscription();
        final Publication publication = ipc.publication();
        // the 101 and the first frames in one write: the client reads them together and must announce the connection
        // before it delivers them
        final LoopbackServer server = closer.track(LoopbackServer.start("eager-feed-server", (socket) ->
        {
            final String request = RawUpgrade.readHead(socket.getInputStream());
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                "Sec-WebSocket-Accept: " + HandshakeKeys.acceptFor(RawUpgrade.header(request, "Sec-WebSocket-Key")) +
                "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < messages; i++)
            {
                final byte[] text = FeedServer.payload(1, i).getBytes(StandardCharsets.US_ASCII);
                out.write(0x81); // FIN, text
                out.write(text.length); // unmasked, under 126 bytes
                out.write(text);
            }
            socket.getOutputStream().write(out.toByteArray());
            socket.getOutputStream().flush();
            FeedServer.readClientFrames(socket, (text) -> {});
        }));
        final WebSocketEngine engine = closer.track(WebSocketEngine.launch(new EngineContext()));
        final WebSocket<Object> ws = closer.track(WebSocket.builder(server.uri("ws", "/feed")).engine(engine).build());
        AeronFeedPublisher.attach(ws, publication, PublisherOptions.builder().build(), PublisherCounters.local("eg"));
        ws.connect().get(10, TimeUnit.SECONDS);

        final Received consumer = new Received();
        pollUntil(1 + messages, subscription, consumer);
        final List<String> shape = new ArrayList<>();
        for (final Received.Message message : consumer.messages)
        {
            shape.add(message.type() + "/" + message.connectionId());
        }
        assertEquals(List.of("CONNECTED/1", "DATA/1", "DATA/1", "DATA/1"), shape);
    }

    @Test
    void lifecycleEventsShouldFrameAForcedReconnect() throws Exception
    {
        final int messages = 5;
        final IpcStream ipc = ipcStream();
        final Subscription subscription = ipc.subscription();
        final Publication publication = ipc.publication();
        final FeedServer server = closer.track(new FeedServer(messages, true));
        final WebSocketEngine engine = closer.track(WebSocketEngine.launch(new EngineContext()));
        final WebSocket<Object> ws = closer.track(WebSocket.builder(server.uri()).engine(engine)
            .backoff(BackoffConfig.builder().base(Duration.ofMillis(10)).cap(Duration.ofMillis(20)).build())
            .build());
        AeronFeedPublisher.attach(ws, publication, PublisherOptions.builder().build(), PublisherCounters.local("lc"));
        ws.connect().get(10, TimeUnit.SECONDS);

        final Received consumer = new Received();
        pollUntil(2 * messages + 4, subscription, consumer);

        final List<String> shape = new ArrayList<>();
        for (final Received.Message message : consumer.messages)
        {
            shape.add(message.type() + "/" + message.connectionId());
        }
        final List<String> expected = new ArrayList<>(List.of("CONNECTED/1"));
        expected.addAll(java.util.Collections.nCopies(messages, "DATA/1"));
        expected.addAll(List.of("DISCONNECTED/1", "CONNECTED/2", "RESUBSCRIBED/2"));
        expected.addAll(java.util.Collections.nCopies(messages, "DATA/2"));
        assertEquals(expected, shape);

        final List<Long> sequences = consumer.sequences();
        for (int i = 0; i < sequences.size(); i++)
        {
            assertEquals(i + 1, sequences.get(i));
        }
        int firstAfterReconnect = 0;
        for (final Received.Message message : consumer.messages)
        {
            if ((message.flags() & FeedHeader.FLAG_FIRST_AFTER_RECONNECT) != 0)
            {
                firstAfterReconnect++;
                assertEquals(FeedServer.payload(2, 0), message.payload());
            }
            assertEquals(FeedMessageType.DATA != message.type(),
                (message.flags() & FeedHeader.FLAG_LIFECYCLE) != 0);
        }
        assertEquals(1, firstAfterReconnect);
    }


    /** One IPC subscription and its publication, connected, on an embedded media driver. */
    private record IpcStream(Subscription subscription, Publication publication)
    {
    }

    private IpcStream ipcStream() throws Exception
    {
        final EmbeddedAeron aeron = closer.track(new EmbeddedAeron());
        final Subscription subscription = closer.track(aeron.aeron().addSubscription("aeron:ipc", STREAM));
        final Publication publication = closer.track(aeron.aeron().addExclusivePublication("aeron:ipc", STREAM));
        awaitConnected(publication, subscription);
        return new IpcStream(subscription, publication);
    }

    private static void awaitConnected(final Publication publication, final Subscription... subscriptions)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean connected = false;
        while (!connected)
        {
            connected = publication.isConnected();
            for (final Subscription subscription : subscriptions)
            {
                connected &= subscription.isConnected();
            }
            if (System.nanoTime() - deadline > 0)
            {
                fail("Aeron publication and subscriptions did not connect on " + publication.channel());
            }
            Thread.yield();
        }
    }

    /**
     * Poll each subscription into its consumer until each has the count of messages.
     *
     * @param count     messages each consumer must receive.
     * @param consumers subscription, consumer pairs.
     */
    private static void pollUntil(final int count, final Object... consumers)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            boolean done = true;
            for (int i = 0; i < consumers.length; i += 2)
            {
                final Received consumer = (Received)consumers[i + 1];
                consumer.poll((Subscription)consumers[i]);
                done &= consumer.messages.size() >= count;
            }
            if (done)
            {
                return;
            }
            if (System.nanoTime() - deadline > 0)
            {
                final StringBuilder got = new StringBuilder();
                for (int i = 1; i < consumers.length; i += 2)
                {
                    got.append(((Received)consumers[i]).messages).append(' ');
                }
                fail("consumers received " + got + "of " + count + " messages");
            }
            Thread.yield();
        }
    }
}
