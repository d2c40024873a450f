/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.feed.FeedHandler;
import io.jetsocket.client.feed.FeedListener;
import io.jetsocket.client.feed.SequenceFields;
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

import static io.jetsocket.aeron.FeedHeader.FLAG_DECOMPRESSED;
import static io.jetsocket.aeron.FeedHeader.FLAG_LIFECYCLE;
import static io.jetsocket.aeron.FeedHeader.FLAG_REPLAYED;
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
 * <p>
 * Two modes. <b>Raw</b> ({@link #attach}): every message as it arrives. <b>Sequenced</b>
 * ({@link #attachSequenced}): what a {@code SequencedFeed} delivers, through {@link #feedHandler()} and
 * {@link #feedListener()} (in order and once per stream, with its gaps and resets as events, and the deltas it
 * replays after a snapshot flagged {@link FeedHeader#FLAG_REPLAYED}):
 * <pre>{@code
 * AeronFeedPublisher publisher = AeronFeedPublisher.attachSequenced(ws, publication, options, counters);
 * SequencedFeed feed = SequencedFeed.builder(ws)
 *     .extractor(extractor)
 *     .handler(publisher.feedHandler())
 *     .listener(publisher.feedListener())
 *     .resync(fetcher, restExecutor)
 *     .snapshotHandler(snapshotHandler)
 *     .build();
 * }</pre>
 * <p>
 * This class encodes and claims; what happens when the publication refuses a message (spin, hold, drop, evict)
 * is the {@link BackPressureHandler}'s, and where the stream stands (sequence, connection id, pending flags) is
 * the {@link FeedSequence}'s.
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
    private final FeedSequence sequence = new FeedSequence();
    private final BackPressureHandler backPressure;
    private final BufferClaim claim = new BufferClaim();
    private final UnsafeBuffer headerScratch = new UnsafeBuffer(ByteBuffer.allocateDirect(FeedHeader.LENGTH));
    private final UnsafeBuffer eventBody =
        new UnsafeBuffer(ByteBuffer.allocateDirect(FeedHeader.EVENT_STREAM_OFFSET + EVENT_STREAM_MAX));
    private final List<AutoCloseable> registrations = new ArrayList<>();
    /** The client it is attached to, asked whether each message came compressed; null when driven by hand. */
    private WebSocket<?> client;
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
    private final FeedHandler feedHandler = this::onFeedMessage;

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
        this.backPressure = new BackPressureHandler(publication, options, counters, sequence);
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
        final AeronFeedPublisher publisher = attachSequenced(ws, publication, options, counters);
        publisher.registrations.add(0, ws.onRawMessage(publisher));
        return publisher;
    }

    /**
     * Publish what a {@code SequencedFeed} over a client delivers, and the client's lifecycle events: as
     * {@link #attach}, but without the raw handler. Give the feed {@link #feedHandler()} as its handler and
     * {@link #feedListener()} as its listener (and the publisher itself as its {@code unsequenced} handler, to
     * publish the messages the extractor does not sequence too). Attach before building the feed, so that a
     * reconnect's CONNECTED event goes out before the RESET events of a feed that resets on reconnect.
     * {@link #close()} undoes it (close the feed first).
     *
     * @param ws          the client, not yet connected (or the first CONNECTED event is missed).
     * @param publication where messages go.
     * @param options     stream id, policy and extractors.
     * @param counters    where outcomes are counted.
     * @return the attached publisher.
     * @throws IllegalArgumentException if the client's handlers run on an executor instead of the engine thread.
     */
    public static AeronFeedPublisher attachSequenced(
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
        publisher.client = ws;
        publisher.registrations.add(ws.on(EventType.CONNECTED, (event) -> publisher.onConnected()));
        publisher.registrations.add(ws.on(EventType.DISCONNECTED, (event) -> publisher.onDisconnected()));
        publisher.registrations.add(ws.on(EventType.RECONNECTED, (event) -> publisher.onResubscribed()));
        ws.engine().addAgent(publisher);
        publisher.registrations.add(() -> ws.engine().removeAgent(publisher));
        return publisher;
    }

    /**
     * A handler to give a {@code SequencedFeed} ({@link #attachSequenced}): each message it delivers is published as
     * DATA, stamped as a raw one is (type, exchange timestamp, the engine's receive timestamp of the read that
     * brought it). A delta the feed replays from its buffer after a snapshot ({@link SequenceFields#isReplayed()})
     * is flagged {@link FeedHeader#FLAG_REPLAYED} and stamped with the time of its replay instead: it arrived
     * earlier, and the feed does not keep when.
     *
     * @return the handler (engine thread).
     */
    public FeedHandler feedHandler()
    {
        return feedHandler;
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
        return sequence.nextSequence();
    }

    /**
     * Messages held by CONFLATE, waiting to go out.
     *
     * @return how many (0 under other policies).
     */
    public int heldCount()
    {
        return backPressure.heldCount();
    }

    /**
     * Has DISCONNECT_SLOW_CONSUMER closed the publication.
     *
     * @return true once evicted: everything after is dropped.
     */
    public boolean isEvicted()
    {
        return backPressure.isEvicted();
    }

    /** {@inheritDoc} */
    @Override
    public void onMessage(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        publishData(type, liveFlags(type), engine.receiveEpochNanos(), buffer, offset, length);
    }

    /**
     * The flags of a message as it arrives: its type, and whether it came compressed (asked of the client during
     * its delivery; a publisher driven by hand cannot tell).
     */
    private int liveFlags(final MessageType type)
    {
        return (MessageType.TEXT == type ? FLAG_TEXT : 0) |
            (null != client && client.isMessageInflated() ? FLAG_DECOMPRESSED : 0);
    }

    /**
     * The client connected: a new connection id, and a CONNECTED event.
     */
    public void onConnected()
    {
        sequence.onConnected();
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
        return backPressure.doWork();
    }

    /**
     * Leaving the duty cycle (engine thread: {@link #close()} removes it from the engine, or the engine closes):
     * one last try to send what CONFLATE holds; what the publication still refuses is dropped and counted
     * ({@link PublisherOutcome#DROPPED}).
     */
    @Override
    public void onClose()
    {
        backPressure.onClose();
    }

    /** {@inheritDoc} */
    @Override
    public String roleName()
    {
        return "jetsocket-aeron-publisher-" + options.streamId();
    }

    /**
     * Detach from the client (when attached with {@link #attach}). The publication and the counters stay open:
     * they belong to the caller. What CONFLATE still holds gets a last try on the engine thread ({@link #onClose()}),
     * so close the publication after that has run, or its messages are dropped (and counted).
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(registrations);
        registrations.clear();
    }

    private void onFeedMessage(
        final String stream,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SequenceFields fields)
    {
        if (fields.isReplayed())
        {
            // Replayed from the feed's copy, outside any read: the engine's receive stamp is another message's, and
            // whether it came compressed is not kept with the copy.
            publishData(type, (MessageType.TEXT == type ? FLAG_TEXT : 0) | FLAG_REPLAYED, epochClock.nanoTime(),
                buffer, offset, length);
        }
        else
        {
            publishData(type, liveFlags(type), engine.receiveEpochNanos(), buffer, offset, length);
        }
    }

    private void publishData(
        final MessageType type,
        final int baseFlags,
        final long receivedNs,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (backPressure.isEvicted())
        {
            counters.increment(PublisherOutcome.DROPPED);
            return;
        }
        final long exchangeNs = null == exchangeTimestamps ?
            NO_TIMESTAMP : exchangeTimestamps.extractEpochNanos(type, buffer, offset, length);
        if (backPressure.isStillHolding())
        {
            backPressure.holdData(type, baseFlags, receivedNs, exchangeNs, buffer, offset, length);
            return;
        }
        final int retries = backPressure.dataRetries();
        final long result =
            send(FeedMessageType.DATA, baseFlags, receivedNs, exchangeNs, buffer, offset, length, retries);
        if (result < 0)
        {
            backPressure.onFailed(
                result, true, FeedMessageType.DATA, baseFlags, receivedNs, exchangeNs, buffer, offset, length);
        }
    }

    private void publishEvent(final FeedMessageType type, final long from, final long to, final String stream)
    {
        if (backPressure.isEvicted())
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
        if (backPressure.isStillHolding())
        {
            backPressure.holdEvent(type, nowNs, eventBody, length);
            return;
        }
        final long result =
            send(type, FLAG_LIFECYCLE, nowNs, NO_TIMESTAMP, eventBody, 0, length, backPressure.eventRetries());
        if (result < 0)
        {
            backPressure.onFailed(result, false, type, FLAG_LIFECYCLE, nowNs, NO_TIMESTAMP, eventBody, 0, length);
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
        final int connectionId = sequence.connectionId();
        final int flags = baseFlags | sequence.pendingFlags(type, connectionId);
        final long nextSequence = sequence.nextSequence();
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
        while (result < 0 && backPressure.shouldRetry(result, attempt++, retries));
        if (result > 0)
        {
            sequence.onPublished(type, connectionId);
            counters.increment(PublisherOutcome.PUBLISHED);
        }
        return result;
    }
}
