/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.Heartbeat;
import io.jetsocket.client.agent.ReplayAgent;
import io.jetsocket.client.codec.Codec;
import io.jetsocket.client.compression.PayloadInflater;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.MessageEvent;
import io.jetsocket.client.event.PongEvent;
import io.jetsocket.client.event.RawMessageEvent;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;

import java.util.function.Predicate;

/**
 * Where an incoming message of the current connection goes (engine thread): counted, handed zero-copy to raw
 * handlers, and decoded only when someone needs the value (message handlers, the receive queue, an application
 * pong matcher, a sequence extractor); then an application pong is answered to the heartbeat, a duplicate
 * sequence id dropped, and the rest handed to the handlers and the queue.
 *
 * @param <T> type of the messages.
 */
final class MessageDispatcher<T>
{
    private static final byte[] NO_PAYLOAD = new byte[0];

    private final Codec<T> codec;
    private final EventDispatcher events;
    private final StatsRecorder stats;
    private final ReceiveQueue<T> queue;
    private final ReplayAgent<T> replay;
    private final Heartbeat heartbeat;
    private final Predicate<Object> pongMatcher;
    private final EpochClock epochClock;
    private final EventEmitter errors;
    /** Its receive stamps ({@link WebSocketEngine#receiveNanos()}): those of the read that brought the message. */
    private final WebSocketEngine engine;
    /** The flyweight for {@link EventType#RAW_MESSAGE} consumers, made when the first one is there (engine thread). */
    private RawMessageEvent rawEvent;
    // Binary frames compressed outside RFC 7692 (payloadCompression): set once, before any connect; null when off.
    private PayloadInflater inflater;
    private MessageType inflatedType;
    private Undeliverable undeliverable;

    /**
     * What the client does with a message it cannot deliver (engine thread): report it, then close the connection.
     */
    @FunctionalInterface
    interface Undeliverable
    {
        /**
         * Report the error and close the current connection.
         *
         * @param error     what was wrong with the message.
         * @param closeCode the close code.
         * @param reason    the close reason.
         */
        void fail(Throwable error, int closeCode, String reason);
    }
    /** Liveness (live): pongs and server pings on raw bytes, the no-data watchdog; null when none is configured. */
    private LivenessFilter liveness;
    /** Whether the message being delivered now arrived compressed (RFC 7692 or {@link #inflater}) and was inflated. */
    private boolean deliveringInflated;

    MessageDispatcher(
        final Codec<T> codec,
        final EventDispatcher events,
        final StatsRecorder stats,
        final ReceiveQueue<T> queue,
        final ReplayAgent<T> replay,
        final Heartbeat heartbeat,
        final Predicate<Object> pongMatcher,
        final EpochClock epochClock,
        final EventEmitter errors,
        final WebSocketEngine engine)
    {
        this.codec = codec;
        this.events = events;
        this.stats = stats;
        this.queue = queue;
        this.replay = replay;
        this.heartbeat = heartbeat;
        this.pongMatcher = pongMatcher;
        this.epochClock = epochClock;
        this.errors = errors;
        this.engine = engine;
    }

    /**
     * Inflate every binary frame before anyone sees it (once, while the client is built).
     *
     * @param inflater      of the venue's format, or null to deliver binary frames as they come.
     * @param deliverAs     the type the inflated messages are delivered as.
     * @param undeliverable what to do with a message that does not inflate.
     */
    void inflateWith(final PayloadInflater inflater, final MessageType deliverAs, final Undeliverable undeliverable)
    {
        this.inflater = inflater;
        this.inflatedType = deliverAs;
        this.undeliverable = undeliverable;
    }

    /**
     * A message of the current connection.
     *
     * @param type   frame type.
     * @param buffer holding the payload, valid during the call only.
     * @param offset of the payload.
     * @param length of the payload.
     * @param inflatedByEngine whether the engine inflated it (permessage-deflate).
     */
    void onMessage(
        final MessageType type, final DirectBuffer buffer, final int offset, final int length,
        final boolean inflatedByEngine)
    {
        stats.onReceived(length); // bytes as received: a compressed message counts its compressed length
        if (null != inflater && MessageType.BINARY == type)
        {
            deliveringInflated = true;
            inflateAndDeliver(buffer, offset, length);
        }
        else
        {
            deliveringInflated = inflatedByEngine;
            deliver(type, buffer, offset, length);
        }
    }

    /**
     * Whether the message being delivered now arrived compressed and is delivered inflated: by the engine
     * (permessage-deflate) or by the client's payload inflater (gzip, deflate). Engine thread, during a delivery.
     *
     * @return true for an inflated message.
     */
    boolean isDeliveringInflated()
    {
        return deliveringInflated;
    }

