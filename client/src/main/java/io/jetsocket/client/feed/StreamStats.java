/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

/**
 * A stream's counters at one moment (an immutable copy, safe to keep).
 *
 * @param stream           the stream's name.
 * @param state            where its tracking stands.
 * @param lastSequence     the last id delivered (or of the last snapshot applied).
 * @param delivered        messages delivered to the handler.
 * @param gaps             gaps detected.
 * @param missed           ids missing over all gaps.
 * @param duplicates       stale messages dropped as duplicates.
 * @param outOfOrder       stale messages dropped because they arrived late, inside the stream's last gap.
 * @param resets           times the stream's tracking restarted.
 * @param resyncs          resyncs started.
 * @param resyncFailures   snapshot fetches that failed.
 * @param bufferOverflows  times its buffered deltas outgrew the bound and were dropped.
 * @param checksumFailures times the checksum verifier said false.
 * @param discarded        messages dropped while the stream was {@link StreamState#FAILED}.
 */
public record StreamStats(
    String stream,
    StreamState state,
    long lastSequence,
    long delivered,
    long gaps,
    long missed,
    long duplicates,
    long outOfOrder,
    long resets,
    long resyncs,
    long resyncFailures,
    long bufferOverflows,
    long checksumFailures,
    long discarded)
{
}
