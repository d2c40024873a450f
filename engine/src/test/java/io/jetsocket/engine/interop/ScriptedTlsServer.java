/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<Throwable> serverErrors = new CopyOnWriteArrayList<>();

    private ScriptedTlsServer(final ServerSocket server, final Behaviour behaviour)
    {
        this.server = server;
        this.behaviour = behaviour;
        final Thread acceptor = new Thread(this::acceptLoop, "scripted-tls-accept");
        acceptor.setDaemon(true);
        acceptor.start();
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
        return server.getLocalPort();
    }

    String uri(final String path)
    {
        return "wss://127.0.0.1:" + port() + path;
    }

    @Override
    public void close()
    {
        try
        {
            server.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
        for (final Socket socket : sockets)
        {
            try
            {
                socket.close();
            }
            catch (final IOException ignore)
            {
                // closing
            }
        }
    }

    private void acceptLoop()
    {
        while (!server.isClosed())
        {
            try
            {
                final Socket socket = server.accept();
                sockets.add(socket);
                final Thread handler = new Thread(() -> handle(socket), "scripted-tls-connection");
                handler.setDaemon(true);
                handler.start();
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }

    private void handle(final Socket socket)
    {
        try
        {
            switch (behaviour)
            {
                case TLS:
                    ((SSLSocket)socket).startHandshake();
                    drain(socket.getInputStream());
                    break;

                case CLOSE_AFTER_HELLO:
                    final byte[] hello = new byte[64];
                    int read = 0;
                    while (read < hello.length)
                    {
                        final int n = socket.getInputStream().read(hello, read, hello.length - read);
                        if (n < 0)
                        {
                            break;
                        }
                        read += n;
                    }
                    socket.close();
                    break;

                default:
                    drain(socket.getInputStream());
                    break;
            }
        }
        catch (final IOException ex)
        {
            serverErrors.add(ex);
        }
        finally
        {
            try
            {
                socket.close();
            }
            catch (final IOException ignore)
            {
                // closing
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
