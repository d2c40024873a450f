/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

/**
 * Gets each sequenced message of a {@link RedundantFeed} once, in order per stream, from whichever leg brought it
 * first: zero-copy, on the engine thread. The buffer view and the fields are valid only during the call (copy what
 * must outlive it); the handler must not block.
 */
@FunctionalInterface
public interface ArbitratedHandler
{
    /**
     * The next message of a stream.
     *
     * @param stream the stream's name ({@code ""} for the unnamed stream); the same String for every message of it.
     * @param type   text or binary.
     * @param buffer holding the payload: the engine's receive buffer, or the feed's copy of a message it held back.
     * @param offset of the payload.
     * @param length of the payload.
     * @param fields the message's sequence fields as the extractor read them.
     */
    void onMessage(String stream, MessageType type, DirectBuffer buffer, int offset, int length, SequenceFields fields);
}
