/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries sends (and closes) from other threads to the engine thread, in order, without locks and
 * without allocation: each is copied into a many-to-one ring buffer as one record
 * {@code [connection id: long][payload]} whose type is the frame opcode.
 * <p>
 * A payload larger than the ring's largest record is copied to the heap and parked in a side table;
 * its record carries only its ticket. Those sends allocate; they are rare and large anyway.
 */
final class SendQueue
{
    /** Record type flag: the payload is parked in the side table, the record holds its ticket. */
    static final int PARKED_FLAG = 0x100;
    static final int ID_OFFSET = 0;
    static final int PAYLOAD_OFFSET = Long.BYTES;

    private final ManyToOneRingBuffer ring;
    private final ConcurrentHashMap<Long, byte[]> parked = new ConcurrentHashMap<>();
    private final AtomicLong nextTicket = new AtomicLong();

    SendQueue(final int capacity)
    {
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * Queue a frame payload for a connection.
     *
     * @return true if queued, false if the ring is full.
     */
    boolean offer(final long connectionId, final int opcode, final DirectBuffer src, final int offset,
        final int length)
    {
        if (!fitsInRing(length))
        {
            final byte[] copy = new byte[length];
            src.getBytes(offset, copy);
            return offerParked(connectionId, opcode, copy);
        }
        final int index = claim(connectionId, opcode, length);
        if (index > 0)
        {
            ring.buffer().putBytes(index + PAYLOAD_OFFSET, src, offset, length);
            ring.commit(index);
        }
        return index > 0;
    }

    /**
     * Queue a frame payload held in an array.
     *
     * @return true if queued, false if the ring is full.
     */
    boolean offer(final long connectionId, final int opcode, final byte[] src, final int offset, final int length)
    {
        if (!fitsInRing(length))
        {
            return offerParked(connectionId, opcode, Arrays.copyOfRange(src, offset, offset + length));
        }
        final int index = claim(connectionId, opcode, length);
        if (index > 0)
        {
            ring.buffer().putBytes(index + PAYLOAD_OFFSET, src, offset, length);
            ring.commit(index);
        }
        return index > 0;
    }

    private boolean fitsInRing(final int payloadLength)
    {
        return payloadLength + PAYLOAD_OFFSET <= ring.maxMsgLength();
    }

    /**
     * Claim a record with the connection id written; the caller puts the payload and commits.
     *
     * @return the record index, or a value <= 0 when the ring is full.
     */
    private int claim(final long connectionId, final int msgTypeId, final int payloadLength)
    {
        final int index = ring.tryClaim(msgTypeId, PAYLOAD_OFFSET + payloadLength);
        if (index > 0)
        {
            ring.buffer().putLong(index + ID_OFFSET, connectionId);
        }
        return index;
    }

    private boolean offerParked(final long connectionId, final int opcode, final byte[] copy)
    {
        final long ticket = nextTicket.incrementAndGet();
        parked.put(ticket, copy);
        final int index = claim(connectionId, opcode | PARKED_FLAG, Long.BYTES);
        if (index <= 0)
        {
            parked.remove(ticket);
            return false;
        }
        ring.buffer().putLong(index + PAYLOAD_OFFSET, ticket);
        ring.commit(index);
        return true;
    }

    /**
     * Take a parked payload back by its ticket (engine thread).
     */
    byte[] unpark(final long ticket)
    {
        return parked.remove(ticket);
    }

    /**
     * Drain up to {@code limit} records into the handler (engine thread).
     *
     * @return records read.
     */
    int drain(final org.agrona.concurrent.MessageHandler handler, final int limit)
    {
        return ring.read(handler, limit);
    }
}
