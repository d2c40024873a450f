/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.frame.Opcode;
import io.jetsocket.engine.status.EngineCounters;
import org.agrona.CloseHelper;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
    static final long NO_TIMER = EngineTimers.NO_TIMER;

    private static final int COMMAND_LIMIT = 1024;
    private static final long SHUTDOWN_DRAIN_NS = TimeUnit.MILLISECONDS.toNanos(200);

    private final EngineContext context;
    private final Selector selector;
    private final CommandChannel commands;
    private final SelectorWakeup wakeup;
    private final java.util.function.BooleanSupplier nothingQueued;
    private final Long2ObjectHashMap<Connection> connectionsById = new Long2ObjectHashMap<>();
    private final ArrayList<Connection> terminated = new ArrayList<>();
    private final ArrayList<Connection> draining = new ArrayList<>();
    private final AgentGroup agents;
    private final EngineTimers timers;
    private final EngineBuffers buffers;
    private final HostResolver resolver;
    private final UnsafeBuffer parkedView = new UnsafeBuffer(0, 0);
    private final AtomicLong nextConnectionId = new AtomicLong();
    private final Consumer<SelectionKey> onSelectedKey = this::onSelectedKey;
    private final MessageHandler onCommand = this::onCommand;
    private final AgentRunner runner;
    private final AgentInvoker invoker;
    private volatile Thread engineThread;
    private long nowNs;
    private int selectedWork;
    // The clocks of receive timestamps, read once per socket read (not per message) by stampReceive().
    private final NanoClock receiveNanoClock;
    private final EpochNanoClock receiveEpochClock;
    private long receiveNs;
    private long receiveEpochNs;

    private WebSocketEngine(final EngineContext context, final boolean ownThread)
    {
        this.context = context.conclude();
        final boolean wakeable = this.context.idleStrategy() instanceof SelectingIdleStrategy;
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
        this.wakeup = new SelectorWakeup(selector, wakeable, context.errorHandler());
        this.commands = new CommandChannel(context.roleName(), context.sendQueueCapacity(), wakeup, this);
        this.nothingQueued = () -> commands.isEmpty() && commands.isActive();
        this.buffers = new EngineBuffers(context);
        this.nowNs = context.nanoClock().nanoTime();
        this.receiveNanoClock = this.context.nanoClock();
        this.receiveEpochClock = this.context.epochNanoClock();
        this.timers = new EngineTimers();
        this.agents = new AgentGroup(context.errorHandler());
        this.resolver = new HostResolver(context.roleName(), context.resolverExecutor(), this::submitQuietly);
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
     * @throws EngineClosedException if the engine is closed or closes before the connect could be queued.
     */
    public WebSocketConnection connect(final ConnectRequest request, final WebSocketListener listener)
    {
        final String what = "connect to " + request.uri();
        commands.requireActive(what);
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
        int work = commands.runEngineThreadTasks();
        work += commands.queue().drain(onCommand, COMMAND_LIMIT);
        if (!draining.isEmpty())
        {
            forgetDrained();
        }
        work += pollSelector();
        work += timers.poll(nowNs);
        work += agents.doWork();
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
        submit(() -> agents.add(agent), "add agent " + agent.roleName());
    }

    /**
     * Remove an agent added with {@link #addAgent(Agent)}; its {@code onClose} runs on the engine thread.
     * Thread safe. Does nothing once the engine is closing: closing the engine closes its agents.
     *
     * @param agent to remove.
     */
    public void removeAgent(final Agent agent)
    {
        if (!commands.isActive())
        {
            return;
        }
        submit(() -> agents.remove(agent), "remove agent " + agent.roleName());
    }

    /**
     * The last duty cycle (engine thread): abort every connection, run or fail everything still queued, close the
     * agents, release memory.
     */
    @Override
    public void onClose()
    {
        commands.beginClosing();
        for (final Connection connection : new ArrayList<>(connectionsById.values()))
        {
            connection.abort("engine closed");
        }
        drainForShutdown();
        // Agents last: they see their connections already ended, and learn from onClose that no duty
        // cycle will follow (a client then fails instead of waiting to reconnect).
        agents.closeAll();
        commands.closed();
        releaseTerminated();
        buffers.free();
        CloseHelper.quietClose(selector);
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
            commands.beginClosing();
            wakeup.wakeUp();
            runner.close();
        }
        else
        {
            commands.beginClosing();
            invoker.close();
        }
        resolver.shutdown();
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
        return commands.state();
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
        return commands.queue();
    }

    void submit(final Runnable task, final String what)
    {
        commands.submit(task, what);
    }

    void submitQuietly(final Runnable task)
    {
        commands.submitQuietly(task);
    }

    void wakeUpIfParked()
    {
        wakeup.wakeUpIfParked();
    }

    /**
     * Block in the selector while nothing is queued ({@link SelectingIdleStrategy}).
     */
    void park(final long maxBlockNs)
    {
        wakeup.park(maxBlockNs, nothingQueued);
    }

    boolean offerClose(
        final long connectionId,
        final int code,
        final CharSequence reason,
        final int reasonLength,
        final long timeoutNs)
    {
        return commands.offerClose(connectionId, code, reason, reasonLength, timeoutNs);
    }

    EngineBuffers buffers()
    {
        return buffers;
    }

    /**
     * Selection keys still registered, cancelled ones included until the next select: each holds its connection.
     */
    int registeredKeyCount()
    {
        return selector.keys().size();
    }

    /**
     * The engine's clock, read once per duty cycle: what timers and agents on the engine thread should use instead
     * of reading a clock of their own.
     *
     * @return nanoseconds of {@link EngineContext#nanoClock()} at the start of this duty cycle.
     */
    public long nowNs()
    {
        return nowNs;
    }

    /**
     * When the socket read that brought the message being delivered happened (for a message spread over several
     * reads, the one that completed it), on {@link EngineContext#nanoClock()}: the engine reads its clocks once per
     * read, not per message, so every message decoded from one read (several small frames arriving together)
     * carries the same stamp. Engine thread only, and valid only during a
     * {@link WebSocketListener#onMessage} (or control frame) callback: afterwards it is the stamp of whatever read
     * came next, on any connection of this engine.
     *
     * @return nanoseconds of the engine's nano clock at the read.
     */
    public long receiveNanos()
    {
        return receiveNs;
    }

    /**
     * The wall-clock time of the same read as {@link #receiveNanos()}, on {@link EngineContext#epochNanoClock()};
     * the same validity: engine thread, during a message callback.
     *
     * @return nanoseconds since the epoch at the read.
     */
    public long receiveEpochNanos()
    {
        return receiveEpochNs;
    }

    /**
     * Stamp a socket read that returned bytes (engine thread), before anything read is decoded.
     */
    void stampReceive()
    {
        receiveNs = receiveNanoClock.nanoTime();
        receiveEpochNs = receiveEpochClock.nanoTime();
    }

    /**
     * Arm a timer on the engine's deadline timers: it fires in the first duty cycle whose clock reads at or past its
     * deadline, after any timer with an earlier deadline. Engine thread only (from a callback, an
     * agent or a task).
     *
     * @param deadlineNs when it expires, on the {@link #nowNs()} clock.
     * @param timer      called on the engine thread when it expires.
     * @return the timer's id, for {@link #cancelTimer(long)}.
     */
    public long scheduleTimer(final long deadlineNs, final EngineTimer timer)
    {
        return timers.schedule(deadlineNs, timer);
    }

    /**
     * Disarm a timer. Engine thread only.
     *
     * @param timerId from {@link #scheduleTimer(long, EngineTimer)}.
     * @return true when it was armed.
     */
    public boolean cancelTimer(final long timerId)
    {
        return timers.cancel(timerId);
    }

    SelectionKey register(final SelectableChannel channel, final int ops, final Connection connection)
        throws IOException
    {
        return channel.register(selector, ops, connection);
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

    void runTask(final Runnable task)
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
            int work = commands.runAllEngineThreadTasks();
            work += commands.queue().drain(onCommand, Integer.MAX_VALUE);
            forgetDrained();
            // A record claimed but not yet committed stops the reader, and records committed behind it wait too:
            // keep reading until the channel is empty, not just until a read finds nothing.
            final boolean settled = draining.isEmpty() && commands.queue().isEmpty();
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

    private void onCommand(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (CommandQueue.TASK == msgTypeId)
        {
            final Runnable task = (Runnable)commands.queue().take(buffer.getLong(index + CommandQueue.ID_OFFSET));
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
            final byte[] parked = (byte[])commands.queue().take(buffer.getLong(index + CommandQueue.PAYLOAD_OFFSET));
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
        if (!commands.isActive())
        {
            connection.abort("engine closed");
            return;
        }
        connectionsById.put(connection.handle().id(), connection);
        connection.start(nowNs);
        resolver.resolve(connection);
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
}
