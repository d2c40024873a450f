/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.testing.JettyFixture;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

import javax.net.ssl.SSLContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Jetty 12's native WebSocket server ({@code WebSocketUpgradeHandler}, {@link Session.Listener} endpoints) in
 * process on 127.0.0.1, with the endpoints of {@code engine/src/test/node/ws-server.js}:
 * {@code /echo, /snapshot, /close, /ping, /fragmented, /drop, /reject, /silent-close, /stall}.
 * <p>
 * Endpoints that must stop reading (stall, silent-close, and fragmented, which must not start a new message
 * before the previous one is fully sent) use Jetty's explicit demand: without a call to
 * {@link Session#demand()} Jetty reads nothing more from the socket, so close frames go unanswered and TCP
 * back-pressure builds up.
 * <p>
 * The endpoint classes are public because Jetty binds their methods with a public method-handle lookup.
 */
final class JettyWsServer implements InteropServer
{
    static final long MAX_MESSAGE_LENGTH = 64L * 1024 * 1024;

    private final CloseRecords closes = new CloseRecords();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) ->
    {
        final Thread thread = new Thread(task, "interop-jetty-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private JettyFixture jetty;

    private JettyWsServer()
    {
    }

    /**
     * Start a server on a free port.
     *
     * @return the running server.
     * @throws Exception if Jetty does not start.
     */
    static JettyWsServer start() throws Exception
    {
        return start(null);
    }

    /**
     * Start a server on a free port, serving {@code wss://} when given a TLS context (permessage-deflate is on in
     * Jetty 12 by default: offered, it is accepted).
     *
     * @param sslContext presenting the server's certificate, or null for plain {@code ws://}.
     * @return the running server.
     * @throws Exception if Jetty does not start.
     */
    static JettyWsServer start(final SSLContext sslContext) throws Exception
    {
        final JettyWsServer server = new JettyWsServer();
        server.jetty = JettyFixture.start("interop-jetty", sslContext, server::configure);
        return server;
    }

    @Override
    public ServerKind kind()
    {
        return ServerKind.JETTY;
    }

    @Override
    public int port()
    {
        return jetty.port();
    }

    @Override
    public ServerClose awaitClose(final String tag, final Duration timeout) throws InterruptedException
    {
        return closes.await(tag, timeout);
    }

    @Override
    public void close()
    {
        try
        {
            jetty.close();
        }
        finally
        {
            scheduler.shutdownNow();
        }
    }

    @Override
    public String toString()
    {
        return jetty.toString();
    }

    private void configure(final ServerWebSocketContainer container)
    {
        container.setMaxTextMessageSize(MAX_MESSAGE_LENGTH);
        container.setMaxBinaryMessageSize(MAX_MESSAGE_LENGTH);
        container.setMaxFrameSize(MAX_MESSAGE_LENGTH);
        container.setIdleTimeout(Duration.ofMinutes(2));
        container.addMapping("/echo", (request, response, callback) -> new EchoEndpoint(request));
        container.addMapping("/snapshot", (request, response, callback) -> new SnapshotEndpoint(request));
        container.addMapping("/close", (request, response, callback) -> new CloseEndpoint(request));
        container.addMapping("/ping", (request, response, callback) -> new PingEndpoint(request));
        container.addMapping("/fragmented", (request, response, callback) -> new FragmentedEndpoint(request));
        container.addMapping("/drop", (request, response, callback) -> new DropEndpoint(request));
        container.addMapping("/silent-close", (request, response, callback) -> new StallEndpoint(request));
        container.addMapping("/stall", (request, response, callback) -> new StallEndpoint(request));
        container.addMapping("/reject", JettyWsServer::reject);
    }

    /**
     * Refuse the upgrade: answering the request and returning no endpoint leaves the connection plain HTTP.
     */
    private static Object reject(
        final ServerUpgradeRequest request, final ServerUpgradeResponse response, final org.eclipse.jetty.util.Callback
        callback)
    {
        final int status = intParam(Request.extractQueryParameters(request), "status", 403);
        response.setStatus(status);
        response.getHeaders().put("X-Interop-Status", String.valueOf(status));
        if (401 == status)
        {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"interop\"");
        }
        if (503 == status)
        {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "7");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        final byte[] body = ("interop server refused the upgrade with " + status + "\n")
            .getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
        return null;
    }

    static int intParam(final Fields params, final String name, final int fallback)
    {
        final String value = params.getValue(name);
        return null == value ? fallback : Integer.parseInt(value);
    }

    /**
     * Split a string into at most {@code count} parts of about equal length, never inside a surrogate pair.
     */
    static List<String> split(final String text, final int count)
    {
        final List<String> parts = new ArrayList<>(count);
        final int step = (text.length() + count - 1) / Math.max(1, count);
        int start = 0;
        for (int i = 0; i < count; i++)
        {
            int end = i == count - 1 ? text.length() : Math.min(text.length(), start + step);
            if (end > start && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1)))
            {
                end++;
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        return parts;
    }

    /**
     * Common part of the endpoints: keeps the session and reports the close of tagged connections.
     */
    public abstract class Endpoint implements Session.Listener
    {
        final Fields params;
        final String tag;
        volatile Session session;

        Endpoint(final ServerUpgradeRequest request)
        {
            this.params = Request.extractQueryParameters(request);
            this.tag = params.getValue("tag");
        }

        @Override
        public void onWebSocketOpen(final Session session)
        {
            this.session = session;
            opened(session);
        }

        void opened(final Session session)
        {
        }

        @Override
        public void onWebSocketClose(final int statusCode, final String reason)
        {
            if (null != tag)
            {
                closes.record(tag, statusCode, null == reason ? "" : reason);
            }
        }

        @Override
        public void onWebSocketError(final Throwable cause)
        {
            System.err.println("[jetty] endpoint error (tag " + tag + "): " + cause);
        }
    }

    /**
     * Echo text as text and binary as binary.
     */
    public class EchoEndpoint extends Endpoint implements Session.Listener.AutoDemanding
    {
        EchoEndpoint(final ServerUpgradeRequest request)
        {
            super(request);
        }

        @Override
        public void onWebSocketText(final String message)
        {
            session.sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(final ByteBuffer payload, final Callback callback)
        {
            session.sendBinary(payload, callback);
        }
    }

    /**
     * Send {@code count} messages as soon as the connection opens (see ws-server.js), then echo.
     */
    public final class SnapshotEndpoint extends EchoEndpoint
    {
        SnapshotEndpoint(final ServerUpgradeRequest request)
        {
            super(request);
        }

        @Override
        void opened(final Session session)
        {
            final int count = intParam(params, "count", 10);
            final int size = intParam(params, "size", 16);
            for (int i = 0; i < count; i++)
            {
                final byte[] message = InteropData.snapshotMessage(i, size);
                if (0 == i % 2)
                {
                    session.sendText(new String(message, StandardCharsets.US_ASCII), Callback.NOOP);
                }
                else
                {
                    session.sendBinary(ByteBuffer.wrap(message), Callback.NOOP);
                }
            }
        }
    }

    /**
     * Close at once with the code and reason of the query ({@code code=none}: a close frame without a code).
     */
    public final class CloseEndpoint extends Endpoint implements Session.Listener.AutoDemanding
    {
        CloseEndpoint(final ServerUpgradeRequest request)
        {
            super(request);
        }

        @Override
        void opened(final Session session)
        {
            final String code = params.getValue("code");
            final String reason = params.getValue("reason");
            if ("none".equals(code))
            {
                session.close(StatusCode.NO_CODE, null, Callback.NOOP);
            }
            else
            {
                session.close(null == code ? StatusCode.NORMAL : Integer.parseInt(code), reason, Callback.NOOP);
            }
        }
    }

    /**
     * Ping with the query's payload; answer the pong with the text {@code pong:<payload>}; echo otherwise.
     */
    public final class PingEndpoint extends EchoEndpoint
    {
        PingEndpoint(final ServerUpgradeRequest request)
        {
            super(request);
        }

        @Override
        void opened(final Session session)
        {
            final String payload = null == params.getValue("payload") ? "jetsocket" : params.getValue("payload");
            session.sendPing(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
        }

        @Override
        public void onWebSocketPong(final ByteBuffer payload)
        {
            session.sendText("pong:" + StandardCharsets.UTF_8.decode(payload), Callback.NOOP);
        }
    }

    /**
     * Echo each message as {@code fragments} frames, with sendPartialText/sendPartialBinary. Demands the next
     * message only once the last fragment of the previous echo is sent, so that echoes never interleave.
     */
    public final class FragmentedEndpoint extends Endpoint
    {
        FragmentedEndpoint(final ServerUpgradeRequest request)
        {
            super(request);
        }

        @Override
        void opened(final Session session)
        {
            session.demand();
        }

        @Override
        public void onWebSocketText(final String message)
        {
            sendText(split(message, Math.max(1, intParam(params, "fragments", 3))), 0);
        }

        @Override
        public void onWebSocketBinary(final ByteBuffer payload, final Callback callback)
        {
            final byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            callback.succeed();
            final int fragments = Math.max(1, intParam(params, "fragments", 3));
            final List<ByteBuffer> parts = new ArrayList<>(fragments);
            final int step = (bytes.length + fragments - 1) / fragments;
            for (int i = 0; i < fragments; i++)
            {
                final int from = Math.min(bytes.length, i * step);
                parts.add(ByteBuffer.wrap(bytes, from, Math.min(bytes.length, from + step) - from));
            }
            sendBinary(parts, 0);
        }

        private void sendText(final List<String> parts, final int index)
        {
            final boolean last = index == parts.size() - 1;
            session.sendPartialText(parts.get(index), last, Callback.from(
                () -> afterPart(last, () -> sendText(parts, index + 1)), this::onWebSocketError));
        }

        private void sendBinary(final List<ByteBuffer> parts, final int index)
        {
            final boolean last = index == parts.size() - 1;
            session.sendPartialBinary(parts.get(index), last, Callback.from(
                () -> afterPart(last, () -> sendBinary(parts, index + 1)), this::onWebSocketError));
        }

        private void afterPart(final boolean last, final Runnable next)
        {
            if (last)
            {
                session.demand();
            }
            else
            {
                next.run();
            }
        }
    }

    /**
     * On the first message, drop the TCP connection without a close frame.
     */
    public final class DropEndpoint extends Endpoint implements Session.Listener.AutoDemanding
    {
        DropEndpoint(final ServerUpgradeRequest request)
        {
            super(request);
        }

        @Override
        public void onWebSocketText(final String message)
        {
            session.disconnect();
        }

        @Override
        public void onWebSocketBinary(final ByteBuffer payload, final Callback callback)
        {
            callback.succeed();
            session.disconnect();
        }
    }

    /**
     * Demand nothing: Jetty reads nothing, so close frames go unanswered and the client's bytes pile up in TCP.
     * With {@code resumeMs}, start reading after that delay and echo from then on.
     */
    public final class StallEndpoint extends Endpoint
    {
        StallEndpoint(final ServerUpgradeRequest request)
        {
            super(request);
        }

        @Override
        void opened(final Session session)
        {
            final int resumeMs = intParam(params, "resumeMs", 0);
            if (resumeMs > 0)
            {
                scheduler.schedule(session::demand, resumeMs, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void onWebSocketText(final String message)
        {
            session.sendText(message, Callback.from(session::demand, this::onWebSocketError));
        }

        @Override
        public void onWebSocketBinary(final ByteBuffer payload, final Callback callback)
        {
            session.sendBinary(payload, Callback.from(
                () ->
                {
                    callback.succeed();
                    session.demand();
                },
                callback::fail));
        }
    }
}
