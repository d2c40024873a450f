/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import okhttp3.Dispatcher;
import okhttp3.Handshake;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * OkHttp: one shared {@link OkHttpClient}; each WebSocket's reader loop holds a dispatcher thread for the
 * connection's life and writes go through its task runner. Text is decoded to a {@code String} (with
 * UTF-8 checks). The dispatcher's per-host limit (5 by default) is lifted so that many connections can
 * open, the read timeout is off and there are no pings, as for every client here. For {@code wss://}
 * {@code sslSocketFactory(context.getSocketFactory(), trustManager)} (its own host name verifier stays); it
 * always offers permessage-deflate, and inflates whenever the server accepts.
 */
final class OkHttpAdapter extends ClientAdapter
{
    private OkHttpClient client;

    @Override
    String name()
    {
        return "okhttp";
    }

    @Override
    String describe()
    {
        return "OkHttp " + LoadVersions.get("okhttp") + ", one OkHttpClient, a reader thread per connection, " +
            "dispatcher limits lifted, no pings, onMessage(String)";
    }

    @Override
    boolean threadPerConnection()
    {
        return true;
    }

    @Override
    void start()
    {
        final Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Integer.MAX_VALUE);
        dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
        final OkHttpClient.Builder builder = new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .readTimeout(0, TimeUnit.MILLISECONDS)
            .connectTimeout(60, TimeUnit.SECONDS)
            .pingInterval(0, TimeUnit.MILLISECONDS);
        if (hasTls())
        {
            builder.sslSocketFactory(sslContext().getSocketFactory(), trustManager());
        }
        client = builder.build();
    }

    @Override
    void connect(final URI uri, final Endpoint endpoint)
    {
        final Listener listener = new Listener(endpoint);
        client.newWebSocket(new Request.Builder().url(uri.toString()).build(), listener);
    }

    @Override
    public void close()
    {
        if (null != client)
        {
            client.dispatcher().executorService().shutdownNow();
            client.connectionPool().evictAll();
        }
    }

    /** OkHttp's {@code RealWebSocket.MAX_QUEUE_SIZE}: 16 MiB of queued messages. */
    private static final long OKHTTP_QUEUE_LIMIT = 16L * 1024 * 1024;

    @Override
    boolean supportsOfferBinary()
    {
        return true;
    }

    private static final class Listener extends WebSocketListener implements Session
    {
        private final Endpoint endpoint;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile WebSocket webSocket;
        private volatile String extensions;
        private volatile String tls;

        private Listener(final Endpoint endpoint)
        {
            this.endpoint = endpoint;
        }

        @Override
        public void onOpen(final WebSocket webSocket, final Response response)
        {
            this.webSocket = webSocket;
            final String accepted = response.header("Sec-WebSocket-Extensions");
            extensions = null == accepted ? "" : accepted;
            final Handshake handshake = response.handshake();
            tls = null == handshake ? null :
                handshake.tlsVersion().javaName() + "/" + handshake.cipherSuite().javaName();
            endpoint.onOpen(this);
        }

        @Override
        public String extensions()
        {
            return extensions;
        }

        @Override
        public String tls()
        {
            return tls;
        }

        @Override
        public void onMessage(final WebSocket webSocket, final String text)
        {
            final int length = text.length();
            endpoint.onMessage(this, length, text.charAt(length - 1));
        }

        @Override
        public void onMessage(final WebSocket webSocket, final ByteString bytes)
        {
            endpoint.onMessage(this, bytes.size(), bytes.getByte(bytes.size() - 1));
        }

        @Override
        public void onClosing(final WebSocket webSocket, final int code, final String reason)
        {
            webSocket.close(code, null);
        }

        @Override
        public void onClosed(final WebSocket webSocket, final int code, final String reason)
        {
            closed(1000 == code ? null : new IllegalStateException("closed " + code + " " + reason));
        }

        @Override
        public void onFailure(final WebSocket webSocket, final Throwable error, final Response response)
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
            if (!webSocket.send(payload.text))
            {
                throw new IllegalStateException("OkHttp refused the send (closing or queue full)");
            }
        }

        /**
         * OkHttp's queue takes up to 16 MiB and closes the connection when a send would pass that: fill it up to
         * the limit and no further ({@code queueSize()}).
         */
        @Override
        public boolean offerBinary(final Payload payload)
        {
            if (webSocket.queueSize() + payload.length > OKHTTP_QUEUE_LIMIT)
            {
                return false;
            }
            if (!webSocket.send(ByteString.of(payload.bytes)))
            {
                throw new IllegalStateException("OkHttp refused the send (closing or queue full)");
            }
            return true;
        }

        @Override
        public void close()
        {
            webSocket.close(1000, null);
        }
    }
}
