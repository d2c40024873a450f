/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.Heartbeat;
import io.jetsocket.client.agent.NoDataWatchdog;
import io.jetsocket.client.config.RawPongMatcher;
import io.jetsocket.client.config.ServerPingResponder;
import io.jetsocket.client.config.VenuePing;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.PongEvent;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketException;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.EpochClock;

/**
 * The liveness traffic of a connection, taken out of its incoming messages on their bytes before anything else sees
 * them (engine thread, no allocation, nothing decoded): an application-level pong answers the heartbeat and is
 * consumed; a server's application-level ping is answered through the send path (its rate limit included) and
 * consumed unless configured otherwise; any other message is data, and re-arms the no-data watchdog.
 */
final class LivenessFilter
{
    private static final byte[] NO_PAYLOAD = new byte[0];

    private final RawPongMatcher pongMatcher;
    private final VenuePing venuePing;
    private final PingWriter<?> pingWriter;
    private final Heartbeat heartbeat;
    private final ServerPingResponder responder;
    private final boolean deliverServerPings;
    private final SendPath<?> sendPath;
    private final NoDataWatchdog watchdog;
    private final EventDispatcher events;
    private final EventEmitter errors;
    private final EpochClock epochClock;
    private final String uri;
    /** The answer to a server ping is written here: made with the filter, grown once at most. */
    private final ExpandableArrayBuffer answer;

    LivenessFilter(
        final RawPongMatcher pongMatcher,
        final VenuePing venuePing,
        final PingWriter<?> pingWriter,
        final Heartbeat heartbeat,
        final ServerPingResponder responder,
        final boolean deliverServerPings,
        final SendPath<?> sendPath,
        final NoDataWatchdog watchdog,
        final EventDispatcher events,
        final EventEmitter errors,
        final EpochClock epochClock,
        final String uri)
    {
        this.pongMatcher = pongMatcher;
        this.venuePing = venuePing;
        this.pingWriter = pingWriter;
        this.heartbeat = heartbeat;
        this.responder = responder;
        this.deliverServerPings = deliverServerPings;
        this.sendPath = sendPath;
        this.watchdog = watchdog;
        this.events = events;
        this.errors = errors;
        this.epochClock = epochClock;
        this.uri = uri;
        this.answer = null == responder ? null : new ExpandableArrayBuffer(64);
    }

    /**
     * Take a message's liveness part (engine thread).
     *
     * @param type   frame type.
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return true when the message is consumed: nothing else may see it.
     */
    boolean consumed(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != pongMatcher && isPong(type, buffer, offset, length))
        {
            onPong(type, buffer, offset, length);
            return true;
        }
        if (null != responder)
        {
            final int answerLength = answer(type, buffer, offset, length);
            if (answerLength >= 0)
            {
                send(type, answerLength);
                return !deliverServerPings;
            }
        }
        if (null != watchdog)
        {
            watchdog.onData();
        }
        return false;
    }

    private boolean isPong(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            return pongMatcher.isPong(type, buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            errors.error(ex, false);
            return false;
        }
    }

    private void onPong(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        // A pong of a venue ping that echoes a timestamp answers only the ping that carried it: a late answer to
        // a missed ping is consumed all the same, but it is no answer to the one outstanding.
        final boolean answers = null == venuePing || pongMatcher != venuePing ||
            venuePing.answers(type, buffer, offset, length, pingWriter.lastPingEpochMs());
        final long latencyNs = answers && null != heartbeat ? heartbeat.onApplicationPong() : -1;
        if (events.hasConsumers(EventType.PONG))
        {
            events.emit(EventType.PONG,
                new PongEvent(NO_PAYLOAD, latencyNs < 0 ? Double.NaN : latencyNs / 1e6, epochClock.time()));
        }
    }

    private int answer(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            return responder.answer(type, buffer, offset, length, answer);
        }
        catch (final RuntimeException ex)
        {
            errors.error(ex, false);
            return -1;
        }
    }

    private void send(final MessageType type, final int length)
    {
        final SendStatus status = sendPath.sendFrame(type, answer, 0, length);
        if (SendStatus.BACK_PRESSURED == status || SendStatus.TOO_LARGE == status)
        {
            // Cold: the venue will likely drop the connection for the missing pong; say why beforehand.
            errors.error(new WebSocketException("the answer to the server's ping (" + length + " bytes) was not " +
                "sent: " + status + " on " + uri), false);
        }
    }
}
