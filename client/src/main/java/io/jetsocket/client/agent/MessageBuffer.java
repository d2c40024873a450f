/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.BufferOverflowException;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.engine.MessageType;

import java.util.ArrayDeque;

/**
 * A bounded FIFO of encoded outgoing messages with an overflow policy. Not thread safe: the
 * {@link ReplayAgent} guards it.
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
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
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
        if (entries.size() >= capacity)
        {
            switch (policy)
            {
                case DROP_OLDEST:
                    entries.pollFirst();
                    totalDropped++;
                    break;
                case DROP_NEWEST:
                    totalDropped++;
                    return false;
                default:
                    totalDropped++;
                    throw new BufferOverflowException("send buffer", capacity, entries.size());
            }
        }
        entries.addLast(entry);
        return true;
    }

    /**
     * The head, without removing it.
     *
     * @return the oldest message, or null when empty.
     */
    public Entry peek()
    {
        return entries.peekFirst();
    }

    /**
     * Remove the head.
     *
     * @return the oldest message, or null when empty.
     */
    public Entry pop()
    {
        return entries.pollFirst();
    }

    /**
     * Messages held.
     *
     * @return the size.
     */
    public int size()
    {
        return entries.size();
    }

    /**
     * Is it empty?
     *
     * @return true when empty.
     */
    public boolean isEmpty()
    {
        return entries.isEmpty();
    }

    /**
     * Is it full?
     *
     * @return true at capacity.
     */
    public boolean isFull()
    {
        return entries.size() >= capacity;
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
        return (double)entries.size() / capacity;
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
        entries.clear();
    }
}
