/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * The subscription messages of one client, restored on every (re)connect. The list belongs to the engine
 * thread: a subscription made or cancelled on another thread travels there as a task, through the engine's one
 * ordered command channel, so it keeps its place among that thread's sends and no lock is taken on the engine
 * thread.
 */
final class SubscriptionRegistry
{
    /**
     * Sends a subscription message on the current connection (engine thread).
     */
    interface Sender
    {
        /**
         * Send it.
         *
         * @param type    frame type.
         * @param payload the message.
         */
        void send(MessageType type, byte[] payload);

        /**
         * Is a connection up, its subscriptions restored (engine thread)? A subscription made then goes at once.
         *
         * @return true between a connection's restore and its end.
         */
        boolean isLive();
    }

    private final WebSocketEngine engine;
    private final Sender sender;
    private ArrayList<Entry> entries; // engine thread; created by the first subscription

    SubscriptionRegistry(final WebSocketEngine engine, final Sender sender)
    {
        this.engine = engine;
        this.sender = sender;
    }

    /**
     * Add a subscription: sent now when connected, and again after every reconnect (any thread).
     *
     * @param type    frame type.
     * @param payload the encoded message (owned by the registry).
     * @return the subscription.
     */
    Subscription add(final MessageType type, final byte[] payload)
    {
        final Entry entry = new Entry(type, payload);
        onEngineThread(() -> register(entry), entry);
        return entry;
    }

    /**
     * A connection opened: send every active subscription (engine thread).
     */
    void restore()
    {
        for (int i = 0, size = null == entries ? 0 : entries.size(); i < size; i++)
        {
            final Entry entry = entries.get(i);
            sender.send(entry.type, entry.payload);
        }
    }

    /**
     * Subscriptions kept (engine thread).
     *
     * @return the count.
     */
    int size()
    {
        return null == entries ? 0 : entries.size();
    }

    private void unregister(final Entry entry)
    {
        if (null != entries) // null when it was cancelled before it was registered
        {
            entries.remove(entry);
        }
    }

    private void register(final Entry entry)
    {
        if (!entry.active)
        {
            return; // cancelled before it got here
        }
        if (null == entries)
        {
            entries = new ArrayList<>();
        }
        entries.add(entry);
        if (sender.isLive())
        {
            sender.send(entry.type, entry.payload);
        }
    }

    private void onEngineThread(final Runnable task, final Entry entry)
    {
        if (engine.isEngineThread())
        {
            task.run();
            return;
        }
        try
        {
            engine.execute(task);
        }
        catch (final EngineClosedException ex)
        {
            entry.active = false; // no connection will ever be restored
        }
    }

    /**
     * A subscription message kept for restoring.
     */
    private final class Entry implements Subscription
    {
        private final MessageType type;
        private final byte[] payload;
        private volatile boolean active = true;

        Entry(final MessageType type, final byte[] payload)
        {
            this.type = type;
            this.payload = payload;
        }

        @Override
        public boolean cancel()
        {
            if (!active)
            {
                return false;
            }
            active = false;
            onEngineThread(() -> unregister(this), this);
            return true;
        }

        @Override
        public boolean isActive()
        {
            return active;
        }

        @Override
        public String toString()
        {
            final int shown = Math.min(payload.length, 60);
            final String preview = MessageType.TEXT == type ?
                new String(payload, 0, shown, StandardCharsets.UTF_8) : payload.length + " bytes";
            return "Subscription{" + type.name().toLowerCase() + " " + preview +
                (shown < payload.length && MessageType.TEXT == type ? "..." : "") + ", " +
                (active ? "active" : "cancelled") + "}";
        }
    }
}
