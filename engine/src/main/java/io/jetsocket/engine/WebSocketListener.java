/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.agrona.DirectBuffer;

/**
 * Callbacks of one engine connection. All of them run on the engine thread (the thread that calls
 * {@link WebSocketEngine#doWork()}), in order, one at a time; they must not block. Buffer views are
 * valid only during the call: copy what you keep. Sends made from inside a callback write directly.
 * <p>
 * A callback that throws does not break the engine: the throwable is passed to {@link #onError} and
 * the connection carries on.
 */
public interface WebSocketListener
{
    /**
     * The opening handshake succeeded; sends are accepted from now on. Frames that came in the same
     * read as the 101 response are delivered right after this call.
     *
     * @param connection that opened.
     */
    default void onOpen(final WebSocketConnection connection)
    {
    }

    /**
     * A complete message, zero-copy: a view of the read buffer (single-frame messages) or of the
     * reassembly buffer (fragmented ones).
     *
     * @param connection it arrived on.
     * @param type       text (UTF-8 already validated) or binary.
     * @param buffer     holding the payload; valid only during this call.
     * @param offset     of the payload.
     * @param length     of the payload.
     */
    void onMessage(WebSocketConnection connection, MessageType type, DirectBuffer buffer, int offset, int length);

    /**
     * A ping arrived. The engine has already queued the pong with the same payload.
     *
     * @param connection it arrived on.
     * @param buffer     holding the payload; valid only during this call.
     * @param offset     of the payload.
     * @param length     of the payload.
     */
    default void onPing(final WebSocketConnection connection, final DirectBuffer buffer, final int offset,
        final int length)
    {
    }

    /**
     * A pong arrived (solicited or not).
     *
     * @param connection it arrived on.
     * @param buffer     holding the payload; valid only during this call.
     * @param offset     of the payload.
     * @param length     of the payload.
     */
    default void onPong(final WebSocketConnection connection, final DirectBuffer buffer, final int offset,
        final int length)
    {
    }

    /**
     * Something went wrong: a failed connect or handshake, a protocol violation by the server, a lost
     * connection, a timeout, or a callback that threw. When the error ends the connection,
     * {@link #onClose} follows.
     *
     * @param connection concerned.
     * @param error      what happened, with context.
     */
    default void onError(final WebSocketConnection connection, final Throwable error)
    {
    }

    /**
     * A message accepted from another thread ({@link SendResult#OK}) could not be written because the
     * connection had started closing by the time the engine thread took it off the send queue, or the connection
     * ended (or sent a close frame ahead of it) while the message still waited in its outbound buffer. Nothing is
     * lost silently: the payload is handed back here, e.g. to be buffered and sent again after a reconnect.
     *
     * @param connection the message was sent on.
     * @param type       text or binary.
     * @param buffer     holding the payload; valid only during this call.
     * @param offset     of the payload.
     * @param length     of the payload.
     */
    default void onSendDropped(final WebSocketConnection connection, final MessageType type,
        final DirectBuffer buffer, final int offset, final int length)
    {
    }

    /**
     * Messages this connection accepted ({@link SendResult#OK}) that can never be sent and cannot be handed back
     * whole through {@link #onSendDropped}: the one the socket had taken only part of when the connection ended,
     * and compressed ones (with context takeover they cannot be inflated alone). Whole uncompressed messages that
     * never left come back through {@link #onSendDropped} instead, before this call and before {@link #onClose}.
     *
     * @param connection the messages were sent on.
     * @param messages   how many were discarded.
     * @param bytes      their payload bytes that were never written.
     */
    default void onUnsentDiscarded(final WebSocketConnection connection, final int messages, final long bytes)
    {
    }

    /**
     * The server started the closing handshake: its close frame arrived and the engine has echoed it. The
     * connection is now closing; {@link #onClose} follows once TCP is closed.
     *
     * @param connection that is closing.
     * @param code       the server's close code (1005 when its close frame had none).
     * @param reason     the server's close reason (possibly empty).
     */
    default void onClosing(final WebSocketConnection connection, final int code, final String reason)
    {
    }

    /**
     * The connection is closed; called exactly once per connection, whatever the cause.
     *
     * @param connection that closed.
     * @param code       the close code: the server's when it sent one, the code we failed the connection
     *                   with, 1005 for a close frame without a code, or 1006 when the connection was lost
     *                   or never opened.
     * @param reason     the close reason (possibly empty).
     * @param remote     true when the server started the closing handshake.
     */
    default void onClose(final WebSocketConnection connection, final int code, final String reason,
        final boolean remote)
    {
    }
}
