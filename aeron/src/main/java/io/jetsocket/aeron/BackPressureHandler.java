/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import io.jetsocket.engine.MessageType;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.jetsocket.aeron.FeedHeader.FLAG_CONFLATED;
import static io.jetsocket.aeron.FeedHeader.FLAG_LIFECYCLE;
import static io.jetsocket.aeron.FeedHeader.FLAG_TEXT;
import static io.jetsocket.aeron.FeedHeader.NO_TIMESTAMP;

/**
 * What the {@link AeronFeedPublisher} does when the publication refuses a message, by {@link BackPressurePolicy}:
 * how long a send spins (BOUNDED_SPIN, and the bounded spin of lifecycle events), what is dropped and flagged,
 * the messages CONFLATE holds (one per key, newest wins) and their drain, oldest first, ahead of anything new, and
 * DISCONNECT_SLOW_CONSUMER's eviction, after which everything is dropped.
 * <p>
 * Engine thread only; allocates nothing.
 */
final class BackPressureHandler
{
    private final Publication publication;
    private final PublisherOptions options;
    private final PublisherCounters counters;
    private final FeedSequence sequence;
    private final BackPressurePolicy policy;
    /** What CONFLATE holds; null under the other policies. */
    private final ConflationTable held;
    private final BufferClaim claim = new BufferClaim();
    private boolean evicted;

    BackPressureHandler(
        final Publication publication,
        final PublisherOptions options,
        final PublisherCounters counters,
        final FeedSequence sequence)
    {
        this.publication = publication;
        this.options = options;
        this.counters = counters;
        this.sequence = sequence;
        this.policy = options.policy();
        this.held = BackPressurePolicy.CONFLATE == policy ?
            new ConflationTable(options.conflationKeys(), options.conflationSlotSize()) : null;
    }

    /**
     * Messages held by CONFLATE, waiting to go out.
     *
     * @return how many (0 under other policies).
     */
    int heldCount()
    {
        return null == held ? 0 : held.size();
    }

    /**
     * Has DISCONNECT_SLOW_CONSUMER closed the publication.
     *
     * @return true once evicted: everything after is dropped.
     */
    boolean isEvicted()
    {
        return evicted;
    }

    /**
     * How many times a data message's send may retry a back-pressured publication.
     *
     * @return the spin limit under BOUNDED_SPIN, else 0.
     */
    int dataRetries()
    {
        return BackPressurePolicy.BOUNDED_SPIN == policy ? options.spinLimit() : 0;
    }

    /**
     * How many times a lifecycle event's send may retry: events are rare and matter more than data, so a bounded
     * spin under every policy but CONFLATE (which holds).
     *
     * @return the spin limit, or 0 under CONFLATE.
     */
    int eventRetries()
    {
        return null == held ? options.spinLimit() : 0;
    }

    /**
     * The duty cycle's work: send what CONFLATE holds.
     *
     * @return messages sent.
     */
    int doWork()
    {
        return null == held || held.isEmpty() ? 0 : Math.max(0, flushHeld());
    }

    /**
     * The publisher leaves the duty cycle (removed from the engine, or the engine closes): one last try to send
     * what CONFLATE holds, and what the publication still refuses is dropped and counted, not left behind unseen.
     *
     * @return messages sent.
     */
    int onClose()
    {
        if (null == held || held.isEmpty())
        {
            return 0;
        }
        final int sent = Math.max(0, flushHeld());
        while (!held.isEmpty())
        {
            held.removeHead();
            drop();
        }
        return sent;
    }

    /**
     * Under CONFLATE, send what is held; if some is still held, a new message must queue behind it (order).
     *
     * @return true if messages are still held.
     */
    boolean isStillHolding()
    {
        if (null == held || held.isEmpty())
        {
            return false;
        }
        flushHeld();
        return !held.isEmpty();
    }

    /**
     * Hold a data message behind those held already (or in place of the one held under its key).
     */
    void holdData(
        final MessageType messageType,
        final int baseFlags,
        final long receivedNs,
        final long exchangeNs,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        hold(options.conflationKey().key(messageType, payload, offset, length), true,
            FeedMessageType.DATA, baseFlags, receivedNs, exchangeNs, payload, offset, length);
    }

    /**
     * Hold a lifecycle event behind those held already: events are never replaced.
     */
    void holdEvent(final FeedMessageType type, final long nowNs, final DirectBuffer body, final int length)
    {
        hold(0, false, type, FLAG_LIFECYCLE, nowNs, NO_TIMESTAMP, body, 0, length);
    }

    /**
     * A send failed (after its retries): hold, evict or drop as the policy says.
     *
     * @param result     what the publication answered, or {@link AeronFeedPublisher#TOO_LONG}.
     * @param canReplace may a held message of the same key replace it (data, not events).
     */
    void onFailed(
        final long result,
        final boolean canReplace,
        final FeedMessageType type,
        final int baseFlags,
        final long receivedNs,
        final long exchangeNs,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        if (Publication.NOT_CONNECTED == result)
        {
            return; // no consumer: nobody misses it, nothing flagged
        }
        if (Publication.BACK_PRESSURED != result && Publication.ADMIN_ACTION != result)
        {
            drop(); // closed, at its maximum position, or too long
            return;
        }
        switch (policy)
        {
            case CONFLATE:
            {
                final long key = canReplace ?
                    options.conflationKey().key(asMessageType(baseFlags), payload, offset, length) : 0;
                hold(key, canReplace, type, baseFlags, receivedNs, exchangeNs, payload, offset, length);
                break;
            }

            case DISCONNECT_SLOW_CONSUMER:
                evict();
                drop();
                break;

            default:
                drop();
                break;
        }
    }

