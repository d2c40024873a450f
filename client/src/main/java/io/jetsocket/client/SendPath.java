/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.EngineClientTimers;
import io.jetsocket.client.agent.ReplayAgent;
import io.jetsocket.client.codec.Codec;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.config.ReplayMode;
import io.jetsocket.client.event.BufferKind;
import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.frame.CloseCode;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * Where a client's outgoing messages go (as Aeron's sender is for its publications): straight to the engine
 * connection, into the replay buffer while that buffers, or refused with the {@link SendStatus} that says why.
 * It is the replay agent's host (sends for its drain, its events, the overflow it counts, waking the conductor
 * for its work), sends the subscriptions again on each connection, and takes back what a connection accepted but
 * never wrote.
 * <p>
 * Sends come from any thread; the replay and conductor callbacks, the hand-backs and the overflow event run on
 * the engine thread. The only state of its own is the overflow count, which other threads add to.
 *
 * @param <T> type of the messages.
 */
final class SendPath<T>
    implements ReplayAgent.Host, ClientConductor.Work, EngineEventsAdapter.Outbound, OutboundLimiter.Listener,
    SubscriptionRegistry.Sender
{
    private static final VarHandle PENDING_SEND_OVERFLOW;
    private static final VarHandle SEND_OVERFLOW_SCHEDULED;
    private static final VarHandle SUBSCRIPTIONS;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING_SEND_OVERFLOW = lookup.findVarHandle(SendPath.class, "pendingSendOverflow", long.class);
            SEND_OVERFLOW_SCHEDULED = lookup.findVarHandle(SendPath.class, "sendOverflowScheduled", int.class);
            SUBSCRIPTIONS = lookup.findVarHandle(SendPath.class, "subscriptions", SubscriptionRegistry.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private static final ThreadLocal<ExpandableArrayBuffer> SCRATCH =
        ThreadLocal.withInitial(() -> new ExpandableArrayBuffer(1024));

    private final ClientConfig<T> config;
    private final String uri;
    private final WebSocketEngine engine;
    private final Codec<T> codec;
    private final ClientState state;
    private final StatsRecorder stats;
    private final EventEmitter emit;
    private final ReplayAgent<T> replayAgent;
    /** Made by the first {@code subscribe} (most clients never subscribe): SUBSCRIPTIONS, compare-and-set. */
    private volatile SubscriptionRegistry subscriptions;
    private boolean subscriptionsLive; // engine thread: between a connection's restore and its end
    private final Runnable wakeTask = this::wakeConductor;
    private final DirectSender directSender = new DirectSender();
    /** Added to on any thread (the sender that overflowed), drained by the overflow event on the engine thread. */
    // Plain fields through VarHandles, not AtomicLong/AtomicBoolean objects: 40 bytes less per client.
    private long pendingSendOverflow; // PENDING_SEND_OVERFLOW, added to on any thread, taken on the engine thread
    private int sendOverflowScheduled; // SEND_OVERFLOW_SCHEDULED, 1 while an overflow event is on its way
    /** Engine thread only: wraps a subscription's payload. */
    private UnsafeBuffer arrayView; // engine thread, made by the first subscription message
    /** The venue's outbound rate limit on each connection, or null for none. */
    private final OutboundLimiter limiter;

    SendPath(
        final ClientConfig<T> config,
        final String uri,
        final WebSocketEngine engine,
        final NanoClock nanoClock,
        final ClientState state,
        final StatsRecorder stats,
        final EventEmitter emit)
    {
        this.config = config;
        this.uri = uri;
        this.engine = engine;
        this.codec = config.codec();
        this.state = state;
        this.stats = stats;
        this.emit = emit;
        this.replayAgent = new ReplayAgent<>(config.replay(), config.buffer(), nanoClock, this);
        this.limiter = null == config.venueLimits().rateLimit() ? null : new OutboundLimiter(
            config.venueLimits().rateLimit(), engine, new EngineClientTimers(engine), state, this);
    }

    /**
     * The outbound rate limiter, which the heartbeat's pings pass through too.
     *
     * @return it, or null when the client has no rate limit.
     */
    OutboundLimiter limiter()
    {
        return limiter;
    }

    ReplayAgent<T> replay()
    {
        return replayAgent;
    }

    SubscriptionRegistry subscriptions()
    {
        final SubscriptionRegistry existing = subscriptions;
        if (null != existing)
        {
            return existing;
        }
        SUBSCRIPTIONS.compareAndSet(this, null, new SubscriptionRegistry(engine, this));
        return subscriptions;
    }

    // ---------------------------------------------------------------- sends (any thread)

    SendStatus send(final T message)
    {
        if (state.isClosedForSending("send"))
        {
            return SendStatus.CLOSED;
        }
        final ExpandableArrayBuffer scratch = SCRATCH.get();
        final int length = codec.encode(message, scratch, 0);
        return sendFrame(codec.frameType(), scratch, 0, length);
    }

    SendStatus sendFrame(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (state.isClosedForSending("send"))
        {
            return SendStatus.CLOSED;
        }
        final SendStatus status;
        if (replayAgent.isBuffering())
        {
            status = replayAgent.submit(type, buffer, offset, length);
        }
        else
        {
            status = toStatus(sendLimited(type, buffer, offset, length));
        }
        if ((SendStatus.NOT_CONNECTED == status || SendStatus.BUFFERED == status) && state.isClosedForSending("send"))
        {
            // close() or a fatal failure overtook the send. A message buffered just before the client ended is
            // also in the count its end reports (UnsentMessagesException); one buffered after is not: either way
            // the sender hears of it.
            return SendStatus.CLOSED;
        }
        if (SendStatus.SENT == status)
        {
            stats.onSent(length);
        }
        return status;
    }

    /**
     * Encode a message into a copy of its own (any thread), as a subscription keeps it.
     *
     * @param message the message.
     * @return its bytes.
     */
    byte[] encodeToArray(final T message)
    {
        final ExpandableArrayBuffer scratch = SCRATCH.get();
        final int length = codec.encode(message, scratch, 0);
        final byte[] payload = new byte[length];
        scratch.getBytes(0, payload);
        return payload;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean isLive()
    {
        return subscriptionsLive;
    }

    /**
     * Send a subscription's message on the current connection (engine thread).
     *
     * @param type    frame type.
     * @param payload the message.
     */
    @Override
    public void send(final MessageType type, final byte[] payload)
    {
        if (null == arrayView)
        {
            arrayView = new UnsafeBuffer(payload);
        }
        arrayView.wrap(payload);
        if (SendResult.OK == sendLimited(type, arrayView, 0, payload.length))
        {
            stats.onSent(payload.length);
        }
    }

    private static SendStatus toStatus(final int result)
    {
        switch (result)
        {
            case SendResult.OK:
                return SendStatus.SENT;
            case SendResult.BACK_PRESSURED:
                return SendStatus.BACK_PRESSURED;
            case SendResult.TOO_LARGE:
                return SendStatus.TOO_LARGE;
            case OutboundLimiter.QUEUED:
                return SendStatus.QUEUED;
            default:
                return SendStatus.NOT_CONNECTED;
        }
    }

    private static int write(
        final WebSocketConnection connection,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        return MessageType.TEXT == type ?
            connection.sendText(buffer, offset, length) : connection.sendBinary(buffer, offset, length);
    }

    // ---------------------------------------------------------------- the connection's replay (engine thread)

    /**
     * A connection opened: the replay hook may send on it ahead of the buffer, then the subscriptions go again and
     * the buffer drains, after any hand-backs of the previous connection.
     *
     * @param connection the connection.
     * @param reconnect  true when it follows an earlier connection or attempt.
     * @param previous   the previous connection, which may still hand back messages, or null.
     * @return false when the replay hook closed the client: nothing more was sent.
     */
    boolean onConnected(final WebSocketConnection connection, final boolean reconnect,
        final WebSocketConnection previous)
    {
        directSender.connection = connection;
        if (null != limiter)
        {
            limiter.onConnected(); // what waited for this connection goes first, as the window allows
        }
        replayAgent.replaySequence(reconnect, directSender);
        if (state.isGone(connection))
        {
            return false;
        }
        subscriptionsLive = true; // a subscription made from here on goes at once; the kept ones go now
        final SubscriptionRegistry subscriptions = this.subscriptions;
        if (null != subscriptions)
        {
            subscriptions.restore();
        }
        replayAgent.startDrain(reconnect, previous);
        if (replayAgent.hasWork())
        {
            wakeConductor(); // pushed back or waiting for the previous connection's hand-backs
        }
        return true;
    }

    /**
     * The connection ended: nothing more goes straight to it, and the subscriptions wait for the next one.
     */
    void onDisconnected()
    {
        replayAgent.onDisconnected();
        if (null != limiter)
        {
            limiter.onDisconnected();
        }
        directSender.connection = null;
        subscriptionsLive = false;
    }

    // ---------------------------------------------------------------- ReplayAgent.Host

    @Override
    public int sendDirect(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        final WebSocketConnection connection = state.writable();
        if (null == connection)
        {
            return SendResult.NOT_CONNECTED;
        }
        if (null == limiter)
        {
            return write(connection, type, buffer, offset, length);
        }
        final int result = limiter.submit(connection, type, buffer, offset, length, true);
        return OutboundLimiter.QUEUED == result ? SendResult.OK : result; // taken, in order: the replay's "sent"
    }

    /**
     * Write to the current connection, through the rate limiter when there is one.
     *
     * @return a {@link SendResult} code, or {@link OutboundLimiter#QUEUED}.
     */
    private int sendLimited(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        final WebSocketConnection connection = state.writable();
        if (null == connection)
        {
            return SendResult.NOT_CONNECTED;
        }
        return null == limiter ? write(connection, type, buffer, offset, length) :
            limiter.submit(connection, type, buffer, offset, length, false);
    }

    // ---------------------------------------------------------------- OutboundLimiter.Listener (engine thread)

    @Override
    public void onQueuedSent(final int length)
    {
        stats.onSent(length);
    }

    @Override
    public void onQueuedDiscarded(final int messages, final long bytes)
    {
        emit.error(new ConnectionClosedException(messages + " message(s), " + bytes + " bytes, not sent: the " +
            "connection to " + uri + " ended while they waited for the rate limit's window", CloseCode.ABNORMAL, ""),
            false);
    }

    @Override
    public void onReplayStarted(final ReplayMode mode, final Object lastSequenceId, final int messageCount)
    {
        emit.replayStarted(mode, lastSequenceId, messageCount);
    }

    @Override
    public void onReplayCompleted(final ReplayMode mode, final int replayedCount, final long durationNs)
    {
        emit.replayCompleted(mode, replayedCount, durationNs);
    }

    @Override
    public void onReplayError(final Throwable error)
    {
        emit.error(error, false);
    }

    @Override
    public void onOverflow(final long droppedCount)
    {
        stats.onDropped(droppedCount);
        PENDING_SEND_OVERFLOW.getAndAdd(this, droppedCount);
        if (SEND_OVERFLOW_SCHEDULED.compareAndSet(this, 0, 1))
        {
            try
            {
                engine.execute(this::emitSendOverflow); // rare: the task is made when needed
            }
            catch (final EngineClosedException ignore)
            {
                // the client failed with its engine: no event loop is left to report the overflow on
            }
        }
    }

    @Override
    public void wakeUp()
    {
        if (engine.isEngineThread())
        {
            wakeConductor();
            return;
        }
        try
        {
            engine.execute(wakeTask); // through the ordered channel: after the sends before it
        }
        catch (final EngineClosedException ignore)
        {
            // the client fails with its engine: nothing is left to send the message on
        }
    }

    @Override
    public void onBufferedSent(final int length)
    {
        stats.onSent(length);
    }

    private void wakeConductor()
    {
        final ClientConductor conductor = state.conductor();
        if (null != conductor && !state.get().isTerminal())
        {
            conductor.wake(this);
        }
    }

    private void emitSendOverflow()
    {
        SEND_OVERFLOW_SCHEDULED.setVolatile(this, 0);
        final long dropped = (long)PENDING_SEND_OVERFLOW.getAndSet(this, 0L);
        if (dropped > 0)
        {
            emit.bufferOverflow(BufferKind.SEND_BUFFER, replayAgent.capacity(), dropped,
                config.buffer().overflowPolicy());
        }
    }

    // ---------------------------------------------------------------- ClientConductor.Work (engine thread)

    @Override
    public int doWork()
    {
        return replayAgent.doWork();
    }

    @Override
    public boolean hasWork()
    {
        return replayAgent.hasWork();
    }

    // ---------------------------------------------------------------- EngineEventsAdapter.Outbound (engine thread)

    @Override
    public void onPongQueued()
    {
        if (null != limiter)
        {
            limiter.onPongQueued();
        }
    }

    @Override
    public void onUnsent(final WebSocketConnection connection, final MessageType type,
        final DirectBuffer buffer, final int offset, final int length)
    {
        // A send accepted from another thread met the end of its connection in the engine's queue. With
        // full_buffer replay it goes back at the head of the buffer, in order, ahead of anything sent since the
        // drop (the next connection waits for every hand-back before it drains); otherwise the application
        // hears of it as an error, never silence. Hand-backs can arrive after the connection's end, when the
        // client may have finished (a fatal close code, no reconnect): no connection will drain the buffer then.
        if (replayAgent.isBuffering() && !state.isCloseRequested() && !state.get().isTerminal())
        {
            replayAgent.handBack(connection, type, buffer, offset, length);
        }
        else
        {
            emit.error(new ConnectionClosedException("message of " + length + " bytes not sent: the connection " +
                "closed before it could be written to " + uri, CloseCode.ABNORMAL, ""), false);
        }
    }

    @Override
    public void onUnsentDiscarded(final int messages, final long bytes)
    {
        // Partly written when the connection ended: nothing can send the rest, so say so.
        emit.error(new ConnectionClosedException(messages + " message(s), " + bytes + " bytes, not sent: the " +
            "connection to " + uri + " ended while writing them", CloseCode.ABNORMAL, ""), false);
    }

    /**
     * Sends straight to one connection, ahead of the send buffer: for the replay hook (engine thread).
     */
    private final class DirectSender implements MessageSender<T>
    {
        private WebSocketConnection connection;

        @Override
        public SendStatus send(final T message)
        {
            final ExpandableArrayBuffer scratch = SCRATCH.get();
            final int length = codec.encode(message, scratch, 0);
            return sendRaw(codec.frameType(), scratch, length);
        }

        @Override
        public SendStatus sendText(final String text)
        {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return sendRaw(MessageType.TEXT, new UnsafeBuffer(bytes), bytes.length);
        }

        @Override
        public SendStatus sendBinary(final byte[] bytes)
        {
            return sendRaw(MessageType.BINARY, new UnsafeBuffer(bytes), bytes.length);
        }

        private SendStatus sendRaw(final MessageType type, final DirectBuffer buffer, final int length)
        {
            final WebSocketConnection target = connection;
            if (null == target || target != state.current())
            {
                return SendStatus.NOT_CONNECTED;
            }
            final int result = null == limiter ? write(target, type, buffer, 0, length) :
                limiter.submit(target, type, buffer, 0, length, false);
            if (SendResult.OK == result)
            {
                stats.onSent(length);
            }
            return toStatus(result);
        }
    }
}
