/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import org.agrona.DirectBuffer;

/**
 * Checks a stream after each delivered message, e.g. a venue's order-book CRC in the message against the
 * application's book once the message is applied. Called on the engine thread right after the
 * {@link FeedHandler} returns; it must not block or allocate. A false answer is counted and resyncs the stream
 * (when a snapshot fetcher is configured).
 */
@FunctionalInterface
public interface ChecksumVerifier
{
    /**
     * Verify a stream after a message was delivered.
     *
     * @param stream the stream's name.
     * @param buffer holding the message; valid only during the call.
     * @param offset of the message.
     * @param length of the message.
     * @return true when the stream's state is consistent.
     */
    boolean verify(String stream, DirectBuffer buffer, int offset, int length);
}