    /**
     * Count a refused send attempt and say whether to try again.
     *
     * @param result  what the publication answered.
     * @param attempt the attempts made before this one.
     * @param retries the retries allowed.
     * @return true to try again.
     */
    boolean shouldRetry(final long result, final int attempt, final int retries)
    {
        if (Publication.BACK_PRESSURED == result)
        {
            counters.increment(PublisherOutcome.BACK_PRESSURED);
            if (attempt < retries)
            {
                Thread.onSpinWait();
                return true;
            }
            return false;
        }
        if (Publication.ADMIN_ACTION == result)
        {
            // a log rotation or status update in progress: worth one more try even without a spin
            counters.increment(PublisherOutcome.ADMIN_ACTION);
            return attempt < Math.max(1, retries);
        }
        if (Publication.NOT_CONNECTED == result)
        {
            counters.increment(PublisherOutcome.NOT_CONNECTED);
        }
        else if (Publication.CLOSED == result)
        {
            counters.increment(PublisherOutcome.CLOSED);
        }
        else if (Publication.MAX_POSITION_EXCEEDED == result)
        {
            counters.increment(PublisherOutcome.MAX_POSITION_EXCEEDED);
        }
        return false;
    }

    /**
     * Send what CONFLATE holds, oldest first, until the publication refuses one.
     *
     * @return messages sent, or -1 if the publication refused the first one.
     */
    private int flushHeld()
    {
        int sent = 0;
        while (!held.isEmpty())
        {
            final long result = sendHeld(held.headSlot(), 0);
            if (result > 0)
            {
                held.removeHead();
                sent++;
            }
            else if (Publication.BACK_PRESSURED == result || Publication.ADMIN_ACTION == result)
            {
                return 0 == sent ? -1 : sent;
            }
            else
            {
                // nobody to send it to, or a publication that will not take anything again: let it go
                held.removeHead();
                counters.increment(PublisherOutcome.DROPPED);
                if (Publication.NOT_CONNECTED != result)
                {
                    sequence.onDropped();
                }
            }
        }
        return sent;
    }

    /**
     * Send a held message, header and all, stamped now with its sequence number and the pending flags.
     */
    private long sendHeld(final int slot, final int retries)
    {
        final UnsafeBuffer slots = held.buffer();
        final int offset = held.offset(slot);
        final int length = held.length(slot);
        final FeedMessageType type = FeedMessageType.ofCode(
            slots.getShort(offset + FeedHeader.TYPE_OFFSET, FeedHeader.BYTE_ORDER) & 0xFFFF);
        // stamped with the connection it arrived on (an earlier one, if held across a reconnect)
        final int connectionId = slots.getInt(offset + FeedHeader.CONNECTION_ID_OFFSET, FeedHeader.BYTE_ORDER);
        final int flags = (slots.getByte(offset + FeedHeader.FLAGS_OFFSET) & 0xFF) |
            sequence.pendingFlags(type, connectionId);
        FeedHeaderEncoder.restamp(slots, offset, flags, sequence.nextSequence());
        long result;
        int attempt = 0;
        do
        {
            if (length <= publication.maxPayloadLength())
            {
                result = publication.tryClaim(length, claim);
                if (result > 0)
                {
                    claim.buffer().putBytes(claim.offset(), slots, offset, length);
                    claim.commit();
                }
            }
            else
            {
                result = publication.offer(slots, offset, length);
            }
        }
        while (result < 0 && shouldRetry(result, attempt++, retries));
        if (result > 0)
        {
            sequence.onPublished(type, connectionId);
            counters.increment(PublisherOutcome.PUBLISHED);
        }
        return result;
    }

    private void hold(
        final long key,
        final boolean canReplace,
        final FeedMessageType type,
        final int baseFlags,
        final long receivedNs,
        final long exchangeNs,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        final int total = FeedHeader.LENGTH + length;
        int slot = held.reserve(key, canReplace, total);
        if (Integer.MIN_VALUE == slot)
        {
            drop();
            return;
        }
        if (slot < 0)
        {
            slot = -slot - 1;
            counters.increment(PublisherOutcome.SUPERSEDED);
        }
        // the sequence number is written when it goes out
        FeedHeaderEncoder.encode(held.buffer(), held.offset(slot), baseFlags | FLAG_CONFLATED, type,
            sequence.connectionId(), options.streamId(), 0, receivedNs, exchangeNs);
        held.copy(slot, FeedHeader.LENGTH, payload, offset, length);
        counters.increment(PublisherOutcome.CONFLATED);
    }

    private void evict()
    {
        evicted = true;
        CloseHelper.quietClose(publication);
        counters.increment(PublisherOutcome.SLOW_CONSUMER_DISCONNECTS);
        options.onSlowConsumer().run();
    }

    private void drop()
    {
        counters.increment(PublisherOutcome.DROPPED);
        sequence.onDropped();
    }

    private static MessageType asMessageType(final int flags)
    {
        return (flags & FLAG_TEXT) != 0 ? MessageType.TEXT : MessageType.BINARY;
    }
}
