/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketListener;
import org.agrona.DirectBuffer;

/**
 * The engine listener of every connection a client opens (engine thread). It applies, once, the rule that only
 * the client's current connection speaks for it: callbacks from a connection the client has let go of (after a
 * dead-peer detection, a close timeout, a close during connect) are dropped here, except the hand-back of unsent
 * messages, which belongs to whichever connection accepted them. What passes goes to its one owner: the
 * connection's life to the {@link Client} (the lifecycle), messages and pongs to the {@link MessageDispatcher},
 * hand-backs to the {@link Outbound} (the send path).
 */
final class EngineEventsAdapter implements WebSocketListener
{
    /**
     * What the client hears (engine thread).
     */
    interface Client
    {
        /**
         * The current connection opened.
         *
         * @param connection it.
         */
        void onOpened(WebSocketConnection connection);

        /**
         * A connection the client no longer wants opened: it is closed.
         *
         * @param connection it.
         */
        void onStaleOpen(WebSocketConnection connection);

        /**
         * An error on the current connection.
         *
         * @param error what went wrong.
         */
        void onError(Throwable error);

        /**
         * The server's close frame arrived on the current connection.
         *
         * @param code   its code.
         * @param reason its reason.
         */
        void onClosing(int code, String reason);

        /**
         * The current connection ended.
         *
         * @param connection it.
         * @param code       the close code.
         * @param reason     the reason, never null.
         * @param remote     true when the server started the close.
         */
        void onClosed(WebSocketConnection connection, int code, String reason, boolean remote);
    }

    /**
     * The outbound side's business (engine thread): messages a connection accepted but never wrote, whichever
     * connection it was, and the frames the engine writes by itself.
     */
    interface Outbound
    {
        /**
         * The engine queued a pong in answer to the server's ping on the current connection: a venue that limits
         * the messages it receives counts it.
         */
        void onPongQueued();

        /**
         * A whole message a connection (current or not) accepted but never wrote.
         *
         * @param connection the connection that hands it back.
         * @param type       frame type.
         * @param buffer     holding the payload.
         * @param offset     of the payload.
         * @param length     of the payload.
         */
        void onUnsent(WebSocketConnection connection, MessageType type, DirectBuffer buffer, int offset, int length);

        /**
         * Messages a connection accepted that cannot be handed back whole.
         *
         * @param messages how many.
         * @param bytes    their bytes.
         */
        void onUnsentDiscarded(int messages, long bytes);
    }

    private final ClientState state;
    private final Client client;
    private final MessageDispatcher<?> dispatcher;
    private final Outbound outbound;

    EngineEventsAdapter(
        final ClientState state, final Client client, final MessageDispatcher<?> dispatcher, final Outbound outbound)
    {
        this.state = state;
        this.client = client;
        this.dispatcher = dispatcher;
        this.outbound = outbound;
    }

    @Override
    public void onOpen(final WebSocketConnection connection)
    {
        if (isCurrent(connection))
        {
            client.onOpened(connection);
        }
        else
        {
            client.onStaleOpen(connection);
        }
    }

    @Override
    public void onMessage(
        final WebSocketConnection connection,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (isCurrent(connection))
        {
            dispatcher.onMessage(type, buffer, offset, length, connection.isMessageInflated());
        }
    }

    @Override
    public void onPing(
        final WebSocketConnection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        if (isCurrent(connection))
        {
            outbound.onPongQueued();
        }
    }

    @Override
    public void onPong(
        final WebSocketConnection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        if (isCurrent(connection))
        {
            dispatcher.onPong(buffer, offset, length);
        }
    }

    @Override
    public void onError(final WebSocketConnection connection, final Throwable error)
    {
        if (isCurrent(connection))
        {
            client.onError(error);
        }
    }

    @Override
    public void onClosing(final WebSocketConnection connection, final int code, final String reason)
    {
        if (isCurrent(connection))
        {
            client.onClosing(code, null == reason ? "" : reason);
        }
    }

    @Override
    public void onClose(final WebSocketConnection connection, final int code, final String reason,
        final boolean remote)
    {
        if (isCurrent(connection))
        {
            client.onClosed(connection, code, null == reason ? "" : reason, remote);
        }
    }

    @Override
    public void onSendDropped(final WebSocketConnection connection, final MessageType type,
        final DirectBuffer buffer, final int offset, final int length)
    {
        outbound.onUnsent(connection, type, buffer, offset, length);
    }

    @Override
    public void onUnsentDiscarded(final WebSocketConnection connection, final int messages, final long bytes)
    {
        outbound.onUnsentDiscarded(messages, bytes);
    }

    private boolean isCurrent(final WebSocketConnection connection)
    {
        return connection == state.current();
    }
}
