/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Close events reported by a server for connections opened with a {@code tag} query parameter.
 */
final class CloseRecords
{
    private final ConcurrentHashMap<String, CompletableFuture<ServerClose>> byTag = new ConcurrentHashMap<>();

    void record(final String tag, final int code, final String reason)
    {
        future(tag).complete(new ServerClose(code, reason));
    }

    ServerClose await(final String tag, final Duration timeout) throws InterruptedException
    {
        try
        {
            return future(tag).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new AssertionError("the server reported no close for tag " + tag + " within " + timeout, ex);
        }
        catch (final ExecutionException ex)
        {
            throw new AssertionError(ex.getCause());
        }
    }

    private CompletableFuture<ServerClose> future(final String tag)
    {
        return byTag.computeIfAbsent(tag, (key) -> new CompletableFuture<>());
    }
}
