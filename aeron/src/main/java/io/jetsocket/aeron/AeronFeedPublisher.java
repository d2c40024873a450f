/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.feed.FeedListener;
import io.jetsocket.client.time.ExchangeTimestampExtractor;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.jetsocket.aeron.FeedHeader.FLAG_CONFLATED;
import static io.jetsocket.aeron.FeedHeader.FLAG_DROPPED_BEFORE;
import static io.jetsocket.aeron.FeedHeader.FLAG_FIRST_AFTER_RECONNECT;
import static io.jetsocket.aeron.FeedHeader.FLAG_LIFECYCLE;
import static io.jetsocket.aeron.FeedHeader.FLAG_TEXT;
import static io.jetsocket.aeron.FeedHeader.NO_TIMESTAMP;

/**
 * Publishes every message a WebSocket receives into an Aeron publication, behind a {@link FeedHeader}: on the engine
 * thread, zero copy on the way in, one copy into the publication's log ({@code tryClaim}, or a two-part
 * {@code offer} for a message longer than one frame), no allocation. Lifecycle events of the connection (and of a
 * sequenced feed, through {@link #feedListener()}) travel on the same stream, numbered in the same sequence.
 * <p>
 * Engine thread only: attach it with {@link #attach}, which also requires the client's event handlers to run on the
 * engine thread (no handler executor), so that data and events are numbered by one thread in the order they
 * happened. The sequence number counts published messages only: it has no gaps on the stream, and a loss on the
 * publisher's side is flagged on the next message instead ({@link FeedHeader#FLAG_DROPPED_BEFORE}).
 */
public final class AeronFeedPublisher implements RawMessageHandler, Agent, AutoCloseable
{
    /** The result of a send that did not try: the message is longer than the publication's maximum message. */
    static final long TOO_LONG = -100;

    private static final int EVENT_STREAM_MAX = 256;

    private final Publication publication;
    private final WebSocketEngine engine;
    private final EpochNanoClock epochClock;
    private final PublisherOptions options;
    private final PublisherCounters counters;
    private final ExchangeTimestampExtractor exchangeTimestamps;
    private final BackPressurePolicy policy;
    private final ConflationTable held;
    private final BufferClaim claim = new BufferClaim();
    private final UnsafeBuffer headerScratch = new UnsafeBuffer(ByteBuffer.allocateDirect(FeedHeader.LENGTH));
    private final UnsafeBuffer eventBody =
        new UnsafeBuffer(ByteBuffer.allocateDirect(FeedHeader.EVENT_STREAM_OFFSET + EVENT_STREAM_MAX));
    private final List<AutoCloseable> registrations = new ArrayList<>();
    private final FeedListener feedListener = new FeedListener()
    {
        @Override
        public void onSequenceGap(final String stream, final long from, final long to)
        {
            publishEvent(FeedMessageType.GAP, from, to, stream);
        }

        @Override
        public void onStreamReset(final String stream)
        {
            publishEvent(FeedMessageType.RESET, 0, 0, stream);
        }
    };

    private long nextSequence = 1;
    private int connectionId;
    private boolean firstAfterReconnect;
    private boolean droppedBefore;
    private boolean evicted;

    /**
     * A publisher not yet attached to a client (to drive it by hand, or to attach its parts yourself).
     *
     * @param publication where messages go; the caller keeps it and closes it.
     * @param engine      the engine of the client (for the receive stamps and its epoch clock).
     * @param options     stream id, policy and extractors.
     * @param counters    where outcomes are counted.
     */
    public AeronFeedPublisher(
        final Publication publication,
        final WebSocketEngine engine,
        final PublisherOptions options,
        final PublisherCounters counters)
    {
        this.publication = publication;
        this.engine = engine;
        this.epochClock = engine.context().epochNanoClock();
        this.options = options;
        this.counters = counters;
        this.exchangeTimestamps = options.exchangeTimestamps();
        this.policy = options.policy();
        this.held = BackPressurePolicy.CONFLATE == policy ?
            new ConflationTable(options.conflationKeys(), options.conflationSlotSize()) : null;
    }

