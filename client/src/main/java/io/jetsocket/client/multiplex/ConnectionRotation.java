/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.WebSocketEngine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Replaces the multiplexer's connection make before break ({@link Multiplex#rotate()}, on demand or on an engine
 * timer): a new client of the same options subscribes every channel, each channel switches to it as the router
 * says, and the old client closes once none is left on it. Every client, the first and each new one, sends its
 * messages to the router's tap of its generation (one more per rotation).
 * <p>
 * The rotation state is under the multiplexer's lock, shared with the {@link ChannelRegistry}: copying the
 * channels and switching to the new client is one step, so a channel subscribed meanwhile is either among those
 * the new client subscribes or subscribed on the new client itself.
 *
 * @param <T> type of the messages.
 */
final class ConnectionRotation<T>
{
    private final Object lock;
    private final WebSocketEngine engine;
    private final MultiplexConnection<T> connection;
    private final ChannelRegistry<T> registry;
    private final ChannelRouter<T> router;
    private final WatchedConnections<T> watched;
    private final ChannelMessages<T> messages;
    private final Duration rotateEvery; // null: only on demand
    private int generation; // lock: the newest client's, one more per rotation
    private WebSocket<T> retiring; // lock: the old client while a rotation overlaps
    private CompletableFuture<Void> rotation; // lock: the rotation in progress
    private long rotateTimerId = -1; // engine thread

    ConnectionRotation(
        final Object lock,
        final MultiplexConnection<T> connection,
        final ChannelRegistry<T> registry,
        final ChannelRouter<T> router,
        final WatchedConnections<T> watched,
        final ChannelMessages<T> messages,
        final Duration rotateEvery)
    {
        this.lock = lock;
        this.engine = connection.client().engine();
        this.connection = connection;
        this.registry = registry;
        this.router = router;
        this.watched = watched;
        this.messages = messages;
        this.rotateEvery = rotateEvery;
        connection.client().onRawMessage(router.tap(0));
    }

    /**
     * Connect the current client, and start the rotation timer if there is one.
     */
    CompletableFuture<Void> connect()
    {
        final CompletableFuture<Void> connected = connection.client().connect();
        if (null != rotateEvery)
        {
            EngineTasks.run(engine, this::armRotateTimer);
        }
        return connected;
    }

    /**
     * Start a rotation, or return the one in progress (see {@link Multiplex#rotate()}).
     */
    CompletableFuture<Void> rotate()
    {
        final WebSocket<T> fresh;
        final CompletableFuture<Void> done;
        synchronized (lock)
        {
            if (registry.isClosed())
            {
                throw new ChannelClosedException("rotate", "*", "the multiplexer is closed");
            }
            if (null != rotation)
            {
                return rotation;
            }
            final WebSocket<T> old = connection.client();
            final int next = ++generation;
            fresh = WebSocket.create(old.config());
            fresh.onRawMessage(router.tap(next));
            watched.add(fresh);
            final List<ChannelSubscription<T>> active = registry.active();
            done = new CompletableFuture<>();
            rotation = done;
            retiring = old;
            connection.replace(fresh);
            // The router learns of the new generation through the engine's ordered task channel, ahead of the
            // new connection's first message.
            EngineTasks.run(engine, () -> router.beginRotation(next, active, () -> finishRotation(old, done)));
            old.on(EventType.DISCONNECTED, (event) -> EngineTasks.run(engine, () -> finishRotation(old, done)));
            for (final ChannelSubscription<T> subscription : active)
            {
                subscription.restore(messages.subscribe(fresh, subscription.channel()));
            }
        }
        fresh.connect().whenComplete((ignore, error) ->
        {
            if (null != error)
            {
                done.completeExceptionally(error); // the new client goes on as its reconnect options say
            }
        });
        return done;
    }

    /**
     * The multiplexer closes: the old client of a rotation in progress closes too (the current one is closed by
     * the multiplexer, which waits for it).
     */
    void closeRetiring()
    {
        synchronized (lock)
        {
            if (null != retiring)
            {
                retiring.closeAsync();
            }
        }
    }

    /**
     * The old connection is done with (engine thread): every channel switched, or it dropped.
     */
    private void finishRotation(final WebSocket<T> old, final CompletableFuture<Void> done)
    {
        final int rotated;
        synchronized (lock)
        {
            if (rotation != done)
            {
                return; // finished already
            }
            rotation = null;
            retiring = null;
            rotated = generation;
        }
        // The overlap lasts until the old connection has closed: what it had in flight still arrives.
        old.closeAsync().whenComplete((event, error) ->
        {
            EngineTasks.runIfOpen(engine, () -> router.endOverlap(rotated));
            done.complete(null);
        });
        if (null != rotateEvery)
        {
            armRotateTimer();
        }
    }

    private void armRotateTimer()
    {
        if (-1 != rotateTimerId)
        {
            engine.cancelTimer(rotateTimerId);
        }
        rotateTimerId = engine.scheduleTimer(engine.nowNs() + rotateEvery.toNanos(), (timerId) ->
        {
            rotateTimerId = -1;
            if (!registry.isClosed())
            {
                rotate();
            }
        });
    }
}
