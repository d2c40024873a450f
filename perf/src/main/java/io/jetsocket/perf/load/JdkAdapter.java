/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JDK's {@code java.net.http.WebSocket}: one shared {@link HttpClient} with its defaults (its selector
 * manager thread and default executor). Text arrives as {@code CharSequence} parts, decoded from UTF-8 by
 * the JDK; parts of one message are gathered in a {@code StringBuilder}, as its documentation shows, and
 * the listener asks for one more message at a time with {@code request(1)}. For {@code wss://} the client is
 * built with the load tool's {@code SSLContext} ({@code HttpClient.Builder#sslContext}; the JDK verifies the
 * host name). It has no permessage-deflate: the compressed workloads do not apply.
 */
final class JdkAdapter extends ClientAdapter
{
    private HttpClient client;

    @Override
    String name()
    {
        return "jdk";
    }

    @Override
    String describe()
    {
        return "JDK java.net.http.WebSocket (" + Runtime.version() + "), one HttpClient, default executor, " +
            "request(1) per message";
    }

    @Override
    String unsupported(final WorkloadSpec spec)
    {
        return spec.deflate() ? "n/a: java.net.http.WebSocket has no permessage-deflate" : super.unsupported(spec);
    }

    @Override
    void start()
    {
        final HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60));
        if (hasTls())
        {
            builder.sslContext(sslContext());
        }
        client = builder.build();
    }

    @Override
    void connect(final URI uri, final Endpoint endpoint)
    {
        final Listener listener = new Listener(endpoint);
        client.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(60))
            .buildAsync(uri, listener)
            .whenComplete((webSocket, error) ->
            {
                if (null != error)
                {
                    listener.closed(error);
                }
            });
    }

    @Override
    public void close()
    {
        client = null; // an HttpClient of JDK 17 has no close(); its threads are daemons
    }

    private static final class Listener implements WebSocket.Listener, Session
    {
        private final Endpoint endpoint;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final StringBuilder parts = new StringBuilder();
        private WebSocket webSocket;
        private int binaryLength;
        private int binaryLastByte;
        private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);

        private Listener(final Endpoint endpoint)
        {
            this.endpoint = endpoint;
        }

        @Override
        public void onOpen(final WebSocket webSocket)
        {
            this.webSocket = webSocket;
            endpoint.onOpen(this);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            if (last && 0 == parts.length())
            {
                deliver(data);
            }
            else
            {
                parts.append(data);
                if (last)
                {
                    deliver(parts);
                    parts.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            // Binary arrives in parts too: count the message once, at its last part.
            binaryLength += data.remaining();
            if (data.hasRemaining())
            {
                binaryLastByte = data.get(data.limit() - 1);
            }
            if (last)
            {
                endpoint.onMessage(this, binaryLength, binaryLastByte);
                binaryLength = 0;
            }
            webSocket.request(1);
            return null;
        }

        private void deliver(final CharSequence text)
        {
            final int length = text.length();
            endpoint.onMessage(this, length, text.charAt(length - 1));
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            closed(1000 == statusCode ? null : new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            closed(error);
        }

        private void closed(final Throwable cause)
        {
            if (closed.compareAndSet(false, true))
            {
                endpoint.onClosed(this, cause);
            }
        }

        @Override
        public void sendText(final Payload payload)
        {
            // One outstanding send at a time is the JDK's rule: chain behind the previous one if it is
            // still in flight.
            if (lastSend.isDone())
            {
                lastSend = webSocket.sendText(payload.text, true);
            }
            else
            {
                lastSend = lastSend.thenCompose((ws) -> ws.sendText(payload.text, true));
            }
        }

        @Override
        public void close()
        {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }
}
