/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.BufferOverflowException;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.engine.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MessageBuffer} and {@link SequenceTracker}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BuffersTest
{
    private static MessageBuffer.Entry entry(final String text)
    {
        return new MessageBuffer.Entry(MessageType.TEXT, text.getBytes());
    }

    @Test
    void shouldPutHandedBackMessagesAheadInTheirOwnOrder()
    {
        final MessageBuffer buffer = new MessageBuffer(10, OverflowPolicy.DROP_OLDEST);
        final Object first = new Object();
        final Object second = new Object();
        buffer.push(entry("late-1"));
        buffer.handBack(first, entry("a"));
        buffer.handBack(first, entry("b"));
        buffer.handBack(first, entry("c"));
        assertEquals("a", new String(buffer.pop().payload()), "a went out again on the next connection...");
        buffer.handBack(second, entry("a"));  // ...which ended without writing it
        buffer.push(entry("late-2"));

        final StringBuilder order = new StringBuilder();
        while (!buffer.isEmpty())
        {
            order.append(new String(buffer.pop().payload())).append(' ');
        }
        assertEquals("a b c late-1 late-2 ", order.toString());
    }

    @Test
    void shouldKeepFifoOrderAndReportFill()
    {
        final MessageBuffer buffer = new MessageBuffer(4, OverflowPolicy.DROP_OLDEST);
        assertTrue(buffer.isEmpty());
        buffer.push(entry("a"));
        buffer.push(entry("b"));
        assertEquals(0.5, buffer.fillRatio(), 1e-9);
        assertEquals("a", new String(buffer.peek().payload()));
        assertEquals("a", new String(buffer.pop().payload()));
        assertEquals("b", new String(buffer.pop().payload()));
        assertNull(buffer.pop());
    }

    @Test
    void shouldApplyEachOverflowPolicy()
    {
        final MessageBuffer oldest = new MessageBuffer(2, OverflowPolicy.DROP_OLDEST);
        oldest.push(entry("1"));
        oldest.push(entry("2"));
        assertTrue(oldest.push(entry("3")));
        assertTrue(oldest.isFull());
        assertEquals("2", new String(oldest.pop().payload()));
        assertEquals(1, oldest.totalDropped());

        final MessageBuffer newest = new MessageBuffer(2, OverflowPolicy.DROP_NEWEST);
        newest.push(entry("1"));
        newest.push(entry("2"));
        assertFalse(newest.push(entry("3")));
        assertEquals("1", new String(newest.pop().payload()));
        assertEquals(1, newest.totalDropped());

        final MessageBuffer error = new MessageBuffer(1, OverflowPolicy.ERROR);
        error.push(entry("1"));
        final BufferOverflowException overflow = assertThrows(BufferOverflowException.class,
            () -> error.push(entry("2")));
        assertEquals(1, overflow.capacity());
        assertEquals(1, overflow.currentSize());
        assertThrows(IllegalArgumentException.class, () -> new MessageBuffer(0, OverflowPolicy.ERROR));
    }

    @Test
    void shouldTrackTheLastIdWithoutDedup()
    {
        final SequenceTracker tracker = new SequenceTracker(false, 10);
        assertTrue(tracker.accept(1L));
        assertTrue(tracker.accept(1L));
        assertTrue(tracker.accept(null));
        assertEquals(1L, tracker.lastSequenceId());
        assertFalse(tracker.isDuplicate(1L));
    }

    @Test
    void shouldDeduplicateStringAndMixedIds()
    {
        final SequenceTracker tracker = new SequenceTracker(true, 3);
        assertTrue(tracker.accept("a"));
        assertTrue(tracker.accept(2L));
        assertFalse(tracker.accept("a"));
        assertTrue(tracker.isDuplicate(2L));
        assertEquals(2L, tracker.lastSequenceId(), "a duplicate does not move the last id back");
        tracker.clearDedup();
        assertTrue(tracker.accept("a"));
        assertEquals(1, tracker.duplicates());
    }
}
