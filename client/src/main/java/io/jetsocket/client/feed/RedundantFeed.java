/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.Registration;
import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Redundant (A/B) feeds: two or more connections ("legs") carrying the same sequenced feed, from one endpoint or
 * several, merged into one stream per feed stream where the first copy of each id to arrive wins. Either leg may
 * drop and reconnect without a gap reaching the handler, as long as another leg brings the ids it missed.
 * <pre>{@code
 * WebSocket<Object> a = WebSocket.builder("wss://a.venue.example/md").engine(engine).build();
 * WebSocket<Object> b = WebSocket.builder("wss://b.venue.example/md").engine(engine).build();
 * RedundantFeed feed = RedundantFeed.builder()
 *     .leg("A", a).leg("B", b)
 *     .extractor(extractor)                          // stream and sequence read from the bytes
 *     .handler((stream, type, buffer, offset, length, fields) -> book.apply(stream, buffer, offset, length))
 *     .listener(FeedListener.onGaps((stream, from, to) -> log.warn("{} lost {}..{}", stream, from, to)))
 *     .build();
 * a.connect(); b.connect();
 * }</pre>
 * <p>
 * Per stream ({@link SequenceFields#stream}), with {@link SequenceFields#orderAfter} as the one continuity rule:
 * <ul>
 *     <li>a message that continues the stream is delivered at once and credited to its leg (a win);</li>
 *     <li>one whose ids were delivered already is dropped (a duplicate), and tells how far its leg lags;</li>
 *     <li>one that leaves a gap is held back (copied) while another connected leg may still bring the missing ids
 *     (typically a leg that just reconnected is ahead of the one that stayed up); the held messages follow as soon
 *     as the gap is filled. If it is not filled within {@linkplain Builder#gapFillTimeout the gap-fill timeout},
 *     or the stream's held bytes would pass {@linkplain Builder#maxHeldBytes the limit}, or no other leg is
 *     connected, the gap is reported to the {@link FeedListener} and the held messages are delivered in
 *     order.</li>
 * </ul>
 * No id is ever delivered twice or out of order. Messages the extractor finds no sequence in go, per leg, to the
 * {@linkplain Builder#unsequenced unsequenced handler} if there is one.
 * <p>
 * All legs must run on the same {@link WebSocketEngine}: every callback then runs on its one thread and the
 * arbitration takes no lock. The feed attaches to the legs through {@link WebSocket#onRawMessage} and their
 * {@code CONNECTED}/{@code DISCONNECTED} events; it neither connects nor closes them (they are the caller's, who may
 * use them for other things too). Build the feed before connecting the legs, so that it sees every message. The
 * gap-fill timeout is checked by an agent on the engine's duty cycle, on the feed's clock.
 */
public final class RedundantFeed implements AutoCloseable
{
    private final WebSocketEngine engine;
    private final FeedArbiter arbiter;
    private final List<String> legNames;
    private final List<Registration> registrations = new ArrayList<>();
    private final Agent timeoutAgent;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedundantFeed(final Builder builder, final WebSocketEngine engine)
    {
        this.engine = engine;
        final int legCount = builder.legs.size();
        final String[] names = new String[legCount];
        for (int i = 0; i < legCount; i++)
        {
            names[i] = builder.names.get(i);
        }
        this.legNames = List.of(names);
        final NanoClock clock = null != builder.clock ? builder.clock : engine.context().nanoClock();
        this.arbiter = new FeedArbiter(names, builder.extractor, builder.handler, builder.listener,
            builder.unsequenced, builder.gapFillTimeout.toNanos(), builder.maxHeldBytes, clock);
        this.timeoutAgent = new HoldTimeoutAgent(arbiter, "redundant-feed" + legNames);
    }

    private void attach(final List<WebSocket<?>> legs)
    {
        engine.addAgent(timeoutAgent);
        for (int i = 0; i < legs.size(); i++)
        {
            final int leg = i;
            final WebSocket<?> ws = legs.get(i);
            registrations.add(ws.on(EventType.CONNECTED, (event) -> onEngineThread(() -> arbiter.legUp(leg))));
            registrations.add(ws.on(EventType.DISCONNECTED, (event) -> onEngineThread(() -> arbiter.legDown(leg))));
            registrations.add(ws.onRawMessage(
                (type, buffer, offset, length) -> arbiter.onMessage(leg, type, buffer, offset, length)));
        }
        // Legs already connected when the feed is built: seen from the engine thread, where their state changes.
        onEngineThread(() ->
        {
            for (int i = 0; i < legs.size(); i++)
            {
                if (legs.get(i).isConnected())
                {
                    arbiter.legUp(i);
                }
            }
        });
    }

    /**
     * A builder.
     *
     * @return a new builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * The legs' names, in the order they were added.
     *
     * @return the names.
     */
    public List<String> legNames()
    {
        return legNames;
    }

    /**
     * The engine every leg runs on.
     *
     * @return the engine.
     */
    public WebSocketEngine engine()
    {
        return engine;
    }

    /**
     * A snapshot of the feed's counters and of each leg's; any thread.
     *
     * @return the stats.
     */
    public RedundantFeedStats stats()
    {
        return arbiter.counters().snapshot();
    }

    /**
     * Detach from the legs: no message is delivered after this returns (except one being delivered on the engine
     * thread at that moment), messages still held back are dropped. The legs are not closed: they belong to the
     * caller. Idempotent; any thread.
     */
    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true))
        {
            return;
        }
        arbiter.close();
        for (final Registration registration : registrations)
        {
            registration.remove();
        }
        engine.removeAgent(timeoutAgent);
    }

    @Override
    public String toString()
    {
        return "RedundantFeed" + legNames;
    }

    private void onEngineThread(final Runnable task)
    {
        if (engine.isEngineThread())
        {
            task.run();
            return;
        }
        try
        {
            engine.execute(task); // events on a handler executor come back to the engine thread, in order
        }
        catch (final EngineClosedException ignore)
        {
            // the engine is gone, and the legs with it: nothing left to arbitrate
        }
    }

    /**
     * Builds a {@link RedundantFeed}: legs, an extractor and a handler are required.
     */
    public static final class Builder
    {
        /** Default {@link #gapFillTimeout(Duration)}. */
        public static final Duration GAP_FILL_TIMEOUT_DEFAULT = Duration.ofSeconds(1);
        /** Default {@link #maxHeldBytes(long)}: 4 MiB per stream. */
        public static final long MAX_HELD_BYTES_DEFAULT = 4L << 20;
        /** The most legs a feed can have. */
        public static final int MAX_LEGS = Long.SIZE;

        private final List<String> names = new ArrayList<>();
        private final List<WebSocket<?>> legs = new ArrayList<>();
        private SequenceExtractor extractor;
        private FeedHandler handler;
        private FeedListener listener = FeedListener.NONE;
        private LegMessageHandler unsequenced;
        private Duration gapFillTimeout = GAP_FILL_TIMEOUT_DEFAULT;
        private long maxHeldBytes = MAX_HELD_BYTES_DEFAULT;
        private NanoClock clock;

        private Builder()
        {
        }

        /**
         * Add a leg.
         *
         * @param name      what stats and the unsequenced handler call it; unique in the feed.
         * @param webSocket the leg's connection, not necessarily connected yet; on the same engine as the others.
         * @return this.
         */
        public Builder leg(final String name, final WebSocket<?> webSocket)
        {
            Objects.requireNonNull(name, "leg name");
            Objects.requireNonNull(webSocket, "webSocket of leg " + name);
            if (name.isEmpty())
            {
                throw new IllegalArgumentException("a leg's name must not be empty");
            }
            if (names.contains(name))
            {
                throw new IllegalArgumentException("two legs named '" + name + "': leg names must be unique");
            }
            if (legs.contains(webSocket))
            {
                throw new IllegalArgumentException("leg '" + name + "' is the same WebSocket as leg '" +
                    names.get(legs.indexOf(webSocket)) + "': each leg needs a connection of its own");
            }
            if (legs.size() == MAX_LEGS)
            {
                throw new IllegalArgumentException("at most " + MAX_LEGS + " legs; cannot add '" + name + "'");
            }
            names.add(name);
            legs.add(webSocket);
            return this;
        }

        /**
         * How to read the stream and sequence of a message (required).
         *
         * @param extractor the extractor; engine thread, allocation free.
         * @return this.
         */
        public Builder extractor(final SequenceExtractor extractor)
        {
            this.extractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * Where the arbitrated messages go (required).
         *
         * @param handler the zero-copy handler.
         * @return this.
         */
        public Builder handler(final FeedHandler handler)
        {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Who is told of gaps no leg filled (default: nobody; {@link RedundantFeedStats#gaps()} counts them).
         *
         * @param listener the listener.
         * @return this.
         */
        public Builder listener(final FeedListener listener)
        {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Where messages without a sequence go, per leg (default: dropped, counted in
         * {@link LegStats#unsequenced()}).
         *
         * @param handler the handler.
         * @return this.
         */
        public Builder unsequenced(final LegMessageHandler handler)
        {
            this.unsequenced = Objects.requireNonNull(handler, "unsequenced handler");
            return this;
        }

        /**
         * How long a stream holds messages back waiting for another leg to bring missing ids, from the first message
         * held; then the gap is reported and the held messages delivered. Default 1 s. Checked on the engine's duty
         * cycle, so a wait may end as late as the engine's idle strategy blocks (10 ms at most by default).
         *
         * @param timeout positive.
         * @return this.
         */
        public Builder gapFillTimeout(final Duration timeout)
        {
            Objects.requireNonNull(timeout, "gapFillTimeout");
            if (timeout.isNegative() || timeout.isZero())
            {
                throw new IllegalArgumentException("gapFillTimeout must be positive: " + timeout);
            }
            this.gapFillTimeout = timeout;
            return this;
        }

        /**
         * How many payload bytes a stream may hold back while it waits; a message that would pass it ends the wait
         * (the gap is reported, the held messages delivered). Default 4 MiB.
         *
         * @param bytes positive.
         * @return this.
         */
        public Builder maxHeldBytes(final long bytes)
        {
            if (bytes <= 0)
            {
                throw new IllegalArgumentException("maxHeldBytes must be positive: " + bytes);
            }
            this.maxHeldBytes = bytes;
            return this;
        }

        /**
         * The clock of arrival times (lag stats) and of the gap-fill timeout (default: the engine's
         * {@link io.jetsocket.engine.EngineContext#nanoClock()}); read once per sequenced message.
         *
         * @param clock the clock.
         * @return this.
         */
        public Builder clock(final NanoClock clock)
        {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validate, attach to the legs and start arbitrating.
         *
         * @return the feed.
         * @throws IllegalArgumentException with fewer than two legs, or legs on different engines.
         * @throws IllegalStateException    without an extractor or a handler.
         */
        public RedundantFeed build()
        {
            if (legs.size() < 2)
            {
                throw new IllegalArgumentException("a redundant feed needs at least two legs; it has " + names);
            }
            if (null == extractor)
            {
                throw new IllegalStateException("no extractor: call extractor(...) before build()");
            }
            if (null == handler)
            {
                throw new IllegalStateException("no handler: call handler(...) before build()");
            }
            final WebSocketEngine engine = legs.get(0).engine();
            for (int i = 1; i < legs.size(); i++)
            {
                if (legs.get(i).engine() != engine)
                {
                    throw new IllegalArgumentException("legs '" + names.get(0) + "' and '" + names.get(i) +
                        "' run on different engines (" + engine.roleName() + ", " + legs.get(i).engine().roleName() +
                        "): a redundant feed arbitrates on one engine thread; build every leg's WebSocket with the " +
                        "same engine (ClientConfig.Builder#engine)");
                }
            }
            final RedundantFeed feed = new RedundantFeed(this, engine);
            feed.attach(List.copyOf(legs));
            return feed;
        }
    }

    /**
     * Ends the waits whose gap-fill timeout has passed, on the engine's duty cycle.
     */
    private static final class HoldTimeoutAgent implements Agent
    {
        private final FeedArbiter arbiter;
        private final String roleName;

        HoldTimeoutAgent(final FeedArbiter arbiter, final String roleName)
        {
            this.arbiter = arbiter;
            this.roleName = roleName;
        }

        @Override
        public int doWork()
        {
            return arbiter.poll();
        }

        @Override
        public String roleName()
        {
            return roleName;
        }
    }
}
