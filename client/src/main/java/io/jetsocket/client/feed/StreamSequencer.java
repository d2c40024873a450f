/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.client.codec.Utf8KeyTable;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Orders each stream of a feed on the engine thread: reads a message's stream and ids with the extractor, looks the
 * stream's state up by the name's bytes, classifies the message with {@link SequenceFields#orderAfter} and delivers
 * it, reports a gap, or drops it as stale. With a snapshot fetcher, a stream that starts or shows a gap buffers its
 * deltas while a snapshot is fetched off the engine thread, then replays those that follow the snapshot; the other
 * streams keep flowing meanwhile. That resync is {@link StreamResync}'s job: this class classifies and delivers.
 * <p>
 * Engine thread only, except {@link #stats} and {@link #streams} (any thread) and the fetch, which runs on the
 * fetch executor and comes back through the engine executor. Allocates nothing per message once a stream exists
 * and is live: a new stream (its name), a gap (the listener's call) and a resync (buffer copies, the fetch) are the
 * cold paths.
 *
 * @param <S> the snapshot payload type.
 */
final class StreamSequencer<S> implements RawMessageHandler
{
    private final SequenceExtractor extractor;
    private final FeedHandler handler;
    private final RawMessageHandler unsequenced;
    private final FeedListener listener;
    private final ChecksumVerifier checksum;
    /** Null without a snapshot fetcher: a gap is then reported and the stream carries on from the message. */
    private final StreamResync<S> resync;
    private final boolean resyncOnFirstMessage;

    private final Utf8KeyTable<FeedStream> table = new Utf8KeyTable<>();
    /** The streams by name for other threads' stats and for resets (changes only on a new stream). */
    private final Map<String, FeedStream> registry = new ConcurrentHashMap<>();
    private final SequenceFields fields = new SequenceFields();
    private FeedStream unnamed;
    private volatile boolean closed;

    @SuppressWarnings("checkstyle:ParameterNumber")
    StreamSequencer(
        final SequenceExtractor extractor,
        final FeedHandler handler,
        final RawMessageHandler unsequenced,
        final FeedListener listener,
        final ChecksumVerifier checksum,
        final SnapshotFetcher<S> fetcher,
        final SnapshotHandler<S> snapshotHandler,
        final Executor fetchExecutor,
        final Executor engineExecutor,
        final ClientTimers timers,
        final BackoffConfig backoffConfig,
        final int maxBufferedBytes,
        final boolean resyncOnFirstMessage)
    {
        this.extractor = extractor;
        this.handler = handler;
        this.unsequenced = unsequenced;
        this.listener = listener;
        this.checksum = checksum;
        this.resync = null == fetcher ? null : new StreamResync<>(handler, listener, checksum, fetcher,
            snapshotHandler, fetchExecutor, engineExecutor, timers, backoffConfig, maxBufferedBytes, this::isClosed);
        this.resyncOnFirstMessage = resyncOnFirstMessage;
    }

    /**
     * A message arrived (engine thread).
     */
    @Override
    public void onMessage(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return;
        }
        final SequenceFields fields = this.fields.clear();
        if (!extractor.extract(type, buffer, offset, length, fields))
        {
            if (null != unsequenced)
            {
                unsequenced.onMessage(type, buffer, offset, length);
            }
            return;
        }
        final FeedStream stream = lookup(fields);
        switch (stream.state())
        {
            case LIVE -> live(stream, type, buffer, offset, length, fields);
            case AWAITING_SNAPSHOT, RETRY_WAIT -> resync.buffer(stream, type, buffer, offset, length, fields);
            default -> stream.discarded();
        }
    }

    /**
     * Restart a stream's tracking: its next message starts it again (or, with {@code resyncOnFirstMessage}, resyncs
     * it). A resync in progress is abandoned and its buffer dropped. Engine thread.
     *
     * @param name the stream.
     * @return false when no such stream has been seen.
     */
    boolean reset(final String name)
    {
        final FeedStream stream = registry.get(name);
        if (null == stream)
        {
            return false;
        }
        reset(stream);
        return true;
    }

    /**
     * Reset every stream (the connection was replaced and {@code resetOnReconnect} is on). Engine thread.
     */
    void resetAll()
    {
        for (final FeedStream stream : registry.values())
        {
            reset(stream);
        }
    }

    /**
     * Resync a stream from a fresh snapshot now (unless it is already waiting for one). Engine thread.
     *
     * @param name the stream.
     * @return false when no such stream has been seen.
     * @throws IllegalStateException when no snapshot fetcher is configured.
     */
    boolean resync(final String name)
    {
        if (null == resync)
        {
            throw new IllegalStateException("resync(" + name + "): the feed has no snapshot fetcher");
        }
        final FeedStream stream = registry.get(name);
        if (null == stream)
        {
            return false;
        }
        final StreamState state = stream.state();
        if (StreamState.LIVE == state || StreamState.FAILED == state)
        {
            resync.start(stream, ResyncReason.REQUESTED);
        }
        return true;
    }

    /**
     * Is a snapshot fetcher configured?
     *
     * @return true when streams can resync.
     */
    boolean canResync()
    {
        return null != resync;
    }

    /**
     * Stop: later messages and fetch results are ignored from now on. Any thread.
     */
    void markClosed()
    {
        closed = true;
    }

    /**
     * Stop, and cancel the retry timers. Engine thread.
     */
    void close()
    {
        closed = true;
        if (null != resync)
        {
            for (final FeedStream stream : registry.values())
            {
                resync.cancelRetry(stream);
            }
        }
    }

    private boolean isClosed()
    {
        return closed;
    }

    /**
     * A stream's counters (any thread).
     *
     * @param name the stream.
     * @return its counters, or null when no such stream has been seen.
     */
    StreamStats stats(final String name)
    {
        final FeedStream stream = registry.get(name);
        return null == stream ? null : stream.stats();
    }

    /**
     * The streams seen so far (any thread).
     *
     * @return their names, a copy.
     */
    Set<String> streams()
    {
        return Set.copyOf(registry.keySet());
    }

    private FeedStream lookup(final SequenceFields fields)
    {
        final int length = fields.streamLength();
        if (0 == length)
        {
            FeedStream stream = unnamed;
            if (null == stream)
            {
                stream = newStream("");
                unnamed = stream;
            }
            return stream;
        }
        final DirectBuffer names = fields.streamBuffer();
        final int offset = fields.streamOffset();
        FeedStream stream = table.get(names, offset, length);
        if (null == stream)
        {
            stream = newStream(names.getStringWithoutLengthUtf8(offset, length)); // once per stream
            table.put(stream.name, stream);
        }
        return stream;
    }

    private FeedStream newStream(final String name)
    {
        final FeedStream stream = new FeedStream(name);
        registry.put(name, stream);
        return stream;
    }

    private void live(
        final FeedStream stream,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SequenceFields fields)
    {
        if (!stream.started)
        {
            if (resyncOnFirstMessage && null != resync)
            {
                resync.startFrom(stream, ResyncReason.FIRST_MESSAGE, type, buffer, offset, length, fields);
                return;
            }
            stream.started = true;
            deliver(stream, type, buffer, offset, length, fields);
            return;
        }
        final long last = stream.lastSequence();
        switch (fields.orderAfter(last))
        {
            case FOLLOWS -> deliver(stream, type, buffer, offset, length, fields);
            case GAP ->
            {
                reportGap(listener, stream, fields, last);
                if (null == resync)
                {
                    deliver(stream, type, buffer, offset, length, fields); // carry on from it
                }
                else
                {
                    resync.startFrom(stream, ResyncReason.GAP, type, buffer, offset, length, fields);
                }
            }
            default -> stream.stale(fields);
        }
    }

    private void deliver(
        final FeedStream stream,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SequenceFields fields)
    {
        stream.delivered(fields.last());
        handler.onMessage(stream.name, type, buffer, offset, length, fields);
        if (null != checksum && !checksum.verify(stream.name, buffer, offset, length))
        {
            stream.checksumFailed();
            if (null != resync)
            {
                resync.start(stream, ResyncReason.CHECKSUM);
            }
        }
    }

    /**
     * Count a gap on the stream and tell the listener: the live path and the resync's replay report gaps alike.
     */
    static void reportGap(
        final FeedListener listener, final FeedStream stream, final SequenceFields fields, final long last)
    {
        final long from = fields.gapFrom(last);
        final long to = fields.gapTo(last);
        stream.gap(from, to);
        listener.onSequenceGap(stream.name, from, to);
    }

    private void reset(final FeedStream stream)
    {
        if (null != resync)
        {
            resync.abandon(stream);
        }
        stream.state(StreamState.LIVE);
        stream.reset();
        listener.onStreamReset(stream.name);
    }

    @Override
    public String toString()
    {
        return "StreamSequencer{streams=" + registry.size() + ", closed=" + closed + "}";
    }
}
