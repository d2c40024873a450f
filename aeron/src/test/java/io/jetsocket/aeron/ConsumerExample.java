/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * The consumer side as a user writes it (compiled here so that the README's example keeps compiling): prints every
 * data message's sequence and latency, and every lifecycle event. Run beside a process that publishes with
 * {@link AeronFeedPublisher} on {@code aeron:ipc}, stream 1001, and a media driver.
 */
public final class ConsumerExample
{
    private ConsumerExample()
    {
    }

    /**
     * Consume until interrupted.
     *
     * @param args unused.
     */
    public static void main(final String[] args)
    {
        // tag::aeron-consumer[]
        try (Aeron aeron = Aeron.connect();
            Subscription feed = aeron.addSubscription("aeron:ipc", 1001))
        {
            final FragmentHandler handler = AeronFeedSubscriber.fragmentHandler(
                (header, buffer, offset, length) -> System.out.println(header.sequence() + " " +
                    (System.currentTimeMillis() * 1_000_000 - header.receiveTimestampNs()) / 1000 + " us"),
                (type, header, length) -> System.out.println(type + " on connection " + header.connectionId()));
            final IdleStrategy idle = new BackoffIdleStrategy();
            while (!Thread.currentThread().isInterrupted())
            {
                idle.idle(feed.poll(handler, 256));
            }
        }
        // end::aeron-consumer[]
    }
}
