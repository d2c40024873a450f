/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import io.jetsocket.client.SendStatus;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.event.ConnectedEvent;
import io.jetsocket.client.event.DisconnectedEvent;
import io.jetsocket.client.event.Event;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.feed.FeedHandler;
import io.jetsocket.client.feed.JsonSequenceExtractor;
import io.jetsocket.client.feed.SequenceExtractor;
import io.jetsocket.client.feed.SequenceFields;
import io.jetsocket.client.feed.SequencedFeed;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * JetSocket's user-facing client, {@link WebSocket}, on an engine launched as {@link JetSocketAdapter} launches its
 * own (same idle strategy and read buffer), so the two show what the client layer costs over the engine in the same
 * run. Messages arrive through the zero-copy handler ({@code onRawMessage}, on the engine thread, no decoding);
 * everything else is the client's defaults (no heartbeat, replay off, the receive queue unused), except: the client's
 * own reconnect with a 1-50 ms jittered back-off stands in for the fan-in workload's reconnect from the close callback
 * (a second {@code connect} for a connection whose client still lives is a no-op), and compression is offered only
 * when the workload asks for it, as the engine adapter does.
 * <p>
 * {@code jetsocket-client-seq} is the same client with sequence tracking on: each message goes through a
 * {@link SequencedFeed} (its {@code "seq"} and {@code "sym"} read from the JSON bytes by a
 * {@link JsonSequenceExtractor}, order checked per stream) before the handler; push workloads only. The feed server
 * repeats one pre-built batch whose ids start at 0 again in every batch, so the extractor turns them into a running
 * count (one comparison and an add), as a venue's ids would run: every message continues its stream, none is dropped.
 */
final class JetSocketClientAdapter extends ClientAdapter
{
    /** The client's name prefix on the command line: {@code jetsocket-client[-backoff|-selecting]}. */
    static final String PREFIX = "jetsocket-client";
    /** The suffix of the variant with sequence tracking on: {@code jetsocket-client-seq}. */
    static final String SEQUENCED_SUFFIX = "-seq";

    private static final BackoffConfig RECONNECT_AT_ONCE = BackoffConfig.builder()
        .base(Duration.ofMillis(1)).cap(Duration.ofMillis(50)).jitter(true).build();

    private final JetSocketAdapter.Idle idle;
    private final boolean sequenced;
    private final Map<ClientAdapter.Endpoint, WebSocket<Object>> clients = new ConcurrentHashMap<>();
    private final Map<URI, ClientConfig<Object>> configs = new ConcurrentHashMap<>();
    private WebSocketEngine engine;

    JetSocketClientAdapter(final JetSocketAdapter.Idle idle, final boolean sequenced)
    {
        this.idle = idle;
        this.sequenced = sequenced;
    }

    @Override
    String name()
    {
        return PREFIX + idle.suffix + (sequenced ? SEQUENCED_SUFFIX : "");
    }

    @Override
    String unsupported(final WorkloadSpec spec)
    {
        return sequenced && !"push".equals(spec.workload()) ? "sequence tracking: push workloads only" :
            super.unsupported(spec);
    }

    @Override
    String describe()
    {
        return "JetSocket client " + LoadVersions.get("jetsocket") + " (WebSocket, zero-copy onRawMessage) on an " +
            "engine of its own like jetsocket" + idle.suffix + "'s: " + idle.description + "; own reconnect " +
            "(1-50 ms back-off), other options at their defaults; one ClientConfig per feed URI shared by its " +
            "clients (WebSocket.create)" + (sequenced ? "; sequence tracking on: every message through a " +
            "SequencedFeed (JSON \"seq\"/\"sym\" read from the bytes, order checked per stream)" : "");
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
        // One configuration per feed URI, shared by its clients, as an application opening many connections to one
        // endpoint would (WebSocket.create): an immutable value, like the engine adapter's ConnectRequest.
        final WebSocket<Object> ws = WebSocket.create(configs.computeIfAbsent(uri, this::config));
        // One object takes the messages and both events, as the engine adapter's Listener does: no lambda each.
        final ClientSession session = new ClientSession(ws, endpoint);
        if (sequenced)
        {
            SequencedFeed.builder(ws).extractor(new RunningSequence()).handler(session).build();
        }
        else
        {
            ws.onRawMessage(session);
        }
        ws.on(EventType.CONNECTED, session);
        ws.on(EventType.DISCONNECTED, session);
        clients.put(endpoint, ws);
        ws.connect();
    }

    private ClientConfig<Object> config(final URI uri)
    {
        final ClientConfig.Builder<Object> builder = WebSocket.builder(uri).engine(engine)
            .backoff(RECONNECT_AT_ONCE)
            .compress(compression())
            .connectTimeout(Duration.ofSeconds(60));
        if ("wss".equals(uri.getScheme()))
        {
            builder.sslContext(sslContext());
        }
        return builder.buildConfig();
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

    /**
     * The feed's {@code "seq"} (0 again at the start of each pre-built batch the feed server repeats) made a running
     * count per connection, so that every message continues its stream as a venue's ids would.
     */
    private static final class RunningSequence implements SequenceExtractor
    {
        private static final SequenceExtractor JSON = JsonSequenceExtractor.builder().stream("sym").sequence("seq")
            .build();

        private long base;
        private long last = -1;

        @Override
        public boolean extract(
            final MessageType type, final DirectBuffer buffer, final int offset, final int length,
            final SequenceFields fields)
        {
            if (!JSON.extract(type, buffer, offset, length, fields))
            {
                return false;
            }
            final long id = fields.last();
            if (id <= last)
            {
                base += last + 1;
            }
            last = id;
            fields.sequence(base + id);
            return true;
        }
    }

    private static final class ClientSession implements Session, RawMessageHandler, FeedHandler, Consumer<Event>
    {
        private final WebSocket<Object> ws;
        private final Endpoint endpoint;
        private volatile String extensions = "";

        private ClientSession(final WebSocket<Object> ws, final Endpoint endpoint)
        {
            this.ws = ws;
            this.endpoint = endpoint;
        }

        @Override
        public void onMessage(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
        {
            endpoint.onMessage(this, length, buffer.getByte(offset + length - 1));
        }

        @Override
        public void onMessage(
            final String stream, final MessageType type, final DirectBuffer buffer, final int offset, final int length,
            final SequenceFields fields)
        {
            endpoint.onMessage(this, length, buffer.getByte(offset + length - 1));
        }

        @Override
        public void accept(final Event event)
        {
            if (event instanceof ConnectedEvent)
            {
                final List<String> negotiated = ((ConnectedEvent)event).extensions();
                extensions = negotiated.isEmpty() ? "" : String.join(", ", negotiated);
                endpoint.onOpen(this);
            }
            else if (event instanceof DisconnectedEvent)
            {
                final DisconnectedEvent disconnected = (DisconnectedEvent)event;
                endpoint.onClosed(this, 1000 == disconnected.code() ? null :
                    new IllegalStateException("disconnected with " + disconnected.code() + " " +
                    disconnected.reason()));
            }
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
