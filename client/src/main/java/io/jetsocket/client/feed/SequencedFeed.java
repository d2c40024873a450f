/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.client.agent.EngineClientTimers;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.Registration;
import io.jetsocket.engine.WebSocketEngine;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sequenced market-data feed over one {@link WebSocket}: every stream's messages reach the {@link FeedHandler} in
 * order and once each; gaps, duplicates and late arrivals are counted per stream and reported to a
 * {@link FeedListener}; with {@link Builder#resync}, a stream that starts or shows a gap is rebuilt from a snapshot
 * (order book over REST, say) and the deltas buffered meanwhile, without holding up the other streams.
 * <pre>{@code
 * SequencedFeed feed = SequencedFeed.builder(ws)
 *     .extractor(extractor)                              // stream and update ids from the raw bytes
 *     .handler((stream, type, buffer, offset, length, fields) -> book(stream).apply(buffer, offset, length))
 *     .resync(stream -> rest.fetchBook(stream), restExecutor)
 *     .snapshotHandler((stream, snapshot) -> book(stream).replace(snapshot.payload()))
 *     .resyncOnFirstMessage(true)
 *     .build();
 * }</pre>
 * Everything runs on the engine thread through {@link WebSocket#onRawMessage}; only the snapshot fetch runs on the
 * executor given, and its result comes back through {@link WebSocketEngine#execute}.
 * <p>
 * The deltas buffered during a resync reach the handler after the snapshot, from the feed's copy, with
 * {@link SequenceFields#isReplayed()} set. They arrived up to a snapshot fetch earlier, and the engine's receive
 * stamp during their delivery is not theirs, so latency statistics should skip them (a bridge can flag them
 * downstream).
 */
public final class SequencedFeed implements AutoCloseable
{
    private final WebSocket<?> webSocket;
    private final StreamSequencer<?> sequencer;
    private final Registration raw;
    private final Registration connected;

    private SequencedFeed(final WebSocket<?> webSocket, final Builder<?> builder)
    {
        this.webSocket = webSocket;
        final WebSocketEngine engine = webSocket.engine();
        this.sequencer = builder.sequencer(engine::execute, new EngineClientTimers(engine));
        this.raw = webSocket.onRawMessage(sequencer);
        if (builder.resetOnReconnect)
        {
            // a connection after the first one replaces it; the events are serial, so a plain counter would do
            final AtomicInteger connections = new AtomicInteger(webSocket.isConnected() ? 1 : 0);
            connected = webSocket.on(EventType.CONNECTED, (event) ->
            {
                if (connections.getAndIncrement() > 0)
                {
                    onEngine(sequencer::resetAll);
                }
            });
        }
        else
        {
            connected = null;
        }
    }

    /**
     * Start building a feed over a WebSocket (connected or not).
     *
     * @param webSocket the connection the feed reads.
     * @return a builder.
     */
    public static Builder<Object> builder(final WebSocket<?> webSocket)
    {
        return new Builder<>(Objects.requireNonNull(webSocket, "webSocket"));
    }

    /**
     * The connection the feed reads.
     *
     * @return the WebSocket.
     */
    public WebSocket<?> webSocket()
    {
        return webSocket;
    }

    /**
     * A stream's counters, from any thread.
     *
     * @param stream the stream's name ({@code ""} for the unnamed stream).
     * @return an immutable copy, or null when no message of that stream has arrived yet.
     */
    public StreamStats stats(final String stream)
    {
        return sequencer.stats(stream);
    }

    /**
     * The streams seen so far, from any thread.
     *
     * @return their names (a copy).
     */
    public Set<String> streams()
    {
        return sequencer.streams();
    }

    /**
     * Restart a stream's tracking (its next message starts it again, or resyncs it with
     * {@link Builder#resyncOnFirstMessage}); fires {@link FeedListener#onStreamReset}. From any thread: it runs on
     * the engine thread, at once when called there.
     *
     * @param stream the stream's name; nothing happens for one not seen yet.
     */
    public void reset(final String stream)
    {
        onEngine(() -> sequencer.reset(stream));
    }

    /**
     * Resync a stream from a fresh snapshot now (an application's own consistency check failed, say). From any
     * thread, as {@link #reset}.
     *
     * @param stream the stream's name; nothing happens for one not seen yet.
     * @throws IllegalStateException when the feed has no snapshot fetcher.
     */
    public void resync(final String stream)
    {
        if (!sequencer.canResync())
        {
            throw new IllegalStateException("resync(" + stream + "): the feed has no snapshot fetcher");
        }
        onEngine(() -> sequencer.resync(stream));
    }

    /**
     * Detach from the WebSocket (which stays open): no more deliveries; a snapshot still being fetched is ignored.
     */
    @Override
    public void close()
    {
        sequencer.markClosed(); // at once: a snapshot already on its way to the engine thread is ignored too
        raw.remove();
        if (null != connected)
        {
            connected.remove();
        }
        onEngine(sequencer::close);
    }

    private void onEngine(final Runnable task)
    {
        final WebSocketEngine engine = webSocket.engine();
        if (engine.isEngineThread())
        {
            task.run();
        }
        else
        {
            try
            {
                engine.execute(task);
            }
            catch (final RuntimeException ignore)
            {
                // the engine is closed: nothing runs on it any more, the feed included
            }
        }
    }

    @Override
    public String toString()
    {
        return "SequencedFeed{" + webSocket.uri() + ", " + sequencer + "}";
    }

    /**
     * Builds a {@link SequencedFeed}; {@link #extractor} and {@link #handler} are required.
     *
     * @param <S> the snapshot payload type ({@link #resync} sets it).
     */
    public static final class Builder<S>
    {
        /** Default bound of each stream's buffered deltas during a resync: 4 MiB. */
        public static final int MAX_BUFFERED_BYTES_DEFAULT = 4 * 1024 * 1024;
        /** Default back-off between snapshot fetch attempts: 100 ms doubling to 10 s, jittered, never giving up. */
        public static final BackoffConfig RETRY_BACKOFF_DEFAULT = BackoffConfig.builder()
            .base(Duration.ofMillis(100)).cap(Duration.ofSeconds(10)).build();

        private final WebSocket<?> webSocket;
        private SequenceExtractor extractor;
        private FeedHandler handler;
        private RawMessageHandler unsequenced;
        private FeedListener listener = FeedListener.NONE;
        private ChecksumVerifier checksum;
        private SnapshotFetcher<S> fetcher;
        private Executor fetchExecutor;
        private SnapshotHandler<S> snapshotHandler;
        private boolean resyncOnFirstMessage;
        private int maxBufferedBytes = MAX_BUFFERED_BYTES_DEFAULT;
        private BackoffConfig retryBackoff = RETRY_BACKOFF_DEFAULT;
        private boolean resetOnReconnect;

        Builder(final WebSocket<?> webSocket)
        {
            this.webSocket = webSocket;
        }

        /**
         * How to read a message's stream and ids (required).
         *
         * @param extractor zero-allocation reader of the raw bytes.
         * @return this.
         */
        public Builder<S> extractor(final SequenceExtractor extractor)
        {
            this.extractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * Who gets the in-order messages (required).
         *
         * @param handler zero-copy handler, on the engine thread.
         * @return this.
         */
        public Builder<S> handler(final FeedHandler handler)
        {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Who gets the messages the extractor says are not sequenced (acknowledgements, pongs); by default they are
         * ignored.
         *
         * @param unsequenced zero-copy handler, on the engine thread; null to ignore them.
         * @return this.
         */
        public Builder<S> unsequenced(final RawMessageHandler unsequenced)
        {
            this.unsequenced = unsequenced;
            return this;
        }

        /**
         * Who hears of gaps, resets and resyncs.
         *
         * @param listener on the engine thread.
         * @return this.
         */
        public Builder<S> listener(final FeedListener listener)
        {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Check each stream after each delivered message; a failure is counted and resyncs the stream when a
         * snapshot fetcher is configured.
         *
         * @param checksum the verifier; null for none.
         * @return this.
         */
        public Builder<S> checksum(final ChecksumVerifier checksum)
        {
            this.checksum = checksum;
            return this;
        }

        /**
         * Rebuild a stream from a snapshot after a gap (and at its first message with
         * {@link #resyncOnFirstMessage}); requires a {@link #snapshotHandler}.
         *
         * @param fetcher  fetches a stream's snapshot.
         * @param executor where the fetcher is called (never the engine thread).
         * @param <T>      the snapshot payload type.
         * @return this, typed by the payload.
         */
        @SuppressWarnings("unchecked")
        public <T> Builder<T> resync(final SnapshotFetcher<T> fetcher, final Executor executor)
        {
            final Builder<T> typed = (Builder<T>)this;
            typed.fetcher = Objects.requireNonNull(fetcher, "fetcher");
            typed.fetchExecutor = Objects.requireNonNull(executor, "executor");
            typed.snapshotHandler = null; // typed for the old payload, if any
            return typed;
        }

        /**
         * Who gets each snapshot before the deltas after it are replayed (required with {@link #resync}).
         *
         * @param snapshotHandler on the engine thread.
         * @return this.
         */
        public Builder<S> snapshotHandler(final SnapshotHandler<S> snapshotHandler)
        {
            this.snapshotHandler = Objects.requireNonNull(snapshotHandler, "snapshotHandler");
            return this;
        }

        /**
         * Resync each stream at its first message (at subscribe), as order books need. Default false.
         *
         * @param resyncOnFirstMessage true to start every stream from a snapshot.
         * @return this.
         */
        public Builder<S> resyncOnFirstMessage(final boolean resyncOnFirstMessage)
        {
            this.resyncOnFirstMessage = resyncOnFirstMessage;
            return this;
        }

        /**
         * Bound of each stream's buffered deltas during a resync, 32 bytes of header per message included; past it
         * the buffer is dropped (counted) and the resync goes on. Default {@link #MAX_BUFFERED_BYTES_DEFAULT}.
         *
         * @param maxBufferedBytes positive.
         * @return this.
         */
        public Builder<S> maxBufferedBytes(final int maxBufferedBytes)
        {
            if (maxBufferedBytes <= DeltaBuffer.HEADER_LENGTH)
            {
                throw new IllegalArgumentException(
                    "maxBufferedBytes must exceed the " + DeltaBuffer.HEADER_LENGTH + "-byte header: " +
                    maxBufferedBytes);
            }
            this.maxBufferedBytes = maxBufferedBytes;
            return this;
        }

        /**
         * Delays between failed snapshot fetches (and after a snapshot too old for the buffered deltas);
         * {@link BackoffConfig#maxAttempts()} bounds the attempts in a row before the stream is
         * {@link StreamState#FAILED} (0: never). Default {@link #RETRY_BACKOFF_DEFAULT}.
         *
         * @param retryBackoff the delays.
         * @return this.
         */
        public Builder<S> retryBackoff(final BackoffConfig retryBackoff)
        {
            this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
            return this;
        }

        /**
         * Reset every stream when the connection is replaced (a reconnect). Default false: venues keep numbering
         * across connections, so a reconnect shows up as a gap (and a resync, with a fetcher). The reset runs when
         * the {@code connected} event does: before the new connection's first message, unless the WebSocket has a
         * handler executor (then the event, and the reset, may come a few messages late).
         *
         * @param resetOnReconnect true to start every stream afresh on a new connection.
         * @return this.
         */
        public Builder<S> resetOnReconnect(final boolean resetOnReconnect)
        {
            this.resetOnReconnect = resetOnReconnect;
            return this;
        }

        /**
         * Validate and attach the feed to the WebSocket.
         *
         * @return the feed, receiving from now on.
         * @throws IllegalStateException naming what is missing.
         */
        public SequencedFeed build()
        {
            return new SequencedFeed(webSocket, this);
        }

        /**
         * The engine-thread part alone, on given executors and timers (tests drive it without a connection).
         */
        StreamSequencer<S> sequencer(final Executor engineExecutor, final ClientTimers timers)
        {
            if (null == extractor)
            {
                throw new IllegalStateException("SequencedFeed needs an extractor");
            }
            if (null == handler)
            {
                throw new IllegalStateException("SequencedFeed needs a handler");
            }
            if (null != fetcher && null == snapshotHandler)
            {
                throw new IllegalStateException("SequencedFeed with resync needs a snapshotHandler");
            }
            if (resyncOnFirstMessage && null == fetcher)
            {
                throw new IllegalStateException("resyncOnFirstMessage needs resync(fetcher, executor)");
            }
            return new StreamSequencer<>(extractor, handler, unsequenced, listener, checksum, fetcher, snapshotHandler,
                fetchExecutor, engineExecutor, timers, retryBackoff, maxBufferedBytes, resyncOnFirstMessage);
        }
    }
}
