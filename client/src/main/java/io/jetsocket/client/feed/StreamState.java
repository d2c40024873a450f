/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

/**
 * Where a stream's tracking stands.
 */
public enum StreamState
{
    /** Messages are delivered as they arrive. */
    LIVE,
    /** A snapshot is being fetched; the stream's deltas are buffered meanwhile. */
    AWAITING_SNAPSHOT,
    /** The last fetch failed; another starts after a back-off, deltas still buffered. */
    RETRY_WAIT,
    /** The fetch attempts are exhausted: the stream's messages are dropped until it is reset or resynced. */
    FAILED
}
