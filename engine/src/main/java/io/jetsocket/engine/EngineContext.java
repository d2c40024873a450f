/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.status.CountersFile;
import io.jetsocket.engine.status.EngineCounters;
import io.jetsocket.engine.status.EngineStat;
import org.agrona.ErrorHandler;
import org.agrona.SystemUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.File;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Configuration of a {@link WebSocketEngine}: limits, buffer sizes, timeouts and collaborators. Every
 * limit is a number here with its own failure path. Setters are fluent; {@link #conclude()} validates
 * and is called by the engine.
 * <p>
 * The main options take their defaults from system properties ({@code *_PROP_NAME}), read when the context is
 * created: sizes accept a {@code k}, {@code m} or {@code g} suffix ({@code 64k}), durations a unit
 * ({@code 500ms}, {@code 10s}; plain numbers are nanoseconds), as Agrona's {@link SystemUtil} parses them. A
 * setter overrides the property.
 * <p>
 * A context configures one engine: {@link #conclude()} runs once, and a second call fails, since the engine owns
 * what conclude creates (its counters).
 */
public final class EngineContext
{
    /**
     * Default read buffer length (the shared buffer, and those lent while a frame is partial): frames up to this
     * size, header included, are decoded in place.
     */
    public static final int RECEIVE_BUFFER_LENGTH_DEFAULT = 64 * 1024;
    /** Default engine-wide scratch buffer for encoding frames before they are written. */
    public static final int SEND_BUFFER_LENGTH_DEFAULT = 64 * 1024;
    /** Default largest message accepted (after reassembly): 64 MiB. */
    public static final int MAX_MESSAGE_LENGTH_DEFAULT = 64 * 1024 * 1024;
    /** Default cap on bytes accepted for sending but not yet written to the socket, per connection. */
    public static final int MAX_OUTBOUND_BYTES_DEFAULT = MAX_MESSAGE_LENGTH_DEFAULT + 64;
    /** Default capacity of the ring buffer that carries sends from other threads (power of two). */
    public static final int SEND_QUEUE_CAPACITY_DEFAULT = 4 * 1024 * 1024;
    /** Default connect timeout (TCP connect plus opening handshake): 10 s. */
    public static final long CONNECT_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(10);
    /** Default close timeout: 5 s. */
    public static final long CLOSE_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(5);
    /** Default limit on the bytes of the handshake response head. */
    public static final int MAX_HANDSHAKE_HEADER_BYTES_DEFAULT = 16 * 1024;
    /** Default limit on the number of handshake response headers. */
    public static final int MAX_HANDSHAKE_HEADER_COUNT_DEFAULT = 100;
    /**
     * Default limit on the frames of one message: a hostile stream of empty or 1-byte continuations ends with
     * 1009 after this many, not after the message size limit (64 Mi frames).
     */
    public static final int MAX_FRAGMENTS_DEFAULT = 4096;

    /** Property for {@link #receiveBufferLength(int)} (a size). */
    public static final String RECEIVE_BUFFER_LENGTH_PROP_NAME = "jetsocket.engine.receive.buffer.length";
    /** Property for {@link #sendBufferLength(int)} (a size). */
    public static final String SEND_BUFFER_LENGTH_PROP_NAME = "jetsocket.engine.send.buffer.length";
    /** Property for {@link #maxMessageLength(int)} (a size). */
    public static final String MAX_MESSAGE_LENGTH_PROP_NAME = "jetsocket.engine.max.message.length";
    /** Property for {@link #maxFrameLength(int)} (a size). */
    public static final String MAX_FRAME_LENGTH_PROP_NAME = "jetsocket.engine.max.frame.length";
    /** Property for {@link #maxFragments(int)} (a count). */
    public static final String MAX_FRAGMENTS_PROP_NAME = "jetsocket.engine.max.fragments";
    /** Property for {@link #maxOutboundBytes(int)} (a size). */
    public static final String MAX_OUTBOUND_BYTES_PROP_NAME = "jetsocket.engine.max.outbound.bytes";
    /** Property for {@link #sendQueueCapacity(int)} (a size, a power of two). */
    public static final String SEND_QUEUE_CAPACITY_PROP_NAME = "jetsocket.engine.send.queue.capacity";
    /** Property for {@link #connectTimeoutNs(long)} (a duration). */
    public static final String CONNECT_TIMEOUT_PROP_NAME = "jetsocket.engine.connect.timeout";
    /** Property for {@link #closeTimeoutNs(long)} (a duration). */
    public static final String CLOSE_TIMEOUT_PROP_NAME = "jetsocket.engine.close.timeout";
    /** Property for {@link #maxHandshakeHeaderBytes(int)} (a size). */
    public static final String MAX_HANDSHAKE_HEADER_BYTES_PROP_NAME = "jetsocket.engine.max.handshake.header.bytes";
    /** Property for {@link #maxHandshakeHeaderCount(int)} (a count). */
    public static final String MAX_HANDSHAKE_HEADER_COUNT_PROP_NAME = "jetsocket.engine.max.handshake.header.count";
    /** Property for {@link #tcpNoDelay(boolean)} ({@code true} or {@code false}). */
    public static final String TCP_NODELAY_PROP_NAME = "jetsocket.engine.tcp.nodelay";
    /** Property for {@link #socketReceiveBufferSize(int)} (a size, 0 for the OS default). */
    public static final String SOCKET_RCVBUF_PROP_NAME = "jetsocket.engine.socket.rcvbuf";
    /** Property for {@link #socketSendBufferSize(int)} (a size, 0 for the OS default). */
    public static final String SOCKET_SNDBUF_PROP_NAME = "jetsocket.engine.socket.sndbuf";
    /**
     * Property for the idle strategy of an engine's own thread: an Agrona alias ({@code backoff} (the default),
     * {@code spin}, {@code yield}, {@code sleep-ms}, {@code sleep-ns}, {@code noop}) or the class name of an
     * {@link IdleStrategy} with a public no-argument constructor.
     */
    public static final String IDLE_STRATEGY_PROP_NAME = "jetsocket.engine.idle.strategy";
    /** Property for {@link #countersDirectory(File)}: where engines write their counters files. */
    public static final String COUNTERS_DIR_PROP_NAME = EngineStat.COUNTERS_DIR_PROP_NAME;

    private IdleStrategy idleStrategy;
    private String roleName = "jetsocket-engine";
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private EpochNanoClock epochNanoClock;
    private ErrorHandler errorHandler;
    private Executor resolverExecutor;
    private Executor tlsDelegatedTaskExecutor;
    private int receiveBufferLength = SystemUtil.getSizeAsInt(
        RECEIVE_BUFFER_LENGTH_PROP_NAME, RECEIVE_BUFFER_LENGTH_DEFAULT);
    private int sendBufferLength = SystemUtil.getSizeAsInt(SEND_BUFFER_LENGTH_PROP_NAME, SEND_BUFFER_LENGTH_DEFAULT);
    private int maxMessageLength = SystemUtil.getSizeAsInt(MAX_MESSAGE_LENGTH_PROP_NAME, MAX_MESSAGE_LENGTH_DEFAULT);
    private int maxFrameLength = SystemUtil.getSizeAsInt(MAX_FRAME_LENGTH_PROP_NAME, MAX_MESSAGE_LENGTH_DEFAULT);
    private int maxFragments = SystemUtil.getSizeAsInt(MAX_FRAGMENTS_PROP_NAME, MAX_FRAGMENTS_DEFAULT);
    private int maxOutboundBytes = SystemUtil.getSizeAsInt(MAX_OUTBOUND_BYTES_PROP_NAME, MAX_OUTBOUND_BYTES_DEFAULT);
    private int sendQueueCapacity = SystemUtil.getSizeAsInt(
        SEND_QUEUE_CAPACITY_PROP_NAME, SEND_QUEUE_CAPACITY_DEFAULT);
    private long connectTimeoutNs = SystemUtil.getDurationInNanos(
        CONNECT_TIMEOUT_PROP_NAME, CONNECT_TIMEOUT_NS_DEFAULT);
    private long closeTimeoutNs = SystemUtil.getDurationInNanos(CLOSE_TIMEOUT_PROP_NAME, CLOSE_TIMEOUT_NS_DEFAULT);
    private int maxHandshakeHeaderBytes = SystemUtil.getSizeAsInt(
        MAX_HANDSHAKE_HEADER_BYTES_PROP_NAME, MAX_HANDSHAKE_HEADER_BYTES_DEFAULT);
    private int maxHandshakeHeaderCount = SystemUtil.getSizeAsInt(
        MAX_HANDSHAKE_HEADER_COUNT_PROP_NAME, MAX_HANDSHAKE_HEADER_COUNT_DEFAULT);
    private boolean tcpNoDelay = Boolean.parseBoolean(SystemUtil.getProperty(TCP_NODELAY_PROP_NAME, "true"));
    private int socketReceiveBufferSize = SystemUtil.getSizeAsInt(SOCKET_RCVBUF_PROP_NAME, 0);
    private int socketSendBufferSize = SystemUtil.getSizeAsInt(SOCKET_SNDBUF_PROP_NAME, 0);
    private TcpChannelSupplier tcpChannelSupplier = java.nio.channels.SocketChannel::open;
    private File countersDirectory = countersDirectoryFromProperty();
    private EngineCounters counters;
    private final AtomicBoolean concluded = new AtomicBoolean();

    /**
     * Validate the settings and fill in defaults.
     *
     * Creates the engine's counters (mapping the counters file when a {@link #countersDirectory(File)} is set)
     * and wraps the error handler so that every error it receives is counted.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad setting.
     * @throws IllegalStateException    when called a second time: a context configures one engine.
     */
    public EngineContext conclude()
    {
        if (!concluded.compareAndSet(false, true))
        {
            throw new IllegalStateException("EngineContext \"" + roleName + "\" is already concluded: a context " +
                "configures one engine; create a new EngineContext for each engine");
        }
        if (null == idleStrategy)
        {
            idleStrategy = idleStrategyFromProperty();
        }
        if (null == epochNanoClock)
        {
            epochNanoClock = new OffsetEpochNanoClock();
        }
        requireAtLeast("receiveBufferLength", receiveBufferLength, 1024);
        requireAtLeast("sendBufferLength", sendBufferLength, 1024);
        requireAtLeast("maxMessageLength", maxMessageLength, 0);
        requireAtLeast("maxFrameLength", maxFrameLength, 0);
        requireAtLeast("maxFragments", maxFragments, 1);
        requireAtLeast("maxOutboundBytes", maxOutboundBytes, 256);
        requireAtLeast("maxHandshakeHeaderBytes", maxHandshakeHeaderBytes, 256);
        requireAtLeast("maxHandshakeHeaderCount", maxHandshakeHeaderCount, 4);
        if (Integer.bitCount(sendQueueCapacity) != 1 || sendQueueCapacity < 4096)
        {
            throw new IllegalArgumentException("sendQueueCapacity must be a power of two >= 4096: " +
                sendQueueCapacity);
        }
        if (connectTimeoutNs <= 0 || closeTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("timeouts must be positive: connect=" + connectTimeoutNs +
                "ns close=" + closeTimeoutNs + "ns");
        }
        if (null == counters)
        {
            counters = null == countersDirectory ? EngineCounters.inMemory() :
                EngineCounters.mapFile(CountersFile.fileFor(countersDirectory, roleName), roleName);
        }
        errorHandler = new CountingErrorHandler(
            null == errorHandler ? new LoggingErrorHandler(roleName) : errorHandler, counters);
        return this;
    }

    /**
     * Has {@link #conclude()} run?
     *
     * @return true once concluded.
     */
    public boolean isConcluded()
    {
        return concluded.get();
    }

    /**
     * The idle strategy named by {@link #IDLE_STRATEGY_PROP_NAME}, or the default back-off (spin, yield, then park
     * from 1 µs up to 100 µs).
     *
     * @return a new idle strategy.
     * @throws IllegalArgumentException when the property names no idle strategy.
     */
    static IdleStrategy idleStrategyFromProperty()
    {
        final String name = SystemUtil.getProperty(IDLE_STRATEGY_PROP_NAME, BackoffIdleStrategy.ALIAS);
        switch (name)
        {
            case BackoffIdleStrategy.ALIAS:
                return new BackoffIdleStrategy(
                    100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
            case BusySpinIdleStrategy.ALIAS:
                return new BusySpinIdleStrategy();
            case YieldingIdleStrategy.ALIAS:
                return new YieldingIdleStrategy();
            case SleepingMillisIdleStrategy.ALIAS:
                return new SleepingMillisIdleStrategy();
            case SleepingIdleStrategy.ALIAS:
                return new SleepingIdleStrategy();
            case NoOpIdleStrategy.ALIAS:
                return NoOpIdleStrategy.INSTANCE;
            case SelectingIdleStrategy.ALIAS:
                return new SelectingIdleStrategy();
            default:
                try
                {
                    return (IdleStrategy)Class.forName(name).getConstructor().newInstance();
                }
                catch (final ReflectiveOperationException | ClassCastException ex)
                {
                    throw new IllegalArgumentException(IDLE_STRATEGY_PROP_NAME + "=" + name + " is neither an " +
                        "idle strategy alias (backoff, spin, yield, sleep-ms, sleep-ns, noop, selecting) nor the " +
                        "class name of an IdleStrategy with a public no-argument constructor", ex);
                }
        }
    }

    private static File countersDirectoryFromProperty()
    {
        final String dir = SystemUtil.getProperty(COUNTERS_DIR_PROP_NAME);
        return null == dir ? null : new File(dir);
    }

    private static void requireAtLeast(final String name, final long value, final long min)
    {
        if (value < min)
        {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
    }

    /**
     * Create a context with every setting at its default.
     */
    public EngineContext()
    {
    }

    /**
     * The idle strategy of the engine's own thread (ignored when embedded). Busy-spin for the lowest
     * latency, back-off (the default) or sleeping to save CPU.
     *
     * @param idleStrategy to idle with when a duty cycle does no work.
     * @return this.
     */
    public EngineContext idleStrategy(final IdleStrategy idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    /**
     * The idle strategy.
     *
     * @return the idle strategy.
     */
    public IdleStrategy idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * The name of the engine's thread.
     *
     * @param roleName thread and agent name.
     * @return this.
     */
    public EngineContext roleName(final String roleName)
    {
        this.roleName = roleName;
        return this;
    }

    /**
     * The name of the engine's thread.
     *
     * @return the role name.
     */
    public String roleName()
    {
        return roleName;
    }

    /**
     * The clock for timeouts (tests may step it by hand).
     *
     * @param nanoClock to read time from.
     * @return this.
     */
    public EngineContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    /**
     * The clock for timeouts.
     *
     * @return the clock.
     */
    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    /**
     * The wall clock of receive timestamps ({@link WebSocketEngine#receiveEpochNanos()}), read once per socket read
     * beside {@link #nanoClock()}. By default (null until {@link #conclude()}) Agrona's {@link OffsetEpochNanoClock}:
     * {@code System.nanoTime()} plus an offset to the epoch sampled now and then, as cheap as the nano clock and
     * allocation-free; tests step their own.
     *
     * @param epochNanoClock nanoseconds since the epoch.
     * @return this.
     */
    public EngineContext epochNanoClock(final EpochNanoClock epochNanoClock)
    {
        this.epochNanoClock = epochNanoClock;
        return this;
    }

    /**
     * The wall clock of receive timestamps.
     *
     * @return the clock; null before {@link #conclude()} unless set.
     */
    public EpochNanoClock epochNanoClock()
    {
        return epochNanoClock;
    }

    /**
     * Where errors that belong to no connection go (connection errors go to that connection's listener). By
     * default they are logged through {@link System.Logger} ({@code io.jetsocket.engine}, level ERROR). After
     * {@link #conclude()} the handler is wrapped to count each error in the engine's counters.
     *
     * @param errorHandler to report to.
     * @return this.
     */
    public EngineContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /**
     * Where errors that belong to no connection go.
     *
     * @return the error handler.
     */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * Where host names are resolved: DNS lookups block, so they never run on the engine thread. By
     * default a daemon thread is started on the first lookup of a name that is not an IP literal.
     *
     * @param resolverExecutor to run lookups on.
     * @return this.
     */
    public EngineContext resolverExecutor(final Executor resolverExecutor)
    {
        this.resolverExecutor = resolverExecutor;
        return this;
    }

    /**
     * Where host names are resolved.
     *
     * @return the executor, or null for the default.
     */
    public Executor resolverExecutor()
    {
        return resolverExecutor;
    }

    /**
     * Where the delegated tasks of TLS handshakes run (certificate path validation, key agreement: a few
     * milliseconds each), as Netty's {@code delegatedTaskExecutor}. By default (null) they run inline on the engine
     * thread, which is fastest for a handful of connections but stalls every other connection of the engine while a
     * storm of handshakes runs; with an executor the engine thread goes on serving the others and resumes each
     * handshake when its tasks are done. Tasks after the handshake (rare, tiny) always run inline.
     *
     * @param executor to run delegated tasks on, or null to run them inline.
     * @return this.
     */
    public EngineContext tlsDelegatedTaskExecutor(final Executor executor)
    {
        this.tlsDelegatedTaskExecutor = executor;
        return this;
    }

    /**
     * Where the delegated tasks of TLS handshakes run.
     *
     * @return the executor, or null when they run inline on the engine thread.
     */
    public Executor tlsDelegatedTaskExecutor()
    {
        return tlsDelegatedTaskExecutor;
    }

    /**
     * Directory where the engine writes its counters to a memory-mapped file, {@code <roleName>.counters}, for
     * {@link EngineStat} or another process to read; any old file of that name is replaced. Null (the default
     * unless {@link #COUNTERS_DIR_PROP_NAME} is set) keeps the counters in memory, readable in this process only.
     * Give each engine that shares a directory its own role name.
     *
     * @param directory for the counters file, or null for counters in memory.
     * @return this.
     */
    public EngineContext countersDirectory(final File directory)
    {
        this.countersDirectory = directory;
        return this;
    }

    /**
     * Directory of the counters file.
     *
     * @return the directory, or null for counters in memory.
     */
    public File countersDirectory()
    {
        return countersDirectory;
    }

    /**
     * Counters to use instead of creating them in {@link #conclude()} (e.g. a test that reads them).
     *
     * @param counters to count in.
     * @return this.
     */
    public EngineContext counters(final EngineCounters counters)
    {
        this.counters = counters;
        return this;
    }

    /**
     * The engine's counters (connections, bytes, messages, errors), created by {@link #conclude()}.
     *
     * @return the counters, or null before conclude unless set.
     */
    public EngineCounters counters()
    {
        return counters;
    }

    /**
     * Size of the engine's read buffers. Connections read into one buffer shared by the engine thread; a
     * connection whose read ends inside a frame borrows a private buffer of this size until the frame is
     * complete (a few are pooled), so idle connections hold none. Single-frame messages that fit are delivered
     * in place with no copy; larger ones are copied once into a reassembly buffer.
     *
     * @param length in bytes.
     * @return this.
     */
    public EngineContext receiveBufferLength(final int length)
    {
        this.receiveBufferLength = length;
        return this;
    }

    /**
     * Size of the engine's read buffers (the shared one and those lent to connections).
     *
     * @return length in bytes.
     */
    public int receiveBufferLength()
    {
        return receiveBufferLength;
    }

    /**
     * Size of the engine's scratch buffer used to encode frames; larger frames are encoded straight
     * into the connection's outbound buffer.
     *
     * @param length in bytes.
     * @return this.
     */
    public EngineContext sendBufferLength(final int length)
    {
        this.sendBufferLength = length;
        return this;
    }

    /**
     * Size of the engine's scratch send buffer.
     *
     * @return length in bytes.
     */
    public int sendBufferLength()
    {
        return sendBufferLength;
    }

    /**
     * Largest message accepted after reassembly; a larger one fails the connection with 1009.
     *
     * @param length in bytes.
     * @return this.
     */
    public EngineContext maxMessageLength(final int length)
    {
        this.maxMessageLength = length;
        return this;
    }

    /**
     * Largest message accepted.
     *
     * @return length in bytes.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * Largest single frame accepted; a larger one fails the connection with 1009.
     *
     * @param length in bytes.
     * @return this.
     */
    public EngineContext maxFrameLength(final int length)
    {
        this.maxFrameLength = length;
        return this;
    }

    /**
     * Largest single frame accepted.
     *
     * @return length in bytes.
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * Largest number of frames in one message; more fail the connection with 1009. Default
     * {@value #MAX_FRAGMENTS_DEFAULT}; a client that expects finely fragmented large messages (e.g. the Autobahn
     * suite's 4 MiB in 64-byte frames) raises it.
     *
     * @param count of frames.
     * @return this.
     */
    public EngineContext maxFragments(final int count)
    {
        this.maxFragments = count;
        return this;
    }

    /**
     * Largest number of frames in one message.
     *
     * @return count of frames.
     */
    public int maxFragments()
    {
        return maxFragments;
    }

    /**
     * Cap on the bytes accepted for sending but not yet written to the socket, per connection. A send
     * over the cap returns {@link SendResult#BACK_PRESSURED}.
     *
     * @param bytes the cap.
     * @return this.
     */
    public EngineContext maxOutboundBytes(final int bytes)
    {
        this.maxOutboundBytes = bytes;
        return this;
    }

    /**
     * Cap on outbound bytes per connection.
     *
     * @return the cap in bytes.
     */
    public int maxOutboundBytes()
    {
        return maxOutboundBytes;
    }

    /**
     * Capacity of the engine's one command channel: the lock-free ring buffer that carries everything other threads
     * ask of the engine thread, in order (sends, closes, connects, tasks, agent changes, DNS answers), shared by every
     * connection of the engine. A power of two; payloads up to an eighth of it travel inside the ring.
     *
     * @param capacity in bytes.
     * @return this.
     */
    public EngineContext sendQueueCapacity(final int capacity)
    {
        this.sendQueueCapacity = capacity;
        return this;
    }

    /**
     * Capacity of the cross-thread send queue.
     *
     * @return capacity in bytes.
     */
    public int sendQueueCapacity()
    {
        return sendQueueCapacity;
    }

    /**
     * Default time limit for TCP connect plus the opening handshake.
     *
     * @param timeoutNs in nanoseconds.
     * @return this.
     */
    public EngineContext connectTimeoutNs(final long timeoutNs)
    {
        this.connectTimeoutNs = timeoutNs;
        return this;
    }

    /**
     * Default connect timeout.
     *
     * @return nanoseconds.
     */
    public long connectTimeoutNs()
    {
        return connectTimeoutNs;
    }

    /**
     * Default time limit for the closing handshake; after it the TCP connection is closed by force.
     *
     * @param timeoutNs in nanoseconds.
     * @return this.
     */
    public EngineContext closeTimeoutNs(final long timeoutNs)
    {
        this.closeTimeoutNs = timeoutNs;
        return this;
    }

    /**
     * Default close timeout.
     *
     * @return nanoseconds.
     */
    public long closeTimeoutNs()
    {
        return closeTimeoutNs;
    }

    /**
     * Limit on the bytes of the handshake response head.
     *
     * @param bytes the limit.
     * @return this.
     */
    public EngineContext maxHandshakeHeaderBytes(final int bytes)
    {
        this.maxHandshakeHeaderBytes = bytes;
        return this;
    }

    /**
     * Limit on the bytes of the handshake response head.
     *
     * @return bytes.
     */
    public int maxHandshakeHeaderBytes()
    {
        return maxHandshakeHeaderBytes;
    }

    /**
     * Limit on the number of handshake response headers.
     *
     * @param count the limit.
     * @return this.
     */
    public EngineContext maxHandshakeHeaderCount(final int count)
    {
        this.maxHandshakeHeaderCount = count;
        return this;
    }

    /**
     * Limit on the number of handshake response headers.
     *
     * @return count.
     */
    public int maxHandshakeHeaderCount()
    {
        return maxHandshakeHeaderCount;
    }

    /**
     * Disable Nagle's algorithm (on by default: small messages go out at once).
     *
     * @param tcpNoDelay true to set TCP_NODELAY.
     * @return this.
     */
    public EngineContext tcpNoDelay(final boolean tcpNoDelay)
    {
        this.tcpNoDelay = tcpNoDelay;
        return this;
    }

    /**
     * Is TCP_NODELAY set on new sockets?
     *
     * @return true if set.
     */
    public boolean tcpNoDelay()
    {
        return tcpNoDelay;
    }

    /**
     * SO_RCVBUF for new sockets, or 0 for the OS default.
     *
     * @param size in bytes.
     * @return this.
     */
    public EngineContext socketReceiveBufferSize(final int size)
    {
        this.socketReceiveBufferSize = size;
        return this;
    }

    /**
     * SO_RCVBUF for new sockets.
     *
     * @return size in bytes, 0 for the OS default.
     */
    public int socketReceiveBufferSize()
    {
        return socketReceiveBufferSize;
    }

    /**
     * SO_SNDBUF for new sockets, or 0 for the OS default.
     *
     * @param size in bytes.
     * @return this.
     */
    public EngineContext socketSendBufferSize(final int size)
    {
        this.socketSendBufferSize = size;
        return this;
    }

    /**
     * SO_SNDBUF for new sockets.
     *
     * @return size in bytes, 0 for the OS default.
     */
    public int socketSendBufferSize()
    {
        return socketSendBufferSize;
    }

    /**
     * Where sockets come from (default: {@link java.nio.channels.SocketChannel#open()}): a seam for tests that inject
     * faults, or for sockets made elsewhere.
     *
     * @param supplier of unconnected socket channels.
     * @return this.
     */
    public EngineContext tcpChannelSupplier(final TcpChannelSupplier supplier)
    {
        this.tcpChannelSupplier = java.util.Objects.requireNonNull(supplier, "tcpChannelSupplier");
        return this;
    }

    /**
     * Where sockets come from.
     *
     * @return the supplier.
     */
    public TcpChannelSupplier tcpChannelSupplier()
    {
        return tcpChannelSupplier;
    }
}
