/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;

/**
 * Calls one connection's {@link WebSocketListener} so that user code can never break the engine: an exception from a
 * callback becomes an {@code onError} of the same connection (and an exception from {@code onError} or
 * {@code onClose} goes to the engine's error handler). A JVM {@link Error} other than an assertion is not user
 * code's to swallow: it is rethrown.
 */
final class ListenerInvoker
{
    private final WebSocketConnection handle;
    private final WebSocketListener listener;
    private final ErrorHandler errorHandler;

    ListenerInvoker(final WebSocketConnection handle, final WebSocketListener listener, final ErrorHandler errorHandler)
    {
        this.handle = handle;
        this.listener = listener;
        this.errorHandler = errorHandler;
    }

    void onOpen()
    {
        try
        {
            listener.onOpen(handle);
        }
        catch (final Throwable ex)
        {
            onCallbackError(ex);
        }
    }

    void onMessage(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            listener.onMessage(handle, type, buffer, offset, length);
        }
        catch (final Throwable ex)
        {
            onCallbackError(ex);
        }
    }

    void onPing(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            listener.onPing(handle, buffer, offset, length);
        }
        catch (final Throwable ex)
        {
            onCallbackError(ex);
        }
    }

    void onPong(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            listener.onPong(handle, buffer, offset, length);
        }
        catch (final Throwable ex)
        {
            onCallbackError(ex);
        }
    }

    void onSendDropped(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            listener.onSendDropped(handle, type, buffer, offset, length);
        }
        catch (final Throwable ex)
        {
            onCallbackError(ex);
        }
    }

    void onUnsentDiscarded(final int messages, final long bytes)
    {
        try
        {
            listener.onUnsentDiscarded(handle, messages, bytes);
        }
        catch (final Throwable ex)
        {
            onCallbackError(ex);
        }
    }

    void onClosing(final int code, final String reason)
    {
        try
        {
            listener.onClosing(handle, code, reason);
        }
        catch (final Throwable ex)
        {
            onCallbackError(ex);
        }
    }

    void onError(final Throwable error)
    {
        try
        {
            listener.onError(handle, error);
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex);
        }
    }

    void onClose(final int code, final String reason, final boolean remote)
    {
        try
        {
            listener.onClose(handle, code, reason, remote);
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex);
        }
    }

    private void onCallbackError(final Throwable ex)
    {
        if (ex instanceof Error && !(ex instanceof AssertionError))
        {
            throw (Error)ex;
        }
        onError(ex);
    }
}
