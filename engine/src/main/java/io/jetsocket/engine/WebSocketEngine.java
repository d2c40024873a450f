/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.frame.FrameEncoder;
import io.jetsocket.engine.frame.MaskKeySource;
import io.jetsocket.engine.frame.Opcode;
import io.jetsocket.engine.status.EngineCounters;
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
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The protocol engine: one Agrona {@link Agent} that drives many WebSocket connections from one thread.
 * Each duty cycle reads the clock once, drains the one ordered command channel (connects, sends, closes, tasks
 * from other threads, in the order they were offered), polls the selector
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

    private static final int COMMAND_LIMIT = 1024;
    private static final long OFFER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long SHUTDOWN_DRAIN_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int TIMER_LIMIT = 256;
    private static final long TIMER_TICK_NS = 1L << 20; // about 1 ms
    private static final int DEFLATE_SCRATCH_INITIAL = 64 * 1024;
    private static final int DEFLATE_SCRATCH_RETAINED = 1024 * 1024;
    private static final int READ_BUFFERS_POOLED = 16;

    private final EngineContext context;
    private final Selector selector;
    private final CommandQueue commandQueue;
    // Tasks the engine thread gives itself: run before the channel, so whatever it published in a cycle comes
    // before anything another thread could send in answer to it.
    private final ArrayDeque<Runnable> engineThreadTasks = new ArrayDeque<>();
    private final AtomicReference<EngineState> lifecycle = new AtomicReference<>(EngineState.ACTIVE);
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
    private ExpandableArrayBuffer textScratch;
    private final AtomicLong nextConnectionId = new AtomicLong();
    private final Consumer<SelectionKey> onSelectedKey = this::onSelectedKey;
    private final MessageHandler onCommand = this::onCommand;
    private final DeadlineTimerWheel.TimerHandler onTimerExpiry = this::onTimerExpiry;
    private final AgentRunner runner;
    private final AgentInvoker invoker;
    private volatile Thread engineThread;
    // Set while the engine thread blocks in the selector (SelectingIdleStrategy): producers then wake it.
    private volatile boolean parked;
    private final boolean wakeable;
    private final Executor userResolver;
    private volatile ExecutorService ownResolver;
    private long nowNs;
    private int selectedWork;

    private WebSocketEngine(final EngineContext context, final boolean ownThread)
    {
        requireUnsafeAccess();
        this.context = context.conclude();
        this.wakeable = this.context.idleStrategy() instanceof SelectingIdleStrategy;
        if (wakeable)
        {
            ((SelectingIdleStrategy)this.context.idleStrategy()).bind(this);
        }
        try
        {
            this.selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new WebSocketException("cannot open a selector", ex);
        }
        this.commandQueue = new CommandQueue(context.sendQueueCapacity());
        this.sendScratchBytes = ByteBuffer.allocateDirect(context.sendBufferLength() + FrameEncoder.MAX_HEADER_LENGTH);
        this.sendScratch = new UnsafeBuffer(sendScratchBytes);
        this.readBuffers = new ReadBuffers(context.receiveBufferLength(), READ_BUFFERS_POOLED);
        this.nowNs = context.nanoClock().nanoTime();
        this.timerWheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, nowNs, TIMER_TICK_NS, 512);
        this.userResolver = context.resolverExecutor();
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
     * @throws EngineClosedException if the engine is closed or closes before the connect could be queued.
     */
    public WebSocketConnection connect(final ConnectRequest request, final WebSocketListener listener)
    {
        final String what = "connect to " + request.uri();
        requireActive(what);
        final WebSocketConnection handle = new WebSocketConnection(
            nextConnectionId.incrementAndGet(), request, this, listener, context);
        submit(() -> start(handle.connection()), what);
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
        int work = runEngineThreadTasks();
        work += commandQueue.drain(onCommand, COMMAND_LIMIT);
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
     * Run a task on the engine thread, after everything this thread queued before. Thread safe. A task that
     * throws is reported to the error handler.
     *
     * @param task to run; it must not block.
     * @throws EngineClosedException if the engine is closed.
     */
    public void execute(final Runnable task)
    {
        submit(task, "execute a task");
    }

    /**
     * Add an agent to the engine's duty cycle: it runs on the engine thread after the connections' I/O in
     * every cycle (e.g. the client's reconnect, heartbeat and replay agents). Thread safe; its
     * {@code onStart} runs on the engine thread before its first {@code doWork}.
     *
     * @param agent to add.
     * @throws EngineClosedException if the engine is closed.
     */
    public void addAgent(final Agent agent)
    {
        submit(() ->
        {
            agent.onStart();
            agents = ArrayUtil.add(agents, agent);
        }, "add agent " + agent.roleName());
    }

    /**
     * Remove an agent added with {@link #addAgent(Agent)}; its {@code onClose} runs on the engine thread.
     * Thread safe. Does nothing once the engine is closing: closing the engine closes its agents.
     *
     * @param agent to remove.
     */
    public void removeAgent(final Agent agent)
    {
        if (EngineState.ACTIVE != lifecycle.get())
        {
            return;
        }
        submit(() ->
        {
            final Agent[] before = agents;
            agents = ArrayUtil.remove(agents, agent);
            if (before != agents)
            {
                agent.onClose();
            }
        }, "remove agent " + agent.roleName());
    }

    /**
     * The last duty cycle (engine thread): abort every connection, run or fail everything still queued, close the
     * agents, release memory.
     */
    @Override
    public void onClose()
    {
        lifecycle.compareAndSet(EngineState.ACTIVE, EngineState.CLOSING);
        for (final Connection connection : new ArrayList<>(connectionsById.values()))
        {
            connection.abort("engine closed");
        }
        drainForShutdown();
        // Agents last: they see their connections already ended, and learn from onClose that no duty
        // cycle will follow (a client then fails instead of waiting to reconnect).
        for (final Agent agent : agents)
        {
            CloseHelper.quietClose(agent::onClose);
        }
        agents = new Agent[0];
        lifecycle.set(EngineState.CLOSED);
        releaseTerminated();
        readBuffers.free();
        CloseHelper.quietClose(selector);
        maskKeys.close();
    }

    /**
     * Stop the engine: every open connection is aborted (its listener gets onClose with 1006), queued work is run
     * or failed, the engine's thread (if it has one) and the DNS resolver it created are stopped. Idempotent. Every
     * later call that needs a running engine throws {@link EngineClosedException}.
     *
     * @throws IllegalStateException if called on the thread of an engine that has its own thread (from a
     *                               callback): it would wait for itself; call it from another thread.
     */
    @Override
    public void close()
    {
        if (null != runner)
        {
            if (isEngineThread() && !runner.isClosed())
            {
                throw new IllegalStateException("WebSocketEngine.close() called on the engine's own thread '" +
                    context.roleName() + "' (from a callback or agent): it would wait for itself; close the " +
                    "engine from another thread");
            }
            lifecycle.compareAndSet(EngineState.ACTIVE, EngineState.CLOSING);
            if (wakeable)
            {
                selector.wakeup();
            }
            runner.close();
        }
        else
        {
            lifecycle.compareAndSet(EngineState.ACTIVE, EngineState.CLOSING);
            invoker.close();
        }
        final ExecutorService resolver = ownResolver;
        if (null != resolver)
        {
            resolver.shutdownNow();
        }
    }

    /**
     * The engine's counters (connections, bytes, messages, errors by close code...), readable from any thread; when
     * {@link EngineContext#countersDirectory} is set, also from another process ({@code EngineStat}).
     *
     * @return the counters.
     */
    public EngineCounters counters()
    {
        return context.counters();
    }

    /**
     * Where the engine is in its lifecycle.
     *
     * @return the state.
     */
    public EngineState state()
    {
        return lifecycle.get();
    }

    /**
     * Is the calling thread the one driving this engine (its own thread, or the thread calling {@link #doWork()}
     * of an embedded engine)? Callbacks run there; a blocking call made there would stall every connection.
     *
     * @return true on the engine thread.
     */
    public boolean isEngineThread()
    {
        return Thread.currentThread() == engineThread;
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

    CommandQueue commandQueue()
    {
        return commandQueue;
    }

    /**
     * Refuse work at once when the engine is not running.
     */
    void requireActive(final String what)
    {
        if (EngineState.ACTIVE != lifecycle.get())
        {
            throw new EngineClosedException(context.roleName(), what);
        }
    }

    /**
     * Queue a task on the ordered channel (or, on the engine thread, on the engine's own task list). A task the
     * engine will never run because it closed meanwhile is taken back and refused, never left hanging.
     */
    void submit(final Runnable task, final String what)
    {
        if (isEngineThread())
        {
            requireActive(what);
            engineThreadTasks.add(task);
            return;
        }
        requireActive(what);
        final long ticket = offerTask(task, what);
        // The commit is a release store; without a full fence the state could be read before the record is
        // visible, and a close that began in between would drain the channel without it.
        VarHandle.fullFence();
        if (EngineState.ACTIVE != lifecycle.get() && null != commandQueue.take(ticket))
        {
            throw new EngineClosedException(context.roleName(), what);
        }
        wakeUpIfParked();
    }

    /**
     * After queuing a command: wake the engine thread if it blocks in the selector. Costs nothing unless the engine
     * idles with {@link SelectingIdleStrategy}.
     */
    void wakeUpIfParked()
    {
        if (wakeable)
        {
            // The record was committed with a release store: fence so that reading parked cannot move before it
            // (else both sides could miss each other: the engine blocks while a command waits).
            VarHandle.fullFence();
            if (parked)
            {
                selector.wakeup();
            }
        }
    }

    /**
     * Block the engine thread in the selector until a socket is ready, a command arrives or the time is up
     * ({@link SelectingIdleStrategy}). The selected keys are left to the next duty cycle, which reads them again.
     */
    void park(final long maxBlockNs)
    {
        parked = true;
        try
        {
            if (commandQueue.isEmpty() && engineThreadTasks.isEmpty() && EngineState.ACTIVE == lifecycle.get())
            {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(maxBlockNs)));
                // select() without an action fills the selected-key set; keys left there would make the next
                // select return at once. The next duty cycle finds the ready channels again (level-triggered).
                selector.selectedKeys().clear();
            }
        }
        catch (final IOException ex)
        {
            context.errorHandler().onError(ex);
        }
        finally
        {
            parked = false;
        }
    }

    /**
     * Wait for room in the channel, briefly: a command must not be lost to a burst of sends, nor wait forever on
     * an engine that stopped draining.
     */
    boolean offerClose(
        final long connectionId,
        final int code,
        final CharSequence reason,
        final int reasonLength,
        final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + OFFER_TIMEOUT_NS;
        while (!commandQueue.offerClose(connectionId, code, reason, reasonLength, timeoutNs))
        {
            if (EngineState.ACTIVE != lifecycle.get() || System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            Thread.yield();
        }
        wakeUpIfParked();
        return true;
    }

    private long offerTask(final Runnable task, final String what)
    {
        final long deadlineNs = System.nanoTime() + OFFER_TIMEOUT_NS;
        long ticket;
        while (CommandQueue.NO_TICKET == (ticket = commandQueue.offerTask(task)))
        {
            requireActive(what);
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new WebSocketException("command channel of engine '" + context.roleName() + "' full for " +
                    TimeUnit.NANOSECONDS.toMillis(OFFER_TIMEOUT_NS) + " ms: cannot " + what +
                    " (the engine thread is blocked or senders outpace it; see sendQueueCapacity)");
            }
            Thread.yield();
        }
        return ticket;
    }

    /**
     * A task from the resolver thread: dropped quietly when the engine closed (it aborted the connection).
     */
    void submitQuietly(final Runnable task)
    {
        try
        {
            submit(task, "deliver a DNS answer");
        }
        catch (final WebSocketException ignore)
        {
            // the engine is closing: it ended the connection waiting for this answer
        }
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
     * Where text sent from the engine thread as a {@link CharSequence} is encoded to UTF-8 before being framed.
     */
    MutableDirectBuffer textScratch(final int length)
    {
        if (null == textScratch)
        {
            textScratch = new ExpandableArrayBuffer(Math.max(DEFLATE_SCRATCH_INITIAL, length));
        }
        textScratch.checkLimit(length);
        return textScratch;
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

    /**
     * Selection keys still registered, cancelled ones included until the next select: each holds its connection.
     */
    int registeredKeyCount()
    {
        return selector.keys().size();
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

    /**
     * Run the tasks the engine thread gave itself before this cycle (not those they add, which wait a cycle).
     */
    private int runEngineThreadTasks()
    {
        final int count = engineThreadTasks.size();
        for (int i = 0; i < count; i++)
        {
            runTask(engineThreadTasks.poll());
        }
        return count;
    }

    private void runTask(final Runnable task)
    {
        try
        {
            task.run();
        }
        catch (final Throwable ex)
        {
            context.errorHandler().onError(ex);
        }
    }

    /**
     * At shutdown: run or fail everything queued, and wait (briefly) for sends other threads reserved room for
     * before the connections ended, so each is reported through onSendDropped rather than lost.
     */
    private void drainForShutdown()
    {
        final long deadlineNs = System.nanoTime() + SHUTDOWN_DRAIN_NS;
        while (true)
        {
            int work = 0;
            Runnable task;
            while (null != (task = engineThreadTasks.poll()))
            {
                runTask(task);
                work++;
            }
            work += commandQueue.drain(onCommand, Integer.MAX_VALUE);
            forgetDrained();
            // A record claimed but not yet committed stops the reader, and records committed behind it wait too:
            // keep reading until the channel is empty, not just until a read finds nothing.
            final boolean settled = draining.isEmpty() && commandQueue.isEmpty();
            if (0 == work && (settled || System.nanoTime() - deadlineNs > 0))
            {
                return;
            }
            if (0 == work)
            {
                Thread.yield();
            }
        }
    }

    private int pollSelector()
    {
        // Keys of closed connections stay registered (holding their connection) until the next select: skip the
        // call only when no key at all is left.
        if (selector.keys().isEmpty())
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

    private void onCommand(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (CommandQueue.TASK == msgTypeId)
        {
            final Runnable task = (Runnable)commandQueue.take(buffer.getLong(index + CommandQueue.ID_OFFSET));
            if (null != task)
            {
                runTask(task);
            }
            return;
        }
        final Connection connection = connectionsById.get(buffer.getLong(index + CommandQueue.ID_OFFSET));
        final int opcode = msgTypeId & Opcode.OPCODE_MASK;
        final MutableDirectBuffer payload;
        final int payloadOffset;
        final int payloadLength;
        if ((msgTypeId & CommandQueue.PARKED_FLAG) != 0)
        {
            final byte[] parked = (byte[])commandQueue.take(buffer.getLong(index + CommandQueue.PAYLOAD_OFFSET));
            parkedView.wrap(parked);
            payload = parkedView;
            payloadOffset = 0;
            payloadLength = parked.length;
        }
        else
        {
            payload = buffer;
            payloadOffset = index + CommandQueue.PAYLOAD_OFFSET;
            payloadLength = length - CommandQueue.PAYLOAD_OFFSET;
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
        if (EngineState.ACTIVE != lifecycle.get())
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
                submitQuietly(() -> connection.onResolved(address));
            }
            catch (final UnknownHostException | RuntimeException ex)
            {
                submitQuietly(() -> connection.onResolveFailed(ex));
            }
        });
    }

    private Executor resolver()
    {
        if (null != userResolver)
        {
            return userResolver;
        }
        if (null == ownResolver)
        {
            // Created on the first host name to look up, shut down by close().
            ownResolver = Executors.newSingleThreadExecutor((runnable) ->
            {
                final Thread thread = new Thread(runnable, context.roleName() + "-resolver");
                thread.setDaemon(true);
                return thread;
            });
        }
        return ownResolver;
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
