/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.WebSocket;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figures for the bridge, not a test (a main in the test sources, like the client's IdleClientHeapMeasure):
 * <ol>
 * <li>the cost per message of the publisher on the engine thread (header, tryClaim, copy, commit) into an IPC
 * publication that a consumer thread drains, beside a no-op handler;</li>
 * <li>receive to consumer latency over IPC: a loopback server paces messages, the engine stamps each read, a
 * consumer thread compares the stamp in the header with the same epoch clock; beside it the plain path, the same
 * stamp seen by a raw handler on the engine thread.</li>
 * </ol>
 * Run: {@code mvn -o -pl aeron test-compile} then
 * {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp <test class path>
 * io.jetsocket.aeron.BridgeMeasure [cost messages] [latency messages] [pace us]}.
 */
public final class BridgeMeasure
{
    private static final String PAYLOAD =
        "{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"64123.10\",\"q\":\"0.015\",\"t\":1}";

    private BridgeMeasure()
    {
    }

    /**
     * Measure and print.
     *
     * @param args [messages for the cost, messages for the latency, pace in microseconds].
     * @throws Exception if a fixture fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final int costMessages = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        final int latencyMessages = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        final int paceMicros = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (EmbeddedAeron aeron = new EmbeddedAeron())
        {
            cost(aeron, costMessages);
            latency(aeron, latencyMessages, paceMicros);
        }
    }

    private static void cost(final EmbeddedAeron aeron, final int messages) throws Exception
    {
        final UnsafeBuffer payload = new UnsafeBuffer(PAYLOAD.getBytes(StandardCharsets.US_ASCII));
        final long[] sink = new long[1];
        final RawMessageHandler noop = (type, buffer, offset, length) -> sink[0] += buffer.getByte(offset + length - 1);
        try (Subscription subscription = aeron.aeron().addSubscription("aeron:ipc", 7001);
            Publication publication = aeron.aeron().addExclusivePublication("aeron:ipc", 7001);
            WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext()))
        {
            while (!publication.isConnected())
            {
                Thread.yield();
            }
            final AtomicBoolean running = new AtomicBoolean(true);
            final Received.Counting counting = new Received.Counting();
            final Thread consumer = new Thread(() ->
            {
                while (running.get())
                {
                    subscription.poll(counting.handler, 1024);
                }
            }, "cost-consumer");
            consumer.start();
            final AeronFeedPublisher publisher = new AeronFeedPublisher(publication, engine,
                PublisherOptions.builder().policy(BackPressurePolicy.DROP_AND_COUNT).build(),
                PublisherCounters.local("cost"));
            // rounds that fit in the publication window (64 MiB IPC terms: 32 MiB), the consumer caught up before
            // each: the cost of header, tryClaim, copy and commit without back-pressure
            final int round = 100_000;
            long bestNoop = Long.MAX_VALUE;
            long bestBridge = Long.MAX_VALUE;
            long totalBridge = 0;
            final int rounds = Math.max(1, messages / round);
            for (int r = 0; r < rounds; r++)
            {
                while (subscription.imageCount() > 0 &&
                    subscription.imageAtIndex(0).position() < publication.position())
                {
                    Thread.yield();
                }
                bestNoop = Math.min(bestNoop, run(noop, payload, round));
                final long bridge = run(publisher, payload, round);
                bestBridge = Math.min(bestBridge, bridge);
                if (r >= rounds / 2)
                {
                    totalBridge += bridge;
                }
            }
            System.out.printf("cost per message, %d rounds of %d (%d-byte payload): no-op handler %.1f ns (best " +
                "round), bridge %.1f ns (best round), %.1f ns (mean of the second half)%n", rounds, round,
                payload.capacity(), (double)bestNoop / round, (double)bestBridge / round,
                (double)totalBridge / ((rounds - rounds / 2) * (long)round));
            System.out.println("cost counters: " + publisher.counters());
            running.set(false);
            consumer.join();
        }
    }

    private static long run(
        final RawMessageHandler handler, final UnsafeBuffer payload, final int messages)
    {
        final long start = System.nanoTime();
        for (int i = 0; i < messages; i++)
        {
            handler.onMessage(MessageType.TEXT, payload, 0, payload.capacity());
        }
        return System.nanoTime() - start;
    }

    private static void latency(final EmbeddedAeron aeron, final int messages, final int paceMicros) throws Exception
    {
        final int warmUp = messages / 5;
        try (Subscription subscription = aeron.aeron().addSubscription("aeron:ipc", 7002);
            Publication publication = aeron.aeron().addExclusivePublication("aeron:ipc", 7002);
            LoopbackServer server = LoopbackServer.start("paced", (socket) -> pace(socket, messages, paceMicros));
            WebSocketEngine engine = WebSocketEngine.launch(new EngineContext()))
        {
            final EpochNanoClock clock = engine.context().epochNanoClock();
            final Histogram viaAeron = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
            final Histogram plain = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
            final AtomicLong consumed = new AtomicLong();
            final AtomicBoolean running = new AtomicBoolean(true);
            final FragmentHandler handler = AeronFeedSubscriber.fragmentHandler((header, buffer, offset, length) ->
            {
                final long latency = clock.nanoTime() - header.receiveTimestampNs();
                if (header.sequence() > warmUp + 1)
                {
                    viaAeron.recordValue(Math.max(0, Math.min(latency, viaAeron.getHighestTrackableValue())));
                }
                consumed.lazySet(header.sequence());
            }, FeedEventHandler.NONE);
            final Thread consumer = new Thread(() ->
            {
                // the consumer spins (as a latency-sensitive one would); a backing-off one adds its park time
                final org.agrona.concurrent.IdleStrategy idle = new org.agrona.concurrent.BusySpinIdleStrategy();
                while (running.get())
                {
                    idle.idle(subscription.poll(handler, 256));
                }
            }, "latency-consumer");
            consumer.start();
            final WebSocket<Object> ws = WebSocket.builder(server.uri("ws", "/paced")).engine(engine).build();
            final long[] plainCount = new long[1];
            ws.onRawMessage((type, buffer, offset, length) ->
            {
                final long latency = clock.nanoTime() - ws.receiveEpochNanos();
                if (++plainCount[0] > warmUp)
                {
                    plain.recordValue(Math.max(0, Math.min(latency, plain.getHighestTrackableValue())));
                }
            });
            final AeronFeedPublisher publisher = AeronFeedPublisher.attach(ws, publication,
                PublisherOptions.builder().policy(BackPressurePolicy.DROP_AND_COUNT).build(),
                PublisherCounters.local("latency"));
            ws.connect().get(10, TimeUnit.SECONDS);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (consumed.get() < messages + 1 && System.nanoTime() - deadline < 0)
            {
                Thread.sleep(10);
            }
            running.set(false);
            consumer.join();
            ws.closeAsync();
            System.out.printf("latency over IPC, receive stamp -> consumer, %d messages at 1 per %d us after %d " +
                "warm-up: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n", viaAeron.getTotalCount(),
                paceMicros, warmUp, viaAeron.getValueAtPercentile(50) / 1e3, viaAeron.getValueAtPercentile(99) / 1e3,
                viaAeron.getValueAtPercentile(99.9) / 1e3, viaAeron.getMaxValue() / 1e3);
            System.out.printf("plain path, receive stamp -> raw handler on the engine thread: p50 %.1f us, " +
                "p99 %.1f us, p99.9 %.1f us, max %.1f us%n", plain.getValueAtPercentile(50) / 1e3,
                plain.getValueAtPercentile(99) / 1e3, plain.getValueAtPercentile(99.9) / 1e3,
                plain.getMaxValue() / 1e3);
            System.out.println("latency counters: " + publisher.counters());
        }
    }

    private static void pace(final Socket socket, final int messages, final int paceMicros) throws java.io.IOException
    {
        socket.setTcpNoDelay(true);
        RawUpgrade.accept(socket);
        final OutputStream out = socket.getOutputStream();
        final byte[] text = PAYLOAD.getBytes(StandardCharsets.US_ASCII);
        final byte[] frame = new byte[2 + text.length];
        frame[0] = (byte)0x81;
        frame[1] = (byte)text.length;
        System.arraycopy(text, 0, frame, 2, text.length);
        final long paceNs = TimeUnit.MICROSECONDS.toNanos(paceMicros);
        long next = System.nanoTime();
        for (int i = 0; i < messages; i++)
        {
            final long wait = next - System.nanoTime();
            if (wait > 0)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(wait); // no third spinning thread on a small box
            }
            next += paceNs;
            out.write(frame);
        }
        out.flush();
        socket.getInputStream().readAllBytes();
    }
}
