/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.Event;
import io.jetsocket.client.event.EventType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records every event of a client (except the raw-message flyweight) with the thread it ran on, and lets a
 * test wait for one. Attaching also turns the client's receive queue on (as a first {@code recv()} would), since
 * its {@code message} handler would otherwise keep the queue off until the test's first {@code recv()}, and
 * messages arriving before that would only reach the handlers.
 */
final class EventLog
{
    private final List<Event> events = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();

    static EventLog attach(final WebSocket<?> ws)
    {
        final EventLog log = new EventLog();
        if (ws.config().receiveQueueCapacity() > 0)
        {
            ws.enableReceiveQueue();
        }
        for (final EventType<?> type : EventType.values())
        {
            if (EventType.RAW_MESSAGE != type)
            {
                ws.on(type, log::add);
            }
        }
        return log;
    }

    static EventLog attach(final SyncWebSocket<?> ws)
    {
        return attach(ws.async());
    }

    synchronized void add(final Event event)
    {
        events.add(event);
        threads.add(Thread.currentThread().getName());
        notifyAll();
    }

    synchronized <E extends Event> E await(final EventType<E> type, final Predicate<? super E> match,
        final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true)
        {
            for (; checked < events.size(); checked++)
            {
                final Event event = events.get(checked);
                if (event.eventType() == type && match.test(type.eventClass().cast(event)))
                {
                    return type.eventClass().cast(event);
                }
            }
            final long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMs <= 0)
            {
                throw new AssertionError("no " + type + " event in " + timeout + "; events: " + names());
            }
            wait(remainingMs);
        }
    }

    <E extends Event> E await(final EventType<E> type, final Duration timeout) throws InterruptedException
    {
        return await(type, (event) -> true, timeout);
    }

    /**
     * Wait until {@code count} events of a type have been recorded.
     */
    synchronized <E extends Event> List<E> awaitCount(final EventType<E> type, final int count,
        final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (all(type).size() < count)
        {
            final long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMs <= 0)
            {
                throw new AssertionError("fewer than " + count + " " + type + " events in " + timeout + "; events: " +
                    names());
            }
            wait(remainingMs);
        }
        return all(type);
    }

    synchronized <E extends Event> List<E> all(final EventType<E> type)
    {
        final List<E> matching = new ArrayList<>();
        for (final Event event : events)
        {
            if (event.eventType() == type)
            {
                matching.add(type.eventClass().cast(event));
            }
        }
        return matching;
    }

    synchronized List<String> names()
    {
        final List<String> names = new ArrayList<>();
        for (final Event event : events)
        {
            names.add(event.eventType().name());
        }
        return names;
    }

    synchronized List<Event> events()
    {
        return new ArrayList<>(events);
    }

    synchronized List<String> threads()
    {
        return new ArrayList<>(threads);
    }
}
