/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A send accepted from another thread is never lost silently: when the connection starts closing before the engine
 * thread takes the send off its channel, the payload comes back through {@code onSendDropped}, and sends
 * offered after the end are refused with {@link SendResult#CLOSED}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DroppedSendTest
{
    private static final int SENDS = 50;

    @Test
    void shouldHandBackQueuedSendsWhenTheConnectionEndsFirst() throws Exception
    {
        // A peer that answers the upgrade and then reads nothing: the sends queue up behind it.
        try (LoopbackServer server = LoopbackServer.start("silent-peer", RawUpgrade::accept))
        {

            final List<String> dropped = new ArrayList<>();
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            final WebSocketConnection connection = engine.connect(
                ConnectRequest.of(server.uri("ws", "/")), new WebSocketListener()
                {
                    public void onMessage(final WebSocketConnection c, final MessageType type,
                        final DirectBuffer buffer, final int offset, final int length)
                    {
                    }

                    public void onSendDropped(final WebSocketConnection c, final MessageType type,
                        final DirectBuffer buffer, final int offset, final int length)
                    {
                        dropped.add(type + ":" + buffer.getStringWithoutLengthAscii(offset, length));
                    }
                });
            while (!connection.isOpen())
            {
                engine.doWork();
            }

            final List<String> accepted = new ArrayList<>();
            final Thread producer = new Thread(() ->
            {
                // The close is queued first: the engine starts the closing handshake before it takes the sends
                // off the channel, so every one of them, accepted while the connection was still open, is dropped.
                assertEquals(SendResult.OK, connection.close());
                for (int i = 0; i < SENDS; i++)
                {
                    final String text = "m" + i;
                    if (SendResult.OK == connection.sendText(text))
                    {
                        accepted.add("TEXT:" + text);
                    }
                }
            }, "producer");
            producer.start();
            producer.join();
            assertEquals(SENDS, accepted.size());

            engine.doWork();

            assertEquals(accepted, dropped);
            assertEquals(0, connection.outboundBacklog());
            connection.abort();
            assertEquals(ConnectionState.CLOSED, connection.state());
            engine.doWork();
            assertEquals(0, engine.connectionCount());
            final int[] late = new int[1];
            final Thread lateProducer = new Thread(() -> late[0] = connection.sendText("late"), "late-producer");
            lateProducer.start();
            lateProducer.join();
            assertEquals(SendResult.CLOSED, late[0]);
            engine.close();
        }
    }
}
