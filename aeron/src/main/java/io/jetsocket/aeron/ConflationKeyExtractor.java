/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

/**
 * The key a message is conflated under ({@link BackPressurePolicy#CONFLATE}): the publisher keeps only the latest
 * message per key while the stream is back-pressured. Runs on the engine thread for each held message: must not
 * allocate or block (e.g. hash the instrument's bytes in place).
 */
@FunctionalInterface
public interface ConflationKeyExtractor
{
    /** One key for every message: only the latest message is kept. */
    ConflationKeyExtractor LATEST_ONLY = (type, buffer, offset, length) -> 0;

    /**
     * The key of a message.
     *
     * @param type   text or binary.
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return the key; messages with equal keys replace each other.
     */
    long key(MessageType type, DirectBuffer buffer, int offset, int length);
}
