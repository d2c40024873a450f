/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.client.venue.RateLimit;
import io.jetsocket.client.venue.RollingWindow;
import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.EngineTimer;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection's outbound rate limiter ({@link RateLimit}): a message goes straight to the connection while the
 * strict rolling window has room and nothing waits; otherwise it waits, in order, in a many-to-one ring buffer,
 * and the engine thread sends it when the window frees, woken by an engine timer set for that moment (no thread
 * of its own, no lock). The window lives on the engine thread, so a send from any other thread always queues
 * (one copy into the ring and, once per burst, a hop to the engine thread).
 * <p>
 * It counts what passes through it: the client's messages, subscriptions, replayed messages and heartbeat pings.
 * The engine's own pongs (answers to the server's pings) do not pass through it, they cannot wait, but each takes
 * its place in the window ({@link #onPongQueued}); close frames are not counted.
 */
final class OutboundLimiter implements EngineTimer, ControlledMessageHandler
{
    /** {@link #submit} result: accepted into the queue (not a {@link SendResult} code: those are 0 or negative). */
    static final int QUEUED = 1;

    private static final int TEXT = 1;
    private static final int BINARY = 2;
    private static final int PING = 3;
    /** Flag on a queued message whose sender already counted it in the statistics (the replay drain). */
    private static final int COUNTED = 0x10;
    /** How soon a drain held back by the connection's outbound limit (not the window) looks again. */
    private static final long BACK_PRESSURE_RETRY_NS = 1_000_000L;

    /**
     * Where sent and discarded messages are reported (engine thread).
     */
    interface Listener
    {
        /**
         * A waiting message went out.
         *
         * @param length its payload length.
         */
        void onQueuedSent(int length);

        /**
         * Waiting messages were dropped because their connection ended.
         *
         * @param messages how many.
         * @param bytes    their payload bytes.
         */
        void onQueuedDiscarded(int messages, long bytes);
    }

    private final WebSocketEngine engine;
    private final ClientTimers timers;
    private final ClientState state;
    private final Listener listener;
    private final RollingWindow window;
    private final ManyToOneRingBuffer queue;
    private final AtomicBoolean drainRequested = new AtomicBoolean();
    private final Runnable drainTask = this::onDrainRequested;
    private final ControlledMessageHandler discarder = this::discard;
    // Engine thread only.
    private long timerId = ClientTimers.NONE;
    private WebSocketConnection draining;
    private boolean backPressured;
    private int discardedMessages;
    private long discardedBytes;

    OutboundLimiter(
        final RateLimit limit,
        final WebSocketEngine engine,
        final ClientTimers timers,
        final ClientState state,
        final Listener listener)
    {
        this.engine = engine;
        this.timers = timers;
        this.state = state;
        this.listener = listener;
        this.window = new RollingWindow(limit.maxMessages(), limit.window().toNanos());
        final int capacity = BitUtil.findNextPositivePowerOfTwo(limit.queueBytes());
        this.queue = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * Send a message now if the window allows and nothing waits, otherwise queue it (any thread).
     *
     * @param connection the writable connection.
     * @param type       frame type.
     * @param buffer     holding the payload.
     * @param offset     of the payload.
     * @param length     of the payload.
     * @param counted    true when the sender counts it in the statistics itself, queued or not.
     * @return a {@link SendResult} code, or {@link #QUEUED}.
     */
    int submit(final WebSocketConnection connection, final MessageType type,
        final DirectBuffer buffer, final int offset, final int length, final boolean counted)
    {
        final int kind = MessageType.TEXT == type ? TEXT : BINARY;
        return submit(connection, counted ? kind | COUNTED : kind, buffer, offset, length);
    }

    /**
     * Send a ping now if the window allows and nothing waits, otherwise queue it (engine thread: the heartbeat).
     *
     * @param connection the writable connection.
     * @param buffer     holding the payload.
     * @param offset     of the payload.
     * @param length     of the payload.
     * @return a {@link SendResult} code, or {@link #QUEUED}.
     */
    int submitPing(final WebSocketConnection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        return submit(connection, PING, buffer, offset, length);
    }

    private int submit(final WebSocketConnection connection, final int kind,
        final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean onEngine = engine.isEngineThread();
        if (onEngine && 0 == queue.size() && window.tryAcquire(timers.nowNs()))
        {
            return write(connection, kind, buffer, offset, length);
        }
        if (length > queue.maxMsgLength())
        {
            return SendResult.TOO_LARGE;
        }
        if (!queue.write(kind, buffer, offset, length))
        {
            return SendResult.BACK_PRESSURED;
        }
        if (onEngine)
        {
            drain();
        }
        else if (drainRequested.compareAndSet(false, true))
        {
            try
            {
                engine.execute(drainTask); // through the engine's ordered channel: after the sends before it
            }
            catch (final EngineClosedException ignore)
            {
                // the client fails with its engine: nothing is left to send the message on
            }
        }
        return QUEUED;
    }

    /**
     * The engine queued a pong to the server's ping (engine thread): it goes out at once, whatever the window says
     * (a pong cannot wait), and takes its place in the window, so the messages after it wait for the room it used.
     */
    void onPongQueued()
    {
        window.record(timers.nowNs());
    }

    /**
     * A connection opened: send what waits, as the window allows (engine thread).
     */
    void onConnected()
    {
        drain();
    }

    /**
     * The connection ended: what waits for it is not sent, and the listener hears how much (engine thread).
     */
    void onDisconnected()
    {
        timers.cancel(timerId);
        timerId = ClientTimers.NONE;
        discardedMessages = 0;
        discardedBytes = 0;
        while (queue.controlledRead(discarder) > 0)
        {
            // each pass takes what the ring holds up to its end
        }
        if (discardedMessages > 0)
        {
            listener.onQueuedDiscarded(discardedMessages, discardedBytes);
        }
    }

    /**
     * Messages waiting (approximate when other threads send).
     *
     * @return bytes in the queue.
     */
    int queuedBytes()
    {
        return queue.size();
    }

    @Override
    public void onTimer(final long timerId)
    {
        if (timerId == this.timerId)
        {
            this.timerId = ClientTimers.NONE;
            drain();
        }
    }

    private void onDrainRequested()
    {
        drainRequested.set(false);
        drain();
    }

    private void drain()
    {
        final WebSocketConnection connection = state.writable();
        if (null == connection)
        {
            return; // the next connection drains it, or its end discards it
        }
        draining = connection;
        backPressured = false;
        while (queue.controlledRead(this) > 0)
        {
            // a pass ends at the ring's end or at the first message the window (or the socket) holds back
        }
        draining = null;
        if (0 != queue.size() && ClientTimers.NONE == timerId)
        {
            final long nowNs = timers.nowNs();
            // Held back by the socket's outbound limit rather than the window: look again shortly.
            final long dueNs = backPressured ? nowNs + BACK_PRESSURE_RETRY_NS : window.nextFreeNs(nowNs);
            timerId = timers.schedule(dueNs, this);
        }
    }

    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (!window.tryAcquire(timers.nowNs()))
        {
            return Action.ABORT;
        }
        final int result = write(draining, msgTypeId, buffer, index, length);
        if (SendResult.BACK_PRESSURED == result)
        {
            backPressured = true; // the slot stays used: the window is only ever stricter than the limit
            return Action.ABORT;
        }
        if (SendResult.NOT_CONNECTED == result || SendResult.CLOSED == result)
        {
            return Action.ABORT; // the connection is ending: its end reports what still waits
        }
        if (SendResult.OK == result && PING != msgTypeId && 0 == (msgTypeId & COUNTED))
        {
            listener.onQueuedSent(length);
        }
        return Action.COMMIT;
    }

    private Action discard(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (PING != msgTypeId)
        {
            discardedMessages++;
            discardedBytes += length;
        }
        return Action.COMMIT;
    }

    private static int write(final WebSocketConnection connection, final int kind,
        final DirectBuffer buffer, final int offset, final int length)
    {
        switch (kind & ~COUNTED)
        {
            case TEXT:
                return connection.sendText(buffer, offset, length);
            case BINARY:
                return connection.sendBinary(buffer, offset, length);
            default:
                return connection.sendPing(buffer, offset, length);
        }
    }
}
