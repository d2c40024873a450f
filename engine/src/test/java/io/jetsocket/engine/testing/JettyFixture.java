/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.testing;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An in-process Jetty 12 WebSocket server on 127.0.0.1 with daemon threads: the lifecycle the engine's interop
 * server and the client's test server share (start on a free port, plain or TLS, stop, restart on the same port).
 * The endpoints are the caller's: it maps them on the {@link ServerWebSocketContainer} it is handed.
 */
public final class JettyFixture implements AutoCloseable
{
    private final Server server;
    private final ServerConnector connector;
    private final Consumer<ServerWebSocketContainer> endpoints;
    private int boundPort;

    private JettyFixture(
        final String name, final SSLContext sslContext, final Consumer<ServerWebSocketContainer> endpoints)
    {
        this.endpoints = endpoints;
        final QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName(name);
        threads.setDaemon(true);
        server = new Server(threads);
        if (null == sslContext)
        {
            connector = new ServerConnector(server, 1, 1);
        }
        else
        {
            final SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(sslContext);
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory());
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setReuseAddress(true); // restart() listens on the same port again
        connector.setAcceptQueueSize(4096); // many-connection tests open hundreds at once
        connector.setIdleTimeout(TimeUnit.MINUTES.toMillis(2));
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, endpoints));
    }

    /**
     * Start a server on a free port.
     *
     * @param name       of its thread pool.
     * @param sslContext presenting the server's certificate for {@code wss://}, or null for plain {@code ws://}.
     * @param endpoints  maps the endpoints (and sets limits) on the server's WebSocket container.
     * @return the running server.
     * @throws Exception if Jetty does not start.
     */
    public static JettyFixture start(
        final String name, final SSLContext sslContext, final Consumer<ServerWebSocketContainer> endpoints)
        throws Exception
    {
        final JettyFixture jetty = new JettyFixture(name, sslContext, endpoints);
        jetty.server.start();
        jetty.boundPort = jetty.connector.getLocalPort();
        return jetty;
    }

    /**
     * The port the server listens on (the same across {@link #restart}, and known while stopped).
     *
     * @return the bound port.
     */
    public int port()
    {
        return boundPort;
    }

    /**
     * Stop accepting and drop every connection, stay down for a while, then listen again on the same port.
     *
     * @param downtime how long the outage lasts (the outage itself, not a wait for anything).
     * @throws Exception if Jetty does not stop or start.
     */
    public void restart(final Duration downtime) throws Exception
    {
        server.stop();
        Thread.sleep(downtime.toMillis());
        connector.setPort(boundPort);
        server.setHandler(WebSocketUpgradeHandler.from(server, endpoints));
        server.start();
    }

    /**
     * Stop the server and drop every connection, without a close frame.
     *
     * @throws Exception if Jetty does not stop.
     */
    public void stop() throws Exception
    {
        server.stop();
    }

    @Override
    public void close()
    {
        try
        {
            server.stop();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot stop Jetty on port " + boundPort, ex);
        }
    }

    @Override
    public String toString()
    {
        return "Jetty " + Server.getVersion() + " on 127.0.0.1:" + boundPort;
    }
}
