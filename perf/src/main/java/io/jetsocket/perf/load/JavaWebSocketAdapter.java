/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ServerHandshake;

import javax.net.ssl.SSLSession;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Java-WebSocket (TooTallNate): one {@link WebSocketClient} per connection, each with its own read and write
 * threads; text is decoded to a {@code String} with UTF-8 validation. Its connection-lost (ping) timer is
 * switched off, as no other client here sends heartbeats. For {@code wss://}
 * {@code setSocketFactory(sslContext.getSocketFactory())} (the library sets HTTPS endpoint identification on
 * SSL sockets); with compression the draft is {@code new Draft_6455(new PerMessageDeflateExtension())}.
 */
final class JavaWebSocketAdapter extends ClientAdapter
{
    @Override
    String name()
    {
        return "java-websocket";
    }

    @Override
    String describe()
    {
        return "Java-WebSocket " + LoadVersions.get("java-websocket") + ", a client object with read and " +
            "write threads per connection, connection-lost timer off, onMessage(String)";
    }

    @Override
    boolean threadPerConnection()
    {
        return true;
    }

    @Override
    void start()
    {
    }

    @Override
    void connect(final URI uri, final Endpoint endpoint)
    {
        final Client client = new Client(uri, endpoint,
            compression() ? new Draft_6455(new PerMessageDeflateExtension()) : new Draft_6455());
        if ("wss".equals(uri.getScheme()))
        {
            client.setSocketFactory(sslContext().getSocketFactory());
        }
        try
        {
            client.connect();
        }
        catch (final RuntimeException ex)
        {
            client.closed(ex);
        }
    }

    @Override
    public void close()
    {
    }

    private static final class Client extends WebSocketClient implements Session
    {
        private final Endpoint endpoint;
        private final AtomicBoolean closed = new AtomicBoolean();
        private Throwable error;

        private Client(final URI uri, final Endpoint endpoint, final Draft_6455 draft)
        {
            super(uri, draft);
            this.endpoint = endpoint;
            setTcpNoDelay(true);
            setConnectionLostTimeout(0);
        }

        @Override
        public void onOpen(final ServerHandshake handshake)
        {
            endpoint.onOpen(this);
        }

        @Override
        public String extensions()
        {
            // the connection's draft: its extension is PerMessageDeflateExtension only if the server accepted it
            final Draft draft = getConnection().getDraft();
            return draft instanceof Draft_6455 &&
                ((Draft_6455)draft).getExtension() instanceof PerMessageDeflateExtension ? "permessage-deflate" : "";
        }

        @Override
        public String tls()
        {
            final SSLSession session = hasSSLSupport() ? getSSLSession() : null;
            return null == session ? null : session.getProtocol() + "/" + session.getCipherSuite();
        }

        @Override
        public void onMessage(final String message)
        {
            final int length = message.length();
            endpoint.onMessage(this, length, message.charAt(length - 1));
        }

        @Override
        public void onMessage(final ByteBuffer bytes)
        {
            endpoint.onMessage(this, bytes.remaining(), bytes.get(bytes.limit() - 1));
        }

        @Override
        public void onClose(final int code, final String reason, final boolean remote)
        {
            closed(1000 == code ? null : null != error ? error :
                new IllegalStateException("closed " + code + " " + reason));
        }

        @Override
        public void onError(final Exception ex)
        {
            error = ex;
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
            send(payload.text);
        }
    }
}
