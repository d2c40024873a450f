/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's lifecycle (ACTIVE, CLOSING, CLOSED): work offered after close fails at once and never hangs; close
 * drains what was queued, stops the resolver it created, and is idempotent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineLifecycleTest
{
    private static final WebSocketListener IGNORING = EngineLifecycleTest::ignore;

    @Test
    void shouldRefuseEveryCallAfterClose()
    {
        final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("closed-engine"));
        engine.close();
        engine.close(); // idempotent

        assertEquals(EngineState.CLOSED, engine.state());
        final EngineClosedException refused = assertThrows(EngineClosedException.class,
            () -> engine.connect(ConnectRequest.of("ws://127.0.0.1:1/"), IGNORING));
        assertTrue(refused.getMessage().contains("closed-engine"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ws://127.0.0.1:1/"), refused.getMessage());
        assertThrows(EngineClosedException.class, () -> engine.execute(EngineLifecycleTest::noop));
        assertThrows(EngineClosedException.class, () -> engine.addAgent(new NamedAgent()));
        engine.removeAgent(new NamedAgent()); // nothing to remove: closing the engine closed its agents
    }

    @Test
    void shouldRunOrRefuseEveryTaskRacingClose() throws Exception
    {
        for (int round = 0; round < 20; round++)
        {
            final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("racing-close"));
            final AtomicInteger ran = new AtomicInteger();
            final AtomicInteger refused = new AtomicInteger();
            final int perThread = 2_000;
            final Thread[] producers = new Thread[3];
            final CountDownLatch started = new CountDownLatch(producers.length);
            for (int t = 0; t < producers.length; t++)
            {
                producers[t] = new Thread(() ->
                {
                    started.countDown();
                    for (int i = 0; i < perThread; i++)
                    {
                        try
                        {
                            engine.execute(ran::incrementAndGet);
                        }
                        catch (final EngineClosedException ex)
                        {
                            refused.incrementAndGet();
                        }
                    }
                });
                producers[t].start();
            }
            started.await();
            engine.close();
            for (final Thread producer : producers)
            {
                producer.join();
            }
            // Every task either ran (before or during close) or was refused: none is left hanging.
            assertEquals(producers.length * perThread, ran.get() + refused.get(),
                "round " + round + ": ran " + ran.get() + ", refused " + refused.get());
        }
    }

    @Test
    void shouldFailTheOpenFutureOfAConnectionTheEngineAbortsAtClose() throws Exception
    {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress()))
        {
            final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("abort-at-close"));
            final WebSocketConnection connection =
                engine.connect(ConnectRequest.of("ws://127.0.0.1:" + silent.getLocalPort() + "/"), IGNORING);
            engine.close();

            final CompletionException failed = assertThrows(CompletionException.class,
                () -> connection.openFuture().join());
            assertInstanceOf(WebSocketException.class, failed.getCause());
            assertEquals(ConnectionState.CLOSED, connection.state());
            assertEquals(SendResult.CLOSED, connection.close());
        }
    }

    @Test
    void shouldStopTheResolverItCreated() throws Exception
    {
        for (int i = 0; i < 5; i++)
        {
            final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("resolving-" + i));
            final WebSocketConnection connection =
                engine.connect(ConnectRequest.of("ws://localhost:1/"), IGNORING);
            connection.openFuture().handle((c, ex) -> null).get(30, TimeUnit.SECONDS);
            engine.close();
        }
        for (int i = 0; i < 5; i++)
        {
            final String name = "resolving-" + i + "-resolver";
            // The engine's close interrupts its resolver (shutdownNow): join it rather than poll, with a hang guard.
            for (final Thread thread : Thread.getAllStackTraces().keySet())
            {
                if (thread.getName().equals(name))
                {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
            assertFalse(resolverThreadAlive(name), name + " still running 10 s after its engine closed");
        }
    }

    @Test
    void shouldRefuseCloseAndBlockingWaitsOnTheEngineThread() throws Exception
    {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress()))
        {
            final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("self-close"));
            try
            {
                final WebSocketConnection connection =
                    engine.connect(ConnectRequest.of("ws://127.0.0.1:" + silent.getLocalPort() + "/"), IGNORING);
                final AtomicReference<Throwable> closeOnEngineThread = new AtomicReference<>();
                final AtomicReference<Throwable> joinOnEngineThread = new AtomicReference<>();
                final CompletableFuture<Boolean> onEngineThread = new CompletableFuture<>();
                engine.execute(() ->
                {
                    final boolean engineThread = engine.isEngineThread();
                    closeOnEngineThread.set(catchThrowable(engine::close));
                    joinOnEngineThread.set(catchThrowable(() -> connection.openFuture().join()));
                    onEngineThread.complete(engineThread);
                });
                assertTrue(onEngineThread.get(10, TimeUnit.SECONDS));
                assertFalse(engine.isEngineThread());
                assertInstanceOf(IllegalStateException.class, closeOnEngineThread.get());
                assertTrue(closeOnEngineThread.get().getMessage().contains("self-close"));
                assertInstanceOf(IllegalStateException.class, joinOnEngineThread.get());
                assertEquals(EngineState.ACTIVE, engine.state());
            }
            finally
            {
                engine.close();
            }
        }
    }

    private static Throwable catchThrowable(final Runnable action)
    {
        try
        {
            action.run();
            return null;
        }
        catch (final Throwable ex)
        {
            return ex;
        }
    }

    private static void ignore(
        final WebSocketConnection connection,
        final MessageType type,
        final org.agrona.DirectBuffer buffer,
        final int offset,
        final int length)
    {
    }

    private static void noop()
    {
    }

    private static boolean resolverThreadAlive(final String name)
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().equals(name) && thread.isAlive())
            {
                return true;
            }
        }
        return false;
    }

    private static final class NamedAgent implements Agent
    {
        public int doWork()
        {
            return 0;
        }

        public String roleName()
        {
            return "named-agent";
        }
    }

}