    /**
     * Publish a client's messages and lifecycle events: registers the raw handler and the CONNECTED,
     * DISCONNECTED and RECONNECTED handlers, and adds the publisher to the engine's duty cycle (it sends what
     * CONFLATE holds there). {@link #close()} undoes it.
     *
     * @param ws          the client, not yet connected (or the first CONNECTED event is missed).
     * @param publication where messages go.
     * @param options     stream id, policy and extractors.
     * @param counters    where outcomes are counted.
     * @return the attached publisher.
     * @throws IllegalArgumentException if the client's handlers run on an executor instead of the engine thread.
     */
    public static AeronFeedPublisher attach(
        final WebSocket<?> ws,
        final Publication publication,
        final PublisherOptions options,
        final PublisherCounters counters)
    {
        if (null != ws.config().handlerExecutor())
        {
            throw new IllegalArgumentException("the Aeron publisher numbers data and events on the engine thread: " +
                "build the client without a handler executor (" + ws.uri() + ")");
        }
        final AeronFeedPublisher publisher = new AeronFeedPublisher(publication, ws.engine(), options, counters);
        publisher.registrations.add(ws.onRawMessage(publisher));
        publisher.registrations.add(ws.on(EventType.CONNECTED, (event) -> publisher.onConnected()));
        publisher.registrations.add(ws.on(EventType.DISCONNECTED, (event) -> publisher.onDisconnected()));
        publisher.registrations.add(ws.on(EventType.RECONNECTED, (event) -> publisher.onResubscribed()));
        ws.engine().addAgent(publisher);
        publisher.registrations.add(() -> ws.engine().removeAgent(publisher));
        return publisher;
    }

    /**
     * A listener to give a {@code SequencedFeed}: its gaps and stream resets become GAP and RESET events on the
     * stream.
     *
     * @return the listener (engine thread).
     */
    public FeedListener feedListener()
    {
        return feedListener;
    }

    /**
     * The counters of this publisher.
     *
     * @return the counters (readable from any thread).
     */
    public PublisherCounters counters()
    {
        return counters;
    }

    /**
     * The sequence number the next published message gets.
     *
     * @return one more than the last published.
     */
    public long nextSequence()
    {
        return nextSequence;
    }

    /**
     * Messages held by CONFLATE, waiting to go out.
     *
     * @return how many (0 under other policies).
     */
    public int heldCount()
    {
        return null == held ? 0 : held.size();
    }

    /**
     * Has DISCONNECT_SLOW_CONSUMER closed the publication.
     *
     * @return true once evicted: everything after is dropped.
     */
    public boolean isEvicted()
    {
        return evicted;
    }

    /** {@inheritDoc} */
    @Override
    public void onMessage(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (evicted)
        {
            counters.increment(PublisherOutcome.DROPPED);
            return;
        }
        final int baseFlags = MessageType.TEXT == type ? FLAG_TEXT : 0;
        final long receivedNs = engine.receiveEpochNanos();
        final long exchangeNs = null == exchangeTimestamps ?
            NO_TIMESTAMP : exchangeTimestamps.extractEpochNanos(type, buffer, offset, length);
        if (isStillHolding())
        {
            hold(options.conflationKey().key(type, buffer, offset, length), true,
                FeedMessageType.DATA, baseFlags, receivedNs, exchangeNs, buffer, offset, length);
            return;
        }
        final int retries = BackPressurePolicy.BOUNDED_SPIN == policy ? options.spinLimit() : 0;
        final long result =
            send(FeedMessageType.DATA, baseFlags, receivedNs, exchangeNs, buffer, offset, length, retries);
        if (result < 0)
        {
            onFailed(result, true, FeedMessageType.DATA, baseFlags, receivedNs, exchangeNs, buffer, offset, length);
        }
    }

    /**
     * The client connected: a new connection id, and a CONNECTED event.
     */
    public void onConnected()
    {
        connectionId++;
        firstAfterReconnect = connectionId > 1;
        publishEvent(FeedMessageType.CONNECTED, 0, 0, null);
    }

    /**
     * The client's connection ended: a DISCONNECTED event.
     */
    public void onDisconnected()
    {
        publishEvent(FeedMessageType.DISCONNECTED, 0, 0, null);
    }

    /**
     * The client restored its subscriptions after a reconnect: a RESUBSCRIBED event.
     */
    public void onResubscribed()
    {
        publishEvent(FeedMessageType.RESUBSCRIBED, 0, 0, null);
    }

    /** {@inheritDoc} */
    @Override
    public int doWork()
    {
        return null == held || held.isEmpty() ? 0 : Math.max(0, flushHeld());
    }

    /** {@inheritDoc} */
    @Override
    public String roleName()
    {
        return "jetsocket-aeron-publisher-" + options.streamId();
    }

