/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine embedded in the test thread's own duty cycle: no engine thread; every callback and every send runs on
 * the test thread, which calls {@link WebSocketEngine#doWork()} until each step is done.
 */
class EmbeddedEngineInteropTest extends InteropTestSupport
{
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldEchoWithTheEngineDrivenByTheCallerThread(final ServerKind kind) throws Exception
    {
        final Thread testThread = Thread.currentThread();
        final WebSocketEngine engine = embedded(context());
        assertNotNull(engine.invoker(), "an embedded engine is driven through its invoker");
        final RecordingListener client = connect(engine, ConnectRequest.of(server(kind).uri("/echo")),
            new RecordingListener().onOpenDo((connection) -> assertEquals(testThread, Thread.currentThread())));

        dutyCycleUntil(engine, () -> 0 == client.opened.getCount() || client.closed.isDone());
        assertEquals(1, client.openCount.get(), client::describe);

        final Random random = new Random(7);
        final byte[] text = InteropData.randomUtf8(70_000, random);
        final byte[] binary = InteropData.randomBytes(300, random);
        assertEquals(SendResult.OK, client.connection().sendText(text, 0, text.length));
        assertEquals(SendResult.OK, client.connection().sendBinary(binary, 0, binary.length));
        dutyCycleUntil(engine, () -> client.messages.size() >= 2);

        final RecordingListener.Message first = client.messages.poll();
        final RecordingListener.Message second = client.messages.poll();
        assertEquals(MessageType.TEXT, first.type());
        assertArrayEquals(text, first.payload());
        assertEquals(MessageType.BINARY, second.type());
        assertArrayEquals(binary, second.payload());

        assertEquals(SendResult.OK, client.connection().close(1000, "embedded done"));
        dutyCycleUntil(engine, client.closed::isDone);
        final RecordingListener.Close close = client.awaitClose();
        assertEquals(1000, close.code(), client::describe);
        assertFalse(close.remote(), client::describe);
        assertTrue(client.errors.isEmpty(), client::describe);
        assertEquals(0, engine.connectionCount());
    }

    private static void dutyCycleUntil(final WebSocketEngine engine, final BooleanSupplier done)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean())
        {
            if (0 == engine.doWork())
            {
                Thread.onSpinWait();
            }
            if (System.nanoTime() - deadline > 0)
            {
                fail("condition not reached within 20 s of duty cycles");
            }
        }
    }
}
