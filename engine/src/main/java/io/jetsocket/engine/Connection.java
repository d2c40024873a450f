/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.deflate.DeflateParameters;
import io.jetsocket.engine.deflate.MessageDeflater;
import io.jetsocket.engine.deflate.MessageInflater;
import io.jetsocket.engine.deflate.PerMessageDeflate;
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
import io.jetsocket.engine.handshake.NegotiatedExtension;
import io.jetsocket.engine.handshake.WebSocketUri;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine-thread side of one connection: socket, transport, read buffer, decoder, outbound bytes and the
 * connection state machine (see {@link ConnectionState}). Everything here runs on the engine thread.
 * <p>
 * Stages of the connect, all inside {@link ConnectionState#CONNECTING} and all under the connect timeout: TCP to
 * the server or the proxy; the proxy's handshake (HTTP CONNECT or SOCKS5) on the raw socket; the TLS handshake for
 * {@code wss://}, after which every byte goes through the {@link TlsTransport}; then the WebSocket upgrade
 * ({@link ConnectionState#HANDSHAKING}), whose response may switch permessage-deflate on.
 */
final class Connection implements FrameHandler
{
    private static final byte[] NO_BYTES = new byte[0];
    private static final int STAGE_TCP = 0;
    private static final int STAGE_PROXY = 1;
    private static final int STAGE_TLS = 2;
    private static final int STAGE_WEBSOCKET = 3;
    private static final String[] STAGE_NAMES = {"TCP connect", "proxy handshake", "TLS handshake", "WebSocket"};
    private static final String[] MODERN_TLS = {"TLSv1.3", "TLSv1.2"};
    private static final int MAX_READS_PER_SELECTION = 16;

    private final WebSocketConnection handle;
    private final ConnectRequest request;
    private final WebSocketListener listener;
    private final WebSocketEngine engine;
    private final EngineContext context;
    private final FrameDecoder decoder;
    private final OutboundBuffer outbound;
    private final UnsafeBuffer arrayView = new UnsafeBuffer(0, 0);
    private UnsafeBuffer pendingPong;
    private int pendingPongLength = -1;

    // The engine's shared read buffer, or a private one borrowed while a partial frame is left over (ReadBuffers).
    private ReadBuffers.ReadBuffer read;
    private ByteBuffer readByteBuffer;
    private UnsafeBuffer readBuffer;
    private int readPosition;
    private int readLimit;

    private SocketChannel channel;
    private Transport transport;
    private TlsTransport tls;
    private ProxyHandshake proxyHandshake;
    private int stage = STAGE_TCP;
    private MessageInflater inflater;
    private MessageDeflater deflater;
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
            if (!connected)
            {
                return;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(connectFailure(ex));
            return;
        }
        // Connected at once (loopback): carry on as the selector would, with the same failure handling.
        onSelected(SelectionKey.OP_CONNECT);
    }

    private WebSocketException connectFailure(final Exception cause)
    {
        final ProxyConfig proxy = request.proxy();
        if (null != proxy)
        {
            return new ProxyException(proxy.type(), ProxyException.Reason.CONNECT_FAILED, "cannot connect to " +
                proxy.type() + " proxy " + proxy.host() + ":" + proxy.port() + ": " + cause.getMessage() +
                " (target " + request.uri() + ")", -1, -1, null, cause);
        }
        return new WebSocketException("connect to " + request.uri().host() + ":" + request.uri().port() +
            " failed: " + cause.getMessage() + " (" + request.uri() + ")", cause);
    }

    void onResolveFailed(final Throwable cause)
    {
        fail(new WebSocketException("cannot resolve host of " + request.uri() + ": " + cause.getMessage(), cause));
    }

    private void onConnected() throws IOException
    {
        useReadBuffer(engine.readBuffers().shared());
        transport = new PlainTransport(channel);
        selectionKey.interestOps(SelectionKey.OP_READ);
        if (null != request.proxy())
        {
            stage = STAGE_PROXY;
            proxyHandshake = ProxyHandshake.create(request.proxy(), request.uri(), context.maxHandshakeHeaderBytes());
            sendRaw(proxyHandshake.start());
        }
        else
        {
            onTunnelOpen();
        }
    }

    private void sendRaw(final byte[] bytes) throws IOException
    {
        arrayView.wrap(bytes);
        outbound.append(arrayView, 0, bytes.length);
        arrayView.wrap(0, 0); // keep no reference to the request bytes
        flush();
        if (outbound.isEmpty())
        {
            // Handshake bytes went out at once (the usual case): hold no outbound memory while idle.
            outbound.release();
        }
    }

    /**
     * The proxy answered: the raw socket now leads to the server.
     */
    private int onProxyReadable() throws IOException
    {
        readByteBuffer.limit(readByteBuffer.capacity()).position(0);
        final int read = channel.read(readByteBuffer);
        if (read < 0)
        {
            fail(proxyHandshake.closed());
            return 1;
        }
        if (0 == read)
        {
            return 0;
        }
        final int consumed = proxyHandshake.onBytes(readBuffer, 0, read);
        final byte[] next = proxyHandshake.takeRequest();
        if (null != next)
        {
            sendRaw(next);
        }
        if (ProxyHandshake.NEED_MORE != consumed)
        {
            if (consumed < read)
            {
                throw proxyHandshake.trailingBytes(read - consumed);
            }
            onTunnelOpen();
        }
        return read;
    }

    private void onTunnelOpen() throws IOException
    {
        proxyHandshake = null;
        if (request.uri().isSecure())
        {
            stage = STAGE_TLS;
            tls = new TlsTransport(channel, newSslEngine());
            transport = tls;
            driveTlsHandshake();
        }
        else
        {
            startUpgrade();
        }
    }

    private SSLEngine newSslEngine() throws SSLException
    {
        final WebSocketUri uri = request.uri();
        final SSLContext sslContext;
        try
        {
            sslContext = null == request.sslContext() ? SSLContext.getDefault() : request.sslContext();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new SSLException("no default SSLContext", ex);
        }
        // Host and port let the JDK resume a cached session of the same context on reconnect.
        final SSLEngine sslEngine = sslContext.createSSLEngine(uri.host(), uri.port());
        sslEngine.setUseClientMode(true);
        final SSLParameters parameters = sslEngine.getSSLParameters();
        if (request.hostnameVerification())
        {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!WebSocketEngine.isIpLiteral(uri.host()))
        {
            try
            {
                parameters.setServerNames(List.of(new SNIHostName(uri.host())));
            }
            catch (final IllegalArgumentException ignore)
            {
                // not a name SNI can carry (RFC 6066 §3): the handshake goes without it
            }
        }
        if (null == request.sslContext())
        {
            parameters.setProtocols(modernProtocols(sslEngine.getSupportedProtocols()));
        }
        sslEngine.setSSLParameters(parameters);
        return sslEngine;
    }

    private static String[] modernProtocols(final String[] supported)
    {
        final List<String> protocols = new ArrayList<>(MODERN_TLS.length);
        for (final String protocol : MODERN_TLS)
        {
            for (final String candidate : supported)
            {
                if (candidate.equals(protocol))
                {
                    protocols.add(protocol);
                }
            }
        }
        return protocols.toArray(new String[0]);
    }

    private void driveTlsHandshake() throws IOException
    {
        if (tls.handshake())
        {
            handle.tlsSession(tls.session());
            startUpgrade();
            if (tls.hasBufferedInput() && ConnectionState.HANDSHAKING == state)
            {
                onStreamReadable();
            }
        }
        else
        {
            interest(tls.hasPendingOutput() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    private void startUpgrade() throws IOException
    {
        stage = STAGE_WEBSOCKET;
        moveTo(ConnectionState.HANDSHAKING);
        responseParser = new HandshakeResponseParser(
            context.maxHandshakeHeaderBytes(), context.maxHandshakeHeaderCount());
        final String key = HandshakeKeys.newKey();
        expectedAccept = HandshakeKeys.acceptFor(key);
        sendRaw(HandshakeRequestEncoder.encode(request.handshake(), key));
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
        configureExtensions(result);
        responseParser = null;
        expectedAccept = null;
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

    private int onReadable() throws IOException
    {
        switch (stage)
        {
            case STAGE_PROXY:
                return onProxyReadable();

            case STAGE_TLS:
                driveTlsHandshake();
                return 1;

            default:
                return onStreamReadable();
        }
    }

    /**
     * Read through the transport and handle what arrived, then move a partial frame out of the shared read buffer.
     */
    private int onStreamReadable() throws IOException
    {
        final int total = readAndDecode();
        keepLeftover();
        return total;
    }

    /**
     * Keep reading while a TLS transport holds more decrypted bytes than the buffer had room for, or while the
     * last read filled the buffer (more is likely waiting: another read is cheaper than a trip through the
     * selector). A bound on reads per selection keeps one busy connection from starving the others.
     */
    private int readAndDecode() throws IOException
    {
        int total = 0;
        int reads = 0;
        boolean filled;
        do
        {
            compactReadBuffer();
            readByteBuffer.limit(readByteBuffer.capacity()).position(readLimit);
            final int room = readByteBuffer.remaining();
            final int read = transport.read(readByteBuffer);
            if (read < 0)
            {
                onEndOfStream();
                return total + 1;
            }
            if (0 == read)
            {
                return total;
            }
            total += read;
            reads++;
            filled = read == room;
            final int start = readLimit;
            readLimit += read;
            if (ConnectionState.HANDSHAKING == state && !onHandshakeBytes(start, read))
            {
                continue;
            }
            if (ConnectionState.OPEN == state || ConnectionState.CLOSING == state)
            {
                decodeAvailable();
            }
        }
        while (ConnectionState.CLOSED != state &&
            (transport.hasBufferedInput() || (filled && reads < MAX_READS_PER_SELECTION)));
        return total;
    }

    /**
     * The shared read buffer is the next connection's as soon as this read is handled: bytes of a frame not yet
     * complete move to a borrowed private buffer, which goes back once no partial frame is left.
     */
    private void keepLeftover()
    {
        if (null == read || ConnectionState.CLOSED == state)
        {
            return;
        }
        final int remaining = readLimit - readPosition;
        if (read.isShared)
        {
            if (remaining > 0)
            {
                final ReadBuffers.ReadBuffer shared = read;
                useReadBuffer(engine.readBuffers().borrow());
                readBuffer.putBytes(0, shared.buffer, readPosition, remaining);
                readPosition = 0;
                readLimit = remaining;
            }
            else
            {
                readPosition = 0;
                readLimit = 0;
            }
        }
        else if (0 == remaining)
        {
            engine.readBuffers().giveBack(read);
            useReadBuffer(engine.readBuffers().shared());
            readPosition = 0;
            readLimit = 0;
        }
    }

    private void useReadBuffer(final ReadBuffers.ReadBuffer buffer)
    {
        read = buffer;
        readByteBuffer = buffer.byteBuffer;
        readBuffer = buffer.buffer;
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
        if (STAGE_TLS == stage)
        {
            driveTlsHandshake();
            return 1;
        }
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
        int written = transport.flushPending();
        if (!transport.hasPendingOutput())
        {
            written += outbound.flushTo(transport);
        }
        handle.unsentBytes(outbound.size());
        if (outbound.isEmpty() && shutdownOutputAfterFlush)
        {
            shutdownOutputAfterFlush = false;
            transport.shutdownOutput();
        }
        interestAfterWrite();
        return written;
    }

    /**
     * Ask for OP_WRITE while bytes wait, in the outbound buffer or inside the transport.
     */
    private void interestAfterWrite()
    {
        interest(outbound.isEmpty() && !transport.hasPendingOutput() ?
            SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
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
        if (STAGE_TLS == stage)
        {
            fail(new TlsException("server closed the connection during the TLS handshake with " + target(), null));
        }
        else if (ConnectionState.CLOSING == state)
        {
            finishClose();
        }
        else if (ConnectionState.HANDSHAKING == state)
        {
            // Through a proxy this is also what a proxy that opened the tunnel and then dropped it looks like.
            fail(new WebSocketException("server closed the connection during the opening handshake with " +
                target() + ": " + request.uri()));
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
        switch (stage)
        {
            case STAGE_TCP:
                fail(connectFailure(ex));
                break;

            case STAGE_PROXY:
                fail(proxyHandshake.failure(ProxyException.Reason.CLOSED, "connection failed before the tunnel " +
                    "was open: " + ex.getMessage(), -1, -1, null, ex));
                break;

            case STAGE_TLS:
                fail(new TlsException("TLS handshake with " + target() + " failed: " + ex.getMessage(), ex));
                break;

            default:
                fail(ex instanceof SSLException ?
                    new TlsException("TLS failure, connection lost: " + ex.getMessage() + ": " + request.uri(), ex) :
                    new WebSocketException("connection lost: " + ex.getMessage() + ": " + request.uri(), ex));
                break;
        }
    }

    private String target()
    {
        return request.uri().host() + ":" + request.uri().port() +
            (null == request.proxy() ? "" : " (through " + request.proxy() + ")");
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
        writeMessage(opcode, buffer, offset, length);
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
            writeMessage(opcode, buffer, offset, length);
        }
        else if (Opcode.TEXT == opcode || Opcode.BINARY == opcode)
        {
            try
            {
                listener.onSendDropped(handle, Opcode.TEXT == opcode ? MessageType.TEXT : MessageType.BINARY,
                    buffer, offset, length);
            }
            catch (final Throwable ex)
            {
                onCallbackError(ex);
            }
        }
        // Only now, with the frame counted in the unsent bytes, may producers have the room back.
        handle.releaseQueued(length);
    }

    /**
     * One whole message (or a ping or pong from the user): compressed when permessage-deflate is on, the message is
     * data and not below the threshold, and compression makes it shorter.
     */
    private void writeMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != deflater && length >= request.compressionThreshold() && !Opcode.isControl(opcode))
        {
            final ExpandableArrayBuffer compressed = engine.deflateScratch();
            final int compressedLength = deflater.deflate(buffer, offset, length, compressed, 0);
            if (compressedLength < length)
            {
                writeFrame(Opcode.FIN_BIT | Opcode.RSV1_BIT | opcode, compressed, 0, compressedLength);
                engine.trimDeflateScratch();
                return;
            }
            // Incompressible: send it as it is, and restart the deflate stream, since the server's inflater never
            // sees these bytes and our next message must not refer back to them.
            deflater.resetContext();
            engine.trimDeflateScratch();
        }
        writeFrame(Opcode.FIN_BIT | opcode, buffer, offset, length);
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
                final int written = transport.write(scratchBytes);
                if (written < encoded)
                {
                    outbound.append(scratch, written, encoded - written);
                    handle.unsentBytes(outbound.size());
                }
                if (written < encoded || transport.hasPendingOutput())
                {
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
                final int written = transport.write(scratchBytes);
                if (written < length)
                {
                    outbound.append(scratch, written, length - written);
                }
                if (written < length || transport.hasPendingOutput())
                {
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
                transport.shutdownOutput();
                interestAfterWrite();
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
                request.uri() + " (state " + state + ", " + STAGE_NAMES[stage] + ")"));
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
        if (null != read)
        {
            engine.readBuffers().giveBack(read);
            read = null;
            readByteBuffer = null;
            readBuffer = null;
        }
        if (null != transport)
        {
            transport.release();
        }
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
                if (null == pendingPong)
                {
                    // Rare (a ping while the socket is backed up): not worth 125 bytes on every connection.
                    pendingPong = new UnsafeBuffer(new byte[Opcode.MAX_CONTROL_PAYLOAD]);
                }
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
        if (remoteInitiatedClose)
        {
            try
            {
                listener.onClosing(handle, code, closeReason);
            }
            catch (final Throwable ex)
            {
                onCallbackError(ex);
            }
        }
    }
}
