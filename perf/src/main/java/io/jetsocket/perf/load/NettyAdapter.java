/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Netty: one NIO event loop thread ({@code MultiThreadIoEventLoopGroup(1, NioIoHandler)}), the pooled
 * allocator, and the stock client pipeline ({@code HttpClientCodec}, {@code HttpObjectAggregator},
 * {@code WebSocketClientProtocolHandler} with its defaults: UTF-8 validation on, 64 KiB frame limit). Frames
 * are decoded to {@link TextWebSocketFrame}s and read from their {@link ByteBuf} content. For {@code wss://} an
 * {@link SslHandler} over an {@link SSLEngine} of the load tool's {@code SSLContext} (client mode, HTTPS endpoint
 * identification) goes first; with compression, {@link WebSocketClientCompressionHandler} (64 KiB inflate limit)
 * sits before the protocol handler, and extensions (RSV bits) are allowed.
 */
final class NettyAdapter extends ClientAdapter
{
    private EventLoopGroup group;
    private Bootstrap bootstrap;

    @Override
    String name()
    {
        return "netty";
    }

    @Override
    String describe()
    {
        return "Netty " + LoadVersions.get("netty") + ", 1 NIO event loop, pooled allocator, " +
            "WebSocketClientProtocolHandler defaults (UTF-8 validator on), TextWebSocketFrame delivery";
    }

    @Override
    void start()
    {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        bootstrap = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000);
    }

    @Override
    void connect(final URI uri, final Endpoint endpoint)
    {
        final Handler handler = new Handler(endpoint);
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .handshakeTimeoutMillis(60_000)
            .allowExtensions(compression())
            .build();
        final boolean tls = "wss".equals(uri.getScheme());
        final ChannelFuture future = bootstrap.clone()
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    final ChannelPipeline pipeline = channel.pipeline();
                    if (tls)
                    {
                        final SSLEngine engine = sslContext().createSSLEngine(uri.getHost(), uri.getPort());
                        engine.setUseClientMode(true);
                        final SSLParameters parameters = engine.getSSLParameters();
                        parameters.setEndpointIdentificationAlgorithm("HTTPS");
                        engine.setSSLParameters(parameters);
                        handler.ssl = new SslHandler(engine);
                        pipeline.addLast(handler.ssl);
                    }
                    pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(8192), handler.responseWatch);
                    if (compression())
                    {
                        pipeline.addLast(new WebSocketClientCompressionHandler(64 * 1024));
                    }
                    pipeline.addLast(new WebSocketClientProtocolHandler(config), handler);
                }
            })
            .connect(uri.getHost(), uri.getPort());
        future.addListener((f) ->
        {
            if (!f.isSuccess())
            {
                handler.closed(f.cause());
            }
        });
    }

    @Override
    boolean supportsOfferBinary()
    {
        return true;
    }

    @Override
    long untrackedDirectBytes()
    {
        return Math.max(0, PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
    }

    @Override
    public void close()
    {
        if (null != group)
        {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> implements Session
    {
        private final Endpoint endpoint;
        private final AtomicBoolean closed = new AtomicBoolean();
        private Channel channel;
        private Throwable error;
        private SslHandler ssl;
        private volatile String extensions;
        private final ChannelInboundHandlerAdapter responseWatch = new ChannelInboundHandlerAdapter()
        {
            @Override
            public void channelRead(final ChannelHandlerContext ctx, final Object msg)
            {
                if (msg instanceof HttpResponse)
                {
                    final String accepted = ((HttpResponse)msg).headers().get("Sec-WebSocket-Extensions");
                    extensions = null == accepted ? "" : accepted;
                    ctx.fireChannelRead(msg);
                    ctx.pipeline().remove(this);
                    return;
                }
                ctx.fireChannelRead(msg);
            }
        };

        private Handler(final Endpoint endpoint)
        {
            this.endpoint = endpoint;
        }

        @Override
        public String extensions()
        {
            return extensions;
        }

        @Override
        public String tls()
        {
            final SSLSession session = null == ssl ? null : ssl.engine().getSession();
            return null == session ? null : session.getProtocol() + "/" + session.getCipherSuite();
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE == event)
            {
                channel = ctx.channel();
                endpoint.onOpen(this);
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
        {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)
            {
                final ByteBuf content = frame.content();
                final int length = content.readableBytes();
                endpoint.onMessage(this, length, content.getByte(content.readerIndex() + length - 1));
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            closed(error);
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            error = cause;
            ctx.close();
        }

        private void closed(final Throwable cause)
        {
            if (closed.compareAndSet(false, true))
            {
                endpoint.onClosed(this, cause);
            }
        }

        @Override
        public void sendText(final Payload payload)
        {
            channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload.bytes)));
        }

        /**
         * Netty's own back-pressure: {@code isWritable()} turns false above the channel's high water mark
         * (64 KiB by default), the signal a Netty producer is meant to honour.
         */
        @Override
        public boolean offerBinary(final Payload payload)
        {
            if (!channel.isWritable())
            {
                return false;
            }
            channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload.bytes)));
            return true;
        }

        @Override
        public void close()
        {
            channel.close();
        }
    }
}
