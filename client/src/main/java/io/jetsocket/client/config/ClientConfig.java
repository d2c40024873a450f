/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.client.codec.Codec;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The complete, validated configuration of a client, as built by {@code WebSocket.builder(uri)}: every option
 * with its default, listed below.
 *
 * @param uri                  the {@code ws://} or {@code wss://} URI.
 * @param reconnect            reconnect automatically after a retriable failure. Default true.
 * @param backoff              reconnection delays. Default {@link BackoffConfig#defaults()}.
 * @param maxConnectionAge     rotate a connection this old (close frame 1000, then reconnect at once); null
 *                             (default) for never.
 * @param heartbeat            pings and dead-peer detection; null (default) for none.
 * @param buffer               the send buffer and de-duplication; default {@link BufferConfig#defaults()}.
 * @param replay               replay after reconnect; default {@link ReplayConfig#none()}.
 * @param codec                message codec; default JSON.
 * @param messageType          the typed message class, or null.
 * @param sslContext           for {@code wss://}, used exactly as given; null for the default
 *                             (TLS 1.2+, hostname verification on).
 * @param extraHeaders         extra handshake headers, in order.
 * @param subprotocols         subprotocols to offer, in order of preference.
 * @param compress             offer permessage-deflate (RFC 7692). Default true.
 * @param compressionThreshold smallest payload to compress, in bytes. Default 128.
 * @param connectTimeout       TCP connect plus opening handshake. Default 10 s.
 * @param closeTimeout         how long a local close waits for the closing handshake. Default 5 s.
 * @param maxMessageSize       largest incoming message, in bytes. Default 64 MiB.
 * @param receiveQueueCapacity bound of the queue behind {@code recv()} and iteration; 0 disables it.
 *                             Default 10,000.
 * @param receiveQueuePolicy   what a full receive queue does. Default {@link OverflowPolicy#DROP_OLDEST}.
 * @param <T>                  type of the messages.
 */
public record ClientConfig<T>(
    String uri,
    boolean reconnect,
    BackoffConfig backoff,
    Duration maxConnectionAge,
    HeartbeatConfig heartbeat,
    BufferConfig buffer,
    ReplayConfig<T> replay,
    Codec<T> codec,
    Class<?> messageType,
    SSLContext sslContext,
    Map<String, String> extraHeaders,
    List<String> subprotocols,
    boolean compress,
    int compressionThreshold,
    Duration connectTimeout,
    Duration closeTimeout,
    int maxMessageSize,
    int receiveQueueCapacity,
    OverflowPolicy receiveQueuePolicy)
{
    /** Default connect timeout. */
    public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
    /** Default close timeout. */
    public static final Duration CLOSE_TIMEOUT_DEFAULT = Duration.ofSeconds(5);
    /** Default largest incoming message. */
    public static final int MAX_MESSAGE_SIZE_DEFAULT = 64 * 1024 * 1024;
    /** Default compression threshold. */
    public static final int COMPRESSION_THRESHOLD_DEFAULT = 128;
    /** Default bound of the receive queue. */
    public static final int RECEIVE_QUEUE_CAPACITY_DEFAULT = 10_000;

    /**
     * Validate and copy the collections.
     *
     * @param uri                  the {@code ws://} or {@code wss://} URI.
     * @param reconnect            reconnect automatically after a retriable failure. Default true.
     * @param backoff              reconnection delays. Default {@link BackoffConfig#defaults()}.
     * @param maxConnectionAge     rotate a connection this old (close frame 1000, then reconnect at once); null
     *                             (default) for never.
     * @param heartbeat            pings and dead-peer detection; null (default) for none.
     * @param buffer               the send buffer and de-duplication; default {@link BufferConfig#defaults()}.
     * @param replay               replay after reconnect; default {@link ReplayConfig#none()}.
     * @param codec                message codec; default JSON.
     * @param messageType          the typed message class, or null.
     * @param sslContext           for {@code wss://}, used exactly as given; null for the default
     *                             (TLS 1.2+, hostname verification on).
     * @param extraHeaders         extra handshake headers, in order.
     * @param subprotocols         subprotocols to offer, in order of preference.
     * @param compress             offer permessage-deflate (RFC 7692). Default true.
     * @param compressionThreshold smallest payload to compress, in bytes. Default 128.
     * @param connectTimeout       TCP connect plus opening handshake. Default 10 s.
     * @param closeTimeout         how long a local close waits for the closing handshake. Default 5 s.
     * @param maxMessageSize       largest incoming message, in bytes. Default 64 MiB.
     * @param receiveQueueCapacity bound of the queue behind {@code recv()} and iteration; 0 disables it.
     *                             Default 10,000.
     * @param receiveQueuePolicy   what a full receive queue does. Default {@link OverflowPolicy#DROP_OLDEST}.
     * @throws IllegalArgumentException naming the bad option.
     */
    public ClientConfig
    {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(replay, "replay");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(receiveQueuePolicy, "receiveQueuePolicy");
        extraHeaders = extraHeaders.isEmpty() ? Map.of() : // no empty map of its own per client
            Collections.unmodifiableMap(new LinkedHashMap<>(extraHeaders));
        subprotocols = List.copyOf(subprotocols);
        if (null != maxConnectionAge && (maxConnectionAge.isNegative() || maxConnectionAge.isZero()))
        {
            throw new IllegalArgumentException("maxConnectionAge must be positive: " + maxConnectionAge);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("closeTimeout", closeTimeout);
        if (maxMessageSize <= 0)
        {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        codec = codec.withMaxMessageSize(maxMessageSize); // its parser accepts what the connection lets in
        if (compressionThreshold < 0)
        {
            throw new IllegalArgumentException("compressionThreshold must be >= 0: " + compressionThreshold);
        }
        if (receiveQueueCapacity < 0)
        {
            throw new IllegalArgumentException("receiveQueueCapacity must be >= 0: " + receiveQueueCapacity);
        }
    }

    private static void requirePositive(final String name, final Duration value)
    {
        if (value.isNegative() || value.isZero())
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
