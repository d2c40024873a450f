/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.WebSocketListener;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.function.BooleanSupplier;

/**
 * README's embedded engine: no thread of the engine's own, driven from the application's duty cycle.
 */
public final class EmbeddedEngineExample
{
    private EmbeddedEngineExample()
    {
    }

    /**
     * Run against a server that echoes (default {@code ws://127.0.0.1:9001/echo}).
     *
     * @param args the server URI, optional.
     */
    public static void main(final String[] args)
    {
        System.out.println("echo: " + run(args.length > 0 ? args[0] : "ws://127.0.0.1:9001/echo", 10_000));
    }

    static String run(final String uri, final long timeoutMs)
    {
        final String[] echo = new String[1];
        final WebSocketListener listener = new WebSocketListener()
        {
            @Override
            public void onOpen(final WebSocketConnection c)
            {
                c.sendText("ping from the duty cycle");
            }

            @Override
            public void onMessage(
                final WebSocketConnection c, final MessageType type, final DirectBuffer buffer, final int offset,
                final int length)
            {
                echo[0] = buffer.getStringWithoutLengthUtf8(offset, length); // on the thread that calls doWork()
            }
        };
        final long deadlineMs = System.currentTimeMillis() + timeoutMs;
        final BooleanSupplier stopped = () -> null != echo[0] || System.currentTimeMillis() > deadlineMs;
        // tag::embedded[]
        WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
        engine.connect(ConnectRequest.builder(uri).build(), listener);      // a WebSocketListener, as above
        IdleStrategy idle = new SleepingMillisIdleStrategy(1);
        while (!stopped.getAsBoolean())     // your duty cycle, until your application stops it
        {
            idle.idle(engine.doWork());     // one pass: commands, sends, the selector (callbacks run here), timers
        }
        engine.close();
        // end::embedded[]
        return echo[0];
    }
}
