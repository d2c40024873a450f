/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.testing.LoopbackServer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP or TLS server in this JVM for the TLS failure cases, one thread per connection: TLS servers complete (or
 * fail) the handshake and then hold the connection; raw servers read the ClientHello and then either close
 * ({@link Behaviour#CLOSE_AFTER_HELLO}) or say nothing ({@link Behaviour#SILENT}).
 */
final class ScriptedTlsServer implements AutoCloseable
{
    /**
     * What the server does with a connection.
     */
    enum Behaviour
    {
        /** TLS handshake with the given context, then hold the connection open. */
        TLS,
        /** Read the first bytes (the ClientHello), then close. */
        CLOSE_AFTER_HELLO,
        /** Accept and never answer. */
        SILENT
    }

    private final Behaviour behaviour;
    private final LoopbackServer server;

    private ScriptedTlsServer(final ServerSocket listener, final Behaviour behaviour)
    {
        this.behaviour = behaviour;
        this.server = LoopbackServer.start(listener, "scripted-tls", this::handle);
    }

    /**
     * A TLS server.
     *
     * @param context   presenting the server's identity.
     * @param protocols to enable, or null for the context's default.
     * @return the running server.
     */
    static ScriptedTlsServer tls(final SSLContext context, final String[] protocols) throws IOException
    {
        final SSLServerSocket socket = (SSLServerSocket)context.getServerSocketFactory()
            .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        if (null != protocols)
        {
            socket.setEnabledProtocols(protocols);
        }
        return new ScriptedTlsServer(socket, Behaviour.TLS);
    }

    /**
     * A raw TCP server with a misbehaviour.
     *
     * @param behaviour {@link Behaviour#CLOSE_AFTER_HELLO} or {@link Behaviour#SILENT}.
     * @return the running server.
     */
    static ScriptedTlsServer raw(final Behaviour behaviour) throws IOException
    {
        return new ScriptedTlsServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), behaviour);
    }

    int port()
    {
        return server.port();
    }

    String uri(final String path)
    {
        return server.uri("wss", path);
    }

    @Override
    public void close()
    {
        server.close();
    }

    private void handle(final Socket socket) throws IOException
    {
        try (socket)
        {
            switch (behaviour)
            {
                case TLS:
                    ((SSLSocket)socket).startHandshake();
                    drain(socket.getInputStream());
                    break;

                case CLOSE_AFTER_HELLO:
                    socket.getInputStream().readNBytes(64); // the ClientHello, or what of it comes before EOF
                    break;

                default:
                    drain(socket.getInputStream());
                    break;
            }
        }
    }

    private static void drain(final InputStream in) throws IOException
    {
        final byte[] sink = new byte[4096];
        while (in.read(sink) >= 0)
        {
            Thread.onSpinWait();
        }
    }
}
