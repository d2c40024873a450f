/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.pool;

import io.jetsocket.client.ConnectionState;
import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.ClientConfig;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.engine.EngineClosedException;
import io.jetsocket.engine.EngineTimer;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.concurrent.Agent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The pool's state and every change to it, confined to the engine thread: the idle connections (oldest idle
 * first), the leased ones, the waiting acquires in arrival order and the maintenance timers. Other threads reach
 * it only through {@link WebSocketEngine#execute}, so nothing here takes a lock; the counts are published in
 * volatile fields with this one writer for {@link #stats()}.
 * <p>
 * It is also an agent of the engine's duty cycle, doing nothing per cycle, for one reason: its {@code onClose}
 * tells the pool that the engine closed, so that no acquire waits for timers that will never fire.
 *
 * @param <T> type of the messages.
 */
final class PoolCore<T> implements Agent
{
    /** An idle connection in one of these states is lent again: up, or on its way back up. */
    private static final Set<ConnectionState> REUSABLE =
        EnumSet.of(ConnectionState.CONNECTED, ConnectionState.RECONNECTING, ConnectionState.BACKING_OFF);
    private static final long NO_TIMER = AcquireRequest.NO_TIMER;

    private final PoolConfig<T> config;
    private final WebSocketEngine engine;
    private final int maxConnections;
    private final long maxIdleNs;
    private final long healthIntervalNs;
    private final ArrayList<PoolEntry<T>> idle = new ArrayList<>();
    private final ArrayList<PoolEntry<T>> leased = new ArrayList<>();
    private final ArrayDeque<AcquireRequest<T>> waiters = new ArrayDeque<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final EngineTimer idleTimer = this::onIdleTimer;
    private final EngineTimer healthTimer = this::onHealthTimer;
    private boolean shutDown;
    private long idleTimerId = NO_TIMER;
    private long healthTimerId = NO_TIMER;
    private int connectingCount;

    private volatile long closeWaitNs = ClientConfig.CLOSE_TIMEOUT_DEFAULT.toNanos();
    private volatile long created;
    private volatile int leasedNow;
    private volatile int connectingNow;
    private volatile int idleNow;
    private volatile int waitersNow;
    private volatile long acquisitions;
    private volatile long reused;
    private volatile long timeouts;
    private volatile long connectFailures;
    private volatile long closedIdle;
    private volatile long closedUnhealthy;
    private volatile long evicted;

    PoolCore(final PoolConfig<T> config, final WebSocketEngine engine)
    {
        this.config = config;
        this.engine = engine;
        this.maxConnections = config.maxConnections();
        this.maxIdleNs = nanos(config.maxIdleTime());
        this.healthIntervalNs = nanos(config.healthCheckInterval());
    }

    WebSocketEngine engine()
    {
        return engine;
    }

    // ---------------------------------------------------------------- any thread

    /**
     * Run on the engine thread: now if this is it, else queued behind what this thread queued before.
     *
     * @throws EngineClosedException if the engine is closed.
     */
    void onEngine(final Runnable task)
    {
        if (engine.isEngineThread())
        {
            task.run();
        }
        else
        {
            engine.execute(task);
        }
    }

    void start()
    {
        engine.addAgent(this);
        onEngine(this::armHealthTimer);
    }

    void acquire(final AcquireRequest<T> request)
    {
        try
        {
            onEngine(() -> onAcquire(request));
        }
        catch (final EngineClosedException ex)
        {
            request.future().completeExceptionally(new PoolClosedException("acquire " + request.uri(), ex));
        }
    }

    void release(final PoolEntry<T> entry)
    {
        try
        {
            onEngine(() -> onRelease(entry));
        }
        catch (final EngineClosedException ex)
        {
            closeQuietly(entry); // the engine took the pool down with it
        }
    }

    CompletableFuture<Void> close()
    {
        try
        {
            onEngine(this::shutdown);
        }
        catch (final EngineClosedException ex)
        {
            closed.complete(null); // the engine's close ended the pool and its connections
        }
        return closed;
    }

    Duration closeWait()
    {
        return Duration.ofNanos(closeWaitNs);
    }

    PoolStats stats()
    {
        return new PoolStats(created, leasedNow, connectingNow, idleNow, waitersNow, acquisitions, reused, timeouts,
            connectFailures, closedIdle, closedUnhealthy, evicted);
    }

    // ---------------------------------------------------------------- engine thread

    private void onAcquire(final AcquireRequest<T> request)
    {
        if (shutDown)
        {
            request.future().completeExceptionally(new PoolClosedException("acquire " + request.uri()));
            return;
        }
        if (request.future().isDone())
        {
            return; // cancelled before it got here
        }
        if (waiters.isEmpty() && permitsInUse() < maxConnections)
        {
            grant(request);
        }
        else if (request.timeout().isZero())
        {
            timeouts++;
            request.future().completeExceptionally(
                new PoolExhaustedException(maxConnections, request.timeout(), request.uri()));
        }
        else
        {
            waiters.addLast(request);
            waitersNow = waiters.size();
            request.timerId(engine.scheduleTimer(
                engine.nowNs() + nanos(request.timeout()), (timerId) -> onWaitTimeout(request)));
        }
    }

    private void onWaitTimeout(final AcquireRequest<T> request)
    {
        request.timerId(NO_TIMER);
        if (waiters.remove(request))
        {
            waitersNow = waiters.size();
            if (!request.future().isDone()) // a cancelled acquire did not time out
            {
                timeouts++;
                request.future().completeExceptionally(
                    new PoolExhaustedException(maxConnections, request.timeout(), request.uri()));
            }
        }
    }

    private void grant(final AcquireRequest<T> request)
    {
        final PoolEntry<T> entry = takeIdle(request.uri());
        if (null != entry)
        {
            reused++;
            lend(request, entry);
        }
        else
        {
            connectNew(request);
        }
    }

    private PoolEntry<T> takeIdle(final String uri)
    {
        PoolEntry<T> found = null;
        for (int i = 0; i < idle.size() && null == found; i++)
        {
            final PoolEntry<T> entry = idle.get(i);
            if (entry.uri().equals(uri))
            {
                final ConnectionState state = entry.webSocket().state();
                if (REUSABLE.contains(state))
                {
                    found = idle.remove(i);
                }
                else if (isTerminal(state))
                {
                    idle.remove(i--);
                    closedUnhealthy++;
                    closeQuietly(entry);
                }
                // else between states (DISCONNECTED, CONNECTING...): left idle, neither lent nor dropped
            }
        }
        idleNow = idle.size();
        return found;
    }

    private void connectNew(final AcquireRequest<T> request)
    {
        if (leased.size() + connectingCount + idle.size() >= maxConnections && !idle.isEmpty())
        {
            // keep the sockets within maxConnections: the connection idle longest makes room
            evicted++;
            closeQuietly(idle.remove(0));
            idleNow = idle.size();
        }
        final WebSocket<T> ws;
        try
        {
            ws = newClient(request.uri());
        }
        catch (final RuntimeException ex)
        {
            connectFailures++;
            request.future().completeExceptionally(ex);
            passPermits();
            return;
        }
        created++;
        connectingNow = ++connectingCount;
        final PoolEntry<T> entry = new PoolEntry<>(request.uri(), ws);
        ws.connect().whenComplete((ignore, error) -> onConnectOutcome(request, entry, error));
    }

    private WebSocket<T> newClient(final String uri)
    {
        final ClientConfig<T> clientConfig = config.clients().apply(uri).buildConfig();
        final WebSocketEngine clientEngine =
            null == clientConfig.engine() ? WebSocket.defaultEngine() : clientConfig.engine();
        if (clientEngine != engine)
        {
            throw new IllegalArgumentException("the client of " + uri + " would run on engine '" +
                clientEngine.roleName() + "' but the pool runs on '" + engine.roleName() +
                "': every pooled client must run on the pool's engine");
        }
        closeWaitNs = Math.max(closeWaitNs, nanos(clientConfig.closeTimeout()));
        return WebSocket.create(clientConfig);
    }

    private void onConnectOutcome(final AcquireRequest<T> request, final PoolEntry<T> entry, final Throwable error)
    {
        try
        {
            onEngine(() -> onConnected(request, entry, error));
        }
        catch (final EngineClosedException ex)
        {
            closeQuietly(entry);
            request.future().completeExceptionally(new PoolClosedException("acquire " + request.uri(), ex));
        }
    }

    private void onConnected(final AcquireRequest<T> request, final PoolEntry<T> entry, final Throwable error)
    {
        connectingNow = --connectingCount;
        if (null != error)
        {
            connectFailures++;
            closeQuietly(entry);
            request.future().completeExceptionally(error instanceof CompletionException && null != error.getCause() ?
                error.getCause() : error);
            passPermits();
        }
        else if (shutDown)
        {
            closeQuietly(entry);
            request.future().completeExceptionally(new PoolClosedException("acquire " + request.uri()));
        }
        else
        {
            lend(request, entry);
        }
    }

    private void lend(final AcquireRequest<T> request, final PoolEntry<T> entry)
    {
        leased.add(entry);
        leasedNow = leased.size();
        acquisitions++;
        final PooledConnection<T> lease = new PooledConnection<>(this, entry);
        if (!request.future().complete(lease))
        {
            lease.release(); // the acquire was cancelled meanwhile: the connection goes idle at once
        }
    }

    private void onRelease(final PoolEntry<T> entry)
    {
        if (!leased.remove(entry))
        {
            return;
        }
        leasedNow = leased.size();
        if (shutDown || isTerminal(entry.webSocket().state()))
        {
            closeQuietly(entry);
        }
        else
        {
            entry.idleSince(engine.nowNs());
            idle.add(entry);
            idleNow = idle.size();
            armIdleTimer();
        }
        passPermits();
    }

    /**
     * Hand free lease slots to the waiters, first come first served.
     */
    private void passPermits()
    {
        while (!shutDown && !waiters.isEmpty() && permitsInUse() < maxConnections)
        {
            final AcquireRequest<T> request = waiters.pollFirst();
            waitersNow = waiters.size();
            cancelTimer(request.timerId());
            request.timerId(NO_TIMER);
            if (!request.future().isDone())
            {
                grant(request);
            }
        }
    }

    private void armIdleTimer()
    {
        if (NO_TIMER == idleTimerId && !idle.isEmpty() && !shutDown)
        {
            // idle is in the order connections went idle: the first is always the next one due
            idleTimerId = engine.scheduleTimer(idle.get(0).idleSinceNs() + maxIdleNs, idleTimer);
        }
    }

    private void onIdleTimer(final long timerId)
    {
        idleTimerId = NO_TIMER;
        final long nowNs = engine.nowNs();
        while (!idle.isEmpty() && nowNs - idle.get(0).idleSinceNs() >= maxIdleNs)
        {
            closedIdle++;
            closeQuietly(idle.remove(0));
        }
        idleNow = idle.size();
        armIdleTimer();
    }

    private void armHealthTimer()
    {
        if (!shutDown)
        {
            healthTimerId = engine.scheduleTimer(engine.nowNs() + healthIntervalNs, healthTimer);
        }
    }

    private void onHealthTimer(final long timerId)
    {
        healthTimerId = NO_TIMER;
        for (int i = idle.size() - 1; i >= 0; i--)
        {
            final PoolEntry<T> entry = idle.get(i);
            if (isTerminal(entry.webSocket().state()))
            {
                idle.remove(i);
                closedUnhealthy++;
                closeQuietly(entry);
            }
        }
        idleNow = idle.size();
        armHealthTimer();
    }

    private void shutdown()
    {
        if (shutDown)
        {
            return;
        }
        shutDown = true;
        cancelTimer(idleTimerId);
        cancelTimer(healthTimerId);
        idleTimerId = NO_TIMER;
        healthTimerId = NO_TIMER;
        AcquireRequest<T> request;
        while (null != (request = waiters.pollFirst()))
        {
            cancelTimer(request.timerId());
            request.future().completeExceptionally(new PoolClosedException("acquire " + request.uri()));
        }
        waitersNow = 0;
        final ArrayList<CompletableFuture<ClosedEvent>> closing = new ArrayList<>(idle.size() + leased.size());
        for (final PoolEntry<T> entry : idle)
        {
            closing.add(closeQuietly(entry));
        }
        for (final PoolEntry<T> entry : leased)
        {
            closing.add(closeQuietly(entry)); // the lease stays held until released, its client closed
        }
        idle.clear();
        idleNow = 0;
        engine.removeAgent(this);
        CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]))
            .whenComplete((ignore, error) -> closed.complete(null));
    }

    private int permitsInUse()
    {
        return leased.size() + connectingCount;
    }

    private void cancelTimer(final long timerId)
    {
        if (NO_TIMER != timerId)
        {
            engine.cancelTimer(timerId);
        }
    }

    private static boolean isTerminal(final ConnectionState state)
    {
        return ConnectionState.CLOSED == state || ConnectionState.FAILED == state;
    }

    private static CompletableFuture<ClosedEvent> closeQuietly(final PoolEntry<?> entry)
    {
        try
        {
            return entry.webSocket().closeAsync();
        }
        catch (final RuntimeException ex)
        {
            return CompletableFuture.completedFuture(null); // its engine is gone: so is the connection
        }
    }

    private static long nanos(final Duration duration)
    {
        try
        {
            return duration.toNanos();
        }
        catch (final ArithmeticException ex)
        {
            return Long.MAX_VALUE / 4; // centuries: never, without overflowing a deadline
        }
    }

    // ---------------------------------------------------------------- agent

    @Override
    public int doWork()
    {
        return 0; // the pool's work is on the engine's timers and tasks
    }

    @Override
    public String roleName()
    {
        return "jetsocket-pool";
    }

    @Override
    public void onClose()
    {
        // the engine is closing (or the pool removed itself after its own shutdown)
        if (!shutDown)
        {
            shutdown();
        }
    }
}
