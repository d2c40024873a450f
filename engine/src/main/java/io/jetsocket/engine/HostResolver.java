/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.handshake.WebSocketUri;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Resolves the host a connection goes to (with a proxy, the proxy's: the proxy resolves the target). IP literals
 * need no lookup and resolve on the engine thread; names are looked up on the application's resolver executor, or on
 * one daemon thread the engine creates on the first name and shuts down when it closes, since DNS blocks. Answers go
 * back to the engine thread through its ordered command channel.
 */
final class HostResolver
{
    private final String roleName;
    private final Executor userExecutor;
    private final Consumer<Runnable> engineThread;
    private volatile ExecutorService ownExecutor;

    /**
     * @param roleName     of the engine, to name the thread.
     * @param userExecutor the application's executor, or null.
     * @param engineThread hands an answer to the engine thread (dropping it quietly once the engine closed).
     */
    HostResolver(final String roleName, final Executor userExecutor, final Consumer<Runnable> engineThread)
    {
        this.roleName = roleName;
        this.userExecutor = userExecutor;
        this.engineThread = engineThread;
    }

    void resolve(final Connection connection)
    {
        final String host = connection.handle().request().connectHost();
        final int port = connection.handle().request().connectPort();
        if (WebSocketUri.isIpLiteral(host))
        {
            try
            {
                connection.onResolved(new InetSocketAddress(InetAddress.getByName(host), port));
            }
            catch (final UnknownHostException ex)
            {
                connection.onResolveFailed(ex);
            }
            return;
        }
        executor().execute(() ->
        {
            try
            {
                final InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
                engineThread.accept(() -> connection.onResolved(address));
            }
            catch (final UnknownHostException | RuntimeException ex)
            {
                engineThread.accept(() -> connection.onResolveFailed(ex));
            }
        });
    }

    /**
     * Stop the thread this resolver created, if any (the application's executor is the application's to stop).
     */
    void shutdown()
    {
        final ExecutorService executor = ownExecutor;
        if (null != executor)
        {
            executor.shutdownNow();
        }
    }

    private Executor executor()
    {
        if (null != userExecutor)
        {
            return userExecutor;
        }
        if (null == ownExecutor)
        {
            ownExecutor = Executors.newSingleThreadExecutor((runnable) ->
            {
                final Thread thread = new Thread(runnable, roleName + "-resolver");
                thread.setDaemon(true);
                return thread;
            });
        }
        return ownExecutor;
    }
}
