/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

/**
 * A snapshot of a {@link ConnectionPool}'s counts. Each count is exact when written (on the engine thread); a
 * snapshot taken on another thread reads them one by one, without stopping the pool, so two counts may straddle
 * one acquire or release.
 *
 * @param created          clients ever created by the pool.
 * @param leased           leases held now.
 * @param connecting       clients being connected now for an acquire (each holds a lease slot).
 * @param idle             connections in the pool now, not leased.
 * @param waiters          acquires waiting for a free lease now.
 * @param acquisitions     leases ever given, new and reused connections alike.
 * @param reused           of those, leases of an idle connection.
 * @param timeouts         acquires that failed with {@link PoolExhaustedException}.
 * @param connectFailures  acquires that failed because the new client could not connect.
 * @param closedIdle       idle connections closed because unused for {@code maxIdleTime}.
 * @param closedUnhealthy  idle connections removed because found in a terminal state (health sweep or acquire).
 * @param evicted          idle connections closed to make room for a connection to another URI.
 */
public record PoolStats(
    long created,
    int leased,
    int connecting,
    int idle,
    int waiters,
    long acquisitions,
    long reused,
    long timeouts,
    long connectFailures,
    long closedIdle,
    long closedUnhealthy,
    long evicted)
{
}
