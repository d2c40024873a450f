/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

/**
 * The zero-copy handler of a {@link SequencedFeed} or a {@link RedundantFeed}: gets each stream's messages in order
 * and once each (duplicates and late arrivals dropped), on the engine thread, as a view of the engine's buffer (or of
 * the feed's own copy: deltas replayed after a snapshot, messages a redundant feed held back until another leg filled
 * a gap). Nothing passed in outlives the call. The deltas replayed after a snapshot are the ones whose
 * {@link SequenceFields#isReplayed()} is true.
 */
@FunctionalInterface
public interface FeedHandler
{
    /**
     * The next message of a stream.
     *
     * @param stream the stream's name (one String per stream, made once); {@code ""} for the unnamed stream.
     * @param type   text or binary.
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @param fields its sequence fields, as the extractor read them ({@link SequenceFields#isReplayed()} tells a
     *               delta replayed after a snapshot from a live message).
     */
    void onMessage(String stream, MessageType type, DirectBuffer buffer, int offset, int length, SequenceFields fields);
}
