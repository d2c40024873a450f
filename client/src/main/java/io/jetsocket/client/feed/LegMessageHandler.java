/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

/**
 * Gets the messages of a {@link RedundantFeed}'s legs that carry no sequence (subscription acknowledgements, a
 * venue's pongs): they are per connection, so each leg's copy is passed on, named by its leg. Zero-copy, on the
 * engine thread; the view is valid only during the call.
 */
@FunctionalInterface
public interface LegMessageHandler
{
    /**
     * A message without a sequence arrived on a leg.
     *
     * @param leg    the leg's name.
     * @param type   text or binary.
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     */
    void onMessage(String leg, MessageType type, DirectBuffer buffer, int offset, int length);
}
