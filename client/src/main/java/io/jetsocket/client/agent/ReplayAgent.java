/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.MessageSender;
import io.jetsocket.client.SendStatus;
import io.jetsocket.client.config.BufferConfig;
import io.jetsocket.client.config.ReplayConfig;
import io.jetsocket.client.config.ReplayMode;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.WebSocketConnection;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.function.Function;

/**
 * Buffering and replay of one client, as an Agrona {@link Agent} in the engine's duty cycle.
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
 * {@link #submit} is thread safe; everything else runs on the engine thread.
 *
 * @param <T> type of the client's messages.
 */
public final class ReplayAgent<T> implements Agent
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
         * A buffered message went out (engine thread).
         *
         * @param length its length in bytes.
         */
        void onBufferedSent(int length);
    }

    private final ReplayConfig<T> replay;
    private final Function<? super T, ?> extractor;
    private final MessageBuffer buffer;
    private final SequenceTracker sequences;
    private final NanoClock clock;
    private final Host host;
    private final Object lock = new Object();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private boolean flowing;
    private boolean draining;
    private WebSocketConnection previous;
    private boolean pendingReconnect;
    private boolean announced;
    private int replayed;
    private long drainStartNs;

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
        this.buffer = new MessageBuffer(buffer.capacity(), buffer.overflowPolicy());
        this.sequences = new SequenceTracker(buffer.enableDedup(), buffer.dedupWindow());
        this.clock = clock;
        this.host = host;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int doWork()
    {
        if (null != previous)
        {
            return awaitPrevious();
        }
        return draining ? drain() : 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String roleName()
    {
        return "jetsocket-replay";
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
     * Send now if the connection is up and replay is over, otherwise keep the message in the send buffer. Thread
     * safe. Only in {@code full_buffer} mode.
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
        final long droppedBefore;
        final boolean pushed;
        synchronized (lock)
        {
            if (flowing)
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
            final byte[] payload = new byte[length];
            source.getBytes(offset, payload);
            droppedBefore = buffer.totalDropped();
            try
            {
                pushed = buffer.push(new MessageBuffer.Entry(type, payload));
            }
            catch (final RuntimeException ex)
            {
                host.onOverflow(1);
                throw ex;
            }
        }
        final long dropped = buffer.totalDropped() - droppedBefore;
        if (dropped > 0)
        {
            host.onOverflow(dropped);
        }
        return pushed ? SendStatus.BUFFERED : SendStatus.DROPPED;
    }

    /**
     * After a reconnect, in {@code sequence_id} mode, call the hook with the last sequence id (engine thread).
     *
     * @param reconnect true unless this is the first connection.
     * @param sender    sends directly on the new connection.
     */
    public void replaySequence(final boolean reconnect, final MessageSender<T> sender)
    {
        final Object lastId = sequences.lastSequenceId();
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
        final byte[] payload = new byte[length];
        source.getBytes(offset, payload);
        synchronized (lock)
        {
            buffer.handBack(connection, new MessageBuffer.Entry(type, payload));
        }
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
        final int count;
        synchronized (lock)
        {
            flowing = false;
            draining = true;
            replayed = 0;
            drainStartNs = clock.nanoTime();
            count = buffer.size();
            announced = reconnect || count > 0;
        }
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
        synchronized (lock)
        {
            flowing = false;
            draining = false;
        }
    }

    /**
     * The last sequence id seen.
     *
     * @return the id, or null.
     */
    public Object lastSequenceId()
    {
        return sequences.lastSequenceId();
    }

    /**
     * Duplicates dropped so far.
     *
     * @return the count.
     */
    public long duplicates()
    {
        return sequences.duplicates();
    }

    /**
     * How full the send buffer is.
     *
     * @return size / capacity.
     */
    public double fillRatio()
    {
        synchronized (lock)
        {
            return buffer.fillRatio();
        }
    }

    /**
     * Messages in the send buffer.
     *
     * @return the count.
     */
    public int bufferedCount()
    {
        synchronized (lock)
        {
            return buffer.size();
        }
    }

    /**
     * The send buffer's capacity.
     *
     * @return capacity in messages.
     */
    public int capacity()
    {
        return buffer.capacity();
    }

    /**
     * Is new traffic going straight to the connection?
     *
     * @return true once connected and the buffer has been drained.
     */
    public boolean isFlowing()
    {
        synchronized (lock)
        {
            return flowing;
        }
    }

    private int drain()
    {
        int sent = 0;
        int tooLarge = 0;
        boolean completed = false;
        synchronized (lock)
        {
            while (draining)
            {
                final MessageBuffer.Entry entry = buffer.peek();
                if (null == entry)
                {
                    draining = false;
                    flowing = true;
                    completed = true;
                    break;
                }
                view.wrap(entry.payload());
                final int result = host.sendDirect(entry.type(), view, 0, entry.payload().length);
                if (SendResult.OK == result || SendResult.TOO_LARGE == result)
                {
                    buffer.pop();
                    if (SendResult.OK == result)
                    {
                        replayed++;
                        sent++;
                        host.onBufferedSent(entry.payload().length);
                    }
                    else
                    {
                        tooLarge++;
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
        }
        if (tooLarge > 0)
        {
            host.onReplayError(new IllegalStateException(
                tooLarge + " buffered message(s) too large for the connection's outbound limit: dropped"));
        }
        if (completed && announced)
        {
            host.onReplayCompleted(ReplayMode.FULL_BUFFER, replayed, clock.nanoTime() - drainStartNs);
        }
        return sent;
    }
}
