/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import org.agrona.DirectBuffer;

/**
 * Gets each data message of a feed stream on the consumer side, zero copy: the header and the payload are views
 * into Aeron's term buffer (or its reassembly buffer), valid only during the call.
 */
@FunctionalInterface
public interface FeedMessageHandler
{
    /**
     * A data message.
     *
     * @param header the feed header (sequence, timestamps, flags, ids).
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     */
    void onMessage(FeedHeader header, DirectBuffer buffer, int offset, int length);
}
