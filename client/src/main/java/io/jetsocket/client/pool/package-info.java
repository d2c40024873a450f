/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * A pool of WebSocket clients lent out as exclusive leases: {@link io.jetsocket.client.pool.ConnectionPool},
 * configured by {@link io.jetsocket.client.pool.PoolConfig}, lending
 * {@link io.jetsocket.client.pool.PooledConnection}s, counted in {@link io.jetsocket.client.pool.PoolStats}.
 */
package io.jetsocket.client.pool;
