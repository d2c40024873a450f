/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a test opened (media driver, publications, servers, engines, clients), closed after each test in the reverse
 * order, so that a client goes before its engine and a publication before its driver. Register it with
 * {@code @RegisterExtension final Closer closer = new Closer();} and wrap each resource in {@link #track}.
 */
final class Closer implements AfterEachCallback
{
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /**
     * Close this after the test, before anything tracked earlier.
     *
     * @param closeable the resource.
     * @param <C>       its type.
     * @return the resource.
     */
    <C extends AutoCloseable> C track(final C closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        final List<AutoCloseable> reversed = new ArrayList<>(closeables);
        Collections.reverse(reversed);
        closeables.clear();
        CloseHelper.closeAll(reversed);
    }
}
