/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The market-data layer over {@link io.jetsocket.client.WebSocket}: per-stream sequence tracking read straight from
 * the message bytes ({@link io.jetsocket.client.feed.SequenceExtractor}), gap detection and snapshot resync, and
 * redundant feeds where the first arrival of each sequence wins. Everything here runs on the engine thread and
 * allocates nothing per message on the zero-copy path.
 * <p>
 * Ready-made extractors: {@link io.jetsocket.client.feed.JsonSequenceExtractor} (JSON values named by paths of keys
 * and array indices, read in one pass) and {@link io.jetsocket.client.feed.BinarySequenceExtractor} (fixed offsets of
 * SBE-like binary messages, 64- or 32-bit ids); {@link io.jetsocket.client.feed.JsonFieldPath} reads any other
 * integer field the same way (an exchange timestamp).
 * <p>
 * {@link io.jetsocket.client.feed.SequencedFeed} is the sequenced feed over one connection: each stream's messages in
 * order and once each to a {@link io.jetsocket.client.feed.FeedHandler}, gaps and resets to a
 * {@link io.jetsocket.client.feed.FeedListener}, per-stream {@link io.jetsocket.client.feed.StreamStats}, and with a
 * {@link io.jetsocket.client.feed.SnapshotFetcher} the order-book resync (deltas buffered while a snapshot is fetched
 * off the engine thread, then replayed from the snapshot on). {@link io.jetsocket.client.feed.RedundantFeed} arbitrates
 * two or more connections to one feed: the first arrival of each id wins, and a leg that drops or reconnects leaves
 * no gap while another leg brings the ids.
 */
package io.jetsocket.client.feed;
