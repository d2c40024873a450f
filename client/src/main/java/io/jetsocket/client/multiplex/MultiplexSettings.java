/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.config.OverflowPolicy;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a {@link Multiplex.Builder} has been told, and the checks of each setting: the builder keeps the public
 * setters and their documentation, this holds the values. A multiplexer reads them once, when built; a sharded
 * multiplexer keeps a copy of its own for the shards it opens later.
 *
 * @param <T> type of the messages.
 */
final class MultiplexSettings<T>
{
    /** The client's options; null when built over a given client. */
    final ClientConfig.Builder<T> clientBuilder;
    /** The given client; null when built from options. */
    final WebSocket<T> client;
    RawChannelExtractor rawExtractor;
    Function<? super T, String> extractor;
    Function<String, ? extends T> subscribeMessage;
    Function<String, ? extends T> unsubscribeMessage;
    int queueSize = Multiplex.QUEUE_SIZE_DEFAULT;
    OverflowPolicy overflowPolicy = OverflowPolicy.DROP_OLDEST;
    Consumer<? super T> unroutable;
    Consumer<MultiplexEvent> listener;
    Function<? super T, Long> sequenceExtractor;
    Duration rotateEvery;
    /** Null: no channel is watched unless it has a timeout of its own. */
    Duration channelNoDataTimeout;
    int channelResubscribes = Multiplex.CHANNEL_RESUBSCRIBES_DEFAULT;

    MultiplexSettings(final ClientConfig.Builder<T> clientBuilder, final WebSocket<T> client)
    {
        this.clientBuilder = clientBuilder;
        this.client = client;
    }

    /**
     * A copy: later changes to the builder do not reach a sharded multiplexer built from it.
     */
    MultiplexSettings<T> copy()
    {
        final MultiplexSettings<T> copy = new MultiplexSettings<>(clientBuilder, client);
        copy.rawExtractor = rawExtractor;
        copy.extractor = extractor;
        copy.subscribeMessage = subscribeMessage;
        copy.unsubscribeMessage = unsubscribeMessage;
        copy.queueSize = queueSize;
        copy.overflowPolicy = overflowPolicy;
        copy.unroutable = unroutable;
        copy.listener = listener;
        copy.sequenceExtractor = sequenceExtractor;
        copy.rotateEvery = rotateEvery;
        copy.channelNoDataTimeout = channelNoDataTimeout;
        copy.channelResubscribes = channelResubscribes;
        return copy;
    }

    void channelNoDataTimeout(final Duration timeout, final int resubscribes)
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
    }

    /**
     * The client a multiplexer is built over: the given one, or a new one of the options.
     */
    WebSocket<T> clientOrBuild()
    {
        return null != client ? client : clientBuilder.build();
    }

    /**
     * The default timeout of the per-channel watchdog.
     *
     * @return nanoseconds; 0 when only channels with a timeout of their own are watched.
     */
    long channelNoDataTimeoutNs()
    {
        return null == channelNoDataTimeout ? 0 : channelNoDataTimeout.toNanos();
    }

    void rotateEvery(final Duration period)
    {
        if (period.isNegative() || period.isZero())
        {
            throw new IllegalArgumentException("rotateEvery must be positive: " + period);
        }
        this.rotateEvery = period;
    }

    void channelKey(final String key)
    {
        this.rawExtractor = RawChannelExtractor.jsonKey(key);
        this.extractor = (message) -> message instanceof Map<?, ?> map && map.get(key) instanceof String s ? s : null;
    }

    void queueSize(final int size)
    {
        if (size < 0)
        {
            throw new IllegalArgumentException("queueSize must be >= 0 (0: unbounded): " + size);
        }
        this.queueSize = size;
    }

    void overflowPolicy(final OverflowPolicy policy)
    {
        if (OverflowPolicy.ERROR == policy)
        {
            throw new IllegalArgumentException("a subscription queue cannot refuse a message to its sender " +
                "(the server): use drop_oldest or drop_newest");
        }
        this.overflowPolicy = Objects.requireNonNull(policy, "policy");
    }

    void checkExtractor()
    {
        if (null == rawExtractor && null == extractor)
        {
            throw new IllegalArgumentException("a channel extractor is required: channelKey, channelExtractor " +
                "or rawChannelExtractor");
        }
    }

    void checkShardable(final int maxChannelsPerConnection)
    {
        if (maxChannelsPerConnection < 1)
        {
            throw new IllegalArgumentException("maxChannelsPerConnection must be >= 1: " + maxChannelsPerConnection);
        }
        if (null == clientBuilder)
        {
            throw new IllegalStateException("a sharded multiplexer opens connections of its own: build it " +
                "from client options (Multiplex.builder(WebSocket.builder(uri))), not from a client");
        }
        checkExtractor();
    }
}
