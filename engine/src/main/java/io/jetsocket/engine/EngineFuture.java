/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future the engine thread completes. Waiting for it on the engine thread would stall every connection of the
 * engine (and never end, since only that thread can complete it), so the blocking calls refuse at once there.
 *
 * @param <T> the result type.
 */
final class EngineFuture<T> extends CompletableFuture<T>
{
    private final WebSocketEngine engine;

    EngineFuture(final WebSocketEngine engine)
    {
        this.engine = engine;
    }

    @Override
    public T join()
    {
        refuseOnEngineThread("join()");
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException
    {
        refuseOnEngineThread("get()");
        return super.get();
    }

    @Override
    public T get(final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        refuseOnEngineThread("get(timeout)");
        return super.get(timeout, unit);
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture()
    {
        return new CompletableFuture<>();
    }

    private void refuseOnEngineThread(final String call)
    {
        if (!isDone() && engine.isEngineThread())
        {
            throw new IllegalStateException(call + " on the engine thread of '" + engine.roleName() +
                "' would block every connection of the engine (only that thread can complete the future): " +
                "add a callback (thenAccept...) instead");
        }
    }
}
