/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.engine.UnsafeAccessCheck;
import io.jetsocket.engine.WebSocketEngine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Many logical channels over one {@link WebSocket}, which the multiplexer owns: every incoming message is routed by
 * its channel to that channel's {@link ChannelSubscription}.
 * <pre>{@code
 * Multiplex<Object> mux = Multiplex.builder(WebSocket.builder("wss://stream.binance.com:9443/stream"))
 *     .channelKey("stream")
 *     .subscribeMessage(channel -> Map.of("method", "SUBSCRIBE", "params", List.of(channel), "id", 1))
 *     .build();
 * mux.connect().join();
 * ChannelSubscription<Object> trades = mux.subscribe("btcusdt@trade");
 * Object trade = trades.recv(Duration.ofSeconds(5));
 * }</pre>
 * <h2>Routing</h2>
 * The multiplexer is its client's raw-message handler: it routes on the engine thread, one table lookup per
 * message. A {@link RawChannelExtractor} (e.g. {@link Builder#channelKey}) finds the channel in the message's bytes;
 * a channel extractor ({@link Builder#channelExtractor}) finds it in the decoded message. A message is decoded at
 * most once, and only when the channel or the subscription needs it: a raw subscriber
 * ({@link #subscribeRaw}) gets the engine's buffer, zero-copy. Messages without a channel, or whose channel has no
 * active subscription, are counted as unroutable (and handed to {@link Builder#unroutable} if set). Matching is
 * exact: no wildcards, one subscription per channel. The application must not read the client's messages itself
 * ({@code recv()}, iteration); its events, statistics and sends are fine.
 * <h2>Reconnects</h2>
 * Each channel's subscribe message is a subscription of the client ({@link WebSocket#subscribe}): on every new
 * connection the client sends the subscribe messages of all active channels, in subscription order, before the
 * send buffer drains and before anything the application sends from another thread after the reconnect, or from a
 * {@code reconnected} handler (a send from a {@code connected} handler running on the engine thread goes out ahead
 * of them: that event fires first). Routes do not change across reconnects, so each channel resumes as soon as the
 * server answers.
 * <h2>Rotation</h2>
 * {@link #rotate()} (or {@link Builder#rotateEvery}, on the engine's timers) replaces the connection make-before-break,
 * before a venue's connection-lifetime limit cuts it: with a {@link Builder#sequenceExtractor}, with no gap, no
 * duplicate and no reorder.
 * <h2>Threads</h2>
 * All methods are thread safe. Handlers given to {@link #subscribe(String, Consumer)} and {@link #subscribeRaw}
 * and the {@link Builder#listener} run on the engine thread (even with a handler executor) and must not block;
 * read with {@link ChannelSubscription#recv} on other threads for slow work.
 *
 * @param <T> type of the messages.
 */
public final class Multiplex<T> implements AutoCloseable
{
    /** The default bound of a subscription's queue. */
    public static final int QUEUE_SIZE_DEFAULT = 1000;
    /** Resubscribes of a silent channel before its connection is replaced, unless the builder says otherwise. */
    public static final int CHANNEL_RESUBSCRIBES_DEFAULT = 1;

    // The parts, each with one job: the routing on the engine thread, the current client, the channels and the
    // rotation (the watchdog, the venue's messages and the hooks on each client are theirs).
    private final ChannelRouter<T> router;
    private final MultiplexConnection<T> connection;
    private final ChannelRegistry<T> registry;
    private final ConnectionRotation<T> rotation;

    /**
     * A multiplexer over a client, with the settings as they are now (later changes to them do not reach it).
     */
    Multiplex(final MultiplexSettings<T> settings, final WebSocket<T> client)
    {
        // One lock for the channels and the rotation: a rotation copies the channels and switches the client in
        // one step against a subscribe or a close.
        final Object lock = new Object();
        final WebSocketEngine engine = client.engine();
        final ChannelMessages<T> messages =
            new ChannelMessages<>(settings.subscribeMessage, settings.unsubscribeMessage);
        this.router = new ChannelRouter<>(engine, client.config().codec(), settings.rawExtractor, settings.extractor,
            settings.unroutable, settings.listener, settings.sequenceExtractor);
        this.connection = new MultiplexConnection<>(client, messages);
        final ChannelWatchdog<T> watchdog = new ChannelWatchdog<>(
            engine, settings.channelNoDataTimeoutNs(), settings.channelResubscribes, connection, settings.listener);
        final WatchedConnections<T> watched =
            new WatchedConnections<>(lock, connection, watchdog, null != settings.channelNoDataTimeout);
        this.registry = new ChannelRegistry<>(lock, connection, router, watchdog, watched, messages, settings);
        this.rotation = new ConnectionRotation<>(lock, connection, registry, router, watched, messages,
            settings.rotateEvery);
    }

    /**
     * Start building a multiplexer over a client built from these options.
     *
     * @param client the client's options (reconnect, heartbeat, replay... all apply to the shared connection).
     * @param <T>    type of the messages.
     * @return a builder.
     */
    public static <T> Builder<T> builder(final ClientConfig.Builder<T> client)
    {
        return new Builder<>(new MultiplexSettings<>(Objects.requireNonNull(client, "client"), null));
    }

    /**
     * Start building a multiplexer over a client, which it then owns (closes).
     *
     * @param client the client; nothing else may read its messages.
     * @param <T>    type of the messages.
     * @return a builder.
     */
    public static <T> Builder<T> builder(final WebSocket<T> client)
    {
        return new Builder<>(new MultiplexSettings<>(null, Objects.requireNonNull(client, "client")));
    }

    /**
     * Connect the client (see {@link WebSocket#connect()}). Channels may be subscribed before: their subscribe
     * messages go out when the connection opens.
     *
     * @return the future of the first connection.
     */
    public CompletableFuture<Void> connect()
    {
        return rotation.connect();
    }

    /**
     * Replace the connection without a gap (make before break): a second client of the same options connects and
     * subscribes every active channel, in subscription order; the old connection keeps delivering until each
     * channel has switched to the new one, then it is closed (normally, with a close frame). Channels subscribed
     * meanwhile go to the new connection only; {@link #webSocket()} is the new client from now on.
     * <p>
     * With a {@link Builder#sequenceExtractor} a channel switches once the old connection has delivered every
     * message the new one has shown: nothing is lost, repeated or reordered, provided the venue numbers each
     * channel's messages with ids that increase and continue across connections. Without one, both connections
     * deliver during the overlap and a channel switches on the new connection's first message of it: messages may
     * then appear twice; the old connection keeps delivering until it is closed, so what it had in flight when the
     * last channel switched is not lost.
     * <p>
     * If the old connection drops during the overlap, the rotation completes then (its channels are on the new one
     * already). A channel whose messages stop on the new connection keeps the rotation open.
     *
     * @return completes once the old connection is closed; the rotation in progress if there is one.
     * @throws ChannelClosedException if the multiplexer is closed.
     */
    public CompletableFuture<Void> rotate()
    {
        return rotation.rotate();
    }

    /**
     * The client underneath: for events, statistics and sends; do not read its messages.
     *
     * @return the client.
     */
    public WebSocket<T> webSocket()
    {
        return connection.client();
    }

    /**
     * The server's URI.
     *
     * @return the client's URI.
     */
    public String uri()
    {
        return connection.client().uri();
    }

    /**
     * Subscribe to a channel, with a bounded queue read by {@link ChannelSubscription#recv}. Its route is in place
     * before its subscribe message is sent, which is sent now if connected and again on every new connection.
     * Subscribing again returns the same subscription and sends nothing.
     *
     * @param channel the channel.
     * @return its subscription.
     * @throws ChannelClosedException  if the multiplexer is closed.
     * @throws IllegalStateException if the channel is subscribed with a handler.
     */
    public ChannelSubscription<T> subscribe(final String channel)
    {
        return registry.subscribe(channel, null, null);
    }

    /**
     * Subscribe to a channel with a handler of its decoded messages (engine thread, must not block), no queue.
     *
     * @param channel the channel.
     * @param handler gets each message.
     * @return its subscription (the same one, sending nothing, if subscribed with this handler already).
     * @throws ChannelClosedException  if the multiplexer is closed.
     * @throws IllegalStateException if the channel is subscribed otherwise.
     */
    public ChannelSubscription<T> subscribe(final String channel, final Consumer<? super T> handler)
    {
        return registry.subscribe(channel, Objects.requireNonNull(handler, "handler"), null);
    }

    /**
     * Subscribe to a channel with a zero-copy handler (engine thread; the buffer is valid only during the call).
     *
     * @param channel the channel.
     * @param handler gets each message's bytes.
     * @return its subscription (the same one, sending nothing, if subscribed with this handler already).
     * @throws ChannelClosedException  if the multiplexer is closed.
     * @throws IllegalStateException if the channel is subscribed otherwise.
     */
    public ChannelSubscription<T> subscribeRaw(final String channel, final RawMessageHandler handler)
    {
        return registry.subscribe(channel, null, Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Unsubscribe: delivery to the channel's subscription stops now (its readers take what is queued, then get a
     * {@link ChannelClosedException}), it is no longer sent again on reconnect, and the unsubscribe message is
     * sent if one is configured. Idempotent.
     *
     * @param channel the channel.
     * @return false if it was not subscribed.
     */
    public boolean unsubscribe(final String channel)
    {
        return registry.unsubscribe(channel);
    }

    /**
     * The active subscription of a channel.
     *
     * @param channel the channel.
     * @return it, or null.
     */
    public ChannelSubscription<T> subscription(final String channel)
    {
        return registry.subscription(channel);
    }

    /**
     * The active channels.
     *
     * @return their names, in subscription order.
     */
    public List<String> channels()
    {
        return registry.channels();
    }

    /**
     * A snapshot of the counters.
     *
     * @return the statistics.
     */
    public MultiplexStats stats()
    {
        final List<SubscriptionStats> perChannel = registry.stats(); // first: the totals read after cover them
        return new MultiplexStats(router.routed(), router.unroutable(), router.drops(), perChannel);
    }

    /**
     * Has {@link #close()} been called?
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return registry.isClosed();
    }

    /**
     * Close: every subscription ends (readers take what is queued, then get a {@link ChannelClosedException}),
     * and the client is closed (waiting for it as {@link WebSocket#close()} does, except on the engine thread).
     * No unsubscribe messages are sent. Idempotent.
     */
    @Override
    public void close()
    {
        if (!registry.close())
        {
            return;
        }
        rotation.closeRetiring();
        connection.client().close();
    }

    @Override
    public String toString()
    {
        return "Multiplex{uri=" + connection.client().uri() + ", channels=" + channels().size() + "}";
    }

    /**
     * The number of active channels, for a sharded multiplexer's placement (no copy).
     */
    int channelCount()
    {
        return registry.channelCount();
    }

    /**
     * Builds a {@link Multiplex}. A channel extractor is required: {@link #channelKey}, {@link #channelExtractor}
     * or {@link #rawChannelExtractor}.
     *
     * @param <T> type of the messages.
     */
    public static final class Builder<T>
    {
        private final MultiplexSettings<T> settings;

        private Builder(final MultiplexSettings<T> settings)
        {
            this.settings = settings;
        }

        /**
         * A no-data watchdog on every channel: a channel that receives no message for {@code timeout} (while the
         * connection is open; time it is down does not count, nor time before the channel's subscribe) is
         * subscribed again: its unsubscribe message, if there is one, then its subscribe message, and a
         * {@link MultiplexEvent.Type#SILENT} event. After {@code resubscribes} silent periods in a row, the next
         * one replaces the connection instead ({@link WebSocket#reconnect}: close 1000, connect again at once,
         * every channel subscribed again; a short gap for the other channels), with a
         * {@link MultiplexEvent.Type#SILENT_RECONNECT} event; then the count starts again. A message on the
         * channel resets the count. One engine timer per channel, expiring once per timeout period whatever the
         * message rate; each routed message only stores its time. A channel may have a timeout of its own, or
         * none: {@link ChannelSubscription#noDataTimeout}. For the connection as a whole, see
         * {@link ClientConfig.Builder#noDataTimeout}.
         *
         * @param timeout      the silence that counts as a dead channel; positive.
         * @param resubscribes resubscribes tried before the connection is replaced (default
         *                     {@value Multiplex#CHANNEL_RESUBSCRIBES_DEFAULT}); 0 replaces it at the first silence.
         * @return this builder.
         */
        public Builder<T> channelNoDataTimeout(final Duration timeout, final int resubscribes)
        {
            settings.channelNoDataTimeout(timeout, resubscribes);
            return this;
        }

        /**
         * The sequence id of a decoded message, for {@link Multiplex#rotate()}: during a rotation's overlap a
         * message whose id is not above the last delivered of its channel is dropped. The ids of each channel
         * must increase and continue across connections (e.g. a trade id). Every message is decoded when this is
         * set (engine thread, must not block).
         *
         * @param extractor message to its sequence id, or null when it has none (delivered from the channel's
         *                  current connection only).
         * @return this builder.
         */
        public Builder<T> sequenceExtractor(final Function<? super T, Long> extractor)
        {
            settings.sequenceExtractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * Rotate the connection ({@link Multiplex#rotate()}) this long after {@code connect()} and after each
         * rotation, e.g. a little under a venue's connection-lifetime limit (Binance: 24 h). The timer is one of
         * the engine's. Each shard of a sharded multiplexer rotates on its own timer.
         *
         * @param period the time between rotations.
         * @return this builder.
         */
        public Builder<T> rotateEvery(final Duration period)
        {
            settings.rotateEvery(period);
            return this;
        }

        /**
         * Route JSON objects on the string value of a top-level key, e.g. {@code "stream"}: found in the bytes
         * without decoding ({@link RawChannelExtractor#jsonKey}), or in the decoded {@link Map} when the value is
         * escaped.
         *
         * @param key the key.
         * @return this builder.
         */
        public Builder<T> channelKey(final String key)
        {
            settings.channelKey(key);
            return this;
        }

        /**
         * Route on the decoded message: every message is decoded, unless a raw extractor finds its channel first.
         *
         * @param extractor message to channel, or null when it has none (must not block: engine thread).
         * @return this builder.
         */
        public Builder<T> channelExtractor(final Function<? super T, String> extractor)
        {
            settings.extractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * Route on the message's bytes. With a channel extractor as well, that one answers
         * {@link RawChannelExtractor#DECODE}.
         *
         * @param extractor finds the channel in the bytes.
         * @return this builder.
         */
        public Builder<T> rawChannelExtractor(final RawChannelExtractor extractor)
        {
            settings.rawExtractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * The message that subscribes to a channel, sent by {@code subscribe} and on every new connection.
         *
         * @param builder channel to message (encoded by the client's codec).
         * @return this builder.
         */
        public Builder<T> subscribeMessage(final Function<String, ? extends T> builder)
        {
            settings.subscribeMessage = builder;
            return this;
        }

        /**
         * The message that unsubscribes from a channel, sent by {@code unsubscribe}.
         *
         * @param builder channel to message (encoded by the client's codec).
         * @return this builder.
         */
        public Builder<T> unsubscribeMessage(final Function<String, ? extends T> builder)
        {
            settings.unsubscribeMessage = builder;
            return this;
        }

        /**
         * The bound of each subscription's queue.
         *
         * @param size messages, default 1,000; 0 for unbounded.
         * @return this builder.
         */
        public Builder<T> queueSize(final int size)
        {
            settings.queueSize(size);
            return this;
        }

        /**
         * What a full subscription queue does with a new message; each drop is counted and reported as an
         * {@link MultiplexEvent.Type#OVERFLOW} event.
         *
         * @param policy {@link OverflowPolicy#DROP_OLDEST} (the default) or {@link OverflowPolicy#DROP_NEWEST}.
         * @return this builder.
         */
        public Builder<T> overflowPolicy(final OverflowPolicy policy)
        {
            settings.overflowPolicy(policy);
            return this;
        }

        /**
         * A handler of unroutable messages (engine thread), decoded; they are counted either way.
         *
         * @param handler gets each unroutable message.
         * @return this builder.
         */
        public Builder<T> unroutable(final Consumer<? super T> handler)
        {
            settings.unroutable = handler;
            return this;
        }

        /**
         * The listener of the multiplexer's own events (engine thread).
         *
         * @param listener gets each event.
         * @return this builder.
         */
        public Builder<T> listener(final Consumer<MultiplexEvent> listener)
        {
            settings.listener = listener;
            return this;
        }

        /**
         * Build the multiplexer (and its client, when built from options); not connected yet.
         *
         * @return the multiplexer.
         * @throws IllegalArgumentException without a channel extractor, or for a bad client option.
         */
        public Multiplex<T> build()
        {
            settings.checkExtractor();
            return new Multiplex<>(settings, settings.clientOrBuild());
        }

        /**
         * Build a sharded multiplexer: as many multiplexers (connections) as its channels need, each carrying at
         * most {@code maxChannelsPerConnection} channels, every one a client of the same options (hence the same
         * engine) and of this builder's settings, which are copied now. Not connected yet.
         *
         * @param maxChannelsPerConnection the venue's cap of streams per connection, e.g. 1,024 for Binance.
         * @return the sharded multiplexer.
         * @throws IllegalArgumentException without a channel extractor, for a cap below 1, or for a bad client
         *                                  option.
         * @throws IllegalStateException    if this builder was given a client instead of client options (one
         *                                  client cannot open more connections).
         */
        public ShardedMultiplex<T> buildSharded(final int maxChannelsPerConnection)
        {
            settings.checkShardable(maxChannelsPerConnection);
            UnsafeAccessCheck.require(); // before the configuration initialises any Agrona class, as build() does
            return new ShardedMultiplex<>(settings.copy(), settings.clientBuilder.buildConfig(),
                maxChannelsPerConnection);
        }
    }
}
