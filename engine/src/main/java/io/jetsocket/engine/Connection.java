/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.frame.CloseCode;
import io.jetsocket.engine.frame.DecoderState;
import io.jetsocket.engine.frame.FrameDecoder;
import io.jetsocket.engine.frame.FrameEncoder;
import io.jetsocket.engine.frame.FrameHandler;
import io.jetsocket.engine.frame.Opcode;
import io.jetsocket.engine.handshake.HandshakeException;
import io.jetsocket.engine.handshake.HandshakeKeys;
import io.jetsocket.engine.handshake.HandshakeRequest;
import io.jetsocket.engine.handshake.HandshakeRequestEncoder;
import io.jetsocket.engine.handshake.HandshakeResponseParser;
import io.jetsocket.engine.handshake.HandshakeResult;
import io.jetsocket.engine.handshake.HandshakeValidator;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The engine-thread side of one connection: socket, read buffer, decoder, outbound bytes and the
 * connection state machine (see {@link ConnectionState}). Everything here runs on the engine thread.
 */
final class Connection implements FrameHandler
{
    private static final byte[] NO_BYTES = new byte[0];

    private final WebSocketConnection handle;
    private final ConnectRequest request;
    private final WebSocketListener listener;
    private final WebSocketEngine engine;
    private final EngineContext context;
    private final FrameDecoder decoder;
    private final OutboundBuffer outbound;
    private final UnsafeBuffer arrayView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer pendingPong = new UnsafeBuffer(new byte[Opcode.MAX_CONTROL_PAYLOAD]);
    private int pendingPongLength = -1;

    private ByteBuffer readByteBuffer;
    private UnsafeBuffer readBuffer;
    private int readPosition;
    private int readLimit;

    private SocketChannel channel;
    private SelectionKey selectionKey;
    private ConnectionState state = ConnectionState.RESOLVING;
    private HandshakeResponseParser responseParser;
    private String expectedAccept;
    private long timerId = WebSocketEngine.NO_TIMER;

    private boolean closeSent;
    private boolean closeReceived;
    private boolean remoteInitiatedClose;
    private boolean shutdownOutputAfterFlush;
    private int closeCode = CloseCode.ABNORMAL;
    private String closeReason = "";

    Connection(
        final WebSocketConnection handle,
        final ConnectRequest request,
        final WebSocketListener listener,
        final WebSocketEngine engine,
        final EngineContext context)
    {
        this.handle = handle;
        this.request = request;
        this.listener = listener;
        this.engine = engine;
        this.context = context;
        this.decoder = new FrameDecoder(
            Math.min(context.maxFrameLength(), request.maxMessageLength(context)),
            request.maxMessageLength(context),
            context.receiveBufferLength(),
            context.maxFragments());
        // Room beyond the cap for what must go out whatever the backlog: the handshake request and the
        // close frame (a pending pong is kept aside, not queued).
        this.outbound = new OutboundBuffer(context.maxOutboundBytes() + HandshakeRequest.MAX_ENCODED_LENGTH);
    }

    WebSocketConnection handle()
    {
        return handle;
    }

    ConnectionState state()
    {
        return state;
    }

    // ---------------------------------------------------------------- connect and handshake

    void start(final long nowNs)
    {
        timerId = engine.scheduleTimer(nowNs + request.connectTimeoutNs(context), this);
    }

