/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.engine.EngineTimer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The answer to {@code connect()}: the future it returns, which the first connection completes and the end of the
 * client fails, and the deadline that keeps it from hanging silently: without a first connection by the connect
 * timeout, it fails with the last real failure attached (reconnection keeps its own rules once connected). That
 * last failure is kept here, for the timeout's cause and for the readers on other threads.
 * <p>
 * Engine thread, but for the future (thread safe) and {@link #lastFailure()} (volatile). It is itself the deadline's
 * {@link EngineTimer}: no callback object per connect, and no timers of its own (the lifecycle's are passed in).
 */
final class FirstConnect implements EngineTimer
{
    /**
     * What the deadline calls when it passes with the connect still pending (engine thread).
     */
    @FunctionalInterface
    interface Expiry
    {
        /**
         * The connect timeout passed before the first connection: fail the connect, unless the client is connected
         * or finished already.
         */
        void onConnectDeadline();
    }

    private final CompletableFuture<Void> future = new CompletableFuture<>();
    private final Expiry expiry;
    /** Written on the engine thread, read on any. */
    private volatile Throwable lastFailure;
    private long deadlineTimerId = ClientTimers.NONE;

    FirstConnect(final Expiry expiry)
    {
        this.expiry = expiry;
    }

    /**
     * The future {@code connect()} answers with (a copy of it).
     *
     * @return it.
     */
    CompletableFuture<Void> future()
    {
        return future;
    }

    /**
     * The last failure seen (any thread): what a connect that timed out is given as its cause.
     *
     * @return it, or null.
     */
    Throwable lastFailure()
    {
        return lastFailure;
    }

    void recordFailure(final Throwable error)
    {
        lastFailure = error;
    }

    /**
     * Has the connect been answered, either way?
     *
     * @return true once the future is done.
     */
    boolean isSettled()
    {
        return future.isDone();
    }

    /**
     * Arm the deadline (engine thread, at the first connect).
     *
     * @param timers    the lifecycle's timers.
     * @param timeoutNs the connect timeout.
     */
    void armDeadline(final ClientTimers timers, final long timeoutNs)
    {
        deadlineTimerId = timers.schedule(timers.nowNs() + timeoutNs, this);
    }

    /**
     * Disarm the deadline: the client connected or finished.
     *
     * @param timers the lifecycle's timers.
     */
    void disarmDeadline(final ClientTimers timers)
    {
        timers.cancel(deadlineTimerId);
        deadlineTimerId = ClientTimers.NONE;
    }

    /**
     * The deadline passed (engine thread).
     *
     * @param timerId the deadline's id.
     */
    @Override
    public void onTimer(final long timerId)
    {
        deadlineTimerId = ClientTimers.NONE;
        expiry.onConnectDeadline();
    }

    /**
     * The connect timed out: the error it fails with, the last failure seen as its cause.
     *
     * @param timeout the connect timeout.
     * @param uri     where it connects.
     * @return the error.
     */
    OperationTimeoutException timeoutError(final Duration timeout, final String uri)
    {
        return new OperationTimeoutException("connect", timeout, uri, lastFailure);
    }

    /**
     * The first connection is open and ready: the connect succeeds.
     */
    void opened()
    {
        future.complete(null);
    }

    /**
     * Refuse a connect of a client that is not {@link ConnectionState#IDLE}.
     *
     * @param now its state.
     */
    void refuse(final ConnectionState now)
    {
        future.completeExceptionally(new InvalidStateException("connect", now, ClientState.IDLE_ONLY));
    }

    /**
     * The client ended: a connect still pending fails, with the cause or, for a close, the close's code and reason.
     *
     * @param cause  the failure, or null for a close.
     * @param code   close code.
     * @param reason close reason.
     * @param uri    where it connected.
     */
    void clientEnded(final Throwable cause, final int code, final String reason, final String uri)
    {
        if (!future.isDone())
        {
            future.completeExceptionally(null != cause ? cause :
                new ConnectionClosedException("closed before the connection opened: " + uri, code, reason));
        }
    }
}
