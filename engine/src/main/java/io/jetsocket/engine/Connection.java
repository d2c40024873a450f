/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.transport.Transport;
import io.jetsocket.engine.deflate.DeflateParameters;
import io.jetsocket.engine.deflate.MessageDeflater;
import io.jetsocket.engine.deflate.MessageInflater;
import io.jetsocket.engine.deflate.PerMessageDeflate;
import io.jetsocket.engine.frame.CloseCode;
import io.jetsocket.engine.frame.DecoderState;
import io.jetsocket.engine.frame.FrameDecoder;
import io.jetsocket.engine.frame.FrameHandler;
import io.jetsocket.engine.frame.Opcode;
import io.jetsocket.engine.frame.Utf8Encoder;
import io.jetsocket.engine.handshake.HandshakeException;
import io.jetsocket.engine.handshake.HandshakeRequest;
import io.jetsocket.engine.handshake.HandshakeResponseParser;
import io.jetsocket.engine.handshake.HandshakeResult;
import io.jetsocket.engine.handshake.NegotiatedExtension;
import io.jetsocket.engine.status.EngineCounters;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;

/**
 * The engine-thread side of one connection: its state machine ({@link ConnectionState}) and the listener's
 * callbacks, over the endpoints that do the work, as Artio splits a session from its endpoints:
 * {@link ConnectPipeline} (TCP, proxy, TLS, upgrade), {@link ReceiverEndpoint} (reads and decoding),
 * {@link SenderEndpoint} (framing, compression, queued bytes, control frames first) and {@link CloseHandshake}.
 * Everything here runs on the engine thread.
 */
final class Connection implements FrameHandler, SenderEndpoint.UnsentReporter, ReceiverEndpoint.Input, EngineTimer
{
    private final WebSocketConnection handle;
    private final ConnectRequest request;
    private final ListenerInvoker listener;
    private final WebSocketEngine engine;
    private final EngineContext context;
    private final EngineCounters counters;
    private final FrameDecoder decoder;
    private final ConnectPipeline pipeline;
    private final ReceiverEndpoint receiver;
    private final SenderEndpoint sender;
    private final CloseHandshake close;
    private final UnsafeBuffer arrayView = new UnsafeBuffer(0, 0);
    private MessageInflater inflater;
    private MessageDeflater deflater;
    private ConnectionState state = ConnectionState.RESOLVING;
    private long timerId = WebSocketEngine.NO_TIMER;
    private Throwable failure;

    Connection(
        final WebSocketConnection handle,
        final ConnectRequest request,
        final WebSocketListener listener,
        final WebSocketEngine engine,
        final EngineContext context)
    {
        this.handle = handle;
        this.request = request;
        this.listener = new ListenerInvoker(handle, listener, context.errorHandler());
        this.engine = engine;
        this.context = context;
        this.counters = context.counters();
        this.decoder = new FrameDecoder(
            Math.min(context.maxFrameLength(), request.maxMessageLength(context)),
            request.maxMessageLength(context),
            context.receiveBufferLength(),
            context.maxFragments());
        this.pipeline = new ConnectPipeline(this, request, engine, context);
        this.receiver = new ReceiverEndpoint(engine.buffers().readBuffers(), decoder, counters);
        this.sender = new SenderEndpoint(
            handle, engine.buffers(), counters, context.maxOutboundBytes(), HandshakeRequest.MAX_ENCODED_LENGTH, this);
        this.close = new CloseHandshake(
            this, sender, this.listener, counters, decoder, request.uri().toString(), context.closeTimeoutNs());
    }

    WebSocketConnection handle()
    {
        return handle;
    }

    ConnectionState state()
    {
        return state;
    }

    // ---------------------------------------------------------------- connect (driven by the pipeline)

    void start(final long nowNs)
    {
        counters.onConnectStarted();
        timerId = engine.scheduleTimer(nowNs + request.connectTimeoutNs(context), this);
    }

    void onResolved(final InetSocketAddress address)
    {
        if (ConnectionState.RESOLVING != state)
        {
            return;
        }
        final boolean connected;
        try
        {
            moveTo(ConnectionState.CONNECTING);
            connected = pipeline.connect(address);
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(pipeline.connectFailure(ex));
            return;
        }
        if (connected)
        {
            onSelected(SelectionKey.OP_CONNECT); // at once (loopback): carry on as the selector would
        }
    }

