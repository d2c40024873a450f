/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The accept loop every scripted test server shares: a listening socket on the loopback address, a daemon thread
 * that accepts, and one daemon thread per connection that runs the test's {@link ConnectionHandler}. The handler
 * owns its socket (it may keep it open after it returns, as a proxy's tunnel does); {@link #close()} closes the
 * listener and every socket the server accepted or was handed with {@link #track(Socket)}. An
 * {@link IOException} from a handler closes its socket and is kept in {@link #errors()} for the test to check.
 */
public final class LoopbackServer implements AutoCloseable
{
    /**
     * What the server does with each accepted connection, on a thread of its own.
     */
    @FunctionalInterface
    public interface ConnectionHandler
    {
        /**
         * Serve one connection.
         *
         * @param socket the accepted connection.
         * @throws IOException when the connection fails; the server closes the socket and records the error.
         */
        void serve(Socket socket) throws IOException;
    }

    /** Room for a burst of connects (tests open a hundred at once) while the accept thread catches up. */
    private static final int BACKLOG = 256;

    private final ServerSocket listener;
    private final String name;
    private final ConnectionHandler handler;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    private LoopbackServer(final ServerSocket listener, final String name, final ConnectionHandler handler)
    {
        this.listener = listener;
        this.name = name;
        this.handler = handler;
        daemon(name + "-accept", this::acceptLoop);
    }

    /**
     * Listen on a free port of the loopback address and serve every connection with the handler.
     *
     * @param name    for the threads (the accept thread is {@code name-accept}, connections {@code name}).
     * @param handler what to do with each connection.
     * @return the running server.
     * @throws IOException if no port can be bound.
     */
    public static LoopbackServer start(final String name, final ConnectionHandler handler) throws IOException
    {
        return start(new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress()), name, handler);
    }

    /**
     * Serve every connection of an already bound listener (a TLS server socket, say) with the handler.
     *
     * @param listener bound, not yet accepting.
     * @param name     for the threads.
     * @param handler  what to do with each connection.
     * @return the running server.
     */
    public static LoopbackServer start(
        final ServerSocket listener, final String name, final ConnectionHandler handler)
    {
        return new LoopbackServer(listener, name, handler);
    }

    /**
     * A port on the loopback address that nobody listens on: a connect to it is refused at once.
     *
     * @return the port number of a listener that was bound and closed again.
     * @throws IOException if no port can be bound.
     */
    public static int closedPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * Start a daemon thread.
     *
     * @param name the thread's name.
     * @param task what it runs.
     * @return the started thread.
     */
    public static Thread daemon(final String name, final Runnable task)
    {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * The listening port.
     *
     * @return the port on the loopback address.
     */
    public int port()
    {
        return listener.getLocalPort();
    }

    /**
     * A URI on this server.
     *
     * @param scheme ws or wss.
     * @param path   the path and query, starting with a slash.
     * @return {@code scheme://127.0.0.1:port/path}.
     */
    public String uri(final String scheme, final String path)
    {
        return scheme + "://127.0.0.1:" + port() + path;
    }

    /**
     * Close this socket too when the server closes (a proxy's connection to its target, say).
     *
     * @param socket to close with the server.
     */
    public void track(final Socket socket)
    {
        sockets.add(socket);
    }

    /**
     * The errors handlers threw, in the order they happened.
     *
     * @return a live, thread-safe view.
     */
    public List<Throwable> errors()
    {
        return errors;
    }

    /**
     * Stop accepting and close every connection the server knows of.
     */
    @Override
    public void close()
    {
        closeQuietly(listener);
        for (final Socket socket : sockets)
        {
            closeQuietly(socket);
        }
    }

    /**
     * Close without a checked exception: for teardown, where there is nobody left to tell.
     *
     * @param closeable to close, or null.
     */
    public static void closeQuietly(final AutoCloseable closeable)
    {
        if (null == closeable)
        {
            return;
        }
        try
        {
            closeable.close();
        }
        catch (final Exception ignore)
        {
            // closing: nothing to do about it
        }
    }

    private void acceptLoop()
    {
        while (!listener.isClosed())
        {
            final Socket socket;
            try
            {
                socket = listener.accept();
            }
            catch (final IOException ex)
            {
                return; // closed
            }
            sockets.add(socket);
            daemon(name, () -> serve(socket));
        }
    }

    private void serve(final Socket socket)
    {
        try
        {
            handler.serve(socket);
        }
        catch (final IOException ex)
        {
            errors.add(ex);
            closeQuietly(socket);
        }
    }
}
