/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.BufferOverflowException;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.engine.MessageType;

import java.util.ArrayDeque;

/**
 * A bounded FIFO of encoded outgoing messages with an overflow policy, and a front section for messages a
 * connection hands back when it ends ({@link #handBack}): they were accepted before anything still buffered,
 * so they go out first, in their own order. Not thread safe: the {@link ReplayAgent} owns it.
 */
public final class MessageBuffer
{
    /**
     * One buffered message.
     *
     * @param type    frame type.
     * @param payload encoded bytes (owned by the buffer).
     */
    public record Entry(MessageType type, byte[] payload)
    {
    }

    private final int capacity;
    private final OverflowPolicy policy;
    private final ArrayDeque<Entry> entries;
    private final ArrayDeque<Entry> handedBack = new ArrayDeque<>();
    private Object handBackSource;
    private long totalDropped;

    /**
     * Create a buffer.
     *
     * @param capacity messages it holds.
     * @param policy   what a full buffer does with one more.
     */
    public MessageBuffer(final int capacity, final OverflowPolicy policy)
    {
        if (capacity <= 0)
        {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.policy = policy;
        this.entries = new ArrayDeque<>(); // grows as needed: an idle client holds no room for `capacity`
    }

    /**
     * Add a message at the tail.
     *
     * @param entry the message.
     * @return true if added; false if the policy dropped it ({@code drop_newest}). With {@code drop_oldest}
     * the head is evicted and the message added.
     * @throws BufferOverflowException when full and the policy is {@code error}.
     */
    public boolean push(final Entry entry)
    {
        if (size() >= capacity)
        {
            switch (policy)
            {
                case DROP_OLDEST:
                    pop();
                    totalDropped++;
                    break;
                case DROP_NEWEST:
                    totalDropped++;
                    return false;
                default:
                    totalDropped++;
                    throw new BufferOverflowException("send buffer", capacity, size());
            }
        }
        entries.addLast(entry);
        return true;
    }

    /**
     * Add a message at the tail whatever the size: its room was reserved when the sender submitted it.
     *
     * @param entry the message.
     */
    public void add(final Entry entry)
    {
        entries.addLast(entry);
    }

    /**
     * Put back a message a connection accepted but never wrote: ahead of everything buffered, after the messages
     * the same connection handed back before it. Every message a connection accepted was accepted before anything
     * now in the buffer (the buffer is empty while sends flow), so this restores the application's order. The
     * capacity does not apply: the message was accepted once and is not the application's to lose now.
     *
     * @param source the connection that hands it back (identity only).
     * @param entry  the message.
     */
    public void handBack(final Object source, final Entry entry)
    {
        if (source != handBackSource)
        {
            // A later connection ended: what an earlier one handed back was re-sent on it or waits behind it.
            for (Entry earlier; null != (earlier = handedBack.pollLast()); )
            {
                entries.addFirst(earlier);
            }
            handBackSource = source;
        }
        handedBack.addLast(entry);
    }

    /**
     * The head, without removing it.
     *
     * @return the oldest message, or null when empty.
     */
    public Entry peek()
    {
        final Entry first = handedBack.peekFirst();
        return null != first ? first : entries.peekFirst();
    }

    /**
     * Remove the head.
     *
     * @return the oldest message, or null when empty.
     */
    public Entry pop()
    {
        final Entry first = handedBack.pollFirst();
        return null != first ? first : entries.pollFirst();
    }

    /**
     * Messages held.
     *
     * @return the size.
     */
    public int size()
    {
        return handedBack.size() + entries.size();
    }

    /**
     * Is it empty?
     *
     * @return true when empty.
     */
    public boolean isEmpty()
    {
        return handedBack.isEmpty() && entries.isEmpty();
    }

    /**
     * Is it full?
     *
     * @return true at capacity.
     */
    public boolean isFull()
    {
        return size() >= capacity;
    }

    /**
     * The capacity.
     *
     * @return messages it can hold.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * The overflow policy.
     *
     * @return the policy.
     */
    public OverflowPolicy policy()
    {
        return policy;
    }

    /**
     * How full it is.
     *
     * @return size / capacity, from 0 to 1.
     */
    public double fillRatio()
    {
        return Math.min(1.0, (double)size() / capacity);
    }

    /**
     * Messages dropped or refused over the buffer's life.
     *
     * @return the count.
     */
    public long totalDropped()
    {
        return totalDropped;
    }

    /**
     * Empty the buffer (the drop count stays).
     */
    public void clear()
    {
        handedBack.clear();
        entries.clear();
    }
}
