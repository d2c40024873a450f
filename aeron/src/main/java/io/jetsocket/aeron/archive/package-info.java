/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Aeron Archive for feeds (needs {@code io.aeron:aeron-archive} on the class or module path: an optional
 * dependency of this module).
 * <p>
 * {@link io.jetsocket.aeron.archive.FeedRecorder} records a feed publication in the archive (in the media driver,
 * nothing changes on the engine thread); {@link io.jetsocket.aeron.archive.FeedReplay} replays a recording through
 * the consumer's own handlers for deterministic backtests; {@link io.jetsocket.aeron.archive.LateJoiner} replays the
 * history and merges onto the live stream (UDP), every message once and in order.
 */
package io.jetsocket.aeron.archive;
