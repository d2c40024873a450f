/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Venue limits a client keeps to by itself: {@link io.jetsocket.client.venue.RateLimit} (outbound messages per
 * connection in a strict rolling window), {@link io.jetsocket.client.venue.ConnectBudget} (connect attempts per
 * venue, shared by its clients) and {@link io.jetsocket.client.venue.RetryAfter} (the wait a 429 or 503 handshake
 * answer asks for), grouped in {@link io.jetsocket.client.venue.VenueLimits}.
 */
package io.jetsocket.client.venue;
