/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.Heartbeat;
import io.jetsocket.client.codec.Codec;
import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.client.config.VenuePing;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.PingEvent;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.WebSocketConnection;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The heartbeat's host (engine thread): writes its ping on the client's open connection (a PING frame with the
 * configured payload, or the application's ping message: bytes as a binary frame, a string as text, anything else
 * through the codec) and announces it with a {@code ping} event; reports a missed pong as an error and hands a
 * dead peer to the lifecycle, which ends the connection.
 *
 * @param <T> type of the client's messages.
 */
final class PingWriter<T> implements Heartbeat.Host
{
    private final HeartbeatConfig config;
    private final Codec<T> codec;
    private final EventDispatcher events;
    private final EpochClock epochClock;
    private final ClientState state;
    private final Consumer<Throwable> onError;
    private final Consumer<TimeoutException> onDeadPeer;
    /** The venue's outbound rate limit, which pings count toward; null for none. */
    private final OutboundLimiter limiter;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64);
    private MessageType applicationPingType = MessageType.TEXT;
    /** The epoch time the last venue ping was written with: what its pong may have to echo (engine thread). */
    private long lastPingEpochMs = -1;

    PingWriter(
        final HeartbeatConfig config,
        final Codec<T> codec,
        final EventDispatcher events,
        final EpochClock epochClock,
        final ClientState state,
        final Consumer<Throwable> onError,
        final Consumer<TimeoutException> onDeadPeer,
        final OutboundLimiter limiter)
    {
        this.limiter = limiter;
        this.config = config;
        this.codec = codec;
        this.events = events;
        this.epochClock = epochClock;
        this.state = state;
        this.onError = onError;
        this.onDeadPeer = onDeadPeer;
    }

    @Override
    public boolean sendPing()
    {
        final WebSocketConnection connection = state.writable();
        return null != connection && write(connection);
    }

    @Override
    public void onPongMissed(final int misses, final TimeoutException timeout)
    {
        onError.accept(timeout);
    }

    @Override
    public void onDeadPeer(final int misses, final TimeoutException timeout)
    {
        onDeadPeer.accept(timeout);
    }

    /**
     * Write a ping.
     *
     * @param connection the open connection.
     * @return true if the connection took it.
     */
    boolean write(final WebSocketConnection connection)
    {
        final byte[] payload;
        final int result;
        if (config.useWsPing())
        {
            payload = config.payload();
            view.wrap(payload);
            result = null == limiter ? connection.sendPing(view, 0, payload.length) :
                accepted(limiter.submitPing(connection, view, 0, payload.length));
        }
        else if (null != config.venuePing())
        {
            return writeVenuePing(connection);
        }
        else
        {
            try
            {
                payload = encodeApplicationPing();
            }
            catch (final RuntimeException ex)
            {
                onError.accept(ex); // counts as a ping not answered
                return false;
            }
            view.wrap(payload);
            final MessageType type = payload.length > 0 && MessageType.BINARY == applicationPingType ?
                MessageType.BINARY : MessageType.TEXT;
            result = null == limiter ? (MessageType.BINARY == type ?
                connection.sendBinary(view, 0, payload.length) : connection.sendText(view, 0, payload.length)) :
                accepted(limiter.submit(connection, type, view, 0, payload.length, true));
        }
        if (events.has(EventType.PING))
        {
            events.emit(EventType.PING, new PingEvent(payload, epochClock.time()));
        }
        return SendResult.OK == result;
    }

    /**
     * The epoch time the last venue ping carried (engine thread).
     *
     * @return milliseconds, -1 before the first.
     */
    long lastPingEpochMs()
    {
        return lastPingEpochMs;
    }

    /**
     * A venue's ping, written into the reused scratch buffer: nothing allocated unless someone listens to pings.
     */
    private boolean writeVenuePing(final WebSocketConnection connection)
    {
        final VenuePing ping = config.venuePing();
        final long epochMs = epochClock.time();
        final int length;
        try
        {
            length = ping.writePing(scratch, 0, epochMs);
        }
        catch (final RuntimeException ex)
        {
            onError.accept(ex); // counts as a ping not answered
            return false;
        }
        lastPingEpochMs = epochMs;
        final MessageType type = ping.pingType();
        final int result = null == limiter ? (MessageType.BINARY == type ?
            connection.sendBinary(scratch, 0, length) : connection.sendText(scratch, 0, length)) :
            accepted(limiter.submit(connection, type, scratch, 0, length, true));
        if (events.has(EventType.PING))
        {
            final byte[] payload = new byte[length];
            scratch.getBytes(0, payload);
            events.emit(EventType.PING, new PingEvent(payload, epochMs));
        }
        return SendResult.OK == result;
    }

    /**
     * A ping the rate limiter queued is sent: it goes out as soon as the window allows, and the pong timeout,
     * already running, allows for that.
     */
    private static int accepted(final int limiterResult)
    {
        return OutboundLimiter.QUEUED == limiterResult ? SendResult.OK : limiterResult;
    }

    @SuppressWarnings("unchecked")
    private byte[] encodeApplicationPing()
    {
        final Object ping = config.applicationPing().get();
        if (ping instanceof byte[])
        {
            applicationPingType = MessageType.BINARY;
            return (byte[])ping;
        }
        applicationPingType = MessageType.TEXT;
        if (ping instanceof String)
        {
            return ((String)ping).getBytes(StandardCharsets.UTF_8);
        }
        final int length = codec.encode((T)ping, scratch, 0);
        applicationPingType = codec.frameType();
        final byte[] bytes = new byte[length];
        scratch.getBytes(0, bytes);
        return bytes;
    }
}
