/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts each interop server once for the whole test run, on first use, and stops it when the run ends (the
 * servers are stored in the root context's store, which closes them). A server that cannot start fails every
 * test that asks for it.
 */
final class InteropServers implements BeforeAllCallback
{
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(InteropServers.class);

    private volatile ExtensionContext.Store store;

    @Override
    public void beforeAll(final ExtensionContext context)
    {
        store = context.getRoot().getStore(NAMESPACE);
    }

    InteropServer get(final ServerKind kind)
    {
        if (null == store)
        {
            throw new IllegalStateException("register InteropServers with @RegisterExtension on a static field");
        }
        return store.getOrComputeIfAbsent(kind, InteropServers::start, InteropServer.class);
    }

    private static InteropServer start(final ServerKind kind)
    {
        try
        {
            return ServerKind.NODE == kind ? NodeWsServer.start() : JettyWsServer.start();
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot start the " + kind + " interop server", ex);
        }
    }
}
