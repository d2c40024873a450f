/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SequenceFieldsTest
{
    private final SequenceFields fields = new SequenceFields();

    @Test
    void shouldOrderASingleSequenceNumber()
    {
        assertEquals(SequenceOrder.FOLLOWS, fields.sequence(11).orderAfter(10));
        assertEquals(SequenceOrder.STALE, fields.sequence(10).orderAfter(10));
        assertEquals(SequenceOrder.STALE, fields.sequence(3).orderAfter(10));
        assertEquals(SequenceOrder.GAP, fields.sequence(14).orderAfter(10));
        assertEquals(11, fields.gapFrom(10));
        assertEquals(13, fields.gapTo(10));
    }

    @Test
    void shouldOrderAPreviousAndCurrentPair()
    {
        assertEquals(SequenceOrder.FOLLOWS, fields.sequence(100, 107).orderAfter(100));
        assertEquals(SequenceOrder.STALE, fields.sequence(90, 100).orderAfter(100));
        assertEquals(SequenceOrder.GAP, fields.sequence(104, 107).orderAfter(100));
        assertEquals(101, fields.gapFrom(100));
        assertEquals(104, fields.gapTo(100));
    }

    @Test
    void shouldOrderAnUpdateIdRangeThatMayOverlapTheLastDelivered()
    {
        assertEquals(SequenceOrder.FOLLOWS, fields.range(95, 120).orderAfter(100));
        assertEquals(SequenceOrder.FOLLOWS, fields.range(101, 120).orderAfter(100));
        assertEquals(SequenceOrder.STALE, fields.range(80, 100).orderAfter(100));
        assertEquals(SequenceOrder.GAP, fields.range(105, 120).orderAfter(100));
        assertEquals(104, fields.gapTo(100));
    }

    @Test
    void shouldForgetEverythingOnClear()
    {
        assertEquals(false, fields.isReplayed(), "a new flyweight is live");
        fields.sequence(5, 6).markReplayed().clear();
        assertEquals(false, fields.hasPrevious());
        assertEquals(0, fields.streamLength());
        assertEquals(false, fields.isReplayed(), "a reused flyweight must not carry the flag to a live message");
    }
}
