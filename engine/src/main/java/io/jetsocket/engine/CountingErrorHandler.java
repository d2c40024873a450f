/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.status.EngineCounters;
import org.agrona.ErrorHandler;

/**
 * Counts each error in the engine's counters, then hands it on. Errors may come from any thread (the client
 * reports through the engine's handler), so the count is an atomic add.
 */
final class CountingErrorHandler implements ErrorHandler
{
    private final ErrorHandler delegate;
    private final EngineCounters counters;

    CountingErrorHandler(final ErrorHandler delegate, final EngineCounters counters)
    {
        this.delegate = delegate;
        this.counters = counters;
    }

    ErrorHandler delegate()
    {
        return delegate;
    }

    @Override
    public void onError(final Throwable throwable)
    {
        counters.onEngineError();
        delegate.onError(throwable);
    }
}