    /**
     * Detach from the client (when attached with {@link #attach}). The publication and the counters stay open:
     * they belong to the caller.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(registrations);
        registrations.clear();
    }

    private void publishEvent(final FeedMessageType type, final long from, final long to, final String stream)
    {
        if (evicted)
        {
            counters.increment(PublisherOutcome.DROPPED);
            return;
        }
        eventBody.putLong(FeedHeader.EVENT_FROM_OFFSET, from, FeedHeader.BYTE_ORDER);
        eventBody.putLong(FeedHeader.EVENT_TO_OFFSET, to, FeedHeader.BYTE_ORDER);
        int length = FeedHeader.EVENT_STREAM_OFFSET;
        if (null != stream)
        {
            // ASCII is UTF-8 and writes without a temporary byte array; a longer name is cut
            final String name = stream.length() > EVENT_STREAM_MAX ? stream.substring(0, EVENT_STREAM_MAX) : stream;
            length += eventBody.putStringWithoutLengthAscii(FeedHeader.EVENT_STREAM_OFFSET, name);
        }
        final long nowNs = epochClock.nanoTime();
        if (isStillHolding())
        {
            hold(0, false, type, FLAG_LIFECYCLE, nowNs, NO_TIMESTAMP, eventBody, 0, length);
            return;
        }
        // events are rare and matter more than data: a bounded spin under every policy but CONFLATE (which holds)
        final int retries = null == held ? options.spinLimit() : 0;
        final long result = send(type, FLAG_LIFECYCLE, nowNs, NO_TIMESTAMP, eventBody, 0, length, retries);
        if (result < 0)
        {
            onFailed(result, false, type, FLAG_LIFECYCLE, nowNs, NO_TIMESTAMP, eventBody, 0, length);
        }
    }

    private long send(
        final FeedMessageType type,
        final int baseFlags,
        final long receivedNs,
        final long exchangeNs,
        final DirectBuffer payload,
        final int offset,
        final int length,
        final int retries)
    {
        final int total = FeedHeader.LENGTH + length;
        if (total > publication.maxMessageLength())
        {
            counters.increment(PublisherOutcome.TOO_LONG);
            return TOO_LONG;
        }
        final int flags = baseFlags | pendingFlags(type);
        long result;
        int attempt = 0;
        do
        {
            if (total <= publication.maxPayloadLength())
            {
                result = publication.tryClaim(total, claim);
                if (result > 0)
                {
                    final MutableDirectBuffer log = claim.buffer();
                    final int at = claim.offset();
                    FeedHeaderEncoder.encode(
                        log, at, flags, type, connectionId, options.streamId(), nextSequence, receivedNs, exchangeNs);
                    log.putBytes(at + FeedHeader.LENGTH, payload, offset, length);
                    claim.commit();
                }
            }
            else
            {
                // longer than one frame: Aeron fragments it; a two-part offer still copies the payload only once
                FeedHeaderEncoder.encode(headerScratch, 0, flags, type, connectionId, options.streamId(),
                    nextSequence, receivedNs, exchangeNs);
                result = publication.offer(headerScratch, 0, FeedHeader.LENGTH, payload, offset, length);
            }
        }
        while (result < 0 && shouldRetry(result, attempt++, retries));
        if (result > 0)
        {
            onPublished(type);
        }
        return result;
    }

    private long sendHeld(final int slot, final int retries)
    {
        final UnsafeBuffer slots = held.buffer();
        final int offset = held.offset(slot);
        final int length = held.length(slot);
        final FeedMessageType type = FeedMessageType.ofCode(
            slots.getShort(offset + FeedHeader.TYPE_OFFSET, FeedHeader.BYTE_ORDER) & 0xFFFF);
        final int flags = (slots.getByte(offset + FeedHeader.FLAGS_OFFSET) & 0xFF) | pendingFlags(type);
        FeedHeaderEncoder.restamp(slots, offset, flags, nextSequence);
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
            onPublished(type);
        }
        return result;
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
                droppedBefore |= Publication.NOT_CONNECTED != result;
            }
        }
        return sent;
    }

    /**
     * Under CONFLATE, send what is held; if some is still held, a new message must queue behind it (order).
     *
     * @return true if messages are still held.
     */
    private boolean isStillHolding()
    {
        if (null == held || held.isEmpty())
        {
            return false;
        }
        flushHeld();
        return !held.isEmpty();
    }

    private void onFailed(
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
        FeedHeaderEncoder.encode(held.buffer(), held.offset(slot), baseFlags | FLAG_CONFLATED, type, connectionId,
            options.streamId(), 0, receivedNs, exchangeNs);
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
        droppedBefore = true;
    }

    private int pendingFlags(final FeedMessageType type)
    {
        return (droppedBefore ? FLAG_DROPPED_BEFORE : 0) |
            (firstAfterReconnect && FeedMessageType.DATA == type ? FLAG_FIRST_AFTER_RECONNECT : 0);
    }

    private void onPublished(final FeedMessageType type)
    {
        nextSequence++;
        droppedBefore = false;
        if (FeedMessageType.DATA == type)
        {
            firstAfterReconnect = false;
        }
        counters.increment(PublisherOutcome.PUBLISHED);
    }

    private boolean shouldRetry(final long result, final int attempt, final int retries)
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

    private static MessageType asMessageType(final int flags)
    {
        return (flags & FLAG_TEXT) != 0 ? MessageType.TEXT : MessageType.BINARY;
    }
}