    void onResolveFailed(final Throwable cause)
    {
        fail(new WebSocketException("cannot resolve host of " + request.uri() + ": " + cause.getMessage(), cause));
    }

    void onTransportReady(final Transport transport)
    {
        sender.transport(transport);
        if (null == receiver.buffer())
        {
            receiver.start();
        }
    }

    void onTlsEstablished(final SSLSession session)
    {
        handle.tlsSession(session);
    }

    void onUpgradeStarted()
    {
        moveTo(ConnectionState.HANDSHAKING);
    }

    /**
     * Handshake bytes (proxy or upgrade request): written before anything else.
     */
    void sendRaw(final byte[] bytes) throws IOException
    {
        sender.writeRaw(bytes);
        interestAfterWrite();
    }

    /**
     * The upgrade response was valid: the connection is open.
     */
    void onUpgraded(final HandshakeResult result)
    {
        configureExtensions(result);
        engine.cancelTimer(timerId);
        timerId = WebSocketEngine.NO_TIMER;
        handle.subprotocol(result.subprotocol());
        moveTo(ConnectionState.OPEN);
        counters.onConnectionOpened();
        listener.onOpen();
        handle.openFutureForEngine().complete(handle);
    }

    /**
     * Switch permessage-deflate on when the server accepted it, after checking its parameters.
     */
    private void configureExtensions(final HandshakeResult result)
    {
        final NegotiatedExtension accepted = result.extension(PerMessageDeflate.EXTENSION_NAME);
        if (null != accepted)
        {
            final DeflateParameters parameters = PerMessageDeflate.negotiate(
                accepted, request.deflateOffers(), request.uri().toString(), result.headers());
            inflater = new MessageInflater(parameters.serverNoContextTakeover());
            deflater = new MessageDeflater(
                request.compressionLevel(), parameters.clientNoContextTakeover(), parameters.clientMaxWindowBits());
            decoder.inflater(inflater);
            sender.deflater(deflater, request.compressionThreshold());
            handle.deflateParameters(parameters);
        }
    }

    // ---------------------------------------------------------------- I/O readiness

    int onSelected(final int readyOps)
    {
        int work = 0;
        try
        {
            if ((readyOps & SelectionKey.OP_CONNECT) != 0)
            {
                pipeline.onConnectable();
                work++;
            }
            // Read before writing: a server that closed may have sent its close frame, and a write to the
            // closed socket would fail first and hide it.
            if ((readyOps & SelectionKey.OP_READ) != 0 && ConnectionState.CLOSED != state)
            {
                work += pipeline.isBelowUpgrade() ?
                    pipeline.onReadable(receiver.buffer(), receiver.byteBuffer()) : onStreamReadable();
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0 && ConnectionState.CLOSED != state)
            {
                work += onWritable();
            }
        }
        catch (final HandshakeException | ProxyException ex)
        {
            fail(ex);
        }
        catch (final IOException ex)
        {
            onTransportError(ex);
        }
        return work;
    }

    int onStreamReadable() throws IOException
    {
        return receiver.readAndHandle(pipeline.transport(), this);
    }

    @Override
    public void onBytes(final ReceiverEndpoint receiver, final int start, final int length)
    {
        engine.stampReceive(); // once per read: every message decoded from these bytes shares the stamp
        if (ConnectionState.HANDSHAKING == state)
        {
            final int consumed = pipeline.onUpgradeBytes(receiver.buffer(), start, length);
            if (HandshakeResponseParser.NEED_MORE == consumed)
            {
                receiver.consumedTo(receiver.limit()); // the parser keeps what it needs
                return;
            }
            receiver.consumedTo(start + consumed); // frames may follow the response in the same read
        }
        if (ConnectionState.OPEN == state || ConnectionState.CLOSING == state)
        {
            receiver.decode(this);
            if (DecoderState.FAILED == decoder.state() && ConnectionState.OPEN == state)
            {
                close.failProtocol(decoder.failureCode(), decoder.failureReason());
            }
        }
    }

    @Override
    public boolean isReading()
    {
        return ConnectionState.CLOSED != state;
    }

    @Override
    public void onEndOfStream()
    {
        if (ConnectionState.CLOSING == state)
        {
            close.finish();
        }
        else if (ConnectionState.OPEN == state)
        {
            fail(new WebSocketException("connection lost: server closed TCP without a close frame: " +
                request.uri()));
        }
        else
        {
            fail(pipeline.endOfStreamBeforeOpen());
        }
    }

