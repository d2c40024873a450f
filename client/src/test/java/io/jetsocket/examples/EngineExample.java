/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

// tag::engine-imports[]
import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.WebSocketListener;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
// end::engine-imports[]

import java.util.concurrent.TimeUnit;

/**
 * README's engine on its own thread: connect, send once open, receive zero-copy, close.
 */
public final class EngineExample
{
    private EngineExample()
    {
    }

    /**
     * Run against a server that echoes (default {@code ws://127.0.0.1:9001/echo}).
     *
     * @param args the server URI, optional.
     * @throws Exception if the example fails.
     */
    public static void main(final String[] args) throws Exception
    {
        System.out.println("events: " + run(args.length > 0 ? args[0] : "ws://127.0.0.1:9001/echo"));
    }

    static BlockingQueue<String> run(final String uri) throws Exception
    {
        // tag::engine[]
        BlockingQueue<String> events = new LinkedBlockingQueue<>(); // handed to the application's threads
        WebSocketEngine engine = WebSocketEngine.launch(new EngineContext()
            .idleStrategy(new BackoffIdleStrategy()));          // or BusySpinIdleStrategy, SleepingMillis...

        WebSocketConnection ws = engine.connect(ConnectRequest.builder(uri).build(), new WebSocketListener()
        {
            @Override
            public void onOpen(final WebSocketConnection c)
            {
                // send once open: before that a send returns SendResult.NOT_CONNECTED
                c.sendText("{\"op\":\"subscribe\",\"channel\":\"trades\"}");
            }

            @Override
            public void onMessage(
                final WebSocketConnection c, final MessageType type, final DirectBuffer buffer, final int offset,
                final int length)
            {
                // engine thread, zero copy: the view is valid only during this call
                events.add(type + " " + buffer.getStringWithoutLengthUtf8(offset, length));
            }

            @Override
            public void onClose(final WebSocketConnection c, final int code, final String reason, final boolean remote)
            {
                events.add("closed " + code);
            }
        });
        // end::engine[]
        final String first = events.poll(10, TimeUnit.SECONDS);
        // tag::engine-close[]
        int result = ws.close(1000, "bye");     // SendResult.OK (CLOSED if already closed); then onClose
        // end::engine-close[]
        final String closed = events.poll(10, TimeUnit.SECONDS);
        // tag::engine-stop[]
        engine.close();                         // stops the engine: aborts what is still open, ends its thread
        // end::engine-stop[]
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        seen.add(String.valueOf(first));
        seen.add("close result " + result);
        seen.add(String.valueOf(closed));
        return seen;
    }
}
