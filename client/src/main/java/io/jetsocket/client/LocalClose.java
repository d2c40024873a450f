/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.agent.Heartbeat;
import io.jetsocket.client.agent.ReconnectTimers;
import io.jetsocket.client.agent.ReplayAgent;
import io.jetsocket.client.event.Initiator;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.frame.CloseCode;

/**
 * Closes started on this side of a client (engine thread): the application's {@code close()}, remembered with its
 * code and reason for the end of the client, and the close of an open connection (by the application, at the
 * maximum connection age, or for a dead peer), which stops its heartbeat and replay and, for a closing handshake,
 * arms the close timeout that the engine shares.
 */
final class LocalClose
{
    /**
     * Ends the client (engine thread): the lifecycle's last transition.
     */
    @FunctionalInterface
    interface Finish
    {
        /**
         * End the client.
         *
         * @param terminal {@link ConnectionState#CLOSED} or {@link ConnectionState#FAILED}.
         * @param code     close code.
         * @param reason   close reason.
         * @param cause    the failure, or null.
         */
        void finish(ConnectionState terminal, int code, String reason, Throwable cause);
    }

    private final ClientState state;
    private final EventEmitter emit;
    private final ReconnectTimers reconnectAgent;
    private final Heartbeat heartbeatAgent;
    private final ReplayAgent<?> replayAgent;
    private final long closeTimeoutNs;
    private final Finish finish;
    private boolean userClosing;
    private int userCloseCode = CloseCode.NORMAL;
    private String userCloseReason = "";

    LocalClose(
        final ClientState state,
        final EventEmitter emit,
        final ReconnectTimers reconnectAgent,
        final Heartbeat heartbeatAgent,
        final ReplayAgent<?> replayAgent,
        final long closeTimeoutNs,
        final Finish finish)
    {
        this.state = state;
        this.emit = emit;
        this.reconnectAgent = reconnectAgent;
        this.heartbeatAgent = heartbeatAgent;
        this.replayAgent = replayAgent;
        this.closeTimeoutNs = closeTimeoutNs;
        this.finish = finish;
    }

    /**
     * Has the application asked to close? Then the client ends as {@link ConnectionState#CLOSED} when its
     * connection does.
     *
     * @return true once {@code close()} reached the engine thread.
     */
    boolean isUserClosing()
    {
        return userClosing;
    }

    int userCloseCode()
    {
        return userCloseCode;
    }

    String userCloseReason()
    {
        return userCloseReason;
    }

    /**
     * Close as the application asked: {@code close()} hops here.
     *
     * @param code   close code.
     * @param reason close reason, never null.
     */
    void onUserClose(final int code, final String reason)
    {
        if (state.get().isTerminal())
        {
            return;
        }
        userClosing = true;
        userCloseCode = code;
        userCloseReason = reason;
        switch (state.get())
        {
            case IDLE:
            case BACKING_OFF:
                reconnectAgent.cancelReconnect();
                finish.finish(ConnectionState.CLOSED, code, reason, null);
                break;

            case CONNECTING:
            {
                final WebSocketConnection connection = state.detach();
                finish.finish(ConnectionState.CLOSED, code, reason, null);
                if (null != connection)
                {
                    connection.close(code, reason, closeTimeoutNs);
                }
                break;
            }

            case CONNECTED:
                close(code, reason);
                break;

            default:
                break; // DISCONNECTING: finishes as CLOSED when the close completes
        }
    }

    /**
     * Start closing the open connection: a {@code closing} event, then, unless a handler of it changed the state,
     * {@link ConnectionState#DISCONNECTING} with the heartbeat and the replay stopped.
     *
     * @param code   close code.
     * @param reason close reason.
     * @return true when the connection is now closing; false when it was not {@link ConnectionState#CONNECTED}.
     */
    boolean begin(final int code, final String reason)
    {
        emit.closing(code, reason, Initiator.LOCAL);
        if (ConnectionState.CONNECTED != state.get())
        {
            return false;
        }
        state.transition(ConnectionState.DISCONNECTING);
        if (null != heartbeatAgent)
        {
            heartbeatAgent.onDisconnected();
        }
        replayAgent.onDisconnected();
        return true;
    }

    /**
     * Close the open connection with a closing handshake, which the close timeout ends at the latest.
     *
     * @param code   close code.
     * @param reason close reason.
     */
    void close(final int code, final String reason)
    {
        if (begin(code, reason))
        {
            handshake(code, reason);
        }
    }

    private void handshake(final int code, final String reason)
    {
        // The engine ends the connection at the same deadline (the client's timer only guards the handle).
        reconnectAgent.armCloseTimeout(closeTimeoutNs);
        state.current().close(code, reason, closeTimeoutNs);
    }

    /**
     * Close a connection the client has let go of, without waiting: the engine ends it by the close timeout.
     *
     * @param connection it.
     * @param code       close code.
     * @param reason     close reason.
     */
    void abandon(final WebSocketConnection connection, final int code, final String reason)
    {
        connection.close(code, reason, closeTimeoutNs);
    }
}
