/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The market-data layer over {@link io.jetsocket.client.WebSocket}: per-stream sequence tracking read straight from
 * the message bytes ({@link io.jetsocket.client.feed.SequenceExtractor}), gap detection and snapshot resync, and
 * redundant feeds where the first arrival of each sequence wins. Everything here runs on the engine thread and
 * allocates nothing per message on the zero-copy path.
 * <p>
 * {@link io.jetsocket.client.feed.SequencedFeed} is the sequenced feed over one connection: in-order, de-duplicated
 * messages per stream to a {@link io.jetsocket.client.feed.FeedHandler}, gaps and resets to a
 * {@link io.jetsocket.client.feed.FeedListener}, per-stream {@link io.jetsocket.client.feed.StreamStats}, and, with
 * a {@link io.jetsocket.client.feed.SnapshotFetcher}, order-book style resync: a stream's deltas are buffered while
 * its snapshot is fetched off the engine thread, then those after the snapshot are replayed.
 */
package io.jetsocket.client.feed;
