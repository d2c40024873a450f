/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.config.ReplayMode;
import io.jetsocket.client.event.BufferKind;
import io.jetsocket.client.event.BufferOverflowEvent;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.ClosingEvent;
import io.jetsocket.client.event.ConnectedEvent;
import io.jetsocket.client.event.ConnectingEvent;
import io.jetsocket.client.event.DisconnectedEvent;
import io.jetsocket.client.event.ErrorEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.Initiator;
import io.jetsocket.client.event.ReconnectedEvent;
import io.jetsocket.client.event.ReconnectingEvent;
import io.jetsocket.client.event.ReplayCompletedEvent;
import io.jetsocket.client.event.ReplayStartedEvent;
import io.jetsocket.client.event.StateChangeEvent;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.deflate.DeflateParameters;
import io.jetsocket.engine.frame.CloseCode;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Turns what happens to a client into its events (engine thread), stamped with the epoch clock: an event object is
 * built only when a handler of its type is registered, and an error nobody listens for becomes a log line rather
 * than silence. Stateless apart from what it is built with, so every part of the client can share one.
 */
final class EventEmitter implements BiConsumer<EventType<?>, Throwable>
{
    private final String uri;
    private final ErrorHandler engineErrorHandler;
    private final StatsRecorder stats;
    private final EpochClock epochClock;
    private final EventDispatcher events;

    /**
     * @param uri                the client's, for messages and log lines.
     * @param engineErrorHandler where an error handler's own failure goes (the engine's).
     * @param stats              counts the errors.
     * @param epochClock         stamps the events.
     * @param handlerExecutor    where handlers run, or null for the engine thread.
     */
    EventEmitter(
        final String uri,
        final ErrorHandler engineErrorHandler,
        final StatsRecorder stats,
        final EpochClock epochClock,
        final Executor handlerExecutor)
    {
        this.uri = uri;
        this.engineErrorHandler = engineErrorHandler;
        this.stats = stats;
        this.epochClock = epochClock;
        this.events = new EventDispatcher(this, handlerExecutor); // this takes handler failures: no lambda
    }

    /**
     * The handlers the events go to (any thread registers).
     *
     * @return them.
     */
    EventDispatcher dispatcher()
    {
        return events;
    }

    /**
     * Count an error and report it to the error handlers, or the log when there are none.
     *
     * @param error what went wrong.
     * @param fatal true when the client ends with it.
     */
    void error(final Throwable error, final boolean fatal)
    {
        stats.onError();
        if (events.has(EventType.ERROR))
        {
            events.emit(EventType.ERROR, new ErrorEvent(error, String.valueOf(error.getMessage()), fatal, now()));
        }
        else
        {
            ClientLog.unhandledError(uri, error, fatal); // nobody listens: never silence
        }
    }

    void stateChanged(final ConnectionState previous, final ConnectionState next)
    {
        if (events.has(EventType.STATE_CHANGE))
        {
            events.emit(EventType.STATE_CHANGE, new StateChangeEvent(previous, next, now()));
        }
    }

    void connecting(final int attempt)
    {
        if (events.has(EventType.CONNECTING))
        {
            events.emit(EventType.CONNECTING, new ConnectingEvent(uri, attempt, now()));
        }
    }

    void connected(final WebSocketConnection connection)
    {
        if (events.has(EventType.CONNECTED))
        {
            final DeflateParameters deflate = connection.deflateParameters();
            events.emit(EventType.CONNECTED, new ConnectedEvent(uri, connection.subprotocol(),
                null == deflate ? List.of() : List.of(deflate.toString()), now()));
        }
    }

    void reconnected(final int attempts, final long downtimeNs)
    {
        if (events.has(EventType.RECONNECTED))
        {
            events.emit(EventType.RECONNECTED,
                new ReconnectedEvent(uri, attempts, Duration.ofNanos(downtimeNs), now()));
        }
    }

    void closing(final int code, final String reason, final Initiator initiator)
    {
        if (events.has(EventType.CLOSING))
        {
            events.emit(EventType.CLOSING, new ClosingEvent(code, reason, initiator, now()));
        }
    }

    void disconnected(final int code, final String reason, final boolean remote)
    {
        if (events.has(EventType.DISCONNECTED))
        {
            events.emit(EventType.DISCONNECTED,
                new DisconnectedEvent(uri, code, reason, CloseCode.ABNORMAL != code, remote, now()));
        }
    }

    void reconnecting(final int attempt, final long delayNs, final Throwable cause)
    {
        if (events.has(EventType.RECONNECTING))
        {
            events.emit(EventType.RECONNECTING, new ReconnectingEvent(
                attempt, Duration.ofNanos(delayNs), cause, now()));
        }
    }

    /**
     * The client ended: always builds the event, which the closed future completes with.
     *
     * @param code     close code.
     * @param reason   close reason.
     * @param terminal the state it ended in.
     * @return the event.
     */
    ClosedEvent closed(final int code, final String reason, final ConnectionState terminal)
    {
        final ClosedEvent closed = new ClosedEvent(code, reason, terminal, now());
        if (events.has(EventType.CLOSED))
        {
            events.emit(EventType.CLOSED, closed);
        }
        return closed;
    }

    void replayStarted(final ReplayMode mode, final Object lastSequenceId, final int messageCount)
    {
        if (events.has(EventType.REPLAY_STARTED))
        {
            events.emit(EventType.REPLAY_STARTED, new ReplayStartedEvent(mode, lastSequenceId, messageCount, now()));
        }
    }

    void replayCompleted(final ReplayMode mode, final int replayedCount, final long durationNs)
    {
        if (events.has(EventType.REPLAY_COMPLETED))
        {
            events.emit(EventType.REPLAY_COMPLETED,
                new ReplayCompletedEvent(mode, replayedCount, durationNs / 1e6, now()));
        }
    }

    void bufferOverflow(final BufferKind kind, final int capacity, final long dropped, final OverflowPolicy policy)
    {
        if (events.has(EventType.BUFFER_OVERFLOW))
        {
            events.emit(EventType.BUFFER_OVERFLOW, new BufferOverflowEvent(kind, capacity, dropped, policy, now()));
        }
    }

    /**
     * A handler threw: an error event, or the engine's error handler if an error handler threw.
     *
     * @param type  whose handler threw.
     * @param error what it threw.
     */
    @Override
    public void accept(final EventType<?> type, final Throwable error)
    {
        stats.onError();
        if (EventType.ERROR == type)
        {
            engineErrorHandler.onError(error); // an error handler failed: do not recurse
            return;
        }
        if (events.has(EventType.ERROR))
        {
            events.emit(EventType.ERROR, new ErrorEvent(error, "handler of " + type.name() + " threw: " + error,
                false, now()));
        }
        else
        {
            ClientLog.handlerFailed(uri, type, error);
        }
    }

    private long now()
    {
        return epochClock.time();
    }
}
