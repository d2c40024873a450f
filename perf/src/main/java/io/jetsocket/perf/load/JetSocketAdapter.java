/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.WebSocketException;
import io.jetsocket.engine.WebSocketListener;
import io.jetsocket.engine.deflate.DeflateParameters;
import org.agrona.DirectBuffer;
import io.jetsocket.engine.SelectingIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;

import javax.net.ssl.SSLSession;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JetSocket's engine API: one engine thread ({@link WebSocketEngine#launch}) with a busy-spin, the default
 * back-off or the selecting idle strategy ({@link Idle}), and the zero-copy listener
 * ({@code onMessage(connection, type, DirectBuffer,
 * offset, length)} on the engine thread, text UTF-8-validated by the engine). Sends from callbacks write
 * directly from a direct buffer. The engine has no reconnect of its own: the fan-in workload reconnects by
 * calling {@link WebSocketEngine#connect} again from {@code onClose}, on the engine thread. For {@code wss://}
 * the request carries the load tool's {@code SSLContext} (hostname verification on, as by default); with
 * compression, {@code ConnectRequest.Builder#compression(true)} offers permessage-deflate (off by default).
 */
final class JetSocketAdapter extends ClientAdapter
{
    /** The engine's role name, which names its thread. */
    static final String ENGINE_THREAD_NAME = "jetsocket-engine";

    private final Idle idle;
    private final int receiveBufferLength;
    private final Map<URI, ConnectRequest> requests = new ConcurrentHashMap<>();
    private WebSocketEngine engine;

    JetSocketAdapter(final Idle idle, final int receiveBufferLength)
    {
        this.idle = idle;
        this.receiveBufferLength = receiveBufferLength;
    }

    @Override
    String name()
    {
        final String base = "jetsocket" + idle.suffix;
        return EngineContext.RECEIVE_BUFFER_LENGTH_DEFAULT == receiveBufferLength ?
            base : base + "-rb" + (receiveBufferLength / 1024) + "k";
    }

    @Override
    String describe()
    {
        return "JetSocket engine " + LoadVersions.get("jetsocket") + ", own thread, " +
            idle.description +
            ", zero-copy listener, " + (receiveBufferLength / 1024) + " KiB read buffers (one shared by the engine " +
            "thread, lent to a connection only while a frame is partial)";
    }

    @Override
    void start()
    {
        engine = launchEngine(idle, receiveBufferLength);
    }

    /**
     * Launch an engine as this adapter does; the client adapter ({@link JetSocketClientAdapter}) runs on the same.
     *
     * @param idle                the engine thread's idle strategy.
     * @param receiveBufferLength of the engine's read buffers.
     * @return the running engine.
     */
    static WebSocketEngine launchEngine(final Idle idle, final int receiveBufferLength)
    {
        final EngineContext context = new EngineContext()
            .roleName(ENGINE_THREAD_NAME)
            .receiveBufferLength(receiveBufferLength)
            .connectTimeoutNs(60_000_000_000L);
        if (Idle.SPIN == idle)
        {
            context.idleStrategy(new BusySpinIdleStrategy());
        }
        else if (Idle.SELECTING == idle)
        {
            context.idleStrategy(new SelectingIdleStrategy());
        }
        // BACKOFF: the engine's default (EngineContext's BackoffIdleStrategy), as before this option existed
        return WebSocketEngine.launch(context);
    }

    @Override
    void connect(final URI uri, final Endpoint endpoint)
    {
        final Listener listener = new Listener(endpoint);
        try
        {
            // A ConnectRequest is an immutable value: one per feed URI, shared by its connections and reconnects.
            final ConnectRequest request = requests.computeIfAbsent(uri, this::request);
            listener.connection = engine.connect(request, listener);
        }
        catch (final WebSocketException ex)
        {
            endpoint.onClosed(listener, ex);
        }
    }

    private ConnectRequest request(final URI uri)
    {
        final ConnectRequest.Builder builder = ConnectRequest.builder(uri.toString());
        if ("wss".equals(uri.getScheme()))
        {
            builder.sslContext(sslContext()).hostnameVerification(true);
        }
        if (compression())
        {
            builder.compression(true);
        }
        return builder.build();
    }

    @Override
    public void close()
    {
        if (null != engine)
        {
            engine.close();
        }
    }

    @Override
    boolean supportsOfferBinary()
    {
        return true;
    }

    @Override
    String engineThreadName()
    {
        return ENGINE_THREAD_NAME;
    }

    /**
     * The engine thread's idle strategy, by its name on the command line ({@code --jetsocket-idle}).
     */
    enum Idle
    {
        /** {@link BusySpinIdleStrategy}: the plain {@code jetsocket} client, as in every earlier run. */
        SPIN("spin", "", "BusySpinIdleStrategy"),
        /** The engine's default back-off: {@code jetsocket-backoff}. */
        BACKOFF("backoff", "-backoff", "default BackoffIdleStrategy (spin 100, yield 10, park 1-100 us)"),
        /** {@link SelectingIdleStrategy} with its defaults: {@code jetsocket-selecting}. */
        SELECTING("selecting", "-selecting",
            "SelectingIdleStrategy (spin 100, then select() up to 10 ms, woken by the selector)");

        final String option;
        final String suffix;
        final String description;

        Idle(final String option, final String suffix, final String description)
        {
            this.option = option;
            this.suffix = suffix;
            this.description = description;
        }

        /**
         * @param option {@code spin}, {@code backoff} or {@code selecting}.
         * @return the strategy.
         */
        static Idle of(final String option)
        {
            for (final Idle idle : values())
            {
                if (idle.option.equals(option))
                {
                    return idle;
                }
            }
            throw new IllegalArgumentException("--jetsocket-idle: expected spin, backoff or selecting, got: " + option);
        }

        /**
         * @param suffix of a client name after {@code jetsocket} (and before any {@code -rb<N>k}).
         * @return the strategy, or null if the suffix names none.
         */
        static Idle ofSuffix(final String suffix)
        {
            for (final Idle idle : values())
            {
                if (idle.suffix.equals(suffix) || ("-" + idle.option).equals(suffix))
                {
                    return idle;
                }
            }
            return null;
        }
    }

    private static final class Listener implements WebSocketListener, Session
    {
        private final Endpoint endpoint;
        private volatile WebSocketConnection connection;
        private Throwable error;

        private Listener(final Endpoint endpoint)
        {
            this.endpoint = endpoint;
        }

        @Override
        public void onOpen(final WebSocketConnection connection)
        {
            this.connection = connection;
            endpoint.onOpen(this);
        }

        @Override
        public void onMessage(
            final WebSocketConnection connection,
            final MessageType type,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            endpoint.onMessage(this, length, buffer.getByte(offset + length - 1));
        }

        @Override
        public void onError(final WebSocketConnection connection, final Throwable error)
        {
            this.error = error;
        }

        @Override
        public void onClose(final WebSocketConnection connection, final int code, final String reason,
            final boolean remote)
        {
            endpoint.onClosed(this, 1000 == code ? null : null != error ? error :
                new IllegalStateException("closed with " + code + " " + reason));
        }

        @Override
        public void sendText(final Payload payload)
        {
            final int result = connection.sendText(payload.buffer, 0, payload.length);
            if (SendResult.OK != result)
            {
                throw new IllegalStateException("send failed: " + SendResult.describe(result));
            }
        }

        @Override
        public boolean offerBinary(final Payload payload)
        {
            final int result = connection.sendBinary(payload.buffer, 0, payload.length);
            if (SendResult.BACK_PRESSURED == result)
            {
                return false;
            }
            if (SendResult.OK != result)
            {
                throw new IllegalStateException("send failed: " + SendResult.describe(result));
            }
            return true;
        }

        @Override
        public void close()
        {
            connection.close();
        }

        @Override
        public String extensions()
        {
            final DeflateParameters parameters = connection.deflateParameters();
            return null == parameters ? "" : parameters.toString();
        }

        @Override
        public String tls()
        {
            final SSLSession session = connection.tlsSession();
            return null == session ? null : session.getProtocol() + "/" + session.getCipherSuite();
        }
    }
}
