/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * A copy of a message held back while its stream waits for missing ids; reused (its buffer keeps its capacity)
 * once the message has been delivered or dropped.
 */
final class HeldMessage
{
    final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    MessageType type;
    int length;
    int leg;
    long arrivalNs;
    long last;

    void copy(
        final int leg,
        final long arrivalNs,
        final long last,
        final MessageType type,
        final DirectBuffer source,
        final int offset,
        final int length)
    {
        buffer.putBytes(0, source, offset, length);
        this.type = type;
        this.length = length;
        this.leg = leg;
        this.arrivalNs = arrivalNs;
        this.last = last;
    }
}
