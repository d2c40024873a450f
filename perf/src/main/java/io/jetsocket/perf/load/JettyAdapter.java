/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.api.Session.Listener;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Jetty 12's WebSocket client ({@code jetty-websocket-jetty-client}): one {@link WebSocketClient} with its
 * default {@code HttpClient}, selector and thread pool; an auto-demanding {@code Session.Listener} gets
 * whole text messages as {@code String}s (UTF-8 validated). The idle timeout is raised to ten minutes. For
 * {@code wss://} its default {@code HttpClient} gets an {@code SslContextFactory.Client} over the load tool's
 * {@code SSLContext} (its default endpoint identification, HTTPS, stays on); with compression the upgrade request
 * asks for {@code permessage-deflate} ({@code ClientUpgradeRequest#addExtensions}; Jetty offers none by default).
 */
final class JettyAdapter extends ClientAdapter
{
    private WebSocketClient client;

    @Override
    String name()
    {
        return "jetty";
    }

    @Override
    String describe()
    {
        return "Jetty WebSocket client " + LoadVersions.get("jetty") + ", default HttpClient and thread pool, " +
            "auto-demanding Session.Listener, onWebSocketText(String)";
    }

    @Override
    void start() throws Exception
    {
        client = new WebSocketClient();
        if (hasTls())
        {
            final SslContextFactory.Client ssl = new SslContextFactory.Client();
            ssl.setSslContext(sslContext());
            ssl.setEndpointIdentificationAlgorithm("HTTPS");
            client.getHttpClient().setSslContextFactory(ssl);
        }
        client.setIdleTimeout(Duration.ofMinutes(10));
        client.setConnectTimeout(60_000);
        client.start();
    }

    @Override
    void connect(final URI uri, final Endpoint endpoint)
    {
        final JettyListener listener = new JettyListener(endpoint);
        try
        {
            final ClientUpgradeRequest request = new ClientUpgradeRequest();
            if (compression())
            {
                request.addExtensions("permessage-deflate");
            }
            client.connect(listener, uri, request).whenComplete((session, error) ->
            {
                if (null != error)
                {
                    listener.closed(error);
                }
            });
        }
        catch (final IOException | RuntimeException ex)
        {
            listener.closed(ex);
        }
    }

    @Override
    public void close()
    {
        if (null != client)
        {
            try
            {
                client.stop();
            }
            catch (final Exception ignore)
            {
                // exiting anyway
            }
        }
    }

    public static final class JettyListener implements Listener.AutoDemanding, Session
    {
        private final Endpoint endpoint;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile org.eclipse.jetty.websocket.api.Session session;

        private JettyListener(final Endpoint endpoint)
        {
            this.endpoint = endpoint;
        }

        @Override
        public void onWebSocketOpen(final org.eclipse.jetty.websocket.api.Session session)
        {
            this.session = session;
            endpoint.onOpen(this);
        }

        @Override
        public String extensions()
        {
            final StringBuilder names = new StringBuilder();
            for (final ExtensionConfig extension : session.getUpgradeResponse().getExtensions())
            {
                names.append(names.length() > 0 ? ", " : "").append(extension.getParameterizedName());
            }
            return names.toString();
        }

        @Override
        public void onWebSocketText(final String message)
        {
            final int length = message.length();
            endpoint.onMessage(this, length, message.charAt(length - 1));
        }

        @Override
        public void onWebSocketBinary(final ByteBuffer payload, final Callback callback)
        {
            endpoint.onMessage(this, payload.remaining(), payload.get(payload.limit() - 1));
            callback.succeed();
        }

        @Override
        public void onWebSocketClose(final int statusCode, final String reason)
        {
            closed(1000 == statusCode ? null : new IllegalStateException("closed " + statusCode + " " + reason));
        }

        @Override
        public void onWebSocketError(final Throwable cause)
        {
            closed(cause);
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
            session.sendText(payload.text, Callback.NOOP);
        }

        @Override
        public void close()
        {
            session.close();
        }
    }
}