    /**
     * Inflate a compressed message into the inflater's reused buffer and deliver that, through the same path as any
     * other message: every consumer sees the inflated bytes. One that does not inflate goes nowhere but the error.
     */
    private void inflateAndDeliver(final DirectBuffer buffer, final int offset, final int length)
    {
        final int inflated = inflater.inflate(buffer, offset, length);
        if (inflated >= 0)
        {
            deliver(inflatedType, inflater.buffer(), 0, inflated);
        }
        else
        {
            final int closeCode = inflater.failureCloseCode();
            undeliverable.fail(new PayloadInflationException(inflater.lastFormat(), length, closeCode,
                inflater.failureReason()), closeCode, PayloadInflater.TOO_BIG == inflated ?
                "inflated message too big" : "invalid compressed message");
        }
    }

    private void deliver(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        // Kept small enough for the JIT to inline into the engine's delivery: the zero-copy handlers here, every
        // other use of the message (events, decoding, the queue, pong matching, replay) behind one check.
        if (null != liveness && liveness.consumed(type, buffer, offset, length))
        {
            return; // a pong or a server ping: liveness traffic, not the application's (LivenessFilter)
        }
        final LatencyStats latency = stats.latency();
        if (null != latency) // exchange timestamps on, or pings answered: one field load when off
        {
            recordLatency(latency, type, buffer, offset, length);
        }
        for (final RawMessageHandler handler : events.rawHandlers())
        {
            try
            {
                handler.onMessage(type, buffer, offset, length);
            }
            catch (final Throwable ex)
            {
                events.rawHandlerFailed(ex);
            }
        }
        if (needsMoreThanRawHandlers())
        {
            deliverBeyondRawHandlers(type, buffer, offset, length);
        }
    }

    /**
     * Take pongs and server pings out on their bytes, and feed the no-data watchdog, ahead of everything else
     * (set once, while the client is built).
     *
     * @param liveness the filter, or null for none.
     */
    void liveness(final LivenessFilter liveness)
    {
        this.liveness = liveness;
    }

    private void recordLatency(
        final LatencyStats latency, final MessageType type, final DirectBuffer buffer, final int offset,
        final int length)
    {
        try
        {
            latency.onMessage(type, buffer, offset, length, engine.receiveNanos(), engine.receiveEpochNanos());
        }
        catch (final RuntimeException ex)
        {
            events.rawHandlerFailed(ex); // the user's extractor threw: reported like a raw handler, the message goes on
        }
    }

    private boolean needsMoreThanRawHandlers()
    {
        return events.hasConsumers(EventType.RAW_MESSAGE) || events.hasConsumers(EventType.MESSAGE) ||
            queue.isActive() || null != pongMatcher || replay.needsIncoming();
    }

    private void deliverBeyondRawHandlers(
        final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (events.hasConsumers(EventType.RAW_MESSAGE))
        {
            events.emitRaw(rawEvent().wrap(type, buffer, offset, length, epochClock.time(),
                engine.receiveNanos(), engine.receiveEpochNanos()));
        }
        if (events.hasConsumers(EventType.MESSAGE) || queue.isActive() || null != pongMatcher ||
            replay.needsIncoming())
        {
            deliverDecoded(type, buffer, offset, length);
        }
    }

    private RawMessageEvent rawEvent()
    {
        if (null == rawEvent)
        {
            rawEvent = new RawMessageEvent();
        }
        return rawEvent;
    }

    void onPong(final DirectBuffer buffer, final int offset, final int length)
    {
        final long latencyNs = null == heartbeat ? -1 : heartbeat.onWsPong(buffer, offset, length);
        if (latencyNs >= 0)
        {
            stats.onRoundTrip(latencyNs);
        }
        if (events.hasConsumers(EventType.PONG))
        {
            final byte[] payload = new byte[length];
            buffer.getBytes(offset, payload);
            events.emit(EventType.PONG, new PongEvent(payload, toMs(latencyNs), epochClock.time()));
        }
    }

    private void deliverDecoded(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        final T message;
        try
        {
            message = codec.decode(type, buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            errors.error(ex, false);
            return;
        }
        if (null != pongMatcher && matchesPong(message))
        {
            final long latencyNs = heartbeat.onApplicationPong();
            if (latencyNs >= 0)
            {
                stats.onRoundTrip(latencyNs);
            }
            if (events.hasConsumers(EventType.PONG))
            {
                events.emit(EventType.PONG, new PongEvent(NO_PAYLOAD, toMs(latencyNs), epochClock.time()));
            }
            return;
        }
        if (!replay.acceptIncoming(message))
        {
            stats.onDropped(1);
            return;
        }
        if (events.hasConsumers(EventType.MESSAGE))
        {
            events.emit(EventType.MESSAGE, new MessageEvent<>(message, type, epochClock.time(),
                engine.receiveNanos(), engine.receiveEpochNanos()));
        }
        if (queue.isActive())
        {
            queue.offer(message);
        }
    }

    private boolean matchesPong(final T message)
    {
        try
        {
            return pongMatcher.test(message);
        }
        catch (final RuntimeException ex)
        {
            errors.error(ex, false);
            return false;
        }
    }

    private static double toMs(final long latencyNs)
    {
        return latencyNs < 0 ? Double.NaN : latencyNs / 1e6;
    }
}
