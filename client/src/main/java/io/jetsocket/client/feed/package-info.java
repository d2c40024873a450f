/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The market-data layer over {@link io.jetsocket.client.WebSocket}: per-stream sequence tracking read straight from
 * the message bytes ({@link io.jetsocket.client.feed.SequenceExtractor}), gap detection and snapshot resync, and
 * redundant feeds where the first arrival of each sequence wins. Everything here runs on the engine thread and
 * allocates nothing per message on the zero-copy path.
 */
package io.jetsocket.client.feed;
