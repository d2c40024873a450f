/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.codec.Utf8KeyTable;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * The arbitration of a redundant feed, on the engine thread (every leg's callbacks run there, so nothing here is
 * locked): per stream, the first copy of each id that continues the stream is delivered, later copies are dropped,
 * and a message that leaves a gap is held back while another connected leg may still bring the missing ids.
 * <p>
 * Whether a message continues, leaves a gap or is stale is {@link SequenceFields#orderAfter}'s call, always.
 * Every id is delivered at most once and in order: the last delivered id only grows.
 */
final class FeedArbiter
{
    private final String[] legNames;
    private final SequenceExtractor extractor;
    private final FeedHandler handler;
    private final FeedListener listener;
    private final LegMessageHandler unsequenced;
    private final long gapFillTimeoutNs;
    private final long maxHeldBytes;
    private final NanoClock clock;
    private final FeedCounters counters;

    private final SequenceFields fields = new SequenceFields();
    private final SequenceFields heldFields = new SequenceFields();
    private final Utf8KeyTable<StreamArbitration> streams = new Utf8KeyTable<>();
    private final ArrayList<StreamArbitration> holding = new ArrayList<>();
    private final ArrayDeque<HeldMessage> spareHeld = new ArrayDeque<>();

    private long connectedLegs;
    private long everConnectedLegs;
    private long earliestDeadlineNs = Long.MAX_VALUE;
    private volatile boolean closed;

    FeedArbiter(
        final String[] legNames,
        final SequenceExtractor extractor,
        final FeedHandler handler,
        final FeedListener listener,
        final LegMessageHandler unsequenced,
        final long gapFillTimeoutNs,
        final long maxHeldBytes,
        final NanoClock clock)
    {
        this.legNames = legNames;
        this.extractor = extractor;
        this.handler = handler;
        this.listener = listener;
        this.unsequenced = unsequenced;
        this.gapFillTimeoutNs = gapFillTimeoutNs;
        this.maxHeldBytes = maxHeldBytes;
        this.clock = clock;
        this.counters = new FeedCounters(legNames);
    }

    FeedCounters counters()
    {
        return counters;
    }

    /**
     * A message arrived on a leg (its raw handler).
     */
    void onMessage(final int leg, final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return;
        }
        final SequenceFields fields = this.fields.clear();
        if (!extractor.extract(type, buffer, offset, length, fields))
        {
            counters.increment(leg, FeedCounters.UNSEQUENCED);
            if (null != unsequenced)
            {
                unsequenced.onMessage(legNames[leg], type, buffer, offset, length);
            }
            return;
        }
        final long nowNs = clock.nanoTime();
        counters.increment(leg, FeedCounters.MESSAGES);
        final StreamArbitration stream = streams.get(fields.streamBuffer(), fields.streamOffset(),
            fields.streamLength());
        if (null == stream)
        {
            deliver(newStream(fields), leg, nowNs, type, buffer, offset, length, fields);
            return;
        }
        switch (fields.orderAfter(stream.lastDelivered))
        {
            case FOLLOWS:
                deliver(stream, leg, nowNs, type, buffer, offset, length, fields);
                if (stream.isHolding())
                {
                    deliverFilled(stream);
                }
                break;

            case STALE:
                duplicate(stream, leg, fields.last(), nowNs);
                break;

            default:
                onGap(stream, leg, nowNs, type, buffer, offset, length);
                break;
        }
    }

    /**
     * A leg connected (or is found connected when the feed starts).
     */
    void legUp(final int leg)
    {
        final long bit = 1L << leg;
        if (closed || 0 != (connectedLegs & bit))
        {
            return;
        }
        if (0 != (everConnectedLegs & bit))
        {
            counters.increment(leg, FeedCounters.RECONNECTS);
        }
        connectedLegs |= bit;
        everConnectedLegs |= bit;
        counters.connected(leg, true);
        // A new connection may bring anything, the ids its previous one skipped included: it may fill a gap again.
        for (int i = 0; i < holding.size(); i++)
        {
            holding.get(i).holders &= ~bit;
        }
    }

    /**
     * A leg disconnected: streams waiting for ids that only it could still have brought stop waiting.
     */
    void legDown(final int leg)
    {
        final long bit = 1L << leg;
        if (closed || 0 == (connectedLegs & bit))
        {
            return;
        }
        connectedLegs &= ~bit;
        counters.connected(leg, false);
        for (int i = holding.size() - 1; i >= 0; i--)
        {
            final StreamArbitration stream = holding.get(i);
            if (!canBeFilled(stream.holders))
            {
                giveUpWaiting(stream, -1, 0, null, null, 0, 0);
            }
        }
    }

    /**
     * Give up on the streams whose gap-fill timeout has passed (the duty-cycle agent; costs one branch while
     * nothing is held).
     *
     * @return how many streams gave up waiting.
     */
    int poll()
    {
        if (holding.isEmpty() || closed)
        {
            return 0;
        }
        final long nowNs = clock.nanoTime();
        if (nowNs < earliestDeadlineNs)
        {
            return 0;
        }
        int work = 0;
        for (int i = holding.size() - 1; i >= 0; i--)
        {
            final StreamArbitration stream = holding.get(i);
            if (nowNs >= stream.deadlineNs)
            {
                giveUpWaiting(stream, -1, 0, null, null, 0, 0);
                work++;
            }
        }
        return work;
    }

    /**
     * Deliver nothing more (any thread); what is held is dropped.
     */
    void close()
    {
        closed = true;
    }

    private StreamArbitration newStream(final SequenceFields fields)
    {
        final int length = fields.streamLength();
        final String name = 0 == length ? "" :
            fields.streamBuffer().getStringWithoutLengthUtf8(fields.streamOffset(), length);
        final StreamArbitration stream = new StreamArbitration(name);
        streams.put(name, stream);
        counters.stream();
        return stream;
    }

    private void deliver(
        final StreamArbitration stream,
        final int leg,
        final long arrivalNs,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SequenceFields fields)
    {
        // the state moves first: a handler that throws has still been given the id, which is never given twice
        stream.delivered(leg, fields.last(), arrivalNs);
        counters.increment(leg, FeedCounters.WINS);
        counters.delivered();
        handler.onMessage(stream.name, type, buffer, offset, length, fields);
    }

    private void duplicate(final StreamArbitration stream, final int leg, final long last, final long arrivalNs)
    {
        counters.increment(leg, FeedCounters.DUPLICATES);
        final long lagNs = stream.lagOf(leg, last, arrivalNs);
        if (lagNs >= 0)
        {
            counters.lag(leg, lagNs);
        }
    }

    private boolean canBeFilled(final long holders)
    {
        return 0 != (connectedLegs & ~holders);
    }

    private void onGap(
        final StreamArbitration stream,
        final int leg,
        final long nowNs,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final long holders = stream.holders | (1L << leg);
        if (!canBeFilled(holders) || stream.heldBytes + length > maxHeldBytes)
        {
            giveUpWaiting(stream, leg, nowNs, type, buffer, offset, length);
            return;
        }
        final HeldMessage message = spareHeld.isEmpty() ? new HeldMessage() : spareHeld.pollFirst();
        message.copy(leg, nowNs, fields.last(), type, buffer, offset, length);
        if (!stream.isHolding())
        {
            stream.deadlineNs = nowNs + gapFillTimeoutNs;
            earliestDeadlineNs = Math.min(earliestDeadlineNs, stream.deadlineNs);
            holding.add(stream);
        }
        stream.holders = holders;
        stream.insert(message);
        counters.held();
    }

    /**
     * After a delivery: deliver the held messages that now continue the stream, drop those it has passed.
     */
    private void deliverFilled(final StreamArbitration stream)
    {
        while (stream.isHolding())
        {
            final HeldMessage message = stream.first();
            final SequenceOrder order = extractHeld(message).orderAfter(stream.lastDelivered);
            if (SequenceOrder.GAP == order)
            {
                return;
            }
            stream.removeFirst();
            release(stream, message, order, true);
        }
        endHold(stream);
    }

    /**
     * No leg will bring the missing ids (timeout, hold buffer full, no other leg connected): deliver what is held in
     * id order, with the incoming message (leg {@code >= 0}) in its place among them, reporting each gap on the way.
     */
    private void giveUpWaiting(
        final StreamArbitration stream,
        final int leg,
        final long nowNs,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        boolean incomingPending = leg >= 0;
        final long incomingLast = fields.last();
        while (stream.isHolding())
        {
            if (incomingPending && incomingLast < stream.first().last)
            {
                incomingPending = false;
                // the held messages are re-extracted into their own flyweight: this one still holds the incoming's
                deliverAnyway(stream, leg, nowNs, type, buffer, offset, length, fields);
                continue;
            }
            final HeldMessage message = stream.removeFirst();
            final SequenceFields held = extractHeld(message);
            final SequenceOrder order = held.orderAfter(stream.lastDelivered);
            if (SequenceOrder.GAP == order)
            {
                reportGap(stream, held);
            }
            release(stream, message, order, false);
        }
        if (incomingPending)
        {
            deliverAnyway(stream, leg, nowNs, type, buffer, offset, length, fields);
        }
        endHold(stream);
    }

    private void deliverAnyway(
        final StreamArbitration stream,
        final int leg,
        final long arrivalNs,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SequenceFields fields)
    {
        switch (fields.orderAfter(stream.lastDelivered))
        {
            case STALE:
                duplicate(stream, leg, fields.last(), arrivalNs);
                break;

            case GAP:
                reportGap(stream, fields);
                deliver(stream, leg, arrivalNs, type, buffer, offset, length, fields);
                break;

            default:
                deliver(stream, leg, arrivalNs, type, buffer, offset, length, fields);
                break;
        }
    }

    /**
     * A held message leaves the hold: delivered (its fields in {@link #heldFields}) unless its ids were delivered
     * meanwhile; {@code filled} when another leg brought the ids it waited for.
     */
    private void release(
        final StreamArbitration stream, final HeldMessage message, final SequenceOrder order, final boolean filled)
    {
        try
        {
            counters.released(filled && SequenceOrder.STALE != order);
            if (SequenceOrder.STALE == order)
            {
                duplicate(stream, message.leg, message.last, message.arrivalNs);
            }
            else
            {
                deliver(stream, message.leg, message.arrivalNs, message.type, message.buffer, 0, message.length,
                    heldFields);
            }
        }
        finally
        {
            spareHeld.addFirst(message);
        }
    }

    private SequenceFields extractHeld(final HeldMessage message)
    {
        final SequenceFields fields = heldFields.clear();
        if (!extractor.extract(message.type, message.buffer, 0, message.length, fields))
        {
            throw new IllegalStateException("the sequence extractor found no sequence in a copy of a message it " +
                "read one from before: it must read only the message's own bytes");
        }
        return fields;
    }

    private void reportGap(final StreamArbitration stream, final SequenceFields fields)
    {
        counters.gap();
        listener.onSequenceGap(stream.name, fields.gapFrom(stream.lastDelivered), fields.gapTo(stream.lastDelivered));
    }

    private void endHold(final StreamArbitration stream)
    {
        if (stream.isHolding())
        {
            return;
        }
        stream.holdEnded();
        holding.remove(stream);
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < holding.size(); i++)
        {
            earliest = Math.min(earliest, holding.get(i).deadlineNs);
        }
        earliestDeadlineNs = earliest;
    }
}
