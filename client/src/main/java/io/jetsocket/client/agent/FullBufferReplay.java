/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.BufferOverflowException;
import io.jetsocket.client.SendStatus;
import io.jetsocket.client.config.BufferConfig;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.config.ReplayMode;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.WebSocketConnection;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The {@code full_buffer} replay of {@link ReplayAgent}: what the application sends while the connection is down
 * goes to the bounded {@link MessageBuffer} ({@link #submit}); once reconnected it is sent in order, a little per
 * duty cycle when the connection pushes back, and only then do new sends go straight through, so that order is
 * kept ({@link #startDrain}). Messages the engine accepted on a connection that ended before writing them come back
 * to the head of the buffer ({@link #handBack}).
 * <p>
 * {@link #submit} and the read-only accessors are thread safe and lock free: a buffered message travels to the
 * engine thread through a many-to-one queue, which asks to be drained through {@link ReplayAgent.Host#wakeUp()} once
 * per burst. Everything else runs on the engine thread, which owns the buffer. Only a client in that mode has one.
 */
final class FullBufferReplay
{
    private static final VarHandle HELD;
    private static final VarHandle EVICTIONS_OWED;
    private static final VarHandle WAKE_REQUESTED;

    static
    {
        try
        {
            // Fields with VarHandles rather than three atomic objects per client.
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            HELD = lookup.findVarHandle(FullBufferReplay.class, "held", int.class);
            EVICTIONS_OWED = lookup.findVarHandle(FullBufferReplay.class, "evictionsOwed", int.class);
            WAKE_REQUESTED = lookup.findVarHandle(FullBufferReplay.class, "wakeRequested", boolean.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final MessageBuffer buffer;
    private final OverflowPolicy policy;
    private final int capacity;
    private final NanoClock clock;
    private final ReplayAgent.Host host;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    /**
     * Messages from other threads on their way to the engine thread's {@link #buffer}.
     */
    private final ManyToOneConcurrentLinkedQueue<MessageBuffer.Entry> pending = new ManyToOneConcurrentLinkedQueue<>();

    /**
     * Messages accepted for buffering (in {@link #pending} or {@link #buffer}) and not yet written or dropped.
     * Senders go straight to the connection only when it is 0: then nothing they buffered earlier can still be
     * behind them. The engine thread counts a message down only once it has written it (engine-thread writes go
     * straight into the send buffer, ahead of any later command) or dropped it.
     */
    private volatile int held; // HELD

    /**
     * {@code drop_oldest} evictions decided by senders (who report them at once) and carried out at the head of
     * the buffer by the engine thread.
     */
    private volatile int evictionsOwed; // EVICTIONS_OWED

    /**
     * A sender has asked the conductor to run this agent; cleared by {@link #hasWork()}.
     */
    private volatile boolean wakeRequested; // WAKE_REQUESTED

    /**
     * Connected and the buffer drained: new sends may go straight to the connection (when {@link #held} is 0).
     * Written by the engine thread only, and set false before it moves anything from {@link #pending} into the
     * buffer, so a sender that sees {@code held == 0} after such a move also sees it false.
     */
    private volatile boolean flowing;

    // Engine thread only.
    private boolean draining;
    private boolean announced;
    private int replayed;
    private long drainStartNs;
    private WebSocketConnection previous;
    private boolean pendingReconnect;

    /**
     * Create the buffer.
     *
     * @param config capacity and policy.
     * @param clock  the time source.
     * @param host   the client.
     */
    FullBufferReplay(final BufferConfig config, final NanoClock clock, final ReplayAgent.Host host)
    {
        this.buffer = new MessageBuffer(config.capacity(), config.overflowPolicy());
        this.policy = config.overflowPolicy();
        this.capacity = config.capacity();
        this.clock = clock;
        this.host = host;
    }

    /**
     * Drain what can be drained (engine thread).
     *
     * @return messages sent or moved.
     */
    int doWork()
    {
        if (null != previous)
        {
            return awaitPrevious();
        }
        if (draining)
        {
            return drain();
        }
        if (flowing)
        {
            return pending.isEmpty() ? 0 : sendPending();
        }
        return pending.isEmpty() ? 0 : movePending();
    }

    /**
     * Is there work for the next duty cycle (engine thread)? Re-arms the wake-up of senders before it looks at
     * their queue, so a message buffered meanwhile is either seen here or wakes the conductor again.
     *
     * @return true while draining, waiting for the previous connection, or holding buffered sends.
     */
    boolean hasWork()
    {
        if (draining || null != previous)
        {
            return true;
        }
        wakeRequested = false;
        return !pending.isEmpty();
    }

    /**
     * Send now if the connection is up and nothing buffered is waiting, otherwise keep the message in the send
     * buffer (any thread).
     *
     * @param type   frame type.
     * @param source holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return the outcome.
     * @throws BufferOverflowException when the buffer is full and its policy is {@code error}.
     */
    SendStatus submit(final MessageType type, final DirectBuffer source, final int offset, final int length)
    {
        // held first, then flowing: see the fields.
        if (0 == held && flowing)
        {
            final int result = host.sendDirect(type, source, offset, length);
            if (SendResult.OK == result)
            {
                return SendStatus.SENT;
            }
            if (SendResult.BACK_PRESSURED == result)
            {
                return SendStatus.BACK_PRESSURED;
            }
            if (SendResult.TOO_LARGE == result)
            {
                return SendStatus.TOO_LARGE;
            }
        }
        if (!admit())
        {
            return SendStatus.DROPPED;
        }
        final byte[] payload = new byte[length];
        source.getBytes(offset, payload);
        pending.offer(new MessageBuffer.Entry(type, payload));
        if (!wakeRequested && WAKE_REQUESTED.compareAndSet(this, false, true))
        {
            host.wakeUp(); // once per burst: the conductor moves it into the buffer (or sends it, if flowing)
        }
        return SendStatus.BUFFERED;
    }

    private boolean admit()
    {
        if (OverflowPolicy.DROP_OLDEST == policy)
        {
            if ((int)HELD.getAndAdd(this, 1) + 1 > capacity)
            {
                HELD.getAndAdd(this, -1);
                EVICTIONS_OWED.getAndAdd(this, 1);
                host.onOverflow(1);
            }
            return true;
        }
        while (true)
        {
            final int current = held;
            if (current >= capacity)
            {
                host.onOverflow(1);
                if (OverflowPolicy.ERROR == policy)
                {
                    throw new BufferOverflowException("send buffer", capacity, current);
                }
                return false;
            }
            if (HELD.compareAndSet(this, current, current + 1))
            {
                return true;
            }
        }
    }

    /**
     * Put back, at the head of the send buffer, a message the engine accepted on a connection that ended before
     * writing it (engine thread). Messages of one connection come back in their order; see
     * {@link MessageBuffer#handBack}.
     *
     * @param connection the connection that hands it back.
     * @param type       frame type.
     * @param source     holding the payload.
     * @param offset     of the payload.
     * @param length     of the payload.
     */
    void handBack(
        final WebSocketConnection connection,
        final MessageType type,
        final DirectBuffer source,
        final int offset,
        final int length)
    {
        // Flowing with nothing held: a send queued for a connection that had already ended (its thread read the
        // old connection, then stalled through a whole rotation). Later sends of that thread may already wait
        // behind it in the engine's command channel, addressed to the new connection: written now, from the
        // engine thread, it goes out ahead of them; buffered, it would go out after them.
        if (flowing && 0 == held && SendResult.OK == host.sendDirect(type, source, offset, length))
        {
            return;
        }
        final byte[] payload = new byte[length];
        source.getBytes(offset, payload);
        flowing = false;
        HELD.getAndAdd(this, 1);
        buffer.handBack(connection, new MessageBuffer.Entry(type, payload));
    }

    /**
     * A connection opened: start sending what was buffered (engine thread), but only once the previous connection
     * has handed back everything it accepted and never wrote: sends other threads had queued for it come back
     * after it ended, and they go ahead of everything buffered.
     *
     * @param reconnect true unless this is the first connection.
     * @param previous  the connection before this one, or null.
     */
    void startDrain(final boolean reconnect, final WebSocketConnection previous)
    {
        if (null != previous && previous.outboundBacklog() > 0)
        {
            this.previous = previous;
            this.pendingReconnect = reconnect;
            return;
        }
        beginDrain(reconnect);
    }

    private int awaitPrevious()
    {
        if (previous.outboundBacklog() > 0)
        {
            return 0;
        }
        previous = null;
        beginDrain(pendingReconnect);
        return 1;
    }

    private void beginDrain(final boolean reconnect)
    {
        flowing = false;
        movePending();
        draining = true;
        replayed = 0;
        drainStartNs = clock.nanoTime();
        final int count = buffer.size();
        announced = reconnect || count > 0;
        if (announced)
        {
            host.onReplayStarted(ReplayMode.FULL_BUFFER, null, count);
        }
        drain();
    }

    /**
     * The connection ended or is closing: new sends go to the buffer (engine thread).
     */
    void onDisconnected()
    {
        previous = null;
        flowing = false;
        draining = false;
    }

    /**
     * The client ended: nothing will drain the buffer any more. Discard what it holds, and what senders queued
     * for it, so its memory goes back (engine thread).
     *
     * @return how many messages were discarded, for the client to report.
     */
    int discardAll()
    {
        onDisconnected();
        movePending();
        final int discarded = buffer.size();
        buffer.clear();
        HELD.getAndAdd(this, -discarded);
        return discarded;
    }

    /**
     * How full the send buffer is (any thread).
     *
     * @return size / capacity, at most 1.
     */
    double fillRatio()
    {
        return Math.min(1.0, (double)held / capacity);
    }

    /**
     * Messages accepted for buffering and not yet sent (any thread).
     *
     * @return the count.
     */
    int bufferedCount()
    {
        return held;
    }

    /**
     * Is new traffic going straight to the connection?
     *
     * @return true once connected and the buffer has been drained.
     */
    boolean isFlowing()
    {
        return flowing;
    }

    /**
     * Move what senders queued into the buffer, carrying out owed evictions (engine thread, not flowing).
     */
    private int movePending()
    {
        int moved = 0;
        for (MessageBuffer.Entry entry; null != (entry = pending.poll()); )
        {
            buffer.add(entry);
            moved++;
        }
        for (int owed = evictionsOwed; owed > 0 && !buffer.isEmpty(); owed = evictionsOwed)
        {
            if (EVICTIONS_OWED.compareAndSet(this, owed, owed - 1))
            {
                buffer.pop(); // already counted down and reported by the sender
            }
        }
        return moved;
    }

    /**
     * Flowing, but a sender buffered a message just before the connection flowed: write it from the engine thread,
     * counting it down only once written, so the sender's next message cannot pass it.
     */
    private int sendPending()
    {
        int sent = 0;
        for (MessageBuffer.Entry entry; null != (entry = pending.peek()); )
        {
            final int result = sendEntry(entry);
            if (SendResult.OK == result || SendResult.TOO_LARGE == result)
            {
                pending.poll();
                HELD.getAndAdd(this, -1);
                sent += SendResult.OK == result ? 1 : 0;
            }
            else
            {
                // Pushed back or gone: buffer it and drain as usual (announcing nothing: not a replay).
                flowing = false;
                announced = false;
                draining = SendResult.BACK_PRESSURED == result;
                movePending();
                break;
            }
        }
        return sent;
    }

    private int sendEntry(final MessageBuffer.Entry entry)
    {
        view.wrap(entry.payload());
        final int result = host.sendDirect(entry.type(), view, 0, entry.payload().length);
        if (SendResult.OK == result)
        {
            host.onBufferedSent(entry.payload().length);
        }
        else if (SendResult.TOO_LARGE == result)
        {
            host.onReplayError(new IllegalStateException("a buffered message of " + entry.payload().length +
                " bytes is too large for the connection's outbound limit: dropped"));
        }
        return result;
    }

    private int drain()
    {
        movePending();
        int sent = 0;
        while (draining)
        {
            final MessageBuffer.Entry entry = buffer.peek();
            if (null == entry)
            {
                draining = false;
                flowing = true; // late senders see held > 0 until sendPending() has written theirs
                if (announced)
                {
                    announced = false;
                    host.onReplayCompleted(ReplayMode.FULL_BUFFER, replayed, clock.nanoTime() - drainStartNs);
                }
                break;
            }
            final int result = sendEntry(entry);
            if (SendResult.OK == result || SendResult.TOO_LARGE == result)
            {
                buffer.pop();
                HELD.getAndAdd(this, -1);
                if (SendResult.OK == result)
                {
                    replayed++;
                    sent++;
                }
            }
            else if (SendResult.BACK_PRESSURED == result)
            {
                break;
            }
            else
            {
                draining = false;
            }
        }
        return sent;
    }
}
