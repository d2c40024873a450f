/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.BufferOverflowException;
import io.jetsocket.client.MessageSender;
import io.jetsocket.client.SendStatus;
import io.jetsocket.client.config.BufferConfig;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.config.ReplayConfig;
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
import java.util.function.Function;

/**
 * Buffering and replay of one client. Its {@link #doWork()} runs in the client conductor's duty cycle only while
 * it {@link #hasWork()} (draining, or holding messages other threads buffered); it asks to be woken through
 * {@link Host#wakeUp()} once per burst of buffered sends.
 * <ul>
 *     <li><b>Incoming:</b> tracks the last sequence id and drops duplicates within the window
 *     ({@link #acceptIncoming}).</li>
 *     <li><b>{@code sequence_id} replay:</b> after a reconnect, calls the application's hook with the last
 *     sequence id ({@link #replaySequence}).</li>
 *     <li><b>{@code full_buffer} replay:</b> what the application sends while the connection is down goes to
 *     the bounded {@link MessageBuffer} ({@link #submit}); once reconnected the agent sends it in order, a
 *     little per duty cycle when the connection pushes back, and only then lets new sends through, so that
 *     order is kept ({@link #startDrain}).</li>
 * </ul>
 * {@link #submit} and the read-only accessors are thread safe and lock free; everything else runs on the engine
 * thread, which owns the buffer.
 *
 * @param <T> type of the client's messages.
 */
public final class ReplayAgent<T>
{
    /**
     * What the agent needs from its client.
     */
    public interface Host
    {
        /**
         * Send on the current connection (from any thread; direct when on the engine thread).
         *
         * @param type   frame type.
         * @param buffer holding the payload.
         * @param offset of the payload.
         * @param length of the payload.
         * @return a {@link SendResult} code; {@link SendResult#NOT_CONNECTED} when there is no connection.
         */
        int sendDirect(MessageType type, DirectBuffer buffer, int offset, int length);

        /**
         * Replay has begun (engine thread).
         *
         * @param mode           the mode.
         * @param lastSequenceId the last id, or null.
         * @param messageCount   messages to replay.
         */
        void onReplayStarted(ReplayMode mode, Object lastSequenceId, int messageCount);

        /**
         * Replay has finished (engine thread).
         *
         * @param mode          the mode.
         * @param replayedCount messages replayed.
         * @param durationNs    how long it took.
         */
        void onReplayCompleted(ReplayMode mode, int replayedCount, long durationNs);

        /**
         * The replay hook or the sequence extractor threw (engine thread).
         *
         * @param error what it threw.
         */
        void onReplayError(Throwable error);

        /**
         * The send buffer dropped or refused messages (on the sending thread).
         *
         * @param droppedCount how many.
         */
        void onOverflow(long droppedCount);

        /**
         * A sender buffered messages: have the conductor run {@link #doWork()} until {@link #hasWork()} says
         * no (the engine may be parked). Any thread; once per burst.
         */
        void wakeUp();

        /**
         * A buffered message went out (engine thread).
         *
         * @param length its length in bytes.
         */
        void onBufferedSent(int length);
    }

    private static final VarHandle HELD;
    private static final VarHandle EVICTIONS_OWED;
    private static final VarHandle WAKE_REQUESTED;

