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
import io.jetsocket.engine.WebSocketConnection;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

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
 *     order is kept ({@link #startDrain}). The {@code FullBufferReplay} does it, and only a client in that mode
 *     has one.</li>
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

    private final ReplayConfig<T> replay;
    private final Function<? super T, ?> extractor;
    private final SequenceTracker sequences;
    private final int capacity;
    private final NanoClock clock;
    private final Host host;
    /** The {@code full_buffer} mode's buffer and its drain; null in the other modes. */
    private final FullBufferReplay fullBuffer;

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
        this.capacity = buffer.capacity();
        // Sequence ids come from the extractor: without one there is nothing to track.
        this.sequences = null == extractor ? null : new SequenceTracker(buffer.enableDedup(), buffer.dedupWindow());
        this.clock = clock;
        this.host = host;
        // Only full_buffer mode buffers: the other modes carry no queue and no buffer.
        this.fullBuffer = ReplayMode.FULL_BUFFER == replay.mode() ? new FullBufferReplay(buffer, clock, host) : null;
    }

    /**
     * Drain what can be drained (engine thread).
     *
     * @return messages sent or moved.
     */
    public int doWork()
    {
        return null == fullBuffer ? 0 : fullBuffer.doWork();
    }

    /**
     * Is there work for the next duty cycle (engine thread)? Re-arms the wake-up of senders before it looks at
     * their queue, so a message buffered meanwhile is either seen here or wakes the conductor again.
     *
     * @return true while draining, waiting for the previous connection, or holding buffered sends.
     */
    public boolean hasWork()
    {
        return null != fullBuffer && fullBuffer.hasWork();
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
        return null != fullBuffer;
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
        return fullBuffer.submit(type, source, offset, length);
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
        fullBuffer.handBack(connection, type, source, offset, length);
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
        if (null != fullBuffer)
        {
            fullBuffer.startDrain(reconnect, previous);
        }
    }

    /**
     * The connection ended or is closing: new sends go to the buffer (engine thread).
     */
    public void onDisconnected()
    {
        if (null != fullBuffer)
        {
            fullBuffer.onDisconnected();
        }
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
     * The client ended (engine thread): discard what the {@code full_buffer} send buffer still holds, since no
     * connection will take it.
     *
     * @return how many messages were discarded (0 in the other modes), for the client to report.
     */
    public int discardBuffered()
    {
        return null == fullBuffer ? 0 : fullBuffer.discardAll();
    }

    /**
     * How full the send buffer is (any thread).
     *
     * @return size / capacity, at most 1.
     */
    public double fillRatio()
    {
        return null == fullBuffer ? 0.0 : fullBuffer.fillRatio();
    }

    /**
     * Messages accepted for buffering and not yet sent (any thread).
     *
     * @return the count.
     */
    public int bufferedCount()
    {
        return null == fullBuffer ? 0 : fullBuffer.bufferedCount();
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
        return null != fullBuffer && fullBuffer.isFlowing();
    }
}
