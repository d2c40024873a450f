/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

/**
 * Blocking iterator over a client's receive queue: {@code hasNext()} waits for the next message and returns false
 * once the client is closed and the queue drained (or the thread is interrupted).
 *
 * @param <T> type of the messages.
 */
final class MessageIterator<T> implements Iterator<T>
{
    private final ReceiveQueue<T> queue;

    MessageIterator(final ReceiveQueue<T> queue)
    {
        this.queue = queue;
    }

    @Override
    public boolean hasNext()
    {
        try
        {
            return queue.awaitNext(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public T next()
    {
        while (hasNext())
        {
            final Object item = queue.tryTake();
            if (ReceiveQueue.EMPTY != item)
            {
                @SuppressWarnings("unchecked")
                final T message = (T)item;
                return message;
            }
            // another consumer took it: wait for the next one
        }
        throw new NoSuchElementException("client closed: no more messages");
    }
}
