/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.UnsafeAccessCheck;
import io.jetsocket.engine.WebSocketEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    private volatile WebSocket<T> client; // the newest connection's client; replaced by a rotation
    private final WebSocketEngine engine;
    private final ChannelRouter<T> router;
    private final Function<String, ? extends T> subscribeMessage;
    private final Function<String, ? extends T> unsubscribeMessage;
    private final int queueSize;
    private final OverflowPolicy overflowPolicy;
    private final Object lock = new Object();
    private final LinkedHashMap<String, ChannelSubscription<T>> subscriptions = new LinkedHashMap<>(); // lock
    private boolean closed; // lock
    private int generation; // lock: the newest client's, one more per rotation
    private WebSocket<T> retiring; // lock: the old client while a rotation overlaps
    private CompletableFuture<Void> rotation; // lock: the rotation in progress
    private final Duration rotateEvery;
    private long rotateTimerId = -1; // engine thread
    /** The per-channel no-data watchdog (timers only for channels with a timeout). */
    private final ChannelWatchdog<T> watchdog;
    private boolean watchingConnections; // lock: the clients tell the watchdog when they connect

    private Multiplex(final Builder<T> builder, final WebSocket<T> client)
    {
        this.client = client;
        this.engine = client.engine();
        this.subscribeMessage = builder.subscribeMessage;
        this.unsubscribeMessage = builder.unsubscribeMessage;
        this.queueSize = builder.queueSize;
        this.overflowPolicy = builder.overflowPolicy;
        this.router = new ChannelRouter<>(engine, client.config().codec(), builder.rawExtractor, builder.extractor,
            builder.unroutable, builder.listener, builder.sequenceExtractor);
        this.rotateEvery = builder.rotateEvery;
        this.watchdog = new ChannelWatchdog<>(engine,
            null == builder.channelNoDataTimeout ? 0 : builder.channelNoDataTimeout.toNanos(),
            builder.channelResubscribes, new WatchdogHost(), builder.listener);
        client.onRawMessage(router.tap(0));
        if (null != builder.channelNoDataTimeout)
        {
            synchronized (lock)
            {
                watchConnections(client);
            }
        }
    }

    /**
     * Tell the watchdog when a client's connection opens (a silence before is not the channels'); under the lock.
     */
    private void watchConnections(final WebSocket<T> webSocket)
    {
        watchingConnections = true;
        webSocket.on(io.jetsocket.client.event.EventType.CONNECTED, (event) -> onEngineThread(watchdog::onConnected));
    }

    /**
     * A channel's own no-data timeout (any thread).
     */
    void retime(final ChannelSubscription<T> subscription, final long timeoutNs)
    {
        synchronized (lock)
        {
            if (timeoutNs > 0 && !watchingConnections)
            {
                watchConnections(client); // the first channel watched: the connected time counts from the next
                if (client.isConnected())
                {
                    onEngineThread(watchdog::onConnected); // open already: from now, at the latest
                }
            }
        }
        onEngineThread(() -> watchdog.retime(subscription, timeoutNs));
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
        return new Builder<>(Objects.requireNonNull(client, "client"), null);
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
        return new Builder<>(null, Objects.requireNonNull(client, "client"));
    }

    /**
     * Connect the client (see {@link WebSocket#connect()}). Channels may be subscribed before: their subscribe
     * messages go out when the connection opens.
     *
     * @return the future of the first connection.
     */
    public CompletableFuture<Void> connect()
    {
        final CompletableFuture<Void> connected = client.connect();
        if (null != rotateEvery)
        {
            onEngineThread(this::armRotateTimer);
        }
        return connected;
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
        final WebSocket<T> old;
        final WebSocket<T> fresh;
        final CompletableFuture<Void> done;
        final List<ChannelSubscription<T>> active;
        final int next;
        synchronized (lock)
        {
            if (closed)
            {
                throw new ChannelClosedException("rotate", "*", "the multiplexer is closed");
            }
            if (null != rotation)
            {
                return rotation;
            }
            old = client;
            next = ++generation;
            fresh = WebSocket.create(old.config());
            fresh.onRawMessage(router.tap(next));
            if (watchingConnections)
            {
                watchConnections(fresh);
            }
            active = new ArrayList<>(subscriptions.values());
            done = new CompletableFuture<>();
            rotation = done;
            retiring = old;
            client = fresh;
            // The router learns of the new generation through the engine's ordered task channel, ahead of the
            // new connection's first message.
            onEngineThread(() -> router.beginRotation(next, active, () -> finishRotation(old, done)));
            old.on(io.jetsocket.client.event.EventType.DISCONNECTED, (event) ->
                onEngineThread(() -> finishRotation(old, done)));
            for (final ChannelSubscription<T> subscription : active)
            {
                if (null != subscribeMessage)
                {
                    subscription.restore(fresh.subscribe(subscribeMessage.apply(subscription.channel())));
                }
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
     * The client underneath: for events, statistics and sends; do not read its messages.
     *
     * @return the client.
     */
    public WebSocket<T> webSocket()
    {
        return client;
    }

    /**
     * The server's URI.
     *
     * @return the client's URI.
     */
    public String uri()
    {
        return client.uri();
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
        return subscribe(channel, null, null);
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
        return subscribe(channel, Objects.requireNonNull(handler, "handler"), null);
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
        return subscribe(channel, null, Objects.requireNonNull(handler, "handler"));
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
        final ChannelSubscription<T> subscription;
        synchronized (lock)
        {
            subscription = subscriptions.get(channel);
        }
        return null != subscription && unsubscribe(subscription);
    }

    /**
     * The active subscription of a channel.
     *
     * @param channel the channel.
     * @return it, or null.
     */
    public ChannelSubscription<T> subscription(final String channel)
    {
        synchronized (lock)
        {
            return subscriptions.get(channel);
        }
    }

    /**
     * The active channels.
     *
     * @return their names, in subscription order.
     */
    public List<String> channels()
    {
        synchronized (lock)
        {
            return List.copyOf(subscriptions.keySet());
        }
    }

    /**
     * A snapshot of the counters.
     *
     * @return the statistics.
     */
    public MultiplexStats stats()
    {
        final List<SubscriptionStats> perChannel = new ArrayList<>();
        synchronized (lock)
        {
            for (final ChannelSubscription<T> subscription : subscriptions.values())
            {
                perChannel.add(subscription.stats());
            }
        }
        return new MultiplexStats(router.routed(), router.unroutable(), router.drops(), perChannel);
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
     * Close: every subscription ends (readers take what is queued, then get a {@link ChannelClosedException}),
     * and the client is closed (waiting for it as {@link WebSocket#close()} does, except on the engine thread).
     * No unsubscribe messages are sent. Idempotent.
     */
    @Override
    public void close()
    {
        final List<ChannelSubscription<T>> ended;
        synchronized (lock)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            ended = new ArrayList<>(subscriptions.values());
            if (null != retiring)
            {
                retiring.closeAsync();
            }
            subscriptions.clear();
            for (final ChannelSubscription<T> subscription : ended)
            {
                end(subscription, "the multiplexer is closed");
            }
        }
        client.close();
    }

    @Override
    public String toString()
    {
        return "Multiplex{uri=" + client.uri() + ", channels=" + channels().size() + "}";
    }

    /**
     * The number of active channels, for a sharded multiplexer's placement (no copy).
     */
    int channelCount()
    {
        synchronized (lock)
        {
            return subscriptions.size();
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
            if (engine.isEngineThread())
            {
                router.endOverlap(rotated);
            }
            else
            {
                try
                {
                    engine.execute(() -> router.endOverlap(rotated));
                }
                catch (final EngineClosedException ignore)
                {
                    // the engine is gone: nothing delivers any more
                }
            }
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
            if (!isClosed())
            {
                rotate();
            }
        });
    }

    boolean isEngineThread()
    {
        return engine.isEngineThread();
    }

    /**
     * An engine-clock time (nanoseconds) as epoch milliseconds of the client's epoch clock.
     */
    long toEpochMs(final long engineNs)
    {
        return client.config().epochClock().time() - (engine.nowNs() - engineNs) / 1_000_000L;
    }

    boolean unsubscribe(final ChannelSubscription<T> subscription)
    {
        final T message;
        synchronized (lock)
        {
            if (subscriptions.get(subscription.channel()) != subscription)
            {
                return false; // unsubscribed already, or the multiplexer closed
            }
            subscriptions.remove(subscription.channel());
            end(subscription, "unsubscribed");
            message = null == unsubscribeMessage ? null : unsubscribeMessage.apply(subscription.channel());
            if (null != message)
            {
                client.send(message); // not connected: nothing to unsubscribe from on the server
            }
        }
        return true;
    }

    private ChannelSubscription<T> subscribe(
        final String channel, final Consumer<? super T> handler, final RawMessageHandler rawHandler)
    {
        Objects.requireNonNull(channel, "channel");
        synchronized (lock)
        {
            if (closed)
            {
                throw new ChannelClosedException("subscribe", channel, "the multiplexer is closed");
            }
            final ChannelSubscription<T> existing = subscriptions.get(channel);
            final Object listener = null != handler ? handler : rawHandler;
            if (null != existing)
            {
                if (!existing.sameListener(listener))
                {
                    throw new IllegalStateException("channel '" + channel + "' is already subscribed with " +
                        "another handler (or queue): unsubscribe it first");
                }
                return existing;
            }
            final ChannelQueue<T> queue = null == listener ? new ChannelQueue<>(queueSize, overflowPolicy) : null;
            final ChannelSubscription<T> subscription =
                new ChannelSubscription<>(this, channel, handler, rawHandler, queue);
            // The route goes first through the engine's ordered command channel: the server's first answer to the
            // subscribe message below always finds it.
            onEngineThread(() ->
            {
                router.add(subscription);
                watchdog.watch(subscription);
            });
            subscriptions.put(channel, subscription);
            if (null != subscribeMessage)
            {
                subscription.restore(client.subscribe(subscribeMessage.apply(channel)));
            }
            return subscription;
        }
    }

    /**
     * End a subscription (under the lock): no more deliveries, no more restores, its route removed.
     */
    private void end(final ChannelSubscription<T> subscription, final String why)
    {
        subscription.deactivate(why);
        if (null != subscription.restore())
        {
            subscription.restore().cancel();
        }
        try
        {
            onEngineThread(() ->
            {
                router.remove(subscription);
                watchdog.unwatch(subscription);
            });
        }
        catch (final EngineClosedException ignore)
        {
            // the engine is gone: nothing routes any more
        }
    }

    /**
     * What the per-channel watchdog does to this multiplexer (engine thread).
     */
    private final class WatchdogHost implements ChannelWatchdog.Host<T>
    {
        @Override
        public boolean isConnected()
        {
            return client.isConnected();
        }

        @Override
        public void resubscribe(final ChannelSubscription<T> subscription)
        {
            final String channel = subscription.channel();
            if (null != unsubscribeMessage)
            {
                client.send(unsubscribeMessage.apply(channel));
            }
            if (null != subscribeMessage)
            {
                client.send(subscribeMessage.apply(channel));
            }
        }

        @Override
        public void reconnect(final String reason)
        {
            client.reconnect(reason.length() > 60 ? "a channel stayed silent" : reason); // a close reason is short
        }
    }

    private void onEngineThread(final Runnable task)
    {
        if (engine.isEngineThread())
        {
            task.run();
        }
        else
        {
            engine.execute(task);
        }
    }

    /**
     * Builds a {@link Multiplex}. A channel extractor is required: {@link #channelKey}, {@link #channelExtractor}
     * or {@link #rawChannelExtractor}.
     *
     * @param <T> type of the messages.
     */
    public static final class Builder<T>
    {
        private final ClientConfig.Builder<T> clientBuilder;
        private volatile WebSocket<T> client; // the newest connection's client; replaced by a rotation
        private RawChannelExtractor rawExtractor;
        private Function<? super T, String> extractor;
        private Function<String, ? extends T> subscribeMessage;
        private Function<String, ? extends T> unsubscribeMessage;
        private int queueSize = QUEUE_SIZE_DEFAULT;
        private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_OLDEST;
        private Consumer<? super T> unroutable;
        private Consumer<MultiplexEvent> listener;
        private Function<? super T, Long> sequenceExtractor;
        private Duration rotateEvery;
        private Duration channelNoDataTimeout;
        private int channelResubscribes = CHANNEL_RESUBSCRIBES_DEFAULT;

        private Builder(final ClientConfig.Builder<T> clientBuilder, final WebSocket<T> client)
        {
            this.clientBuilder = clientBuilder;
            this.client = client;
        }

        private Builder(final Builder<T> other)
        {
            this.clientBuilder = other.clientBuilder;
            this.client = other.client;
            this.rawExtractor = other.rawExtractor;
            this.extractor = other.extractor;
            this.subscribeMessage = other.subscribeMessage;
            this.unsubscribeMessage = other.unsubscribeMessage;
            this.queueSize = other.queueSize;
            this.overflowPolicy = other.overflowPolicy;
            this.unroutable = other.unroutable;
            this.listener = other.listener;
            this.sequenceExtractor = other.sequenceExtractor;
            this.rotateEvery = other.rotateEvery;
            this.channelNoDataTimeout = other.channelNoDataTimeout;
            this.channelResubscribes = other.channelResubscribes;
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
            if (timeout.isNegative() || timeout.isZero())
            {
                throw new IllegalArgumentException("channelNoDataTimeout must be positive: " + timeout);
            }
            if (resubscribes < 0)
            {
                throw new IllegalArgumentException("resubscribes must be >= 0: " + resubscribes);
            }
            this.channelNoDataTimeout = timeout;
            this.channelResubscribes = resubscribes;
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
            this.sequenceExtractor = Objects.requireNonNull(extractor, "extractor");
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
            if (period.isNegative() || period.isZero())
            {
                throw new IllegalArgumentException("rotateEvery must be positive: " + period);
            }
            this.rotateEvery = period;
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
            this.rawExtractor = RawChannelExtractor.jsonKey(key);
            this.extractor = (message) -> message instanceof Map<?, ?> map && map.get(key) instanceof String s ?
                s : null;
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
            this.extractor = Objects.requireNonNull(extractor, "extractor");
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
            this.rawExtractor = Objects.requireNonNull(extractor, "extractor");
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
            this.subscribeMessage = builder;
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
            this.unsubscribeMessage = builder;
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
            if (size < 0)
            {
                throw new IllegalArgumentException("queueSize must be >= 0 (0: unbounded): " + size);
            }
            this.queueSize = size;
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
            if (OverflowPolicy.ERROR == policy)
            {
                throw new IllegalArgumentException("a subscription queue cannot refuse a message to its sender " +
                    "(the server): use drop_oldest or drop_newest");
            }
            this.overflowPolicy = Objects.requireNonNull(policy, "policy");
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
            this.unroutable = handler;
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
            this.listener = listener;
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
            checkExtractor();
            return new Multiplex<>(this, null != client ? client : clientBuilder.build());
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
            if (maxChannelsPerConnection < 1)
            {
                throw new IllegalArgumentException("maxChannelsPerConnection must be >= 1: " +
                    maxChannelsPerConnection);
            }
            if (null == clientBuilder)
            {
                throw new IllegalStateException("a sharded multiplexer opens connections of its own: build it " +
                    "from client options (Multiplex.builder(WebSocket.builder(uri))), not from a client");
            }
            checkExtractor();
            UnsafeAccessCheck.require(); // before the configuration initialises any Agrona class, as build() does
            return new ShardedMultiplex<>(new Builder<>(this), clientBuilder.buildConfig(), maxChannelsPerConnection);
        }

        /**
         * A shard: a multiplexer over a new client (sharded multiplexer only).
         */
        Multiplex<T> buildShard(final WebSocket<T> shardClient)
        {
            return new Multiplex<>(this, shardClient);
        }

        private void checkExtractor()
        {
            if (null == rawExtractor && null == extractor)
            {
                throw new IllegalArgumentException("a channel extractor is required: channelKey, channelExtractor " +
                    "or rawChannelExtractor");
            }
        }
    }
}
