/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.ClientConfig;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The validated configuration of a {@link ConnectionPool}, built with {@link #builder()}; every option has the
 * default of the seeds' pool.
 *
 * @param maxConnections      how many leases may be held at once (and how many sockets the pool keeps: an idle
 *                            connection is closed to make room for a new one). Default 10.
 * @param maxIdleTime         an idle connection unused this long is closed and removed. Default 300 s.
 * @param healthCheckInterval period of the sweep that removes idle connections in a terminal state (CLOSED,
 *                            FAILED). Default 30 s.
 * @param acquireTimeout      how long {@code acquire} waits for a lease by default. Default 10 s.
 * @param baseUri             the URI relative paths given to {@code acquire} are resolved against (RFC 3986); null
 *                            (default) for none: then {@code acquire} needs absolute URIs.
 * @param clients             makes the builder of the client for a URI: every pooled {@link WebSocket} is built
 *                            with it (heartbeat, reconnect, codec...). All must run on one engine: the one these
 *                            builders set, or the shared default engine when they set none. Default
 *                            {@link WebSocket#builder(String)}.
 * @param <T>                 type of the messages of the pooled clients.
 */
public record PoolConfig<T>(
    int maxConnections,
    Duration maxIdleTime,
    Duration healthCheckInterval,
    Duration acquireTimeout,
    String baseUri,
    Function<String, ClientConfig.Builder<T>> clients)
{
    /** Default cap on concurrent leases. */
    public static final int MAX_CONNECTIONS_DEFAULT = 10;
    /** Default idle time after which a connection is closed. */
    public static final Duration MAX_IDLE_TIME_DEFAULT = Duration.ofSeconds(300);
    /** Default period of the health sweep. */
    public static final Duration HEALTH_CHECK_INTERVAL_DEFAULT = Duration.ofSeconds(30);
    /** Default wait for a lease. */
    public static final Duration ACQUIRE_TIMEOUT_DEFAULT = Duration.ofSeconds(10);

    /**
     * Validate.
     *
     * @param maxConnections      how many leases may be held at once; at least 1.
     * @param maxIdleTime         positive.
     * @param healthCheckInterval positive.
     * @param acquireTimeout      zero (do not wait) or positive.
     * @param baseUri             an absolute {@code ws://} or {@code wss://} URI, or null.
     * @param clients             the client builder factory.
     * @throws IllegalArgumentException naming the bad option.
     */
    public PoolConfig
    {
        Objects.requireNonNull(maxIdleTime, "maxIdleTime");
        Objects.requireNonNull(healthCheckInterval, "healthCheckInterval");
        Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        Objects.requireNonNull(clients, "clients");
        if (maxConnections <= 0)
        {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
        requirePositive("maxIdleTime", maxIdleTime);
        requirePositive("healthCheckInterval", healthCheckInterval);
        if (acquireTimeout.isNegative())
        {
            throw new IllegalArgumentException("acquireTimeout must be >= 0: " + acquireTimeout);
        }
        if (null != baseUri)
        {
            UriResolver.checkBase(baseUri);
        }
    }

    /**
     * Start building a pool configuration with the defaults.
     *
     * @return a builder.
     */
    public static Builder<Object> builder()
    {
        return new Builder<>(WebSocket::builder);
    }

    /**
     * The configuration with every default.
     *
     * @return the default configuration.
     */
    public static PoolConfig<Object> defaults()
    {
        return builder().build();
    }

    private static void requirePositive(final String name, final Duration value)
    {
        if (value.isNegative() || value.isZero())
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /**
     * Builds a {@link PoolConfig}; each setter names its default.
     *
     * @param <T> type of the messages of the pooled clients.
     */
    public static final class Builder<T>
    {
        private int maxConnections = MAX_CONNECTIONS_DEFAULT;
        private Duration maxIdleTime = MAX_IDLE_TIME_DEFAULT;
        private Duration healthCheckInterval = HEALTH_CHECK_INTERVAL_DEFAULT;
        private Duration acquireTimeout = ACQUIRE_TIMEOUT_DEFAULT;
        private String baseUri;
        private final Function<String, ClientConfig.Builder<T>> clients;

        private Builder(final Function<String, ClientConfig.Builder<T>> clients)
        {
            this.clients = clients;
        }

        private Builder(final Builder<?> from, final Function<String, ClientConfig.Builder<T>> clients)
        {
            this.maxConnections = from.maxConnections;
            this.maxIdleTime = from.maxIdleTime;
            this.healthCheckInterval = from.healthCheckInterval;
            this.acquireTimeout = from.acquireTimeout;
            this.baseUri = from.baseUri;
            this.clients = clients;
        }

        /**
         * How many leases may be held at once (default 10). The pool also keeps at most this many sockets: when a
         * new connection is needed and the pool is full, the idle connection unused longest is closed.
         *
         * @param maxConnections at least 1.
         * @return this.
         */
        public Builder<T> maxConnections(final int maxConnections)
        {
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Close an idle connection unused this long (default 300 s).
         *
         * @param maxIdleTime positive.
         * @return this.
         */
        public Builder<T> maxIdleTime(final Duration maxIdleTime)
        {
            this.maxIdleTime = maxIdleTime;
            return this;
        }

        /**
         * Period of the sweep of idle connections in a terminal state (default 30 s).
         *
         * @param healthCheckInterval positive.
         * @return this.
         */
        public Builder<T> healthCheckInterval(final Duration healthCheckInterval)
        {
            this.healthCheckInterval = healthCheckInterval;
            return this;
        }

        /**
         * How long {@code acquire(uri)} waits for a lease (default 10 s).
         *
         * @param acquireTimeout zero (fail at once when none is free) or positive.
         * @return this.
         */
        public Builder<T> acquireTimeout(final Duration acquireTimeout)
        {
            this.acquireTimeout = acquireTimeout;
            return this;
        }

        /**
         * The URI relative paths are resolved against (RFC 3986: {@code "trades"} against {@code ws://h/api/}
         * gives {@code ws://h/api/trades}, {@code "/trades"} gives {@code ws://h/trades}). Default none.
         *
         * @param baseUri an absolute {@code ws://} or {@code wss://} URI.
         * @return this.
         */
        public Builder<T> baseUri(final String baseUri)
        {
            this.baseUri = baseUri;
            return this;
        }

        /**
         * How the pool builds the client of a URI, e.g.
         * {@code uri -> WebSocket.builder(uri).heartbeat(Duration.ofSeconds(15)).engine(engine)}. Default
         * {@link WebSocket#builder(String)}. Every client must run on the same engine.
         *
         * @param clients called with the resolved URI, on the engine thread; returns a builder for that URI.
         * @param <U>     type of the messages of the pooled clients.
         * @return a builder with the same pool options and this factory.
         */
        public <U> Builder<U> clients(final Function<String, ClientConfig.Builder<U>> clients)
        {
            return new Builder<>(this, Objects.requireNonNull(clients, "clients"));
        }

        /**
         * Validate.
         *
         * @return the configuration.
         * @throws IllegalArgumentException naming the bad option.
         */
        public PoolConfig<T> build()
        {
            return new PoolConfig<>(maxConnections, maxIdleTime, healthCheckInterval, acquireTimeout, baseUri,
                clients);
        }

        /**
         * Validate and start a pool.
         *
         * @return the pool, its maintenance timers running.
         * @throws IllegalArgumentException naming the bad option.
         */
        public ConnectionPool<T> open()
        {
            return ConnectionPool.open(build());
        }
    }
}
