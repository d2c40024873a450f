/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.WebSocketConnection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumSet;
import java.util.Set;

/**
 * The state of a client that more than one of its parts reads, held once: its {@link ConnectionState} and the
 * transitions {@link ConnectionState#canTransitionTo} allows, whether it was started or asked to close, the engine
 * connection that speaks for it now, and the conductor that owns it. {@link ConnectionLifecycle} alone changes
 * the state and the connection, on the engine thread; any thread may read them.
 */
final class ClientState
{
    static final Set<ConnectionState> IDLE_ONLY = EnumSet.of(ConnectionState.IDLE);
    private static final Set<ConnectionState> RUNNING = EnumSet.complementOf(
        EnumSet.of(ConnectionState.IDLE, ConnectionState.FAILED, ConnectionState.CLOSED));

    private static final VarHandle STARTED;

    static
    {
        try
        {
            STARTED = MethodHandles.lookup().findVarHandle(ClientState.class, "started", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final String uri;
    private final EventEmitter emit;
    /** Set once by the first {@code connect()} (any thread). */
    private volatile int started; // STARTED: 0 until connect() (a plain field, not an AtomicBoolean object)
    /** Written on the engine thread only ({@link #transition}); read on any. */
    private volatile ConnectionState state = ConnectionState.IDLE;
    /** Set by {@code close()} on any thread, never cleared: from then on sends say CLOSED. */
    private volatile boolean closeRequested;
    /** Written on the engine thread only; read on any (sends, the engine-events guard). Null between connections. */
    private volatile WebSocketConnection current;
    /** Written once by {@code connect()} before it hops onto the engine thread; read there only. */
    private ClientConductor conductor;

    String uri()
    {
        return uri;
    }

    ClientState(final String uri, final EventEmitter emit)
    {
        this.uri = uri;
        this.emit = emit;
    }

    ConnectionState get()
    {
        return state;
    }

    /**
     * Move to the next state (engine thread), announcing it with a {@code state_change} event.
     *
     * @param next the state.
     * @throws IllegalStateException if {@link ConnectionState#canTransitionTo} does not allow it: a bug.
     */
    void transition(final ConnectionState next)
    {
        final ConnectionState previous = state;
        if (!previous.canTransitionTo(next))
        {
            throw new IllegalStateException("client " + uri + ": invalid transition " + previous + " -> " + next);
        }
        state = next;
        emit.stateChanged(previous, next);
    }

    /**
     * Mark the client started (any thread).
     *
     * @return true the first time only.
     */
    boolean start()
    {
        return STARTED.compareAndSet(this, 0, 1);
    }

    void requestClose()
    {
        closeRequested = true;
    }

    boolean isCloseRequested()
    {
        return closeRequested;
    }

    /**
     * Is the client closing or closed, so that a send must say {@link SendStatus#CLOSED} (any thread)?
     *
     * @param operation what is asked, for the message of the exception.
     * @return true when closing or closed.
     * @throws InvalidStateException when it was never started nor closed: sending before {@code connect()} is a
     *                               programming error.
     */
    boolean isClosedForSending(final String operation)
    {
        final ConnectionState now = state;
        if (closeRequested || now.isTerminal())
        {
            return true;
        }
        if (0 == started)
        {
            throw new InvalidStateException(operation, now, RUNNING);
        }
        return false;
    }

    WebSocketConnection current()
    {
        return current;
    }

    void current(final WebSocketConnection connection)
    {
        current = connection;
    }

    /**
     * Let go of the current connection (engine thread): its later callbacks are ignored.
     *
     * @return the connection let go of, or null if there was none.
     */
    WebSocketConnection detach()
    {
        final WebSocketConnection connection = current;
        current = null;
        return connection;
    }

    /**
     * The connection a message may be written to now (any thread).
     *
     * @return the current connection when {@link ConnectionState#CONNECTED}, else null.
     */
    WebSocketConnection writable()
    {
        final WebSocketConnection connection = current;
        return null != connection && ConnectionState.CONNECTED == state ? connection : null;
    }

    /**
     * Has the client let go of this connection, or left {@link ConnectionState#CONNECTED} (engine thread)? Asked
     * after user code ran, which may have closed the client.
     *
     * @param connection the connection that opened.
     * @return true when it no longer speaks for the client.
     */
    boolean isGone(final WebSocketConnection connection)
    {
        return connection != current || ConnectionState.CONNECTED != state;
    }

    ClientConductor conductor()
    {
        return conductor;
    }

    void conductor(final ClientConductor conductor)
    {
        this.conductor = conductor;
    }
}
