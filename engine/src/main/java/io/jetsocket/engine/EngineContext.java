/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Configuration of a {@link WebSocketEngine}: limits, buffer sizes, timeouts and collaborators. Every
 * limit is a number here with its own failure path. Setters are fluent; {@link #conclude()} validates
 * and is called by the engine.
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

    private IdleStrategy idleStrategy;
    private String roleName = "jetsocket-engine";
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private ErrorHandler errorHandler;
    private Executor resolverExecutor;
    private int receiveBufferLength = RECEIVE_BUFFER_LENGTH_DEFAULT;
    private int sendBufferLength = SEND_BUFFER_LENGTH_DEFAULT;
    private int maxMessageLength = MAX_MESSAGE_LENGTH_DEFAULT;
    private int maxFrameLength = MAX_MESSAGE_LENGTH_DEFAULT;
    private int maxFragments = Integer.MAX_VALUE;
    private int maxOutboundBytes = MAX_OUTBOUND_BYTES_DEFAULT;
    private int sendQueueCapacity = SEND_QUEUE_CAPACITY_DEFAULT;
    private long connectTimeoutNs = CONNECT_TIMEOUT_NS_DEFAULT;
    private long closeTimeoutNs = CLOSE_TIMEOUT_NS_DEFAULT;
    private int maxHandshakeHeaderBytes = MAX_HANDSHAKE_HEADER_BYTES_DEFAULT;
    private int maxHandshakeHeaderCount = MAX_HANDSHAKE_HEADER_COUNT_DEFAULT;
    private boolean tcpNoDelay = true;
    private int socketReceiveBufferSize;
    private int socketSendBufferSize;

    /**
     * Validate the settings and fill in defaults.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad setting.
     */
    public EngineContext conclude()
    {
        if (null == idleStrategy)
        {
            idleStrategy = new BackoffIdleStrategy(
                100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
        }
        if (null == errorHandler)
        {
            errorHandler = Throwable::printStackTrace;
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
        return this;
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
     * Where errors that belong to no connection go (connection errors go to that connection's listener).
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
     * Largest number of frames in one message; more fail the connection with 1009.
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
     * Capacity of the lock-free ring buffer carrying sends from other threads to the engine thread
     * (a power of two).
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
}
