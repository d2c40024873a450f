/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.agent.Backoff;
import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Brings a stream back from a gap (or its start, a checksum failure, a request) with a snapshot: buffers the
 * stream's deltas meanwhile, fetches the snapshot off the engine thread, applies it, replays the buffered deltas
 * that follow it, and retries with a back-off when a fetch fails or its snapshot is too old for what is buffered.
 * <p>
 * Why generations: a fetch cannot be cancelled, so each fetch started (and each reset) bumps the stream's
 * generation, and a result that comes back with an older one is dropped as late.
 * <p>
 * Engine thread only, except the fetch itself, which runs on the fetch executor and comes back through the engine
 * executor. The {@link StreamSequencer} owns the streams and the closed flag; this class owns what a stream does
 * from {@link StreamState#AWAITING_SNAPSHOT} until it is {@link StreamState#LIVE} again or {@link StreamState#FAILED}.
 *
 * @param <S> the snapshot payload type.
 */
final class StreamResync<S>
{
    private final FeedHandler handler;
    private final FeedListener listener;
    private final ChecksumVerifier checksum;
    private final SnapshotFetcher<S> fetcher;
    private final SnapshotHandler<S> snapshotHandler;
    private final Executor fetchExecutor;
    private final Executor engineExecutor;
    private final ClientTimers timers;
    private final BackoffConfig backoffConfig;
    private final int maxBufferedBytes;
    /** The sequencer's closed flag: a result or timer arriving after close is ignored. */
    private final BooleanSupplier closed;
    private final SequenceFields replayFields = new SequenceFields();

    @SuppressWarnings("checkstyle:ParameterNumber")
    StreamResync(
        final FeedHandler handler,
        final FeedListener listener,
        final ChecksumVerifier checksum,
        final SnapshotFetcher<S> fetcher,
        final SnapshotHandler<S> snapshotHandler,
        final Executor fetchExecutor,
        final Executor engineExecutor,
        final ClientTimers timers,
        final BackoffConfig backoffConfig,
        final int maxBufferedBytes,
        final BooleanSupplier closed)
    {
        this.handler = handler;
        this.listener = listener;
        this.checksum = checksum;
        this.fetcher = fetcher;
        this.snapshotHandler = snapshotHandler;
        this.fetchExecutor = fetchExecutor;
        this.engineExecutor = engineExecutor;
        this.timers = timers;
        this.backoffConfig = backoffConfig;
        this.maxBufferedBytes = maxBufferedBytes;
        this.closed = closed;
    }

    /**
     * Start a resync and fetch its snapshot now.
     *
     * @param stream the stream.
     * @param reason why.
     */
    void start(final FeedStream stream, final ResyncReason reason)
    {
        startResync(stream, reason);
        fetch(stream);
    }

    /**
     * Start a resync whose snapshot this message must be applied after: held before the fetch starts, in case the
     * fetch completes at once.
     */
    void startFrom(
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

    /**
     * Hold a delta of a stream that waits for its snapshot.
     */
    void buffer(
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

    /**
     * Abandon a stream's resync, if any: its retry timer is cancelled, a fetch in flight becomes late and the
     * buffered deltas are dropped. The caller makes the stream live again.
     *
     * @param stream the stream being reset.
     */
    void abandon(final FeedStream stream)
    {
        cancelRetry(stream);
        stream.generation++; // a fetch in flight is now late
        if (null != stream.deltas)
        {
            stream.deltas.clear();
            stream.backoff.reset();
        }
    }

    /**
     * Cancel a stream's retry timer, if one is pending.
     *
     * @param stream the stream.
     */
    void cancelRetry(final FeedStream stream)
    {
        if (ClientTimers.NONE != stream.retryTimerId)
        {
            timers.cancel(stream.retryTimerId);
            stream.retryTimerId = ClientTimers.NONE;
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
        if (closed.getAsBoolean())
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
        if (closed.getAsBoolean() || generation != stream.generation ||
            StreamState.AWAITING_SNAPSHOT != stream.state())
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
            if (!closed.getAsBoolean() && generation == stream.generation &&
                StreamState.AWAITING_SNAPSHOT == stream.state())
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
            fields.markReplayed(); // cleared with the fields: the live path's own fields never carry it
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
                    StreamSequencer.reportGap(listener, stream, fields, last);
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
        if (closed.getAsBoolean() || timerId != stream.retryTimerId || StreamState.RETRY_WAIT != stream.state())
        {
            return;
        }
        stream.retryTimerId = ClientTimers.NONE;
        stream.state(StreamState.AWAITING_SNAPSHOT);
        fetch(stream);
    }

    private static Throwable unwrap(final Throwable error)
    {
        return error instanceof java.util.concurrent.CompletionException && null != error.getCause() ?
            error.getCause() : error;
    }
}