    void onResolved(final InetSocketAddress address)
    {
        if (ConnectionState.RESOLVING != state)
        {
            return;
        }
        try
        {
            moveTo(ConnectionState.CONNECTING);
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, context.tcpNoDelay());
            if (context.socketReceiveBufferSize() > 0)
            {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, context.socketReceiveBufferSize());
            }
            if (context.socketSendBufferSize() > 0)
            {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, context.socketSendBufferSize());
            }
            final boolean connected = channel.connect(address);
            selectionKey = engine.register(channel, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
            if (connected)
            {
                onConnected();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(new WebSocketException("connect to " + address + " failed for " + request.uri(), ex));
        }
    }

    void onResolveFailed(final Throwable cause)
    {
        fail(new WebSocketException("cannot resolve host of " + request.uri() + ": " + cause.getMessage(), cause));
    }

    private void onConnected() throws IOException
    {
        moveTo(ConnectionState.HANDSHAKING);
        readByteBuffer = ByteBuffer.allocateDirect(context.receiveBufferLength());
        readBuffer = new UnsafeBuffer(readByteBuffer);
        responseParser = new HandshakeResponseParser(
            context.maxHandshakeHeaderBytes(), context.maxHandshakeHeaderCount());
        final String key = HandshakeKeys.newKey();
        expectedAccept = HandshakeKeys.acceptFor(key);
        final byte[] requestBytes = HandshakeRequestEncoder.encode(request.handshake(), key);
        arrayView.wrap(requestBytes);
        outbound.append(arrayView, 0, requestBytes.length);
        selectionKey.interestOps(SelectionKey.OP_READ);
        flush();
    }

    /**
     * Feed bytes of the handshake response. Returns true once the connection is open, with
     * {@link #readPosition} at the first frame byte that followed the response.
     */
    private boolean onHandshakeBytes(final int offset, final int length)
    {
        final int consumed = responseParser.parse(readBuffer, offset, length);
        if (HandshakeResponseParser.NEED_MORE == consumed)
        {
            readPosition = readLimit; // the parser keeps what it needs
            return false;
        }
        final HandshakeResult result = HandshakeValidator.validate(request.handshake(), expectedAccept, responseParser);
        responseParser = null;
        readPosition = offset + consumed;
        engine.cancelTimer(timerId);
        timerId = WebSocketEngine.NO_TIMER;
        handle.subprotocol(result.subprotocol());
        moveTo(ConnectionState.OPEN);
        try
        {
            listener.onOpen(handle);
        }
        catch (final Throwable ex)
        {
            onCallbackError(ex);
        }
        return ConnectionState.OPEN == state || ConnectionState.CLOSING == state;
    }

    // ---------------------------------------------------------------- I/O readiness

    int onSelected(final int readyOps)
    {
        int work = 0;
        try
        {
            if ((readyOps & SelectionKey.OP_CONNECT) != 0)
            {
                if (channel.finishConnect())
                {
                    onConnected();
                }
                work++;
            }
            // Read before writing: a server that closed may have sent its close frame, and a write to the
            // closed socket would fail first and hide it.
            if ((readyOps & SelectionKey.OP_READ) != 0 && ConnectionState.CLOSED != state)
            {
                work += onReadable();
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0 && ConnectionState.CLOSED != state)
            {
                work += onWritable();
            }
        }
        catch (final HandshakeException ex)
        {
            fail(ex);
        }
        catch (final IOException ex)
        {
            onTransportError(ex);
        }
        return work;
    }

    private int onReadable() throws IOException
    {
        compactReadBuffer();
        readByteBuffer.limit(readByteBuffer.capacity()).position(readLimit);
        final int read = channel.read(readByteBuffer);
        if (read < 0)
        {
            onEndOfStream();
            return 1;
        }
        if (0 == read)
        {
            return 0;
        }
        final int start = readLimit;
        readLimit += read;
        if (ConnectionState.HANDSHAKING == state && !onHandshakeBytes(start, read))
        {
            return read;
        }
        if (ConnectionState.OPEN == state || ConnectionState.CLOSING == state)
        {
            decodeAvailable();
        }
        return read;
    }

    private void compactReadBuffer()
    {
        if (readPosition == readLimit)
        {
            readPosition = 0;
            readLimit = 0;
        }
        else if (readPosition > 0)
        {
            final int remaining = readLimit - readPosition;
            readBuffer.putBytes(0, readBuffer, readPosition, remaining);
            readPosition = 0;
            readLimit = remaining;
        }
    }

    private void decodeAvailable()
    {
        readPosition += decoder.decode(readBuffer, readPosition, readLimit - readPosition, this);
        if (DecoderState.FAILED == decoder.state() && ConnectionState.OPEN == state)
        {
            failProtocol(decoder.failureCode(), decoder.failureReason());
        }
    }

    private int onWritable() throws IOException
    {
        final int written = flush();
        if (outbound.isEmpty() && pendingPongLength >= 0 && !closeSent)
        {
            final int length = pendingPongLength;
            pendingPongLength = -1;
            writeFrame(Opcode.FIN_BIT | Opcode.PONG, pendingPong, 0, length);
        }
        return written;
    }

    private int flush() throws IOException
    {
        final int written = outbound.flushTo(channel);
        handle.unsentBytes(outbound.size());
        if (outbound.isEmpty())
        {
            if (shutdownOutputAfterFlush)
            {
                shutdownOutputAfterFlush = false;
                channel.shutdownOutput();
            }
            interest(SelectionKey.OP_READ);
        }
        else
        {
            interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
        return written;
    }

    private void interest(final int ops)
    {
        if (selectionKey.interestOps() != ops)
        {
            selectionKey.interestOps(ops);
        }
    }

    private void onEndOfStream()
    {
        if (ConnectionState.CLOSING == state)
        {
            finishClose();
        }
        else if (ConnectionState.HANDSHAKING == state)
        {
            fail(new WebSocketException("server closed the connection during the opening handshake: " +
                request.uri()));
        }
        else
        {
            fail(new WebSocketException("connection lost: server closed TCP without a close frame: " +
                request.uri()));
        }
    }

    private void onTransportError(final IOException ex)
    {
        if (ConnectionState.CLOSING == state && closeReceived)
        {
            finishClose(); // the close handshake is done; a reset now loses nothing
            return;
        }
        fail(new WebSocketException("connection lost: " + ex.getMessage() + ": " + request.uri(), ex));
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
        final int frameLength = FrameEncoder.frameLength(length);
        if (frameLength > context.maxOutboundBytes())
        {
            return SendResult.TOO_LARGE;
        }
        if (!outbound.isEmpty() && outbound.size() + handle.queuedBytes() + frameLength > context.maxOutboundBytes())
        {
            return SendResult.BACK_PRESSURED;
        }
        writeFrame(Opcode.FIN_BIT | opcode, buffer, offset, length);
        return SendResult.OK;
    }

    int send(final int opcode, final byte[] bytes, final int offset, final int length)
    {
        arrayView.wrap(bytes);
        return send(opcode, arrayView, offset, length);
    }

    /**
     * A send taken off the cross-thread queue: room was reserved when it was offered.
     */
    void sendQueued(final int opcode, final DirectBuffer buffer, final int offset, final int length)
    {
        if (ConnectionState.OPEN == state)
        {
            writeFrame(Opcode.FIN_BIT | opcode, buffer, offset, length);
        }
        // Only now, with the frame counted in the unsent bytes, may producers have the room back.
        handle.releaseQueued(length);
    }

    private void writeFrame(final int firstByte, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            final int frameLength = FrameEncoder.frameLength(length);
            final UnsafeBuffer scratch = engine.sendScratch();
            if (outbound.isEmpty() && frameLength <= scratch.capacity())
            {
                final int encoded = engine.encoder().encode(firstByte, buffer, offset, length, scratch, 0);
                final ByteBuffer scratchBytes = engine.sendScratchBytes();
                scratchBytes.limit(encoded).position(0);
                final int written = channel.write(scratchBytes);
                if (written < encoded)
                {
                    outbound.append(scratch, written, encoded - written);
                    handle.unsentBytes(outbound.size());
                    interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            }
            else
            {
                final boolean wasEmpty = outbound.isEmpty();
                final int at = outbound.claim(frameLength);
                outbound.commit(engine.encoder().encode(firstByte, buffer, offset, length, outbound.buffer(), at));
                if (wasEmpty)
                {
                    flush();
                }
                else
                {
                    handle.unsentBytes(outbound.size());
                }
            }
        }
        catch (final IOException ex)
        {
            onTransportError(ex);
        }
    }

    private void sendClose(final int code, final byte[] reason)
    {
        closeSent = true;
        final UnsafeBuffer scratch = engine.sendScratch();
        final int length = engine.encoder().encodeClose(code, reason, scratch, 0);
        if (outbound.isEmpty())
        {
            try
            {
                final ByteBuffer scratchBytes = engine.sendScratchBytes();
                scratchBytes.limit(length).position(0);
                final int written = channel.write(scratchBytes);
                if (written < length)
                {
                    outbound.append(scratch, written, length - written);
                    interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            }
            catch (final IOException ex)
            {
                onTransportError(ex);
            }
        }
        else
        {
            outbound.append(scratch, 0, length);
        }
    }

    // ---------------------------------------------------------------- closing

    void closeFromUser(final int code, final byte[] reason)
    {
        switch (state)
        {
            case OPEN:
                closeCode = code;
                closeReason = new String(reason, StandardCharsets.UTF_8);
                sendClose(code, reason);
                if (ConnectionState.OPEN == state)
                {
                    moveTo(ConnectionState.CLOSING);
                    restartTimer(context.closeTimeoutNs());
                }
                break;

            case CLOSING:
            case CLOSED:
                break;

            default:
                terminate(CloseCode.ABNORMAL, "closed by the application before the connection opened", false);
                break;
        }
    }

    void closeQueued(final DirectBuffer buffer, final int offset, final int length)
    {
        final int code = ((buffer.getByte(offset) & 0xFF) << 8) | (buffer.getByte(offset + 1) & 0xFF);
        final byte[] reason = new byte[length - 2];
        buffer.getBytes(offset + 2, reason);
        closeFromUser(code, reason);
    }

    private void failProtocol(final int code, final String reason)
    {
        final ProtocolException error = new ProtocolException(code, reason + " (close " + code + "): " + request.uri());
        notifyError(error);
        if (ConnectionState.OPEN != state)
        {
            return;
        }
        closeCode = code;
        closeReason = reason;
        sendClose(code, reason.getBytes(StandardCharsets.US_ASCII));
        moveTo(ConnectionState.CLOSING);
        restartTimer(context.closeTimeoutNs());
        try
        {
            // RFC 6455 §7.1.7: fail the connection. Half-close so the peer sees our close frame and then
            // FIN, instead of a reset that could destroy the close frame in flight.
            if (outbound.isEmpty())
            {
                channel.shutdownOutput();
            }
            else
            {
                shutdownOutputAfterFlush = true;
            }
        }
        catch (final IOException ex)
        {
            terminate(code, reason, false);
        }
    }

    private void finishClose()
    {
        if (closeReceived)
        {
            terminate(closeCode, closeReason, remoteInitiatedClose);
        }
        else if (closeSent && CloseCode.ABNORMAL != closeCode && decoder.state() == DecoderState.FAILED)
        {
            terminate(closeCode, closeReason, false);
        }
        else
        {
            terminate(CloseCode.ABNORMAL, "connection closed before the closing handshake finished", false);
        }
    }

    void onTimer(final long expiredTimerId)
    {
        if (expiredTimerId != timerId)
        {
            return;
        }
        timerId = WebSocketEngine.NO_TIMER;
        if (ConnectionState.CLOSING == state)
        {
            if (!closeReceived && DecoderState.FAILED != decoder.state())
            {
                notifyError(new TimeoutException(TimeoutException.Operation.CLOSE, context.closeTimeoutNs(),
                    request.uri().toString()));
            }
            finishClose();
        }
        else if (ConnectionState.CLOSED != state && ConnectionState.OPEN != state)
        {
            fail(new TimeoutException(TimeoutException.Operation.CONNECT, request.connectTimeoutNs(context),
                request.uri() + " (state " + state + ")"));
        }
    }

    /**
     * Abort without a closing handshake (engine shutdown).
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
        notifyError(error);
        terminate(CloseCode.ABNORMAL, error.getMessage(), false);
    }

    private void terminate(final int code, final String reason, final boolean remote)
    {
        if (ConnectionState.CLOSED == state)
        {
            return;
        }
        moveTo(ConnectionState.CLOSED);
        engine.cancelTimer(timerId);
        timerId = WebSocketEngine.NO_TIMER;
        if (null != selectionKey)
        {
            selectionKey.cancel();
        }
        CloseHelper.quietClose(channel);
        engine.onTerminated(this);
        try
        {
            listener.onClose(handle, code, reason, remote);
        }
        catch (final Throwable ex)
        {
            engine.context().errorHandler().onError(ex);
        }
    }

    /**
     * Free native memory; called by the engine after the duty cycle in which the connection closed, so
     * that no callback still holds a view of the read buffer.
     */
    void releaseResources()
    {
        outbound.release();
        if (null != readByteBuffer)
        {
            BufferUtil.free(readByteBuffer);
            readByteBuffer = null;
            readBuffer = null;
        }
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

    private void notifyError(final Throwable error)
    {
        try
        {
            listener.onError(handle, error);
        }
        catch (final Throwable ex)
        {
            engine.context().errorHandler().onError(ex);
        }
    }

    private void onCallbackError(final Throwable ex)
    {
        if (ex instanceof Error && !(ex instanceof AssertionError))
        {
            throw (Error)ex;
        }
        notifyError(ex);
    }

    // ---------------------------------------------------------------- FrameHandler

    @Override
    public void onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            listener.onMessage(handle, Opcode.TEXT == opcode ? MessageType.TEXT : MessageType.BINARY,
                buffer, offset, length);
        }
        catch (final Throwable ex)
        {
            onCallbackError(ex);
        }
    }

    @Override
    public void onPing(final DirectBuffer buffer, final int offset, final int length)
    {
        // Answer before any user code runs (RFC 6455 §5.5.2). When bytes are already waiting for the
        // socket, keep only the latest ping's payload: §5.5.3 allows answering just the most recent.
        if (ConnectionState.OPEN == state)
        {
            if (outbound.isEmpty())
            {
                writeFrame(Opcode.FIN_BIT | Opcode.PONG, buffer, offset, length);
            }
            else
            {
                pendingPong.putBytes(0, buffer, offset, length);
                pendingPongLength = length;
            }
        }
        try
        {
            listener.onPing(handle, buffer, offset, length);
        }
        catch (final Throwable ex)
        {
            onCallbackError(ex);
        }
    }

    @Override
    public void onPong(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            listener.onPong(handle, buffer, offset, length);
        }
        catch (final Throwable ex)
        {
            onCallbackError(ex);
        }
    }

    @Override
    public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
    {
        closeReceived = true;
        closeCode = code;
        closeReason = buffer.getStringWithoutLengthUtf8(reasonOffset, reasonLength);
        if (!closeSent)
        {
            remoteInitiatedClose = true;
            sendClose(CloseCode.NO_STATUS == code ? CloseCode.NO_STATUS : code, NO_BYTES); // echo the code
        }
        if (ConnectionState.OPEN == state)
        {
            moveTo(ConnectionState.CLOSING);
        }
        // The server closes TCP first (RFC 6455 §7.1.1); wait for it, but not forever.
        restartTimer(context.closeTimeoutNs());
    }
}
