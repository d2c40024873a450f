/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.proxy.ProxyHandshake;
import io.jetsocket.engine.transport.PlainTransport;
import io.jetsocket.engine.transport.TlsTransport;
import io.jetsocket.engine.transport.Transport;
import io.jetsocket.engine.handshake.HandshakeKeys;
import io.jetsocket.engine.handshake.HandshakeRequestEncoder;
import io.jetsocket.engine.handshake.HandshakeResponseParser;
import io.jetsocket.engine.handshake.HandshakeResult;
import io.jetsocket.engine.handshake.HandshakeValidator;
import io.jetsocket.engine.status.EngineCounters;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The connect pipeline of one connection (engine thread only): TCP to the server or the proxy, the proxy's
 * handshake on the raw socket, the TLS handshake for {@code wss://}, then the WebSocket upgrade, one
 * {@link ConnectStage} after the other. It owns the socket, its selection key and the transport stack it builds;
 * the connection asks it for the transport once the stack is up, and hands it the bytes of the upgrade response.
 * <p>
 * Sockets come from a {@link TcpChannelSupplier}: tests inject one that fails or delays where they want.
 */
final class ConnectPipeline
{
    private final Connection connection;
    private final ConnectRequest request;
    private final WebSocketEngine engine;
    private final EngineContext context;
    private final EngineCounters counters;
    private ConnectStage stage = ConnectStage.TCP;
    private SocketChannel channel;
    private SelectionKey selectionKey;
    private Transport transport;
    private TlsTransport tls;
    private ProxyHandshake proxyHandshake;
    private HandshakeResponseParser responseParser;
    private String expectedAccept;

    ConnectPipeline(final Connection connection, final ConnectRequest request, final WebSocketEngine engine,
        final EngineContext context)
    {
        this.connection = connection;
        this.request = request;
        this.engine = engine;
        this.context = context;
        this.counters = context.counters();
    }

    ConnectStage stage()
    {
        return stage;
    }

    Transport transport()
    {
        return transport;
    }

    TlsTransport tls()
    {
        return tls;
    }

    /**
     * Open the socket and start connecting (the address is resolved).
     *
     * @return true when connected at once (loopback): the caller carries on as on OP_CONNECT.
     */
    boolean connect(final InetSocketAddress address) throws IOException
    {
        channel = context.tcpChannelSupplier().open();
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
        selectionKey = engine.register(channel, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT,
            connection);
        return connected;
    }

    /**
     * OP_CONNECT fired.
     */
    void onConnectable() throws IOException
    {
        if (channel.finishConnect())
        {
            onConnected();
        }
    }

    /**
     * Readable while the stack is still being built (proxy or TLS stage).
     *
     * @return work done.
     */
    int onReadable(final UnsafeBuffer readBuffer, final ByteBuffer readByteBuffer) throws IOException
    {
        if (ConnectStage.PROXY == stage)
        {
            return onProxyReadable(readBuffer, readByteBuffer);
        }
        driveTlsHandshake();
        return 1;
    }

    /**
     * Writable during the TLS handshake.
     */
    void onWritable() throws IOException
    {
        driveTlsHandshake();
    }

    /**
     * Is the stack still being built below the WebSocket upgrade (reads and writes belong to the pipeline)?
     */
    boolean isBelowUpgrade()
    {
        return ConnectStage.PROXY == stage || ConnectStage.TLS == stage;
    }

    /**
     * Feed bytes of the upgrade response.
     *
     * @return bytes consumed, or {@link HandshakeResponseParser#NEED_MORE} (the parser kept what it needs).
     */
    int onUpgradeBytes(final UnsafeBuffer buffer, final int offset, final int length)
    {
        final int consumed = responseParser.parse(buffer, offset, length);
        if (HandshakeResponseParser.NEED_MORE == consumed)
        {
            return consumed;
        }
        final HandshakeResult result;
        try
        {
            result = HandshakeValidator.validate(request.handshake(), expectedAccept, responseParser);
        }
        catch (final RuntimeException ex)
        {
            counters.onUpgradeFailure();
            throw ex;
        }
        responseParser = null;
        expectedAccept = null;
        connection.onUpgraded(result);
        return consumed;
    }

    /**
     * Ask the selector for these operations (no call when they are already set).
     */
    void interest(final int ops)
    {
        if (selectionKey.interestOps() != ops)
        {
            selectionKey.interestOps(ops);
        }
    }

    /**
     * Close the socket (the connection ended).
     */
    void close()
    {
        if (null != selectionKey)
        {
            selectionKey.cancel();
        }
        CloseHelper.quietClose(channel);
    }

    void release()
    {
        if (null != transport)
        {
            transport.release();
        }
    }

    /**
     * The error to report when the socket failed in the current stage.
     */
    WebSocketException transportFailure(final IOException ex)
    {
        switch (stage)
        {
            case TCP:
                return connectFailure(ex);

            case PROXY:
                return proxyHandshake.failure(ProxyException.Reason.CLOSED, "connection failed before the tunnel " +
                    "was open: " + ex.getMessage(), -1, -1, null, ex);

            case TLS:
                counters.onTlsFailure();
                return new TlsException("TLS handshake with " + target() + " failed: " + ex.getMessage(), ex);

            default:
                return ex instanceof SSLException ?
                    new TlsException("TLS failure, connection lost: " + ex.getMessage() + ": " + request.uri(), ex) :
                    new WebSocketException("connection lost: " + ex.getMessage() + ": " + request.uri(), ex);
        }
    }

    /**
     * The error to report when the server closed TCP before the connection opened.
     */
    WebSocketException endOfStreamBeforeOpen()
    {
        if (ConnectStage.TLS == stage)
        {
            counters.onTlsFailure();
            return new TlsException("server closed the connection during the TLS handshake with " + target(), null);
        }
        // Through a proxy this is also what a proxy that opened the tunnel and then dropped it looks like.
        return new WebSocketException("server closed the connection during the opening handshake with " +
            target() + ": " + request.uri());
    }

    WebSocketException connectFailure(final Exception cause)
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

    /**
     * TLS tasks finished on the task executor: carry on with the handshake (engine thread).
     */
    void onTlsTasksDone()
    {
        if (ConnectStage.TLS != stage || ConnectionState.CLOSED == connection.state())
        {
            return; // the connection ended while the tasks ran
        }
        try
        {
            driveTlsHandshake();
        }
        catch (final IOException ex)
        {
            connection.onTransportError(ex);
        }
    }

    private void onConnected() throws IOException
    {
        transport = new PlainTransport(channel);
        connection.onTransportReady(transport);
        selectionKey.interestOps(SelectionKey.OP_READ);
        if (null != request.proxy())
        {
            stage = ConnectStage.PROXY;
            proxyHandshake = ProxyHandshake.create(request.proxy(), request.uri(), context.maxHandshakeHeaderBytes());
            connection.sendRaw(proxyHandshake.start());
        }
        else
        {
            onTunnelOpen();
        }
    }

    /**
     * The proxy answered: the raw socket now leads to the server.
     */
    private int onProxyReadable(final UnsafeBuffer readBuffer, final ByteBuffer readByteBuffer) throws IOException
    {
        readByteBuffer.limit(readByteBuffer.capacity()).position(0);
        final int read = channel.read(readByteBuffer);
        if (read < 0)
        {
            throw proxyHandshake.closed();
        }
        if (0 == read)
        {
            return 0;
        }
        final int consumed = proxyHandshake.onBytes(readBuffer, 0, read);
        final byte[] next = proxyHandshake.takeRequest();
        if (null != next)
        {
            connection.sendRaw(next);
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
            stage = ConnectStage.TLS;
            tls = new TlsTransport(channel, TlsEngines.newClientEngine(request), context.tlsDelegatedTaskExecutor(),
                engine::submitQuietly, this::onTlsTasksDone);
            transport = tls;
            connection.onTransportReady(tls);
            driveTlsHandshake();
        }
        else
        {
            startUpgrade();
        }
    }

    private void driveTlsHandshake() throws IOException
    {
        if (tls.handshake())
        {
            connection.onTlsEstablished(tls.session());
            startUpgrade();
            if (tls.hasBufferedInput() && ConnectionState.HANDSHAKING == connection.state())
            {
                connection.onStreamReadable();
            }
        }
        else
        {
            // While delegated tasks run elsewhere, no socket event can move the handshake on.
            interest(tls.isTaskInFlight() ? 0 :
                tls.hasPendingOutput() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    private void startUpgrade() throws IOException
    {
        stage = ConnectStage.UPGRADE;
        connection.onUpgradeStarted();
        responseParser = new HandshakeResponseParser(
            context.maxHandshakeHeaderBytes(), context.maxHandshakeHeaderCount());
        final String key = HandshakeKeys.newKey();
        expectedAccept = HandshakeKeys.acceptFor(key);
        connection.sendRaw(HandshakeRequestEncoder.encode(request.handshake(), key));
    }

    private String target()
    {
        return request.uri().host() + ":" + request.uri().port() +
            (null == request.proxy() ? "" : " (through " + request.proxy() + ")");
    }
}
