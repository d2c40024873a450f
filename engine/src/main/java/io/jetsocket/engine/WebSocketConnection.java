/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.deflate.DeflateParameters;
import io.jetsocket.engine.frame.CloseCode;
import io.jetsocket.engine.frame.FrameEncoder;
import io.jetsocket.engine.frame.Opcode;
import io.jetsocket.engine.frame.Utf8Encoder;
import org.agrona.DirectBuffer;

import javax.net.ssl.SSLSession;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The user's handle on one engine connection. Thread safe: sends from the engine thread (inside a
 * callback, or in embedded mode) are encoded and written directly; sends from any other thread are
 * copied into the engine's lock-free send queue and written by the engine thread, in order.
 * <p>
 * Sends never block: each returns a {@link SendResult} code. Bytes accepted but not yet written to the
 * socket count against {@link EngineContext#maxOutboundBytes()}; beyond it a send returns
 * {@link SendResult#BACK_PRESSURED}.
 */
public final class WebSocketConnection
{
    private final long id;
    private final ConnectRequest request;
    private final WebSocketEngine engine;
    private final Connection connection;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final EngineFuture<WebSocketConnection> openFuture;
    private final int maxOutboundBytes;
    private volatile ConnectionState state = ConnectionState.RESOLVING;
    private volatile int unsentBytes;
    private volatile String subprotocol;
    private volatile SSLSession tlsSession;
    private volatile DeflateParameters deflateParameters;
    private volatile Object attachment;

    WebSocketConnection(
        final long id,
        final ConnectRequest request,
        final WebSocketEngine engine,
        final WebSocketListener listener,
        final EngineContext context)
    {
        this.id = id;
        this.request = request;
        this.engine = engine;
        this.maxOutboundBytes = context.maxOutboundBytes();
        this.openFuture = new EngineFuture<>(engine);
        this.connection = new Connection(this, request, listener, engine, context);
    }

    /**
     * Whether the message being handed to {@link WebSocketListener#onMessage} now arrived compressed
     * (permessage-deflate, RFC 7692) and is delivered inflated. Valid only on the engine thread during that call
     * (elsewhere it describes some earlier message); reads a field.
     *
     * @return true when the listener sees the inflated bytes of a compressed message.
     */
    public boolean isMessageInflated()
    {
        return connection.isDeliveringInflated();
    }

    /**
     * Engine-unique id of this connection.
     *
     * @return the id.
     */
    public long id()
    {
        return id;
    }

    /**
     * The request this connection was opened with.
     *
     * @return the request.
     */
    public ConnectRequest request()
    {
        return request;
    }

    /**
     * The current state; may be stale by the time it is read on a thread other than the engine's.
     *
     * @return the state.
     */
    public ConnectionState state()
    {
        return state;
    }

    /**
     * A future that completes with this handle when the opening handshake succeeds, or exceptionally with the
     * reason the connection ended before it opened (the same error {@code onError} reported, or a
     * {@link WebSocketException} saying it was closed or aborted). Dependent actions added without an executor run
     * on the engine thread. Waiting on it from the engine thread ({@code join()}, {@code get()}) throws
     * {@link IllegalStateException} instead of blocking every connection.
     *
     * @return the open future.
     */
    public CompletableFuture<WebSocketConnection> openFuture()
    {
        return openFuture;
    }

    /**
     * Is the connection open for sending?
     *
     * @return true in state {@link ConnectionState#OPEN}.
     */
    public boolean isOpen()
    {
        return ConnectionState.OPEN == state;
    }

    /**
     * The subprotocol the server chose.
     *
     * @return the subprotocol, or null when none was negotiated or the connection is not open yet.
     */
    public String subprotocol()
    {
        return subprotocol;
    }

    /**
     * The TLS session of a {@code wss://} connection: protocol, cipher suite, the server's certificates.
     *
     * @return the session once the TLS handshake is done, or null (also for {@code ws://}).
     */
    public SSLSession tlsSession()
    {
        return tlsSession;
    }

    /**
     * The permessage-deflate parameters in force, when the server accepted compression.
     *
     * @return the parameters, or null when messages are not compressed (or the connection is not open yet).
     */
    public DeflateParameters deflateParameters()
    {
        return deflateParameters;
    }

    /**
     * Bytes accepted for sending that the socket has not taken yet (queued plus unsent).
     *
     * @return outbound backlog in bytes.
     */
    public long outboundBacklog()
    {
        return queuedBytes.get() + unsentBytes;
    }

    /**
     * Attach an object of the caller's (e.g. the client-level wrapper) to this connection.
     *
     * @param attachment any object.
     */
    public void attach(final Object attachment)
    {
        this.attachment = attachment;
    }

    /**
     * The attached object.
     *
     * @return the attachment, or null.
     */
    public Object attachment()
    {
        return attachment;
    }

    /**
     * Send a text message whose UTF-8 bytes are in a buffer. The bytes are not re-validated.
     *
     * @param buffer holding the UTF-8 payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return a {@link SendResult} code.
     */
    public int sendText(final DirectBuffer buffer, final int offset, final int length)
    {
        return send(Opcode.TEXT, buffer, offset, length);
    }

    /**
     * Send a text message from any {@link CharSequence} (a {@code String}, a reused {@code StringBuilder}...). Its
     * UTF-8 encoding is written straight into the engine's send buffer (from the engine thread) or the command
     * channel's record (from another thread): no allocation. An unpaired surrogate is sent as {@code '?'}.
     *
     * @param text to send.
     * @return a {@link SendResult} code.
     */
    public int sendText(final CharSequence text)
    {
        final int utf8Length = Utf8Encoder.encodedLength(text);
        if (engine.isEngineThread())
        {
            return connection.sendText(text, utf8Length);
        }
        final int reserved = reserve(utf8Length);
        if (SendResult.OK != reserved)
        {
            return reserved;
        }
        if (!engine.commandQueue().offerText(id, text, utf8Length))
        {
            releaseQueued(utf8Length);
            engine.counters().onBackPressure();
            return SendResult.BACK_PRESSURED;
        }
        engine.wakeUpIfParked();
        return SendResult.OK;
    }

    /**
     * Send a text message whose UTF-8 bytes are in an array.
     *
     * @param bytes  holding the UTF-8 payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return a {@link SendResult} code.
     */
    public int sendText(final byte[] bytes, final int offset, final int length)
    {
        return send(Opcode.TEXT, bytes, offset, length);
    }

    /**
     * Send a binary message from a buffer.
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return a {@link SendResult} code.
     */
    public int sendBinary(final DirectBuffer buffer, final int offset, final int length)
    {
        return send(Opcode.BINARY, buffer, offset, length);
    }

    /**
     * Send a binary message from an array.
     *
     * @param bytes  holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return a {@link SendResult} code.
     */
    public int sendBinary(final byte[] bytes, final int offset, final int length)
    {
        return send(Opcode.BINARY, bytes, offset, length);
    }

    /**
     * Send a ping.
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload, at most 125 bytes.
     * @return a {@link SendResult} code.
     */
    public int sendPing(final DirectBuffer buffer, final int offset, final int length)
    {
        checkControlLength(length);
        return send(Opcode.PING, buffer, offset, length);
    }

    /**
     * Send an unsolicited pong (a one-way heartbeat, RFC 6455 §5.5.3).
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload, at most 125 bytes.
     * @return a {@link SendResult} code.
     */
    public int sendPong(final DirectBuffer buffer, final int offset, final int length)
    {
        checkControlLength(length);
        return send(Opcode.PONG, buffer, offset, length);
    }

    /**
     * Start the closing handshake. Messages sent before this call are sent first. The listener's
     * onClose reports the outcome; a close on a connection that is not open yet aborts it (reported as
     * 1006). A close from another thread travels on the same ordered channel as the connect and the sends, so it
     * always applies to this connection, whatever state the engine thread has reached.
     *
     * @param code   a close code valid on the wire (1000-1003, 1007-1014, 3000-4999).
     * @param reason a reason of at most 123 UTF-8 bytes (may be empty or null).
     * @return {@link SendResult#OK} when the close will be carried out, {@link SendResult#CLOSED} when the
     * connection (or its engine) is already closed, {@link SendResult#BACK_PRESSURED} when the command channel
     * stayed full.
     * @throws IllegalArgumentException if the code is not valid on the wire or the reason is too long.
     */
    public int close(final int code, final String reason)
    {
        return close(code, reason, engine.context().closeTimeoutNs());
    }

    /**
     * Start the closing handshake, waiting at most {@code timeoutNs} for the server's close frame and TCP before the
     * connection is dropped (1006); otherwise as {@link #close(int, String)}.
     *
     * @param code      a close code valid on the wire (1000-1003, 1007-1014, 3000-4999).
     * @param reason    a reason of at most 123 UTF-8 bytes (may be empty or null).
     * @param timeoutNs how long the closing handshake may take, in nanoseconds (positive).
     * @return as {@link #close(int, String)}.
     * @throws IllegalArgumentException if the code is not valid on the wire, the reason is too long or the timeout
     *                                  is not positive.
     */
    public int close(final int code, final String reason, final long timeoutNs)
    {
        if (timeoutNs <= 0)
        {
            throw new IllegalArgumentException("close timeout must be positive: " + timeoutNs + " ns");
        }
        if (!CloseCode.isValidOnWire(code))
        {
            throw new IllegalArgumentException("close code not allowed on the wire: " + code);
        }
        final String text = null == reason ? "" : reason;
        final int reasonLength = Utf8Encoder.encodedLength(text);
        if (reasonLength > Opcode.MAX_CONTROL_PAYLOAD - 2)
        {
            throw new IllegalArgumentException("close reason longer than 123 UTF-8 bytes: " + reasonLength);
        }
        if (ConnectionState.CLOSED == state)
        {
            return SendResult.CLOSED;
        }
        if (engine.isEngineThread())
        {
            connection.closeFromUser(code, text.getBytes(StandardCharsets.UTF_8), timeoutNs);
            return SendResult.OK;
        }
        if (EngineState.ACTIVE != engine.state())
        {
            return SendResult.CLOSED;
        }
        return engine.offerClose(id, code, text, reasonLength, timeoutNs) ? SendResult.OK :
            EngineState.ACTIVE != engine.state() ? SendResult.CLOSED : SendResult.BACK_PRESSURED;
    }

    /**
     * Drop the connection now: close TCP without a closing handshake. Bytes not yet written are discarded (and
     * reported, see {@link WebSocketListener#onSendDropped}); the listener gets onClose with 1006. From another
     * thread the abort is queued behind what this thread sent before. Does nothing on a closed connection.
     */
    public void abort()
    {
        if (ConnectionState.CLOSED == state)
        {
            return;
        }
        if (engine.isEngineThread())
        {
            connection.abort("aborted by the application");
            return;
        }
        try
        {
            engine.submit(() -> connection.abort("aborted by the application"), "abort " + this);
        }
        catch (final EngineClosedException ignore)
        {
            // the engine aborted every connection when it closed
        }
    }

    /**
     * Close with 1000 (normal closure) and no reason.
     *
     * @return a {@link SendResult} code.
     */
    public int close()
    {
        return close(CloseCode.NORMAL, "");
    }

    @Override
    public String toString()
    {
        return "WebSocketConnection{id=" + id + ", uri=" + request.uri() + ", state=" + state + "}";
    }

    private int send(final int opcode, final DirectBuffer buffer, final int offset, final int length)
    {
        if (engine.isEngineThread())
        {
            return connection.send(opcode, buffer, offset, length);
        }
        final int reserved = reserve(length);
        if (SendResult.OK != reserved)
        {
            return reserved;
        }
        if (!engine.commandQueue().offer(id, opcode, buffer, offset, length))
        {
            releaseQueued(length);
            engine.counters().onBackPressure();
            return SendResult.BACK_PRESSURED;
        }
        engine.wakeUpIfParked();
        return SendResult.OK;
    }

    private int send(final int opcode, final byte[] bytes, final int offset, final int length)
    {
        if (engine.isEngineThread())
        {
            return connection.send(opcode, bytes, offset, length);
        }
        final int reserved = reserve(length);
        if (SendResult.OK != reserved)
        {
            return reserved;
        }
        if (!engine.commandQueue().offer(id, opcode, bytes, offset, length))
        {
            releaseQueued(length);
            engine.counters().onBackPressure();
            return SendResult.BACK_PRESSURED;
        }
        engine.wakeUpIfParked();
        return SendResult.OK;
    }

    /**
     * Reserve outbound room for a send from another thread; released by the engine once it has taken
     * the record off the queue.
     */
    private int reserve(final int length)
    {
        final ConnectionState current = state;
        if (ConnectionState.OPEN != current)
        {
            return ConnectionState.CLOSED == current ? SendResult.CLOSED : SendResult.NOT_CONNECTED;
        }
        final int frameLength = length + FrameEncoder.MAX_HEADER_LENGTH;
        if (frameLength > maxOutboundBytes)
        {
            return SendResult.TOO_LARGE;
        }
        while (true)
        {
            final long queued = queuedBytes.get();
            if (queued + unsentBytes + frameLength > maxOutboundBytes)
            {
                engine.counters().onBackPressure();
                return SendResult.BACK_PRESSURED;
            }
            if (queuedBytes.compareAndSet(queued, queued + frameLength))
            {
                // Check again after reserving: the engine sets the state before it reads queuedBytes, so either
                // it sees this reservation (and keeps the connection until the record is drained and reported),
                // or this thread sees the state change and the send is refused here, never lost in between.
                final ConnectionState after = state;
                if (ConnectionState.OPEN != after)
                {
                    queuedBytes.addAndGet(-frameLength);
                    return ConnectionState.CLOSED == after ? SendResult.CLOSED : SendResult.NOT_CONNECTED;
                }
                return SendResult.OK;
            }
        }
    }

    private static void checkControlLength(final int length)
    {
        if (length > Opcode.MAX_CONTROL_PAYLOAD)
        {
            throw new IllegalArgumentException("control frame payload over 125 bytes: " + length);
        }
    }

    Connection connection()
    {
        return connection;
    }

    EngineFuture<WebSocketConnection> openFutureForEngine()
    {
        return openFuture;
    }

    void state(final ConnectionState state)
    {
        this.state = state;
    }

    void subprotocol(final String subprotocol)
    {
        this.subprotocol = subprotocol;
    }

    void tlsSession(final SSLSession tlsSession)
    {
        this.tlsSession = tlsSession;
    }

    void deflateParameters(final DeflateParameters deflateParameters)
    {
        this.deflateParameters = deflateParameters;
    }

    void unsentBytes(final int unsentBytes)
    {
        this.unsentBytes = unsentBytes;
    }

    /**
     * Give back the room reserved for a send from another thread (whether it was written or dropped).
     */
    void releaseQueued(final int payloadLength)
    {
        queuedBytes.addAndGet(-(payloadLength + FrameEncoder.MAX_HEADER_LENGTH));
    }

    long queuedBytes()
    {
        return queuedBytes.get();
    }
}
