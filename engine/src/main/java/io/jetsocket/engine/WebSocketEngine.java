/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.frame.FrameEncoder;
import io.jetsocket.engine.frame.MaskKeySource;
import io.jetsocket.engine.frame.Opcode;
import org.agrona.CloseHelper;
import org.agrona.DeadlineTimerWheel;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.ArrayUtil;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The protocol engine: one Agrona {@link Agent} that drives many WebSocket connections from one thread.
 * Each duty cycle reads the clock once, drains commands and cross-thread sends, polls the selector
 * (reading, decoding and firing callbacks for every ready connection, flushing pending writes), then
 * fires due timers.
 * <p>
 * Run it on its own thread with {@link #launch(EngineContext)}, or embed it in your own duty cycle with
 * {@link #embedded(EngineContext)} and call {@link #doWork()} (or {@link #invoker()}) yourself: then the
 * engine has no thread at all (host names that are not IP literals are still resolved on a resolver
 * thread, since DNS blocks).
 */
public final class WebSocketEngine implements Agent, AutoCloseable
{
    static final long NO_TIMER = DeadlineTimerWheel.NULL_DEADLINE;

    private static final int COMMAND_LIMIT = 64;
    private static final int SEND_LIMIT = 1024;
    private static final int TIMER_LIMIT = 256;
    private static final long TIMER_TICK_NS = 1L << 20; // about 1 ms
    private static final int DEFLATE_SCRATCH_INITIAL = 64 * 1024;
    private static final int DEFLATE_SCRATCH_RETAINED = 1024 * 1024;
    private static final int READ_BUFFERS_POOLED = 16;

    private final EngineContext context;
    private final Selector selector;
    private final SendQueue sendQueue;
    private final ManyToOneConcurrentLinkedQueue<Runnable> commands = new ManyToOneConcurrentLinkedQueue<>();
    private final Long2ObjectHashMap<Connection> connectionsById = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Connection> connectionsByTimer = new Long2ObjectHashMap<>();
    private final ArrayList<Connection> terminated = new ArrayList<>();
    private final ArrayList<Connection> draining = new ArrayList<>();
    private Agent[] agents = new Agent[0];
    private final DeadlineTimerWheel timerWheel;
    private final MaskKeySource maskKeys = new MaskKeySource();
    private final FrameEncoder encoder = new FrameEncoder(maskKeys);
    private final ByteBuffer sendScratchBytes;
    private final UnsafeBuffer sendScratch;
    private final UnsafeBuffer parkedView = new UnsafeBuffer(0, 0);
    private final ReadBuffers readBuffers;
    private ExpandableArrayBuffer deflateScratch;
    private final AtomicLong nextConnectionId = new AtomicLong();
    private final Consumer<SelectionKey> onSelectedKey = this::onSelectedKey;
    private final MessageHandler onQueuedSend = this::onQueuedSend;
    private final DeadlineTimerWheel.TimerHandler onTimerExpiry = this::onTimerExpiry;
    private final AgentRunner runner;
    private final AgentInvoker invoker;
    private volatile Thread engineThread;
    private volatile boolean closed;
    private Executor resolver;
    private long nowNs;
    private int selectedWork;

    private WebSocketEngine(final EngineContext context, final boolean ownThread)
    {
        requireUnsafeAccess();
        this.context = context.conclude();
        try
        {
            this.selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new WebSocketException("cannot open a selector", ex);
        }
        this.sendQueue = new SendQueue(context.sendQueueCapacity());
        this.sendScratchBytes = ByteBuffer.allocateDirect(context.sendBufferLength() + FrameEncoder.MAX_HEADER_LENGTH);
        this.sendScratch = new UnsafeBuffer(sendScratchBytes);
        this.readBuffers = new ReadBuffers(context.receiveBufferLength(), READ_BUFFERS_POOLED);
        this.nowNs = context.nanoClock().nanoTime();
        this.timerWheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, nowNs, TIMER_TICK_NS, 512);
        this.resolver = context.resolverExecutor();
        if (ownThread)
        {
            this.runner = new AgentRunner(context.idleStrategy(), context.errorHandler(), null, this);
            this.invoker = null;
        }
        else
        {
            this.runner = null;
            this.invoker = new AgentInvoker(context.errorHandler(), null, this);
        }
    }

    /**
     * Start an engine on a (daemon) thread of its own, named after {@link EngineContext#roleName()}.
     *
     * @param context configuration.
     * @return the running engine.
     */
    public static WebSocketEngine launch(final EngineContext context)
    {
        UnsafeAccessCheck.require(); // before the constructor initialises any Agrona class
        final WebSocketEngine engine = new WebSocketEngine(context, true);
        // A daemon thread: an engine the application forgot to close must not keep the JVM alive.
        AgentRunner.startOnThread(engine.runner, (runnable) ->
        {
            final Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        });
        return engine;
    }

    /**
     * Create an engine with no thread: the caller drives it by calling {@link #doWork()} (or
     * {@link #invoker()}{@code .invoke()}) from its own duty cycle.
     *
     * @param context configuration.
     * @return the engine, ready to be driven.
     */
    public static WebSocketEngine embedded(final EngineContext context)
    {
        UnsafeAccessCheck.require(); // before the constructor initialises any Agrona class
        final WebSocketEngine engine = new WebSocketEngine(context, false);
        engine.invoker.start();
        return engine;
    }

    /**
     * The invoker that drives an embedded engine (null when the engine has its own thread).
     *
     * @return the invoker.
     */
    public AgentInvoker invoker()
    {
        return invoker;
    }

    /**
     * The engine's configuration.
     *
     * @return the concluded context.
     */
    public EngineContext context()
    {
        return context;
    }

    /**
     * Open a connection. Thread safe; returns at once with a handle in state
     * {@link ConnectionState#RESOLVING}. The outcome arrives at the listener on the engine thread:
     * {@code onOpen}, or {@code onError} then {@code onClose} (code 1006).
     *
     * @param request  where to connect and what to offer.
     * @param listener to receive the connection's events.
     * @return the connection handle.
     * @throws WebSocketException if the engine is closed.
     */
    public WebSocketConnection connect(final ConnectRequest request, final WebSocketListener listener)
    {
        if (closed)
        {
            throw new WebSocketException("engine is closed; cannot connect to " + request.uri());
        }
        final WebSocketConnection handle = new WebSocketConnection(
            nextConnectionId.incrementAndGet(), request, this, listener, context);
        commands.offer(() -> start(handle.connection()));
        return handle;
    }

    @Override
    public String roleName()
    {
        return context.roleName();
    }

    @Override
    public int doWork()
    {
        final Thread current = Thread.currentThread();
        if (engineThread != current)
        {
            engineThread = current;
        }
        nowNs = context.nanoClock().nanoTime();
        int work = drainCommands();
        work += sendQueue.drain(onQueuedSend, SEND_LIMIT);
        if (!draining.isEmpty())
        {
            forgetDrained();
        }
        work += pollSelector();
        work += timerWheel.poll(nowNs, onTimerExpiry, TIMER_LIMIT);
        work += runAgents();
        releaseTerminated();
        return work;
    }

    /**
     * Run a task on the engine thread, after the commands already queued. Thread safe.
     *
     * @param task to run; it must not block.
     */
    public void execute(final Runnable task)
    {
        commands.offer(task);
    }

    /**
     * Add an agent to the engine's duty cycle: it runs on the engine thread after the connections' I/O in
     * every cycle (e.g. the client's reconnect, heartbeat and replay agents). Thread safe; its
     * {@code onStart} runs on the engine thread before its first {@code doWork}.
     *
     * @param agent to add.
     */
    public void addAgent(final Agent agent)
    {
        execute(() ->
        {
            agent.onStart();
            agents = ArrayUtil.add(agents, agent);
        });
    }

    /**
     * Remove an agent added with {@link #addAgent(Agent)}; its {@code onClose} runs on the engine thread.
     * Thread safe.
     *
     * @param agent to remove.
     */
    public void removeAgent(final Agent agent)
    {
        execute(() ->
        {
            final Agent[] before = agents;
            agents = ArrayUtil.remove(agents, agent);
            if (before != agents)
            {
                agent.onClose();
            }
        });
    }

    @Override
    public void onClose()
    {
        closed = true;
        for (final Connection connection : new ArrayList<>(connectionsById.values()))
        {
            connection.abort("engine closed");
        }
        Runnable command;
        while (null != (command = commands.poll()))
        {
            CloseHelper.quietClose(command::run);
        }
        // Agents last: they see their connections already ended, and learn from onClose that no duty
        // cycle will follow (a client then fails instead of waiting to reconnect).
        for (final Agent agent : agents)
        {
            CloseHelper.quietClose(agent::onClose);
        }
        agents = new Agent[0];
        releaseTerminated();
        readBuffers.free();
        CloseHelper.quietClose(selector);
        maskKeys.close();
    }

    /**
     * Stop the engine: every open connection is aborted (its listener gets onClose with 1006) and the
     * engine's thread, if it has one, is stopped.
     */
    @Override
    public void close()
    {
        if (null != runner)
        {
            runner.close();
        }
        else
        {
            invoker.close();
        }
    }

    /**
     * How many connections the engine drives now.
     *
     * @return the number of connections not yet closed (approximate off the engine thread).
     */
    public int connectionCount()
    {
        return connectionsById.size();
    }

    // ---------------------------------------------------------------- package-private services

    boolean isEngineThread()
    {
        return Thread.currentThread() == engineThread;
    }

    SendQueue sendQueue()
    {
        return sendQueue;
    }

    ReadBuffers readBuffers()
    {
        return readBuffers;
    }

    FrameEncoder encoder()
    {
        return encoder;
    }

    UnsafeBuffer sendScratch()
    {
        return sendScratch;
    }

    ByteBuffer sendScratchBytes()
    {
        return sendScratchBytes;
    }

    /**
     * Where messages are compressed before being framed: one buffer for all connections, since compression is
     * synchronous on the engine thread. Created on the first compressed message.
     */
    ExpandableArrayBuffer deflateScratch()
    {
        if (null == deflateScratch)
        {
            deflateScratch = new ExpandableArrayBuffer(DEFLATE_SCRATCH_INITIAL);
        }
        return deflateScratch;
    }

    /**
     * Drop the compression buffer if one huge message made it grow past what is worth keeping.
     */
    void trimDeflateScratch()
    {
        if (null != deflateScratch && deflateScratch.capacity() > DEFLATE_SCRATCH_RETAINED)
        {
            deflateScratch = null;
        }
    }

    long nowNs()
    {
        return nowNs;
    }

    SelectionKey register(final SelectableChannel channel, final int ops, final Connection connection)
        throws IOException
    {
        return channel.register(selector, ops, connection);
    }

    long scheduleTimer(final long deadlineNs, final Connection connection)
    {
        final long timerId = timerWheel.scheduleTimer(deadlineNs);
        connectionsByTimer.put(timerId, connection);
        return timerId;
    }

    void cancelTimer(final long timerId)
    {
        if (NO_TIMER != timerId)
        {
            timerWheel.cancelTimer(timerId);
            connectionsByTimer.remove(timerId);
        }
    }

    void onTerminated(final Connection connection)
    {
        terminated.add(connection);
        // Sends from other threads may still be in the queue for it (their room is still reserved): keep it
        // findable until they are drained and reported through onSendDropped.
        if (0 == connection.handle().queuedBytes())
        {
            connectionsById.remove(connection.handle().id());
        }
        else
        {
            draining.add(connection);
        }
    }

    // ---------------------------------------------------------------- duty cycle steps

    private int drainCommands()
    {
        int count = 0;
        Runnable command;
        while (count < COMMAND_LIMIT && null != (command = commands.poll()))
        {
            command.run();
            count++;
        }
        return count;
    }

    private int pollSelector()
    {
        if (connectionsById.isEmpty())
        {
            return 0;
        }
        selectedWork = 0;
        try
        {
            selector.selectNow(onSelectedKey);
        }
        catch (final IOException ex)
        {
            context.errorHandler().onError(ex);
        }
        return selectedWork;
    }

    private void onSelectedKey(final SelectionKey key)
    {
        final Connection connection = (Connection)key.attachment();
        try
        {
            selectedWork += connection.onSelected(key.readyOps());
        }
        catch (final java.nio.channels.CancelledKeyException ignore)
        {
            // closed earlier in this cycle
        }
        catch (final RuntimeException ex)
        {
            context.errorHandler().onError(ex);
            connection.abort("internal error: " + ex);
        }
    }

    private boolean onTimerExpiry(final TimeUnit timeUnit, final long now, final long timerId)
    {
        final Connection connection = connectionsByTimer.remove(timerId);
        if (null != connection)
        {
            connection.onTimer(timerId);
        }
        return true;
    }

    private void onQueuedSend(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final Connection connection = connectionsById.get(buffer.getLong(index + SendQueue.ID_OFFSET));
        final int opcode = msgTypeId & Opcode.OPCODE_MASK;
        final MutableDirectBuffer payload;
        final int payloadOffset;
        final int payloadLength;
        if ((msgTypeId & SendQueue.PARKED_FLAG) != 0)
        {
            final byte[] parked = sendQueue.unpark(buffer.getLong(index + SendQueue.PAYLOAD_OFFSET));
            parkedView.wrap(parked);
            payload = parkedView;
            payloadOffset = 0;
            payloadLength = parked.length;
        }
        else
        {
            payload = buffer;
            payloadOffset = index + SendQueue.PAYLOAD_OFFSET;
            payloadLength = length - SendQueue.PAYLOAD_OFFSET;
        }
        if (null == connection)
        {
            return; // closed since the send was offered
        }
        if (Opcode.CLOSE == opcode)
        {
            connection.closeQueued(payload, payloadOffset, payloadLength);
        }
        else
        {
            connection.sendQueued(opcode, payload, payloadOffset, payloadLength);
        }
    }

    private void start(final Connection connection)
    {
        if (closed)
        {
            connection.abort("engine closed");
            return;
        }
        connectionsById.put(connection.handle().id(), connection);
        connection.start(nowNs);
        // With a proxy, resolve the proxy: the proxy resolves the target.
        final String host = connection.handle().request().connectHost();
        final int port = connection.handle().request().connectPort();
        if (isIpLiteral(host))
        {
            try
            {
                connection.onResolved(new InetSocketAddress(InetAddress.getByName(host), port));
            }
            catch (final UnknownHostException ex)
            {
                connection.onResolveFailed(ex);
            }
            return;
        }
        resolver().execute(() ->
        {
            try
            {
                final InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
                commands.offer(() -> connection.onResolved(address));
            }
            catch (final UnknownHostException | RuntimeException ex)
            {
                commands.offer(() -> connection.onResolveFailed(ex));
            }
        });
    }

    private Executor resolver()
    {
        if (null == resolver)
        {
            resolver = Executors.newSingleThreadExecutor((runnable) ->
            {
                final Thread thread = new Thread(runnable, context.roleName() + "-resolver");
                thread.setDaemon(true);
                return thread;
            });
        }
        return resolver;
    }

    private void forgetDrained()
    {
        for (int i = draining.size() - 1; i >= 0; i--)
        {
            final Connection connection = draining.get(i);
            if (0 == connection.handle().queuedBytes())
            {
                connectionsById.remove(connection.handle().id());
                draining.remove(i);
            }
        }
    }

    private int runAgents()
    {
        int work = 0;
        final Agent[] current = agents;
        for (final Agent agent : current)
        {
            try
            {
                work += agent.doWork();
            }
            catch (final AgentTerminationException ex)
            {
                removeAgent(agent);
            }
            catch (final Exception ex)
            {
                context.errorHandler().onError(ex);
            }
        }
        return work;
    }

    private void releaseTerminated()
    {
        if (!terminated.isEmpty())
        {
            for (int i = 0, size = terminated.size(); i < size; i++)
            {
                terminated.get(i).releaseResources();
            }
            terminated.clear();
        }
    }

    /**
     * Agrona 2 reaches {@code jdk.internal.misc.Unsafe}; without the export the first buffer access fails
     * deep inside Agrona with an obscure error. Fail here instead, saying what to do.
     */
    private static void requireUnsafeAccess()
    {
        try
        {
            new UnsafeBuffer(new byte[Long.BYTES]).getLong(0);
        }
        catch (final IllegalAccessError | NoClassDefFoundError ex)
        {
            throw new WebSocketException("JetSocket runs on Agrona 2, which needs the JVM flag " +
                "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED", ex);
        }
    }

    /**
     * Literal addresses need no lookup, so they connect straight from the engine thread.
     */
    static boolean isIpLiteral(final String host)
    {
        if (host.indexOf(':') >= 0)
        {
            return true; // IPv6: the URI parser only lets colons through inside brackets
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++)
        {
            final char c = host.charAt(i);
            if ('.' == c)
            {
                dots++;
            }
            else if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return 3 == dots;
    }
}
