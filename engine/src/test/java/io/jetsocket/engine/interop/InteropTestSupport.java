/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.SteppedEngine;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Engines and listeners of one interop test: every engine is closed after the test, every listener must then
 * have had onClose exactly once, and the engine's error handler must have received nothing but copies of errors
 * already given to a listener's onError.
 */
abstract class InteropTestSupport
{
    @RegisterExtension
    static final InteropServers SERVERS = new InteropServers();

    private static final AtomicLong TAGS = new AtomicLong();

    private final Queue<Throwable> engineErrors = new ConcurrentLinkedQueue<>();
    private final List<WebSocketEngine> engines = new ArrayList<>();
    private final List<RecordingListener> listeners = new ArrayList<>();

    static InteropServer server(final ServerKind kind)
    {
        return SERVERS.get(kind);
    }

    /**
     * A unique tag for the {@code tag} query parameter, to find the server's record of a connection's close.
     */
    static String newTag(final String prefix)
    {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + TAGS.incrementAndGet();
    }

    EngineContext context()
    {
        return new EngineContext()
            .roleName("interop-engine")
            .errorHandler(engineErrors::add)
            .idleStrategy(new BackoffIdleStrategy(
                10, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(200)));
    }

    WebSocketEngine launch()
    {
        return launch(context());
    }

    WebSocketEngine launch(final EngineContext context)
    {
        final WebSocketEngine engine = WebSocketEngine.launch(context);
        engines.add(engine);
        return engine;
    }

    WebSocketEngine embedded(final EngineContext context)
    {
        final WebSocketEngine engine = WebSocketEngine.embedded(context);
        engines.add(engine);
        return engine;
    }

    /**
     * An embedded engine on stepped time (closed after the test): for the cases that assert how long a timeout
     * took, in engine time rather than real time.
     */
    SteppedEngine stepped(final EngineContext context)
    {
        final SteppedEngine stepped = SteppedEngine.embed(context);
        engines.add(stepped.engine());
        return stepped;
    }

    /**
     * Engine time between starting a connection's timer and its end, asserted to be the timeout: never early, and
     * late by at most 3 ms (the timers' granularity, about 1 ms, and one 1 ms step).
     */
    static void assertTimedOutAfter(final long timeoutMs, final long engineMs, final RecordingListener client)
    {
        assertTrue(engineMs >= timeoutMs && engineMs <= timeoutMs + 3,
            () -> "closed " + engineMs + " ms (engine time) after a " + timeoutMs + " ms timeout: " +
            client.describe());
    }

    RecordingListener connect(final WebSocketEngine engine, final String uri)
    {
        return connect(engine, ConnectRequest.of(uri), new RecordingListener());
    }

    RecordingListener connect(final WebSocketEngine engine, final ConnectRequest request,
        final RecordingListener listener)
    {
        listeners.add(listener);
        final WebSocketConnection connection = engine.connect(request, listener);
        listener.connection(connection);
        return listener;
    }

    @AfterEach
    void closeEnginesAndCheckListeners()
    {
        for (final WebSocketEngine engine : engines)
        {
            engine.close();
        }
        for (final RecordingListener listener : listeners)
        {
            assertEquals(1, listener.closeCount.get(), () -> "onClose calls: " + listener.describe());
            assertTrue(listener.openCount.get() <= 1, () -> "onOpen calls: " + listener.describe());
        }
        final List<Throwable> unexpected = unexpectedEngineErrors();
        assertTrue(unexpected.isEmpty(), () -> "errors reported to the engine's error handler: " + unexpected);
    }

    /**
     * Errors given to the engine's error handler that are not copies of an error some listener got in onError.
     */
    List<Throwable> unexpectedEngineErrors()
    {
        final List<Throwable> unexpected = new ArrayList<>(engineErrors);
        for (final RecordingListener listener : listeners)
        {
            unexpected.removeIf((error) -> listener.errors.stream().anyMatch((seen) -> seen == error));
        }
        return unexpected;
    }
}
