/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.jetsocket.engine.interop.InteropData.KIB;
import static io.jetsocket.engine.interop.InteropData.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Echo round trips, content compared byte for byte: sizes across every frame-length encoding and across the
 * engine's read buffer, sends from the test thread (queued) and from inside callbacks (direct).
 */
class EchoInteropTest extends InteropTestSupport
{
    static final int[] SIZES = {0, 1, 125, 126, 127, 65_532, 65_535, 65_536, MIB, 16 * MIB};

    static Stream<Arguments> echoCases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final ServerKind kind : ServerKind.values())
        {
            for (final MessageType type : MessageType.values())
            {
                for (final int size : SIZES)
                {
                    cases.add(Arguments.of(kind, type, size));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("echoCases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldEchoMessageSentFromAnotherThread(final ServerKind kind, final MessageType type, final int size)
        throws Exception
    {
        final WebSocketEngine engine = launch();
        final RecordingListener client = connect(engine, server(kind).uri("/echo"));
        client.awaitOpen();

        final byte[] payload = payload(type, size, new Random(size * 31L + type.ordinal()));
        final int result = send(client.connection(), type, payload);

        assertEquals(SendResult.OK, result, () -> SendResult.describe(result));
        final RecordingListener.Message echo = client.nextMessage();
        assertEquals(type, echo.type());
        assertArrayEquals(payload, echo.payload());
        closeNormally(client);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldEchoMessagesSentFromInsideCallbacks(final ServerKind kind) throws Exception
    {
        final int[] sizes = {0, 125, 126, 64 * KIB, MIB, 16 * MIB, 3};
        final Random random = new Random(42);
        final List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++)
        {
            payloads.add(payload(typeOf(i), sizes[i], random));
        }
        final List<Integer> results = new CopyOnWriteArrayList<>();
        final RecordingListener client = new RecordingListener()
            .onOpenDo((connection) -> results.add(send(connection, typeOf(0), payloads.get(0))))
            .onMessageDo((connection, message) ->
            {
                final int next = results.size();
                if (next < payloads.size())
                {
                    results.add(send(connection, typeOf(next), payloads.get(next)));
                }
            });
        connect(launch(), ConnectRequest.of(server(kind).uri("/echo")), client);
        client.awaitOpen();

        for (int i = 0; i < sizes.length; i++)
        {
            final RecordingListener.Message echo = client.nextMessage();
            assertEquals(SendResult.OK, results.get(i), "send " + i);
            assertEquals(typeOf(i), echo.type(), "message " + i);
            assertArrayEquals(payloads.get(i), echo.payload(), "message " + i);
        }
        closeNormally(client);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldKeepTheOrderOfEachSendingThread(final ServerKind kind) throws Exception
    {
        final int perThread = 2_000;
        final RecordingListener client = connect(launch(), server(kind).uri("/echo"));
        client.awaitOpen();

        final List<Thread> producers = new ArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (final String name : new String[]{"a", "b"})
        {
            final Thread producer = new Thread(() ->
            {
                try
                {
                    for (int i = 0; i < perThread; i++)
                    {
                        sendRetrying(client.connection(), (name + "-" + i).getBytes(StandardCharsets.UTF_8));
                    }
                }
                catch (final Throwable ex)
                {
                    failures.add(ex);
                }
            }, "producer-" + name);
            producers.add(producer);
            producer.start();
        }
        for (final Thread producer : producers)
        {
            producer.join();
        }
        assertTrue(failures.isEmpty(), failures::toString);

        final int[] nextOf = new int[2];
        for (int i = 0; i < 2 * perThread; i++)
        {
            final String text = client.nextMessage().text();
            final int producer = text.charAt(0) - 'a';
            assertEquals((char)('a' + producer) + "-" + nextOf[producer], text, "echo " + i);
            nextOf[producer]++;
        }
        assertFalse(client.messages.size() > 0, "unexpected extra messages");
        closeNormally(client);
    }

    static MessageType typeOf(final int index)
    {
        return 0 == index % 2 ? MessageType.TEXT : MessageType.BINARY;
    }

    static byte[] payload(final MessageType type, final int size, final Random random)
    {
        return MessageType.TEXT == type ? InteropData.randomUtf8(size, random) : InteropData.randomBytes(size, random);
    }

    static int send(final WebSocketConnection connection, final MessageType type, final byte[] payload)
    {
        return MessageType.TEXT == type ?
            connection.sendText(payload, 0, payload.length) : connection.sendBinary(payload, 0, payload.length);
    }

    /**
     * Send text, retrying while back-pressured (any other result fails).
     */
    static void sendRetrying(final WebSocketConnection connection, final byte[] text)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int result;
        while (SendResult.BACK_PRESSURED == (result = connection.sendText(text, 0, text.length)))
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("still back-pressured after 20 s: " + connection);
            }
            Thread.onSpinWait();
        }
        assertEquals(SendResult.OK, result, SendResult.describe(result));
    }

    static void closeNormally(final RecordingListener client) throws InterruptedException
    {
        assertEquals(SendResult.OK, client.connection().close(1000, "done"));
        final RecordingListener.Close close = client.awaitClose();
        assertEquals(1000, close.code(), client::describe);
        assertFalse(close.remote(), client::describe);
        assertTrue(client.errors.isEmpty(), client::describe);
    }
}
