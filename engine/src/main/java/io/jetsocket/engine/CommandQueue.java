/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.frame.Opcode;
import io.jetsocket.engine.frame.Utf8Encoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one ordered channel from other threads to the engine thread (Aeron's conductor pattern): sends, closes and
 * tasks (connect, execute, agent changes, DNS answers) travel through one many-to-one ring buffer, so the engine
 * sees them in the order they were offered and a close can never overtake the start of the connection it names.
 * <p>
 * Sends are copied into the ring without locks or allocation as one record {@code [connection id: long][payload]}
 * whose type is the frame opcode; text from a {@link CharSequence} is encoded straight into its record. A payload
 * larger than the ring's largest record, and every task, is parked in a side table and its record carries only
 * the ticket: whoever removes a ticket from the table owns the object, which lets a producer that raced the
 * engine's shutdown take back a task the engine never saw.
 */
final class CommandQueue
{
    /** Record type flag: the payload is parked in the side table, the record holds its ticket. */
    static final int PARKED_FLAG = 0x100;
    /** Record type of a task: the record holds the ticket of a parked {@link Runnable}. */
    static final int TASK = 0x200;
    static final int ID_OFFSET = 0;
    static final int PAYLOAD_OFFSET = Long.BYTES;
    /** Close record payload: the close timeout in ns, the code, the reason's UTF-8 bytes. */
    static final int CLOSE_TIMEOUT_OFFSET = 0;
    static final int CLOSE_CODE_OFFSET = Long.BYTES;
    static final int CLOSE_REASON_OFFSET = CLOSE_CODE_OFFSET + 2;
    /** Returned by {@link #offerTask(Runnable)} when the ring is full. */
    static final long NO_TICKET = 0;

    private final ManyToOneRingBuffer ring;
    private final ConcurrentHashMap<Long, Object> parked = new ConcurrentHashMap<>();
    private final AtomicLong nextTicket = new AtomicLong();

    CommandQueue(final int capacity)
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

    /**
     * Queue a text message whose UTF-8 encoding is {@code utf8Length} bytes long, encoding it straight into the
     * ring (no intermediate array) unless it is too large for a record.
     *
     * @return true if queued, false if the ring is full.
     */
    boolean offerText(final long connectionId, final CharSequence text, final int utf8Length)
    {
        if (!fitsInRing(utf8Length))
        {
            final byte[] copy = new byte[utf8Length];
            Utf8Encoder.encode(text, new UnsafeBuffer(copy), 0);
            return offerParked(connectionId, Opcode.TEXT, copy);
        }
        final int index = claim(connectionId, Opcode.TEXT, utf8Length);
        if (index > 0)
        {
            Utf8Encoder.encode(text, ring.buffer(), index + PAYLOAD_OFFSET);
            ring.commit(index);
        }
        return index > 0;
    }

    /**
     * Queue the application's close: how long to wait for the handshake to finish, the code and the reason.
     *
     * @return true if queued, false if the ring is full.
     */
    boolean offerClose(
        final long connectionId,
        final int code,
        final CharSequence reason,
        final int reasonLength,
        final long timeoutNs)
    {
        final int index = claim(connectionId, Opcode.CLOSE, CLOSE_REASON_OFFSET + reasonLength);
        if (index > 0)
        {
            final MutableDirectBuffer buffer = ring.buffer();
            final int payload = index + PAYLOAD_OFFSET;
            buffer.putLong(payload + CLOSE_TIMEOUT_OFFSET, timeoutNs);
            buffer.putByte(payload + CLOSE_CODE_OFFSET, (byte)(code >>> 8));
            buffer.putByte(payload + CLOSE_CODE_OFFSET + 1, (byte)code);
            Utf8Encoder.encode(reason, buffer, payload + CLOSE_REASON_OFFSET);
            ring.commit(index);
        }
        return index > 0;
    }

    /**
     * Queue a task for the engine thread.
     *
     * @return the task's ticket, or {@link #NO_TICKET} when the ring is full.
     */
    long offerTask(final Runnable task)
    {
        final long ticket = nextTicket.incrementAndGet();
        parked.put(ticket, task);
        final int index = ring.tryClaim(TASK, PAYLOAD_OFFSET);
        if (index <= 0)
        {
            parked.remove(ticket);
            return NO_TICKET;
        }
        ring.buffer().putLong(index + ID_OFFSET, ticket);
        ring.commit(index);
        return ticket;
    }

    /**
     * Take a parked object (a large payload or a task) by its ticket: the engine when it reads the record, or a
     * producer taking back a task the engine will never run.
     *
     * @return the object, or null when someone else took it first.
     */
    Object take(final long ticket)
    {
        return parked.remove(ticket);
    }

    /**
     * Drain up to {@code limit} records into the handler (engine thread).
     *
     * @return records read.
     */
    int drain(final MessageHandler handler, final int limit)
    {
        return ring.read(handler, limit);
    }

    /**
     * Is anything waiting? Cheap enough to ask before the engine blocks.
     *
     * @return true when at least one record has been committed and not yet read.
     */
    boolean isEmpty()
    {
        return ring.producerPosition() == ring.consumerPosition();
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
}
