/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

/**
 * Reads the stream and sequence fields of an incoming message straight from its bytes, without decoding it: a single
 * {@code seq}, a {@code prevSeq}/{@code seq} pair, or the first/last update-id range of an order-book delta. Called
 * on the engine thread for every message of a sequenced feed, so an implementation must allocate nothing and never
 * block; the buffer view is valid only during the call.
 */
@FunctionalInterface
public interface SequenceExtractor
{
    /**
     * Read the sequence fields of a message.
     *
     * @param type   text or binary.
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @param fields to fill (cleared before the call); {@link SequenceFields#stream} may point into {@code buffer}.
     * @return true if the message carries a sequence (and {@code fields} is filled); false if it is not part of
     * any sequenced stream (a subscription acknowledgement, a venue's pong...).
     */
    boolean extract(MessageType type, DirectBuffer buffer, int offset, int length, SequenceFields fields);
}
