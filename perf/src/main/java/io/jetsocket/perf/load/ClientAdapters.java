/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import io.jetsocket.engine.EngineContext;

import java.util.List;

/**
 * The clients the load tool knows, by name.
 */
final class ClientAdapters
{
    /** The peers: other Java WebSocket clients. */
    static final List<String> PEERS = List.of("netty", "jdk", "java-websocket", "okhttp", "jetty");

    private ClientAdapters()
    {
    }

    /**
     * Is this client one of the raw-socket floors?
     *
     * @param name of the client.
     * @return true for {@code raw} and {@code raw-spin}.
     */
    static boolean isFloor(final String name)
    {
        return name.startsWith("raw");
    }

    /**
     * Is this client a JetSocket configuration?
     *
     * @param name of the client.
     * @return true for {@code jetsocket} and its variants.
     */
    static boolean isJetSocket(final String name)
    {
        return name.startsWith("jetsocket");
    }

    /**
     * Create a client by name: {@code raw}, {@code raw-spin}, {@code jetsocket} (busy-spin, also
     * {@code jetsocket-spin}), {@code jetsocket-backoff}, {@code jetsocket-selecting}, {@code jetsocket-client} (the
     * {@code WebSocket} client on such an engine, also {@code -backoff} and {@code -selecting}; {@code -seq} at the
     * end: with sequence tracking on), any engine name with {@code -rb<N>k} for an N KiB read buffer,
     * {@code netty}, {@code jdk}, {@code java-websocket}, {@code okhttp} or {@code jetty}.
     *
     * @param name of the client.
     * @return a new adapter, not started.
     */
    static ClientAdapter create(final String name)
    {
        if (name.startsWith(JetSocketClientAdapter.PREFIX))
        {
            final boolean sequenced = name.endsWith(JetSocketClientAdapter.SEQUENCED_SUFFIX);
            final String rest = name.substring(JetSocketClientAdapter.PREFIX.length(),
                name.length() - (sequenced ? JetSocketClientAdapter.SEQUENCED_SUFFIX.length() : 0));
            final JetSocketAdapter.Idle idle = JetSocketAdapter.Idle.ofSuffix(rest);
            if (null == idle)
            {
                throw new IllegalArgumentException("unknown client: " + name);
            }
            return new JetSocketClientAdapter(idle, sequenced);
        }
        if (isJetSocket(name))
        {
            String rest = name.substring("jetsocket".length());
            int readBuffer = EngineContext.RECEIVE_BUFFER_LENGTH_DEFAULT;
            final int rb = rest.indexOf("-rb");
            if (rb >= 0 && rest.endsWith("k"))
            {
                readBuffer = Integer.parseInt(rest.substring(rb + 3, rest.length() - 1)) * 1024;
                rest = rest.substring(0, rb);
            }
            final JetSocketAdapter.Idle idle = JetSocketAdapter.Idle.ofSuffix(rest);
            if (null != idle)
            {
                return new JetSocketAdapter(idle, readBuffer);
            }
        }
        switch (name)
        {
            case "raw":
                return new RawSocketAdapter(false);
            case "raw-spin":
                return new RawSocketAdapter(true);
            case "netty":
                return new NettyAdapter();
            case "jdk":
                return new JdkAdapter();
            case "java-websocket":
                return new JavaWebSocketAdapter();
            case "okhttp":
                return new OkHttpAdapter();
            case "jetty":
                return new JettyAdapter();
            default:
                throw new IllegalArgumentException("unknown client: " + name);
        }
    }
}