    private int onWritable() throws IOException
    {
        if (ConnectStage.TLS == pipeline.stage())
        {
            pipeline.onWritable();
            return 1;
        }
        final int written = sender.flush();
        interestAfterWrite();
        return written;
    }

    /**
     * Ask for OP_WRITE while bytes wait: queued data, control frames, or bytes inside the transport.
     */
    void interestAfterWrite()
    {
        pipeline.interest(sender.wantsWrite() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /**
     * Whether the message now being delivered arrived compressed (permessage-deflate) and was inflated.
     *
     * @return valid on the engine thread during the listener's onMessage.
     */
    boolean isDeliveringInflated()
    {
        return decoder.isDeliveringInflated();
    }

    void onTransportError(final IOException ex)
    {
        if (ConnectionState.CLOSING == state && close.codeSettled())
        {
            close.finish(); // the close code is settled; a reset now loses nothing
            return;
        }
        fail(pipeline.transportFailure(ex));
    }

    // ---------------------------------------------------------------- sends

    /**
     * A send from the user on the engine thread: checked against state and the outbound cap.
     */
    int send(final int opcode, final DirectBuffer buffer, final int offset, final int length)
    {
        if (ConnectionState.OPEN != state)
        {
            return ConnectionState.CLOSED == state ? SendResult.CLOSED : SendResult.NOT_CONNECTED;
        }
        final int room = sender.roomFor(length);
        if (SendResult.OK == room)
        {
            writeMessage(opcode, buffer, offset, length);
        }
        else if (SendResult.BACK_PRESSURED == room)
        {
            counters.onBackPressure();
        }
        return room;
    }

    int send(final int opcode, final byte[] bytes, final int offset, final int length)
    {
        arrayView.wrap(bytes);
        return send(opcode, arrayView, offset, length);
    }

    /**
     * A text send from the engine thread: encoded into the engine's text scratch, then sent like any buffer.
     */
    int sendText(final CharSequence text, final int utf8Length)
    {
        final MutableDirectBuffer scratch = engine.buffers().textScratch(utf8Length);
        Utf8Encoder.encode(text, scratch, 0);
        return send(Opcode.TEXT, scratch, 0, utf8Length);
    }

    /**
     * A send taken off the cross-thread channel: room was reserved when it was offered.
     */
    void sendQueued(final int opcode, final DirectBuffer buffer, final int offset, final int length)
    {
        if (ConnectionState.OPEN == state)
        {
            writeMessage(opcode, buffer, offset, length);
        }
        else if (Opcode.TEXT == opcode || Opcode.BINARY == opcode)
        {
            onUnsentMessage(Opcode.TEXT == opcode ? MessageType.TEXT : MessageType.BINARY, buffer, offset, length);
        }
        // Only now, with the frame counted in the unsent bytes, may producers have the room back.
        handle.releaseQueued(length);
    }

    private void writeMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            sender.writeMessage(opcode, buffer, offset, length);
            if (!Opcode.isControl(opcode))
            {
                counters.onMessageSent();
            }
            if (sender.wantsWrite())
            {
                pipeline.interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }
        catch (final IOException ex)
        {
            onTransportError(ex);
        }
    }

    // ---------------------------------------------------------------- closing

    /**
     * The application's close (engine thread), with the time to wait for the server's close and TCP.
     */
    void closeFromUser(final int code, final byte[] reason, final long timeoutNs)
    {
        close.closeFromUser(code, reason, timeoutNs);
    }

    void closeQueued(final DirectBuffer buffer, final int offset, final int length)
    {
        close.closeQueued(buffer, offset, length);
    }

    /**
     * Closing has begun (either side's close frame): wait this long for the rest of the handshake and TCP.
     */
    void moveToClosing(final long timeoutNs)
    {
        if (ConnectionState.OPEN == state)
        {
            moveTo(ConnectionState.CLOSING);
        }
        restartTimer(timeoutNs);
    }

    @Override
    public void onTimer(final long expiredTimerId)
    {
        if (expiredTimerId != timerId)
        {
            return;
        }
        timerId = WebSocketEngine.NO_TIMER;
        if (ConnectionState.CLOSING == state)
        {
            close.onTimeout();
        }
        else if (ConnectionState.CLOSED != state && ConnectionState.OPEN != state)
        {
            counters.onConnectTimeout();
            fail(new TimeoutException(TimeoutException.Operation.CONNECT, request.connectTimeoutNs(context),
                request.uri() + " (state " + state + ", " + pipeline.stage().description() + ")"));
        }
    }

    /**
     * Abort without a closing handshake (the application's abort, engine shutdown).
     */
    void abort(final String reason)
    {
        terminate(CloseCode.ABNORMAL, reason, false);
    }

    private void fail(final Throwable error)
    {
        if (ConnectionState.CLOSED == state)
        {
            return;
        }
        failure = error;
        listener.onError(error);
        terminate(CloseCode.ABNORMAL, error.getMessage(), false);
    }

    void terminate(final int code, final String reason, final boolean remote)
    {
        if (ConnectionState.CLOSED == state)
        {
            return;
        }
        final boolean wasOpen = ConnectionState.OPEN == state || ConnectionState.CLOSING == state;
        moveTo(ConnectionState.CLOSED);
        engine.cancelTimer(timerId);
        timerId = WebSocketEngine.NO_TIMER;
        pipeline.close();
        if (wasOpen)
        {
            counters.onConnectionClosed();
            sender.discardUnsent(); // before onClose: what never left goes back to the application first
        }
        else
        {
            counters.onConnectionFailed();
        }
        engine.onTerminated(this);
        listener.onClose(code, reason, remote);
        if (!handle.openFutureForEngine().isDone())
        {
            handle.openFutureForEngine().completeExceptionally(null != failure ? failure :
                new WebSocketException("connection ended before it opened (" + code + " " + reason + "): " +
                request.uri()));
        }
    }

    /**
     * Free memory; called by the engine after the duty cycle in which the connection closed, so that no callback
     * still holds a view of the read buffer. A closed connection the application keeps holds nothing large.
     */
    void releaseResources()
    {
        sender.release();
        decoder.release();
        receiver.release();
        pipeline.release();
        // Their native memory is the classic leak of permessage-deflate: end them on every path.
        if (null != inflater)
        {
            inflater.close();
        }
        if (null != deflater)
        {
            deflater.close();
        }
    }

    /**
     * Bytes this connection holds beyond its fixed fields (private read buffer, reassembly, outbound), for tests
     * and diagnostics.
     */
    long retainedBytes()
    {
        return receiver.privateBytes() + decoder.retainedBytes() + sender.retainedBytes();
    }

    private void restartTimer(final long timeoutNs)
    {
        engine.cancelTimer(timerId);
        timerId = engine.scheduleTimer(engine.nowNs() + timeoutNs, this);
    }

    private void moveTo(final ConnectionState next)
    {
        if (!state.canMoveTo(next))
        {
            throw new IllegalStateException("connection " + handle.id() + ": " + state + " -> " + next);
        }
        state = next;
        handle.state(next);
    }

    // ---------------------------------------------------------------- UnsentReporter

    @Override
    public void onUnsentMessage(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        counters.onSendDropped(length);
        listener.onSendDropped(type, buffer, offset, length);
    }

    @Override
    public void onUnsentDiscarded(final int messages, final long bytes)
    {
        counters.onSendsDropped(messages, bytes);
        listener.onUnsentDiscarded(messages, bytes);
    }

    // ---------------------------------------------------------------- FrameHandler

    @Override
    public void onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
    {
        counters.onMessageReceived();
        listener.onMessage(Opcode.TEXT == opcode ? MessageType.TEXT : MessageType.BINARY, buffer, offset, length);
    }

    @Override
    public void onPing(final DirectBuffer buffer, final int offset, final int length)
    {
        // Answer before any user code runs (RFC 6455 §5.5.2); queued data does not delay it: the pong goes at the
        // next frame boundary (SenderEndpoint).
        if (ConnectionState.OPEN == state)
        {
            try
            {
                sender.pong(buffer, offset, length);
                if (sender.wantsWrite())
                {
                    pipeline.interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            }
            catch (final IOException ex)
            {
                onTransportError(ex);
                return;
            }
        }
        listener.onPing(buffer, offset, length);
    }

    @Override
    public void onPong(final DirectBuffer buffer, final int offset, final int length)
    {
        listener.onPong(buffer, offset, length);
    }

    @Override
    public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
    {
        close.onCloseFrame(code, buffer, reasonOffset, reasonLength);
    }
}
