/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.agent.Backoff;
import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.client.codec.Utf8KeyTable;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Orders each stream of a feed on the engine thread: reads a message's stream and ids with the extractor, looks the
 * stream's state up by the name's bytes, classifies the message with {@link SequenceFields#orderAfter} and delivers
 * it, reports a gap, or drops it as stale. With a snapshot fetcher, a stream that starts or shows a gap buffers its
 * deltas while a snapshot is fetched off the engine thread, then replays those that follow the snapshot; the other
 * streams keep flowing meanwhile.
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
    private final SnapshotFetcher<S> fetcher;
    private final SnapshotHandler<S> snapshotHandler;
    private final Executor fetchExecutor;
    private final Executor engineExecutor;
    private final ClientTimers timers;
    private final BackoffConfig backoffConfig;
    private final int maxBufferedBytes;
    private final boolean resyncOnFirstMessage;

    private final Utf8KeyTable<FeedStream> table = new Utf8KeyTable<>();
    /** The streams by name for other threads' stats and for resets (changes only on a new stream). */
    private final Map<String, FeedStream> registry = new ConcurrentHashMap<>();
    private final SequenceFields fields = new SequenceFields();
    private final SequenceFields replayFields = new SequenceFields();
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
        this.fetcher = fetcher;
        this.snapshotHandler = snapshotHandler;
        this.fetchExecutor = fetchExecutor;
        this.engineExecutor = engineExecutor;
        this.timers = timers;
        this.backoffConfig = backoffConfig;
        this.maxBufferedBytes = maxBufferedBytes;
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
            case AWAITING_SNAPSHOT, RETRY_WAIT -> buffer(stream, type, buffer, offset, length, fields);
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
        if (null == fetcher)
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
            startResync(stream, ResyncReason.REQUESTED);
            fetch(stream);
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
        return null != fetcher;
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
        for (final FeedStream stream : registry.values())
        {
            cancelRetry(stream);
        }
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
            if (resyncOnFirstMessage && null != fetcher)
            {
                resyncFrom(stream, ResyncReason.FIRST_MESSAGE, type, buffer, offset, length, fields);
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
                gap(stream, fields, last);
                if (null == fetcher)
                {
                    deliver(stream, type, buffer, offset, length, fields); // carry on from it
                }
                else
                {
                    resyncFrom(stream, ResyncReason.GAP, type, buffer, offset, length, fields);
                }
            }
            default -> stream.stale(fields);
        }
    }

    /**
     * Start a resync whose snapshot this message must be applied after: held before the fetch starts, in case the
     * fetch completes at once.
     */
    private void resyncFrom(
        final FeedStream stream,
        final ResyncReason reason,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SequenceFields fields)
    {
        startResync(stream, reason);
        buffer(stream, type, buffer, offset, length, fields);
        fetch(stream);
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
            if (null != fetcher)
            {
                startResync(stream, ResyncReason.CHECKSUM);
                fetch(stream);
            }
        }
    }

    private void gap(final FeedStream stream, final SequenceFields fields, final long last)
    {
        final long from = fields.gapFrom(last);
        final long to = fields.gapTo(last);
        stream.gap(from, to);
        listener.onSequenceGap(stream.name, from, to);
    }

    private void buffer(
        final FeedStream stream,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SequenceFields fields)
    {
        final DeltaBuffer deltas = stream.deltas;
        if (!deltas.append(type, buffer, offset, length, fields))
        {
            // Unbounded memory is no option: drop what is buffered. The snapshot in flight (older than what comes
            // next) will then not be followed by the first kept delta, and is fetched again.
            final int dropped = deltas.limit();
            deltas.clear();
            stream.bufferOverflow();
            listener.onBufferOverflow(stream.name, dropped);
            if (!deltas.append(type, buffer, offset, length, fields))
            {
                stream.bufferOverflow(); // larger than the bound on its own
            }
        }
    }

    private void startResync(final FeedStream stream, final ResyncReason reason)
    {
        cancelRetry(stream);
        if (null == stream.deltas)
        {
            stream.deltas = new DeltaBuffer(maxBufferedBytes);
            stream.backoff = new Backoff(backoffConfig, null);
        }
        stream.backoff.reset(); // a new outage: a stream that had given up (FAILED) gets its attempts back
        stream.deltas.clear();
        stream.state(StreamState.AWAITING_SNAPSHOT);
        stream.resyncStarted();
        listener.onResyncStarted(stream.name, reason);
    }

    private void fetch(final FeedStream stream)
    {
        final long generation = ++stream.generation;
        final String name = stream.name;
        try
        {
            fetchExecutor.execute(() -> fetchNow(stream, name, generation));
        }
        catch (final RuntimeException ex) // rejected: a failed attempt like any other
        {
            onFetched(stream, generation, null, ex);
        }
    }

    private void fetchNow(final FeedStream stream, final String name, final long generation)
    {
        CompletableFuture<Snapshot<S>> future;
        try
        {
            future = fetcher.fetch(name);
            if (null == future)
            {
                throw new NullPointerException("snapshot fetcher returned null for stream '" + name + "'");
            }
        }
        catch (final Throwable ex)
        {
            future = CompletableFuture.failedFuture(ex);
        }
        future.whenComplete((snapshot, error) -> toEngine(() -> onFetched(stream, generation, snapshot, error)));
    }

    private void toEngine(final Runnable task)
    {
        if (closed)
        {
            return;
        }
        try
        {
            engineExecutor.execute(task);
        }
        catch (final RuntimeException ignore)
        {
            // the engine is closed: the feed went with it, nothing is waiting for the result
        }
    }

    private void onFetched(
        final FeedStream stream, final long generation, final Snapshot<S> snapshot, final Throwable error)
    {
        if (closed || generation != stream.generation || StreamState.AWAITING_SNAPSHOT != stream.state())
        {
            return; // closed, reset or superseded meanwhile: a late result
        }
        if (null != error || null == snapshot)
        {
            failed(stream, null != error ? unwrap(error) :
                new NullPointerException("snapshot fetcher completed with null for stream '" + stream.name + "'"));
            return;
        }
        try
        {
            apply(stream, generation, snapshot);
        }
        catch (final RuntimeException ex)
        {
            // The application's snapshot or delta handler threw. Left as it is, the stream would wait for a
            // snapshot that never comes: a failed attempt, then, and another snapshot (which replaces the book).
            if (!closed && generation == stream.generation && StreamState.AWAITING_SNAPSHOT == stream.state())
            {
                failed(stream, ex);
            }
        }
    }

    private void failed(final FeedStream stream, final Throwable cause)
    {
        stream.resyncFailed();
        final boolean exhausted = stream.backoff.isExhausted();
        listener.onResyncFailed(stream.name, cause, stream.backoff.attempts() + 1, exhausted);
        retryLater(stream);
    }

    private void apply(final FeedStream stream, final long generation, final Snapshot<S> snapshot)
    {
        final long snapshotLast = snapshot.lastSequence();
        final int firstKept = firstAfter(stream.deltas, stream.nameBytes, snapshotLast);
        if (firstKept < stream.deltas.limit() && SequenceOrder.FOLLOWS != replayFields.orderAfter(snapshotLast))
        {
            restart(stream, ResyncReason.SNAPSHOT_TOO_OLD, firstKept); // the application never sees this snapshot
            return;
        }
        snapshotHandler.onSnapshot(stream.name, snapshot);
        if (generation != stream.generation)
        {
            return; // the handler reset the stream
        }
        stream.reset();
        stream.started = true;
        stream.snapshotApplied(snapshotLast);
        listener.onStreamReset(stream.name);
        replay(stream, snapshotLast, firstKept, generation);
    }

    /**
     * The position of the first buffered delta the snapshot does not cover (its fields left in
     * {@link #replayFields}), or the buffer's limit when it covers them all.
     */
    private int firstAfter(final DeltaBuffer deltas, final DirectBuffer name, final long snapshotLast)
    {
        int p = 0;
        while (p < deltas.limit())
        {
            deltas.fields(p, name, replayFields);
            if (replayFields.last() > snapshotLast)
            {
                break;
            }
            p = deltas.next(p);
        }
        return p;
    }

    /**
     * Deliver the buffered deltas from {@code from}, the first one the snapshot does not cover (it follows the
     * snapshot): each must follow on from the one before (a gap inside the buffer resyncs again, keeping what is
     * left); stale ones are dropped and counted as on the live path.
     */
    private void replay(final FeedStream stream, final long snapshotLast, final int from, final long generation)
    {
        final DeltaBuffer deltas = stream.deltas;
        final DirectBuffer bytes = deltas.bytes();
        final SequenceFields fields = replayFields;
        int replayed = 0;
        for (int p = from; p < deltas.limit(); )
        {
            final int next = deltas.next(p);
            deltas.fields(p, stream.nameBytes, fields);
            final long last = stream.lastSequence();
            switch (fields.orderAfter(last))
            {
                case FOLLOWS ->
                {
                    replayed++;
                    stream.delivered(fields.last());
                    final int offset = deltas.payloadOffset(p);
                    final int length = deltas.payloadLength(p);
                    handler.onMessage(stream.name, deltas.type(p), bytes, offset, length, fields);
                    if (generation != stream.generation)
                    {
                        return; // the handler reset or resynced the stream: this replay is over
                    }
                    if (null != checksum && !checksum.verify(stream.name, bytes, offset, length))
                    {
                        stream.checksumFailed();
                        restart(stream, ResyncReason.CHECKSUM, next);
                        return;
                    }
                }
                case GAP ->
                {
                    gap(stream, fields, last);
                    restart(stream, ResyncReason.GAP, p);
                    return;
                }
                default -> stream.stale(fields);
            }
            p = next;
        }
        deltas.clear();
        stream.backoff.reset();
        stream.state(StreamState.LIVE);
        listener.onResyncCompleted(stream.name, snapshotLast, replayed);
    }

    /**
     * Resync again from within a replay, keeping the buffered deltas from {@code keepFrom} on. A snapshot too old
     * for the buffered deltas waits a back-off first: a fetcher that keeps answering with the same old snapshot
     * must not spin.
     */
    private void restart(final FeedStream stream, final ResyncReason reason, final int keepFrom)
    {
        stream.deltas.discardBefore(keepFrom);
        stream.state(StreamState.AWAITING_SNAPSHOT);
        stream.resyncStarted();
        listener.onResyncStarted(stream.name, reason);
        if (ResyncReason.SNAPSHOT_TOO_OLD == reason)
        {
            retryLater(stream);
        }
        else
        {
            fetch(stream);
        }
    }

    private void retryLater(final FeedStream stream)
    {
        final Backoff backoff = stream.backoff;
        if (backoff.isExhausted())
        {
            stream.deltas.clear();
            stream.state(StreamState.FAILED);
            return;
        }
        final long delayNs = backoff.nextDelayNs();
        if (null == stream.retryTimer)
        {
            stream.retryTimer = (timerId) -> onRetryTimer(stream, timerId);
        }
        stream.state(StreamState.RETRY_WAIT);
        stream.retryTimerId = timers.schedule(timers.nowNs() + delayNs, stream.retryTimer);
    }

    private void onRetryTimer(final FeedStream stream, final long timerId)
    {
        if (closed || timerId != stream.retryTimerId || StreamState.RETRY_WAIT != stream.state())
        {
            return;
        }
        stream.retryTimerId = ClientTimers.NONE;
        stream.state(StreamState.AWAITING_SNAPSHOT);
        fetch(stream);
    }

    private void cancelRetry(final FeedStream stream)
    {
        if (ClientTimers.NONE != stream.retryTimerId)
        {
            timers.cancel(stream.retryTimerId);
            stream.retryTimerId = ClientTimers.NONE;
        }
    }

    private void reset(final FeedStream stream)
    {
        cancelRetry(stream);
        stream.generation++; // a fetch in flight is now late
        if (null != stream.deltas)
        {
            stream.deltas.clear();
            stream.backoff.reset();
        }
        stream.state(StreamState.LIVE);
        stream.reset();
        listener.onStreamReset(stream.name);
    }

    private static Throwable unwrap(final Throwable error)
    {
        return error instanceof java.util.concurrent.CompletionException && null != error.getCause() ?
            error.getCause() : error;
    }

    @Override
    public String toString()
    {
        return "StreamSequencer{streams=" + registry.size() + ", closed=" + closed + "}";
    }
}
