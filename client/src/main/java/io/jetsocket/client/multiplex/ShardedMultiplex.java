/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.ClientConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Channels spread over as many connections as a venue's cap of streams per connection requires (Binance: 1,024,
 * Bitfinex: 50), built by {@link Multiplex.Builder#buildSharded}. Each connection is a {@link Multiplex}, a shard:
 * <pre>{@code
 * ShardedMultiplex<Object> mux = Multiplex.builder(WebSocket.builder("wss://stream.binance.com:9443/stream"))
 *     .channelKey("stream")
 *     .subscribeMessage(channel -> Map.of("method", "SUBSCRIBE", "params", List.of(channel), "id", 1))
 *     .buildSharded(1024);
 * mux.connect().join();
 * for (String symbol : symbols) { mux.subscribe(symbol + "@trade"); } // 3,000 symbols: 3 connections
 * }</pre>
 * <h2>Placement</h2>
 * {@link #subscribe} puts a new channel on the first shard with room, in the order the shards were opened; when
 * every shard is full it opens a new one (a new client of the same options, on the same engine), connected at once
 * if {@link #connect()} was called. A channel stays on its shard until unsubscribed. Unsubscribing frees its slot
 * for the next new channel. A shard left empty is kept open, not closed: a venue's channel set often shrinks and
 * grows again, and every new connection spends its connection-attempt budget; {@link #close()} closes them all.
 * <h2>Reconnects</h2>
 * Each shard reconnects and resubscribes its own channels (see {@link Multiplex}): the drop of one connection
 * affects only the channels on it, the other shards keep delivering.
 * <h2>Threads</h2>
 * All methods are thread safe; handlers run as in {@link Multiplex}, on the engine thread all shards share.
 *
 * @param <T> type of the messages.
 */
public final class ShardedMultiplex<T> implements AutoCloseable
{
    private final MultiplexSettings<T> shardSettings; // a copy of the builder's, for every shard
    private final ClientConfig<T> clientConfig;
    private final int maxChannelsPerConnection;
    private final Object lock = new Object();
    private final List<Multiplex<T>> shards = new ArrayList<>(); // lock; in opening order
    private final List<CompletableFuture<Void>> connects = new ArrayList<>(); // lock; one per shard once connecting
    private boolean connecting; // lock
    private boolean closed; // lock

    ShardedMultiplex(
        final MultiplexSettings<T> shardSettings,
        final ClientConfig<T> clientConfig,
        final int maxChannelsPerConnection)
    {
        this.shardSettings = shardSettings;
        this.clientConfig = clientConfig;
        this.maxChannelsPerConnection = maxChannelsPerConnection;
        // The first shard, as a Multiplex has.
        shards.add(new Multiplex<>(shardSettings, WebSocket.create(clientConfig)));
    }

    /**
     * Connect every shard opened so far; shards opened later connect when opened. Channels may be subscribed
     * before: their subscribe messages go out when their shard's connection opens.
     *
     * @return the future of the first connection of every shard opened so far (failing as the first that fails,
     * see {@link WebSocket#connect()}); calling again returns the same for the shards open then; failed with an
     * {@link IllegalStateException} once closed.
     */
    public CompletableFuture<Void> connect()
    {
        synchronized (lock)
        {
            if (closed)
            {
                return CompletableFuture.failedFuture(new IllegalStateException("connect: " + this + " is closed"));
            }
            if (!connecting)
            {
                connecting = true;
                for (final Multiplex<T> shard : shards)
                {
                    connects.add(shard.connect());
                }
            }
            return CompletableFuture.allOf(connects.toArray(new CompletableFuture<?>[0]));
        }
    }

    /**
     * The cap of channels per connection.
     *
     * @return channels per shard at most.
     */
    public int maxChannelsPerConnection()
    {
        return maxChannelsPerConnection;
    }

    /**
     * The shards, in opening order: for their clients' events and statistics (do not subscribe on them directly:
     * that bypasses the cap).
     *
     * @return a snapshot of the shards.
     */
    public List<Multiplex<T>> shards()
    {
        synchronized (lock)
        {
            return List.copyOf(shards);
        }
    }

    /**
     * Subscribe to a channel with a bounded queue (see {@link Multiplex#subscribe(String)}), on the first shard
     * with room, opening a new shard if all are full. Subscribing again returns the same subscription and sends
     * nothing.
     *
     * @param channel the channel.
     * @return its subscription.
     * @throws ChannelClosedException if closed.
     * @throws IllegalStateException  if the channel is subscribed with a handler.
     */
    public ChannelSubscription<T> subscribe(final String channel)
    {
        return subscribe(channel, null, null);
    }

    /**
     * Subscribe to a channel with a handler of its decoded messages (see {@link Multiplex#subscribe(String,
     * Consumer)}), placed as {@link #subscribe(String)} places it.
     *
     * @param channel the channel.
     * @param handler gets each message (engine thread, must not block).
     * @return its subscription.
     * @throws ChannelClosedException if closed.
     * @throws IllegalStateException  if the channel is subscribed otherwise.
     */
    public ChannelSubscription<T> subscribe(final String channel, final Consumer<? super T> handler)
    {
        return subscribe(channel, Objects.requireNonNull(handler, "handler"), null);
    }

    /**
     * Subscribe to a channel with a zero-copy handler (see {@link Multiplex#subscribeRaw}), placed as
     * {@link #subscribe(String)} places it.
     *
     * @param channel the channel.
     * @param handler gets each message's bytes (engine thread; valid only during the call).
     * @return its subscription.
     * @throws ChannelClosedException if closed.
     * @throws IllegalStateException  if the channel is subscribed otherwise.
     */
    public ChannelSubscription<T> subscribeRaw(final String channel, final RawMessageHandler handler)
    {
        return subscribe(channel, null, Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Unsubscribe a channel from its shard (see {@link Multiplex#unsubscribe}), freeing its slot. Closing the
     * subscription itself does the same.
     *
     * @param channel the channel.
     * @return false if it was not subscribed.
     */
    public boolean unsubscribe(final String channel)
    {
        final Multiplex<T> shard = shardOf(channel);
        return null != shard && shard.unsubscribe(channel);
    }

    /**
     * The active subscription of a channel.
     *
     * @param channel the channel.
     * @return it, or null.
     */
    public ChannelSubscription<T> subscription(final String channel)
    {
        final Multiplex<T> shard = shardOf(channel);
        return null == shard ? null : shard.subscription(channel);
    }

    /**
     * The shard carrying a channel.
     *
     * @param channel the channel.
     * @return its shard, or null if the channel is not subscribed.
     */
    public Multiplex<T> shardOf(final String channel)
    {
        Objects.requireNonNull(channel, "channel");
        synchronized (lock)
        {
            for (final Multiplex<T> shard : shards)
            {
                if (null != shard.subscription(channel))
                {
                    return shard;
                }
            }
            return null;
        }
    }

    /**
     * The active channels.
     *
     * @return their names: shard by shard in opening order, each shard's in subscription order.
     */
    public List<String> channels()
    {
        final List<String> channels = new ArrayList<>();
        for (final Multiplex<T> shard : shards())
        {
            channels.addAll(shard.channels());
        }
        return channels;
    }

    /**
     * A snapshot of the counters: totals and each shard's.
     *
     * @return the statistics.
     */
    public ShardedMultiplexStats stats()
    {
        final List<MultiplexStats> perShard = new ArrayList<>();
        for (final Multiplex<T> shard : shards())
        {
            perShard.add(shard.stats());
        }
        return ShardedMultiplexStats.of(perShard);
    }

    /**
     * Has {@link #close()} been called?
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        synchronized (lock)
        {
            return closed;
        }
    }

    /**
     * Close every shard (see {@link Multiplex#close()}): every subscription ends, every connection is closed.
     * Idempotent.
     */
    @Override
    public void close()
    {
        final List<Multiplex<T>> closing;
        synchronized (lock)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            closing = List.copyOf(shards);
        }
        for (final Multiplex<T> shard : closing) // outside the lock: each waits for its client's close
        {
            shard.close();
        }
    }

    @Override
    public String toString()
    {
        return "ShardedMultiplex{uri=" + clientConfig.uri() + ", shards=" + shards().size() + ", maxChannels=" +
            maxChannelsPerConnection + "}";
    }

    private ChannelSubscription<T> subscribe(
        final String channel, final Consumer<? super T> handler, final RawMessageHandler rawHandler)
    {
        Objects.requireNonNull(channel, "channel");
        synchronized (lock) // only this lock adds channels to the shards: no shard ever exceeds the cap
        {
            if (closed)
            {
                throw new ChannelClosedException("subscribe", channel, "the sharded multiplexer is closed");
            }
            Multiplex<T> target = shardOf(channel); // a repeat subscribe goes to the channel's own shard
            if (null == target)
            {
                for (final Multiplex<T> shard : shards)
                {
                    if (shard.channelCount() < maxChannelsPerConnection)
                    {
                        target = shard;
                        break;
                    }
                }
            }
            if (null == target)
            {
                target = openShard();
            }
            if (null != handler)
            {
                return target.subscribe(channel, handler);
            }
            return null != rawHandler ? target.subscribeRaw(channel, rawHandler) : target.subscribe(channel);
        }
    }

    /**
     * Open a shard (under the lock), connecting it if the multiplexer is connecting.
     */
    private Multiplex<T> openShard()
    {
        final Multiplex<T> shard = new Multiplex<>(shardSettings, WebSocket.create(clientConfig));
        shards.add(shard);
        if (connecting)
        {
            // Its failures show in its client's events and state; its channels stay subscribed, sent when (if)
            // it connects: the same as the first shard's channels before it connects.
            connects.add(shard.connect());
        }
        return shard;
    }
}
