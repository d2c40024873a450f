/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.client.SyncWebSocket;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.codec.Codec;
import io.jetsocket.client.codec.Codecs;
import io.jetsocket.client.codec.FunctionCodec;
import io.jetsocket.client.time.ExchangeTimestampExtractor;
import io.jetsocket.client.venue.ConnectBudget;
import io.jetsocket.client.venue.RateLimit;
import io.jetsocket.client.venue.VenueLimits;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.UnsafeAccessCheck;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The complete, validated configuration of a client, as built by {@link Builder} ({@code WebSocket.builder(uri)}):
 * every option with its default, listed below. A client holds its configuration and nothing else of the options;
 * {@link WebSocket#create(ClientConfig)} builds one from it.
 *
 * @param uri                  the {@code ws://} or {@code wss://} URI.
 * @param reconnect            reconnect automatically after a retriable failure. Default true.
 * @param backoff              reconnection delays. Default {@link BackoffConfig#defaults()}.
 * @param maxConnectionAge     rotate a connection this old (close frame 1000, then reconnect at once); null
 *                             (default) for never.
 * @param heartbeat            pings and dead-peer detection; null (default) for none.
 * @param buffer               the send buffer and de-duplication; default {@link BufferConfig#defaults()}.
 * @param replay               replay after reconnect; default {@link ReplayConfig#none()}.
 * @param codec                message codec; default JSON.
 * @param messageType          the typed message class, or null.
 * @param sslContext           for {@code wss://}, used exactly as given; null for the default
 *                             (TLS 1.2+, hostname verification on).
 * @param extraHeaders         extra handshake headers, in order.
 * @param subprotocols         subprotocols to offer, in order of preference.
 * @param compress             offer permessage-deflate (RFC 7692). Default true.
 * @param compressionThreshold smallest payload to compress, in bytes. Default 128.
 * @param connectTimeout       TCP connect plus opening handshake. Default 10 s.
 * @param closeTimeout         how long a local close waits for the closing handshake. Default 5 s.
 * @param maxMessageSize       largest incoming message, in bytes. Default 64 MiB.
 * @param receiveQueueCapacity bound of the queue behind {@code recv()} and iteration; 0 disables it.
 *                             Default 10,000.
 * @param receiveQueuePolicy   what a full receive queue does. Default {@link OverflowPolicy#DROP_OLDEST}.
 * @param handlerExecutor      where event and decoded-message handlers run, in order per client; null (default)
 *                             for the engine thread. Raw-message handlers always run on the engine thread.
 * @param engine               the engine to run on; null (default) for the shared default engine.
 * @param nanoClock            the clock of the client's statistics and durations. Default the system's.
 * @param epochClock           the clock that stamps events. Default the system's.
 * @param venueLimits          outbound rate limit, connect budget and Retry-After cap; default
 *                             {@link VenueLimits#none()}.
 * @param payloadCompression   binary frames compressed outside RFC 7692 (gzip, deflate), inflated before delivery;
 *                             default {@link PayloadCompressionConfig#none()}.
 * @param liveness             server-ping answers and the no-data watchdog; default {@link LivenessConfig#none()}.
 * @param exchangeTimestamps   reads the exchange's timestamp from each message, for the exchange-to-receive latency
 *                             and clock offset in the statistics; null (default) for none.
 * @param <T>                  type of the messages.
 */
public record ClientConfig<T>(
    String uri,
    boolean reconnect,
    BackoffConfig backoff,
    Duration maxConnectionAge,
    HeartbeatConfig heartbeat,
    BufferConfig buffer,
    ReplayConfig<T> replay,
    Codec<T> codec,
    Class<?> messageType,
    SSLContext sslContext,
    Map<String, String> extraHeaders,
    List<String> subprotocols,
    boolean compress,
    int compressionThreshold,
    Duration connectTimeout,
    Duration closeTimeout,
    int maxMessageSize,
    int receiveQueueCapacity,
    OverflowPolicy receiveQueuePolicy,
    Executor handlerExecutor,
    WebSocketEngine engine,
    NanoClock nanoClock,
    EpochClock epochClock,
    VenueLimits venueLimits,
    PayloadCompressionConfig payloadCompression,
    LivenessConfig liveness,
    ExchangeTimestampExtractor exchangeTimestamps)
{
    /** Default connect timeout. */
    public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
    /** Default close timeout. */
    public static final Duration CLOSE_TIMEOUT_DEFAULT = Duration.ofSeconds(5);
    /** Default largest incoming message. */
    public static final int MAX_MESSAGE_SIZE_DEFAULT = 64 * 1024 * 1024;
    /** Default compression threshold. */
    public static final int COMPRESSION_THRESHOLD_DEFAULT = 128;
    /** Default bound of the receive queue. */
    public static final int RECEIVE_QUEUE_CAPACITY_DEFAULT = 10_000;

    /**
     * Validate and copy the collections.
     *
     * @param uri                  the {@code ws://} or {@code wss://} URI.
     * @param reconnect            reconnect automatically after a retriable failure. Default true.
     * @param backoff              reconnection delays. Default {@link BackoffConfig#defaults()}.
     * @param maxConnectionAge     rotate a connection this old (close frame 1000, then reconnect at once); null
     *                             (default) for never.
     * @param heartbeat            pings and dead-peer detection; null (default) for none.
     * @param buffer               the send buffer and de-duplication; default {@link BufferConfig#defaults()}.
     * @param replay               replay after reconnect; default {@link ReplayConfig#none()}.
     * @param codec                message codec; default JSON.
     * @param messageType          the typed message class, or null.
     * @param sslContext           for {@code wss://}, used exactly as given; null for the default
     *                             (TLS 1.2+, hostname verification on).
     * @param extraHeaders         extra handshake headers, in order.
     * @param subprotocols         subprotocols to offer, in order of preference.
     * @param compress             offer permessage-deflate (RFC 7692). Default true.
     * @param compressionThreshold smallest payload to compress, in bytes. Default 128.
     * @param connectTimeout       TCP connect plus opening handshake. Default 10 s.
     * @param closeTimeout         how long a local close waits for the closing handshake. Default 5 s.
     * @param maxMessageSize       largest incoming message, in bytes. Default 64 MiB.
     * @param receiveQueueCapacity bound of the queue behind {@code recv()} and iteration; 0 disables it.
     *                             Default 10,000.
     * @param receiveQueuePolicy   what a full receive queue does. Default {@link OverflowPolicy#DROP_OLDEST}.
     * @param handlerExecutor      where event and decoded-message handlers run; null for the engine thread.
     * @param engine               the engine to run on; null for the shared default engine.
     * @param nanoClock            the clock of the client's statistics and durations.
     * @param epochClock           the clock that stamps events.
     * @param venueLimits          outbound rate limit, connect budget and Retry-After cap.
     * @param payloadCompression   binary frames compressed outside RFC 7692, inflated before delivery.
     * @param liveness             server-ping answers and the no-data watchdog.
     * @param exchangeTimestamps   reads the exchange's timestamp from each message; null for none.
     * @throws IllegalArgumentException naming the bad option.
     */
    public ClientConfig
    {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(replay, "replay");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(receiveQueuePolicy, "receiveQueuePolicy");
        Objects.requireNonNull(nanoClock, "nanoClock");
        Objects.requireNonNull(epochClock, "epochClock");
        Objects.requireNonNull(venueLimits, "venueLimits");
        Objects.requireNonNull(payloadCompression, "payloadCompression");
        Objects.requireNonNull(liveness, "liveness");
        extraHeaders = extraHeaders.isEmpty() ? Map.of() : // no empty map of its own per client
            Collections.unmodifiableMap(new LinkedHashMap<>(extraHeaders));
        subprotocols = List.copyOf(subprotocols);
        if (null != maxConnectionAge && (maxConnectionAge.isNegative() || maxConnectionAge.isZero()))
        {
            throw new IllegalArgumentException("maxConnectionAge must be positive: " + maxConnectionAge);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("closeTimeout", closeTimeout);
        if (maxMessageSize <= 0)
        {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        codec = codec.withMaxMessageSize(maxMessageSize); // its parser accepts what the connection lets in
        if (compressionThreshold < 0)
        {
            throw new IllegalArgumentException("compressionThreshold must be >= 0: " + compressionThreshold);
        }
        if (receiveQueueCapacity < 0)
        {
            throw new IllegalArgumentException("receiveQueueCapacity must be >= 0: " + receiveQueueCapacity);
        }
    }

    private static void requirePositive(final String name, final Duration value)
    {
        if (value.isNegative() || value.isZero())
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /**
     * Start building a client with the defaults (what {@code WebSocket.builder(uri)} does).
     *
     * @param uri a {@code ws://} or {@code wss://} URI.
     * @return a builder.
     */
    public static Builder<Object> builder(final String uri)
    {
        return new Builder<>(uri);
    }

    /**
     * The one builder of a client's options ({@code WebSocket.builder(uri)} returns one): every option has a
     * default, listed on its setter and in {@link ClientConfig}. {@link #buildConfig()} validates them into a
     * {@link ClientConfig}, {@link #build()} builds the client from it.
     *
     * @param <T> type of the messages.
     */
    public static final class Builder<T>
    {
        private final String uri;
        private boolean reconnect = true;
        private BackoffConfig backoff = BackoffConfig.defaults();
        private Duration maxConnectionAge;
        private HeartbeatConfig heartbeat;
        private BufferConfig buffer = BufferConfig.defaults();
        private ReplayConfig<?> replay = ReplayConfig.none();
        private Codec<?> codec = Codecs.json();
        private Class<?> messageType;
        private SSLContext sslContext;
        private final Map<String, String> extraHeaders = new LinkedHashMap<>();
        private final List<String> subprotocols = new ArrayList<>();
        private boolean compress = true;
        private int compressionThreshold = COMPRESSION_THRESHOLD_DEFAULT;
        private Duration connectTimeout = CONNECT_TIMEOUT_DEFAULT;
        private Duration closeTimeout = CLOSE_TIMEOUT_DEFAULT;
        private int maxMessageSize = MAX_MESSAGE_SIZE_DEFAULT;
        private int receiveQueueCapacity = RECEIVE_QUEUE_CAPACITY_DEFAULT;
        private OverflowPolicy receiveQueuePolicy = OverflowPolicy.DROP_OLDEST;
        private WebSocketEngine engine;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;
        private Executor handlerExecutor;
        private VenueLimits venueLimits = VenueLimits.none();
        private PayloadCompressionConfig payloadCompression = PayloadCompressionConfig.none();
        private LivenessConfig liveness = LivenessConfig.none();
        private ExchangeTimestampExtractor exchangeTimestamps;

        private Builder(final String uri)
        {
            this.uri = uri;
        }

        /**
         * Reconnect automatically after a retriable failure (default true).
         *
         * @param reconnect true to reconnect.
         * @return this.
         */
        public Builder<T> reconnect(final boolean reconnect)
        {
            this.reconnect = reconnect;
            return this;
        }

        /**
         * Reconnection delays (default {@link BackoffConfig#defaults()}).
         *
         * @param backoff the configuration.
         * @return this.
         */
        public Builder<T> backoff(final BackoffConfig backoff)
        {
            this.backoff = backoff;
            return this;
        }

        /**
         * Rotate connections this old: close frame 1000 "max connection age reached", then reconnect at once
         * (default: never).
         *
         * @param maxConnectionAge positive, or null for never.
         * @return this.
         */
        public Builder<T> maxConnectionAge(final Duration maxConnectionAge)
        {
            this.maxConnectionAge = maxConnectionAge;
            return this;
        }

        /**
         * Heartbeat configuration (default none).
         *
         * @param heartbeat the configuration, or null for none.
         * @return this.
         */
        public Builder<T> heartbeat(final HeartbeatConfig heartbeat)
        {
            this.heartbeat = heartbeat;
            return this;
        }

        /**
         * Heartbeat shorthand: WebSocket pings every {@code interval} ({@link HeartbeatConfig#ofInterval}).
         *
         * @param interval time between pings.
         * @return this.
         */
        public Builder<T> heartbeat(final Duration interval)
        {
            this.heartbeat = HeartbeatConfig.ofInterval(interval);
            return this;
        }

        /**
         * Send buffer and de-duplication (default {@link BufferConfig#defaults()}).
         *
         * @param buffer the configuration.
         * @return this.
         */
        public Builder<T> buffer(final BufferConfig buffer)
        {
            this.buffer = buffer;
            return this;
        }

        /**
         * Buffer shorthand: the defaults with this capacity.
         *
         * @param capacity messages.
         * @return this.
         */
        public Builder<T> buffer(final int capacity)
        {
            this.buffer = BufferConfig.ofCapacity(capacity);
            return this;
        }

        /**
         * Replay after reconnect (default none). Set the message type or codec first.
         *
         * @param replay the configuration.
         * @return this.
         */
        public Builder<T> replay(final ReplayConfig<T> replay)
        {
            this.replay = replay;
            return this;
        }

        /**
         * Messages of type {@code U} through this codec (default JSON). Set it before {@link #replay}.
         *
         * @param codec the codec.
         * @param <U>   the new message type.
         * @return this builder, retyped.
         */
        @SuppressWarnings("unchecked")
        public <U> Builder<U> codec(final Codec<U> codec)
        {
            this.codec = codec;
            return (Builder<U>)this;
        }

        /**
         * Typed messages: JSON bound to this record or class with Jackson Databind (an optional dependency).
         *
         * @param type the message class.
         * @param <U>  the message type.
         * @return this builder, retyped.
         */
        public <U> Builder<U> messageType(final Class<U> type)
        {
            this.messageType = type;
            return codec(Codecs.typed(type));
        }

        /**
         * Encode and decode messages with a pair of functions (messages sent as text frames).
         *
         * @param serializer   message to bytes.
         * @param deserializer bytes to message.
         * @param <U>          the message type.
         * @return this builder, retyped.
         */
        public <U> Builder<U> serialization(
            final Function<? super U, byte[]> serializer, final Function<byte[], ? extends U> deserializer)
        {
            return codec(new FunctionCodec<>(serializer, deserializer, MessageType.TEXT));
        }

        /**
         * TLS context for {@code wss://} (default: the JDK's default context; TLS 1.3 and 1.2 only).
         *
         * @param sslContext the context.
         * @return this.
         */
        public Builder<T> sslContext(final SSLContext sslContext)
        {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * Extra handshake headers.
         *
         * @param headers name to value, sent in iteration order.
         * @return this.
         */
        public Builder<T> extraHeaders(final Map<String, String> headers)
        {
            this.extraHeaders.putAll(headers);
            return this;
        }

        /**
         * One extra handshake header.
         *
         * @param name  header name.
         * @param value header value.
         * @return this.
         */
        public Builder<T> header(final String name, final String value)
        {
            this.extraHeaders.put(name, value);
            return this;
        }

        /**
         * Subprotocols to offer.
         *
         * @param subprotocols in order of preference.
         * @return this.
         */
        public Builder<T> subprotocols(final List<String> subprotocols)
        {
            this.subprotocols.clear();
            this.subprotocols.addAll(subprotocols);
            return this;
        }

        /**
         * Offer permessage-deflate (RFC 7692) in the handshake (default true); used only if the server accepts it.
         *
         * @param compress true to offer.
         * @return this.
         */
        public Builder<T> compress(final boolean compress)
        {
            this.compress = compress;
            return this;
        }

        /**
         * Smallest outgoing payload to compress (default 128 bytes).
         *
         * @param threshold in bytes.
         * @return this.
         */
        public Builder<T> compressionThreshold(final int threshold)
        {
            this.compressionThreshold = threshold;
            return this;
        }

        /**
         * Time limit of TCP connect plus opening handshake (default 10 s), per attempt; it also bounds the first
         * connect as a whole: without a first connection by then, {@link WebSocket#connect()} fails (and the
         * client with it) with an {@link io.jetsocket.client.OperationTimeoutException} whose cause is the last
         * real failure (e.g. the {@code Connection refused} of each attempt). Once connected, reconnection
         * follows its own limits.
         *
         * @param timeout positive.
         * @return this.
         */
        public Builder<T> connectTimeout(final Duration timeout)
        {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * How long a local close waits for the closing handshake (default 5 s).
         *
         * @param timeout positive.
         * @return this.
         */
        public Builder<T> closeTimeout(final Duration timeout)
        {
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * Largest incoming message (default 64 MiB); a larger one fails the connection with 1009.
         *
         * @param bytes positive.
         * @return this.
         */
        public Builder<T> maxMessageSize(final int bytes)
        {
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * Bound and policy of the receive queue behind {@code recv()} and iteration (default 10,000,
         * drop-oldest). A capacity of 0 disables the queue.
         *
         * @param capacity messages, 0 to disable.
         * @param policy   what a full queue does with one more message.
         * @return this.
         */
        public Builder<T> receiveQueue(final int capacity, final OverflowPolicy policy)
        {
            this.receiveQueueCapacity = capacity;
            this.receiveQueuePolicy = policy;
            return this;
        }

        /**
         * The engine to run on (several clients may share one). Default: a shared engine on its own daemon
         * thread, started on first use.
         *
         * @param engine the engine.
         * @return this.
         */
        public Builder<T> engine(final WebSocketEngine engine)
        {
            this.engine = engine;
            return this;
        }

        /**
         * Run this client's handlers on an executor instead of the engine thread (default: the engine thread).
         * Event handlers ({@code on(...)}) and decoded-message handlers ({@code onMessage}) then run there one
         * event at a time, in the order the events happened on this client (a serial queue per client, whatever
         * the executor's number of threads), so that a handler that blocks holds up only this client's later
         * events: the engine keeps answering pings, firing heartbeats and serving its other connections.
         * <p>
         * Raw-message handlers ({@code onRawMessage}, {@code RAW_MESSAGE}) still run on the engine thread: the
         * buffer they see is the engine's, valid only during the call (copy it to hand it elsewhere). Futures
         * ({@code connect()}, {@code recv()}, {@code closeFuture()}) still complete on the engine thread, so a
         * client may be {@code CLOSED} before its {@code closed} handler has run. The executor must not run the
         * task on the calling thread ({@code Runnable::run} would put the handlers back on the engine thread),
         * and should not block in {@code execute}: it is called on the engine thread each time the client's queue
         * goes from empty to not empty. If it rejects a task, that is logged once and the handlers run on the
         * engine thread.
         * <p>
         * Cost on the engine thread, per event: one 24-byte queue node and one atomic exchange; the event object
         * (which the inline path may never materialise) lives until its handler ran; and one {@code execute}
         * each time this client's queue goes from empty to not empty, which is once per message when the
         * handler keeps up (the task runs up to 64 events, then hands itself back). Measured: 24 bytes per event
         * while events stream in, 48 when every event is a burst of its own ({@code ForkJoinPool} or a
         * single-thread executor). Without this option, none of it. The queue is unbounded, so a handler slower
         * than the feed lets it grow (use {@code recv()} with its bounded queue for back-pressure instead).
         *
         * @param executor where handlers run, e.g. a {@code ForkJoinPool} or a fixed pool shared by many
         *                 clients; null for the engine thread.
         * @return this.
         */
        public Builder<T> handlerExecutor(final Executor executor)
        {
            this.handlerExecutor = executor;
            return this;
        }

        /**
         * The clocks of the client's statistics, durations and event timestamps (for tests and simulations). The
         * timers (back-off, heartbeat, pong timeout, age, close, first-connect deadline) run on the engine's timer
         * wheel and clock: step them with {@code EngineContext.nanoClock} and an embedded engine.
         *
         * @param nanoClock  measures uptime, downtime and replay durations.
         * @param epochClock stamps events.
         * @return this.
         */
        public Builder<T> clocks(final NanoClock nanoClock, final EpochClock epochClock)
        {
            this.nanoClock = nanoClock;
            this.epochClock = epochClock;
            return this;
        }

        /**
         * Limit this client's outbound messages per connection to what the venue allows (default: no limit): at most
         * {@code limit.maxMessages()} messages in any window of {@code limit.window()} of engine time, a strict
         * rolling window. Counted: every message the client sends (its own sends, subscriptions, replayed
         * messages), its heartbeat pings, and the pongs the engine sends by itself in answer to the server's pings
         * (they go out at once, a pong cannot wait, and take their place in the window: Binance counts pings and
         * pongs in its 5 per second). Close frames are not counted.
         * <p>
         * A message beyond the limit waits in a queue, in order, and goes out on the engine's timers when the
         * window frees; a send returns {@link io.jetsocket.client.SendStatus#QUEUED} for it (and for any send made
         * off the engine thread while the limiter is on), {@code BACK_PRESSURED} when the queue is full. Messages
         * still waiting when the connection ends are not sent: an {@code error} event says how many (with
         * {@code full_buffer} replay too: the limiter's queue is not handed back to the replay buffer; subscriptions
         * are sent again on the next connection in any case). Pings the heartbeat sends wait in the same queue,
         * so a full window delays a ping by up to one window: keep the pong timeout longer than that.
         *
         * @param limit the limit, or null for none.
         * @return this.
         */
        public Builder<T> rateLimit(final RateLimit limit)
        {
            this.venueLimits = venueLimits.withRateLimit(limit);
            return this;
        }

        /**
         * Share a venue's budget of connect attempts (default: none): before every attempt, the first included,
         * the client takes one from the budget, or waits until one frees (state {@code BACKING_OFF}, the wait and
         * a {@link io.jetsocket.client.venue.ConnectBudgetExhaustedException} in its {@code reconnecting} event).
         * Give every client of the venue the same instance.
         *
         * @param budget the shared budget, or null for none.
         * @return this.
         */
        public Builder<T> connectBudget(final ConnectBudget budget)
        {
            this.venueLimits = venueLimits.withConnectBudget(budget);
            return this;
        }

        /**
         * The longest wait a {@code Retry-After} header may impose (default 10 minutes). When the server rejects
         * the opening handshake with 429 or 503 and a {@code Retry-After} (seconds or an HTTP-date), the next
         * attempt waits at least that long, up to this cap; the wait is reported in the {@code reconnecting}
         * event.
         *
         * @param cap positive.
         * @return this.
         */
        public Builder<T> maxRetryAfter(final Duration cap)
        {
            this.venueLimits = venueLimits.withMaxRetryAfter(cap);
            return this;
        }

        /**
         * All venue limits at once (replaces {@link #rateLimit}, {@link #connectBudget} and
         * {@link #maxRetryAfter}).
         *
         * @param limits the limits.
         * @return this.
         */
        public Builder<T> venueLimits(final VenueLimits limits)
        {
            this.venueLimits = Objects.requireNonNull(limits, "venueLimits");
            return this;
        }

        // ------------------------------------------------------------ compressed payloads outside RFC 7692

        /**
         * Inflate every binary frame a venue compresses by itself (default {@link PayloadCompression#NONE}), and
         * deliver the JSON inside as text: Huobi/HTX send gzip, OKX v3 sent raw deflate. Not permessage-deflate
         * ({@link #compress}), which the engine undoes by itself. Raw handlers, decoded handlers, the pong matcher
         * and everything built on them see the inflated bytes (as a {@code TEXT} message, validated UTF-8), held in
         * one buffer the client reuses for every message; text frames pass as they come. A frame that does not
         * inflate, or is not UTF-8 once inflated, is an {@code error} event and closes the connection with 1007; one
         * that would inflate past {@link #maxMessageSize} (a compression bomb) with 1009, after at most that many
         * bytes of work. The statistics count bytes as received (compressed).
         *
         * @param format how every binary frame is compressed, or {@link PayloadCompression#AUTO} to tell by its
         *               first bytes.
         * @return this.
         */
        public Builder<T> payloadCompression(final PayloadCompression format)
        {
            this.payloadCompression = PayloadCompressionConfig.of(format);
            return this;
        }

        /**
         * As {@link #payloadCompression(PayloadCompression)}, delivering the inflated messages as the given type:
         * {@link MessageType#BINARY} for a venue that compresses binary data (no UTF-8 check).
         *
         * @param format    how every binary frame is compressed.
         * @param deliverAs {@link MessageType#TEXT} (validated UTF-8) or {@link MessageType#BINARY}.
         * @return this.
         */
        public Builder<T> payloadCompression(final PayloadCompression format, final MessageType deliverAs)
        {
            this.payloadCompression = PayloadCompressionConfig.of(format, deliverAs);
            return this;
        }

        // ------------------------------------------------------------ end of compressed payloads

        // ------------------------------------------------------------ liveness (venue pings, no-data watchdog)

        /**
         * Answer the server's application-level pings (default: none), e.g. {@code ServerPings.jsonPingPong()} for
         * Huobi's {@code {"ping":ts}} or {@code ServerPings.text("ping", "pong")}. Every incoming message is offered
         * to the responder on its bytes, ahead of the raw handlers and of any decoding; the answer is written into
         * a buffer the client reuses and sent through its send path: the venue's rate limit counts it, and while a
         * replay buffers it waits there in order. An answered ping is consumed (not delivered): see
         * {@link #answerServerPings(ServerPingResponder, boolean)} to deliver it as well.
         *
         * @param responder the responder, or null for none.
         * @return this.
         */
        public Builder<T> answerServerPings(final ServerPingResponder responder)
        {
            return answerServerPings(responder, false);
        }

        /**
         * Answer the server's application-level pings, and say whether an answered ping still reaches the
         * application (raw handlers, message events, the receive queue).
         *
         * @param responder the responder, or null for none.
         * @param deliver   true to deliver answered pings too.
         * @return this.
         */
        public Builder<T> answerServerPings(final ServerPingResponder responder, final boolean deliver)
        {
            this.liveness = liveness.withServerPings(responder, deliver);
            return this;
        }

        /**
         * Close and replace a connection on which no data message arrived for this long (default: no watchdog),
         * e.g. 30 s for a feed that must never go quiet. The time runs on the engine's clock from the connection's
         * opening and from each data message; pongs and answered server pings are liveness traffic, not data, and
         * do not count. On expiry an {@code error} event ({@link io.jetsocket.client.OperationTimeoutException},
         * operation {@code data}) is raised and the connection closed with 1011 {@code "no data for <ms> ms"}
         * without waiting for the closing handshake, as a dead heartbeat peer is; with reconnection on, a new one
         * is opened. Cost per message: one store of the engine's cached time; one timer per timeout period.
         *
         * @param timeout positive, or null for none.
         * @return this.
         */
        public Builder<T> noDataTimeout(final Duration timeout)
        {
            this.liveness = liveness.withNoDataTimeout(timeout);
            return this;
        }

        /**
         * All liveness options at once (replaces {@link #answerServerPings} and {@link #noDataTimeout}).
         *
         * @param liveness the options.
         * @return this.
         */
        public Builder<T> liveness(final LivenessConfig liveness)
        {
            this.liveness = Objects.requireNonNull(liveness, "liveness");
            return this;
        }

        // ------------------------------------------------------------ end of liveness

        // ---------------------------------------------------------------- time: exchange timestamps

        /**
         * Read the exchange's timestamp from each incoming message (default: none), e.g.
         * {@code ExchangeTimestampExtractor.jsonField("E", TimeUnit.MILLISECONDS)} for Binance's event time. The
         * client then keeps, in {@link io.jetsocket.client.ConnectionStats}, the histogram of exchange-to-receive
         * latency (the engine's receive epoch time of the read that brought the message, minus this timestamp) and
         * an estimate of the clock offset. The extractor runs on the engine thread for every message, before the
         * raw handlers, and must not allocate, block or throw. Without one, the client holds none of it.
         *
         * @param extractor the extractor, or null for none.
         * @return this.
         */
        public Builder<T> exchangeTimestamps(final ExchangeTimestampExtractor extractor)
        {
            this.exchangeTimestamps = extractor;
            return this;
        }

        // ---------------------------------------------------------------- end of time

        /**
         * Validate into a configuration.
         *
         * @return the configuration.
         * @throws IllegalArgumentException naming the first bad option; the URI, headers and subprotocols are
         *                                  checked when a client is built from it ({@link #build()}).
         */
        @SuppressWarnings("unchecked")
        public ClientConfig<T> buildConfig()
        {
            return new ClientConfig<>(uri, reconnect, backoff, maxConnectionAge, heartbeat, buffer,
                (ReplayConfig<T>)replay, (Codec<T>)codec, messageType, sslContext, extraHeaders, subprotocols,
                compress, compressionThreshold, connectTimeout, closeTimeout, maxMessageSize, receiveQueueCapacity,
                receiveQueuePolicy, handlerExecutor, engine, nanoClock, epochClock, venueLimits,
                payloadCompression, liveness, exchangeTimestamps);
        }

        /**
         * Build the client (not connected yet).
         *
         * @return the client.
         * @throws IllegalArgumentException naming the first bad option (including a bad URI or header).
         */
        public WebSocket<T> build()
        {
            UnsafeAccessCheck.require(); // before the configuration or the engine initialises any Agrona class
            return WebSocket.create(buildConfig());
        }

        /**
         * Build the blocking variant of the client.
         *
         * @return the blocking client.
         */
        public SyncWebSocket<T> buildSync()
        {
            return SyncWebSocket.of(build());
        }
    }
}
