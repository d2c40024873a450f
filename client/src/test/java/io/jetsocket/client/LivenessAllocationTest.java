/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.config.ServerPings;
import io.jetsocket.client.config.VenuePings;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.RawUpgrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the liveness path allocates on the engine thread per message, measured as {@link ClientAllocationTest} does
 * (the thread's allocation counter, an embedded engine driven by the test thread): a stream of server pings
 * (answered), venue pongs (consumed) and data messages (raw handler), with the no-data watchdog re-armed by each
 * data message. Bounded, not exactly zero: the JVM allocates a few bytes of its own now and then.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LivenessAllocationTest
{
    private static final int WARM_UP = 60_000; // rounds of three messages
    private static final int MEASURED = 60_000;
    private static final String PING = "{\"ping\":1492420473027}";
    private static final String PONG = "{\"op\":\"pong\"}";
    private static final String DATA = "{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"64123.10\",\"q\":\"0.015\",\"t\":1}";
    private static final String ANSWER = "{\"pong\":1492420473027}";

    @Test
    void shouldNotAllocateWhileAnsweringPingsConsumingPongsAndWatchingForSilence() throws Exception
    {
        final long rounds = WARM_UP + MEASURED;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final AtomicReference<Throwable> serverError = new AtomicReference<>();
            final AtomicLong answerBytes = new AtomicLong();
            final Thread pusher = EngineThreadAllocation.startPusher(
                "liveness-push", () -> push(server, rounds, answerBytes), serverError);
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            final long[] data = new long[1];
            final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + server.getLocalPort() + "/push")
                .engine(engine).receiveQueue(0, OverflowPolicy.DROP_OLDEST)
                .heartbeat(HeartbeatConfig.builder().interval(Duration.ofHours(1)).timeout(Duration.ofMinutes(1))
                    .venuePing(VenuePings.jsonOp("ping")).build())
                .answerServerPings(ServerPings.jsonPingPong())
                .noDataTimeout(Duration.ofHours(1))
                .build();
            ws.onRawMessage((type, buffer, offset, length) -> data[0]++);
            ws.connect();
            final long allocated = EngineThreadAllocation.measure(engine, ws, () -> data[0], WARM_UP, rounds);
            // every ping answered: the engine writes what is left of the answers as the socket takes them
            final long expectedAnswers = rounds * (ANSWER.length() + 6); // masked frames: 2 + 4 bytes of header
            for (int i = 0; i < 1_000_000 && answerBytes.get() < expectedAnswers; i++)
            {
                engine.doWork();
            }
            System.out.println("liveness path: " + allocated + " bytes allocated on the engine thread for " +
                MEASURED * 3 + " messages (a third each: server pings answered, pongs, data)");
            assertEquals(rounds, data[0], "only the data reaches the raw handler");
            assertEquals(rounds * 3, ws.stats().messagesReceived());
            assertEquals(expectedAnswers, answerBytes.get(), "every server ping answered");
            EngineThreadAllocation.assertAllocationFree("liveness path", allocated, MEASURED * 3);
            EngineThreadAllocation.finish(engine, serverError, pusher, ws);
        }
    }

    /**
     * Accept one client, push the rounds, and read what it answers (counting the bytes) so it never blocks.
     */
    private static void push(final ServerSocket server, final long rounds, final AtomicLong answerBytes)
        throws Exception
    {
        try (Socket socket = server.accept())
        {
            socket.setTcpNoDelay(true);
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            RawUpgrade.accept(socket);
            final Thread reader = new Thread(() ->
            {
                final byte[] sink = new byte[65536];
                try
                {
                    int n;
                    while ((n = in.read(sink)) > 0)
                    {
                        answerBytes.addAndGet(n);
                    }
                }
                catch (final java.io.IOException ignore)
                {
                    // closed
                }
            }, "liveness-read");
            reader.setDaemon(true);
            reader.start();
            final byte[] round = concat(frame(PING), frame(PONG), frame(DATA));
            final int perWrite = 256;
            final byte[] batch = new byte[round.length * perWrite];
            for (int i = 0; i < perWrite; i++)
            {
                System.arraycopy(round, 0, batch, i * round.length, round.length);
            }
            long sent = 0;
            for (; sent + perWrite <= rounds; sent += perWrite)
            {
                out.write(batch);
            }
            for (; sent < rounds; sent++)
            {
                out.write(round);
            }
            out.flush();
            reader.join();
        }
    }

    private static byte[] frame(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final byte[] frame = new byte[2 + bytes.length];
        frame[0] = (byte)0x81; // FIN + text
        frame[1] = (byte)bytes.length; // unmasked, under 126 bytes
        System.arraycopy(bytes, 0, frame, 2, bytes.length);
        return frame;
    }

    private static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] all = new byte[length];
        int at = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
