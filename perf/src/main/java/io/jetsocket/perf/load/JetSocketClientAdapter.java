/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import io.jetsocket.client.SendStatus;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JetSocket's user-facing client, {@link WebSocket}, on an engine launched as {@link JetSocketAdapter} launches its
 * own (same idle strategy and read buffer), so the two show what the client layer costs over the engine in the same
 * run. Messages arrive through the zero-copy handler ({@code onRawMessage}, on the engine thread, no decoding);
 * everything else is the client's defaults (no heartbeat, replay off, the receive queue unused), except: the client's
 * own reconnect with a 1-50 ms jittered back-off stands in for the fan-in workload's reconnect from the close callback
 * (a second {@code connect} for a connection whose client still lives is a no-op), and compression is offered only
 * when the workload asks for it, as the engine adapter does.
 */
final class JetSocketClientAdapter extends ClientAdapter
{
    /** The client's name prefix on the command line: {@code jetsocket-client[-backoff|-selecting]}. */
    static final String PREFIX = "jetsocket-client";

    private static final BackoffConfig RECONNECT_AT_ONCE = BackoffConfig.builder()
        .base(Duration.ofMillis(1)).cap(Duration.ofMillis(50)).jitter(true).build();

    private final JetSocketAdapter.Idle idle;
    private final Map<ClientAdapter.Endpoint, WebSocket<Object>> clients = new ConcurrentHashMap<>();
    private WebSocketEngine engine;

    JetSocketClientAdapter(final JetSocketAdapter.Idle idle)
    {
        this.idle = idle;
    }

    @Override
    String name()
    {
        return PREFIX + idle.suffix;
    }

    @Override
    String describe()
    {
        return "JetSocket client " + LoadVersions.get("jetsocket") + " (WebSocket, zero-copy onRawMessage) on an " +
            "engine of its own like jetsocket" + idle.suffix + "'s: " + idle.description + "; own reconnect " +
            "(1-50 ms back-off), other options at their defaults";
    }

    @Override
    void start()
    {
        engine = JetSocketAdapter.launchEngine(idle, EngineContext.RECEIVE_BUFFER_LENGTH_DEFAULT);
    }

    @Override
    void connect(final URI uri, final Endpoint endpoint)
    {
        if (clients.containsKey(endpoint))
        {
            return; // the client reconnects by itself
        }
        final ClientConfig.Builder<Object> builder = WebSocket.builder(uri).engine(engine)
            .backoff(RECONNECT_AT_ONCE)
            .compress(compression())
            .connectTimeout(Duration.ofSeconds(60));
        if ("wss".equals(uri.getScheme()))
        {
            builder.sslContext(sslContext());
        }
        final WebSocket<Object> ws = builder.build();
        final ClientSession session = new ClientSession(ws);
        ws.onRawMessage((type, buffer, offset, length) ->
            endpoint.onMessage(session, length, buffer.getByte(offset + length - 1)));
        ws.on(EventType.CONNECTED, (event) ->
        {
            session.extensions = String.join(", ", event.extensions());
            endpoint.onOpen(session);
        });
        ws.on(EventType.DISCONNECTED, (event) -> endpoint.onClosed(session, 1000 == event.code() ? null :
            new IllegalStateException("disconnected with " + event.code() + " " + event.reason())));
        clients.put(endpoint, ws);
        ws.connect();
    }

    @Override
    boolean supportsOfferBinary()
    {
        return true;
    }

    @Override
    String engineThreadName()
    {
        return JetSocketAdapter.ENGINE_THREAD_NAME;
    }

    @Override
    public void close()
    {
        final List<WebSocket<Object>> open = List.copyOf(clients.values());
        clients.clear();
        open.forEach(WebSocket::closeAsync);
        if (null != engine)
        {
            engine.close();
        }
    }

    private static final class ClientSession implements Session
    {
        private final WebSocket<Object> ws;
        private volatile String extensions = "";

        private ClientSession(final WebSocket<Object> ws)
        {
            this.ws = ws;
        }

        @Override
        public void sendText(final Payload payload)
        {
            final SendStatus status = ws.sendText(payload.buffer, 0, payload.length);
            if (SendStatus.SENT != status)
            {
                throw new IllegalStateException("send failed: " + status);
            }
        }

        @Override
        public boolean offerBinary(final Payload payload)
        {
            final SendStatus status = ws.sendBinary(payload.buffer, 0, payload.length);
            if (SendStatus.BACK_PRESSURED == status)
            {
                return false;
            }
            if (SendStatus.SENT != status)
            {
                throw new IllegalStateException("send failed: " + status);
            }
            return true;
        }

        @Override
        public void close()
        {
            ws.closeAsync();
        }

        @Override
        public String extensions()
        {
            return extensions;
        }
    }
}