    static
    {
        try
        {
            // Fields with VarHandles rather than three atomic objects per client.
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            HELD = lookup.findVarHandle(ReplayAgent.class, "held", int.class);
            EVICTIONS_OWED = lookup.findVarHandle(ReplayAgent.class, "evictionsOwed", int.class);
            WAKE_REQUESTED = lookup.findVarHandle(ReplayAgent.class, "wakeRequested", boolean.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final ReplayConfig<T> replay;
    private final Function<? super T, ?> extractor;
    private final MessageBuffer buffer;
    private final OverflowPolicy policy;
    private final int capacity;
    private final SequenceTracker sequences;
    private final NanoClock clock;
    private final Host host;
    private final UnsafeBuffer view; // full_buffer mode only

    /**
     * Messages from other threads on their way to the engine thread's {@link #buffer}.
     */
    private final ManyToOneConcurrentLinkedQueue<MessageBuffer.Entry> pending;

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
     * Create the agent.
     *
     * @param replay the replay mode, extractor and hook.
     * @param buffer capacity, policy and de-duplication.
     * @param clock  the time source.
     * @param host   the client.
     */
    public ReplayAgent(final ReplayConfig<T> replay, final BufferConfig buffer, final NanoClock clock, final Host host)
    {
        this.replay = replay;
        this.extractor = replay.sequenceExtractor();
        final boolean buffering = ReplayMode.FULL_BUFFER == replay.mode();
        // Only full_buffer mode buffers: the other modes carry no queue and no buffer.
        this.buffer = buffering ? new MessageBuffer(buffer.capacity(), buffer.overflowPolicy()) : null;
        this.pending = buffering ? new ManyToOneConcurrentLinkedQueue<>() : null;
        this.policy = buffer.overflowPolicy();
        this.capacity = buffer.capacity();
        // Sequence ids come from the extractor: without one there is nothing to track.
        this.sequences = null == extractor ? null : new SequenceTracker(buffer.enableDedup(), buffer.dedupWindow());
        this.view = buffering ? new UnsafeBuffer(0, 0) : null;
        this.clock = clock;
        this.host = host;
    }

    /**
     * Drain what can be drained (engine thread).
     *
     * @return messages sent or moved.
     */
    public int doWork()
    {
        if (null == pending)
        {
            return 0;
        }
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
    public boolean hasWork()
    {
        if (draining || null != previous)
        {
            return true;
        }
        if (null == pending)
        {
            return false;
        }
        wakeRequested = false;
        return !pending.isEmpty();
    }

    /**
     * Does the agent need decoded incoming messages (to extract sequence ids)?
     *
     * @return true with a sequence extractor.
     */
    public boolean needsIncoming()
    {
        return null != extractor;
    }

    /**
     * Does the agent buffer what is sent while disconnected?
     *
     * @return true in {@code full_buffer} mode.
     */
    public boolean isBuffering()
    {
        return ReplayMode.FULL_BUFFER == replay.mode();
    }

    /**
     * Track an incoming message's sequence id (engine thread).
     *
     * @param message the decoded message.
     * @return false if it is a duplicate to drop.
     */
    public boolean acceptIncoming(final T message)
    {
        if (null == extractor)
        {
            return true;
        }
        final Object id;
        try
        {
            id = extractor.apply(message);
        }
        catch (final RuntimeException ex)
        {
            host.onReplayError(ex);
            return true;
        }
        return sequences.accept(id);
    }

    /**
     * Send now if the connection is up and nothing buffered is waiting, otherwise keep the message in the send
     * buffer. Thread safe and lock free: a buffered message travels to the engine thread through a many-to-one
     * queue. Only in {@code full_buffer} mode.
     *
     * @param type   frame type.
     * @param source holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return the outcome.
     * @throws io.jetsocket.client.BufferOverflowException when the buffer is full and its policy is
     *                                                     {@code error}.
     */
    public SendStatus submit(final MessageType type, final DirectBuffer source, final int offset, final int length)
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
     * After a reconnect, in {@code sequence_id} mode, call the hook with the last sequence id (engine thread).
     *
     * @param reconnect true unless this is the first connection.
     * @param sender    sends directly on the new connection.
     */
    public void replaySequence(final boolean reconnect, final MessageSender<T> sender)
    {
        final Object lastId = lastSequenceId();
        if (ReplayMode.SEQUENCE_ID != replay.mode() || !reconnect || null == lastId)
        {
            return;
        }
        final long startNs = clock.nanoTime();
        host.onReplayStarted(ReplayMode.SEQUENCE_ID, lastId, 1);
        int count = 1;
        try
        {
            replay.onReplay().onReplay(lastId, sender);
        }
        catch (final RuntimeException ex)
        {
            count = 0;
            host.onReplayError(ex);
        }
        host.onReplayCompleted(ReplayMode.SEQUENCE_ID, count, clock.nanoTime() - startNs);
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
    public void handBack(
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
     * A connection opened: in {@code full_buffer} mode, start sending what was buffered (engine thread).
     *
     * @param reconnect true unless this is the first connection.
     */
    public void startDrain(final boolean reconnect)
    {
        startDrain(reconnect, null);
    }

    /**
     * A connection opened: in {@code full_buffer} mode, start sending what was buffered (engine thread), but only
     * once the previous connection has handed back everything it accepted and never wrote: sends other threads
     * had queued for it come back after it ended, and they go ahead of everything buffered.
     *
     * @param reconnect true unless this is the first connection.
     * @param previous  the connection before this one, or null.
     */
    public void startDrain(final boolean reconnect, final WebSocketConnection previous)
    {
        if (!isBuffering())
        {
            return;
        }
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
    public void onDisconnected()
    {
        previous = null;
        flowing = false;
        draining = false;
    }

    /**
     * The last sequence id seen.
     *
     * @return the id, or null.
     */
    public Object lastSequenceId()
    {
        return null == sequences ? null : sequences.lastSequenceId();
    }

    /**
     * Duplicates dropped so far.
     *
     * @return the count.
     */
    public long duplicates()
    {
        return null == sequences ? 0 : sequences.duplicates();
    }

    /**
     * How full the send buffer is (any thread).
     *
     * @return size / capacity, at most 1.
     */
    public double fillRatio()
    {
        return Math.min(1.0, (double)held / capacity);
    }

    /**
     * Messages accepted for buffering and not yet sent (any thread).
     *
     * @return the count.
     */
    public int bufferedCount()
    {
        return held;
    }

    /**
     * The send buffer's capacity.
     *
     * @return capacity in messages.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * Is new traffic going straight to the connection?
     *
     * @return true once connected and the buffer has been drained.
     */
    public boolean isFlowing()
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
