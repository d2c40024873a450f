/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

/**
 * Where a message sits relative to the last sequence id delivered on its stream
 * ({@link SequenceFields#orderAfter(long)}).
 */
public enum SequenceOrder
{
    /** It continues the stream: deliver it. */
    FOLLOWS,
    /**
     * It starts past the next expected id: ids {@link SequenceFields#gapFrom} to {@link SequenceFields#gapTo} are
     * missing.
     */
    GAP,
    /** Its last id is at or below the last delivered one: a duplicate or a late arrival. */
    STALE
}
