/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One WebSocket client library behind the load tool's small interface. An adapter owns the library's
 * shared machinery (engine, event loop, HTTP client), opens connections asynchronously, and reports each
 * connection's events to an {@link Endpoint} on whatever thread the library calls back on. Each adapter
 * hands messages over the way its library normally delivers them (a buffer view, a decoded frame, a
 * {@code String} or {@code CharSequence}), with the library's own UTF-8 validation.
 */
abstract class ClientAdapter implements AutoCloseable
{
    private SSLContext sslContext;
    private X509TrustManager trustManager;
    private boolean compression;

    /**
     * Set before {@link #start()}: the TLS context for {@code wss://} URIs (trusting the feed server's
     * certificate; hostname verification stays on in every library) and whether to offer permessage-deflate.
     *
     * @param sslContext   for {@code wss://}, or null.
     * @param trustManager the context's trust manager, or null.
     * @param compression  offer permessage-deflate (where the library can).
     */
    final void options(final SSLContext sslContext, final X509TrustManager trustManager, final boolean compression)
    {
        this.sslContext = sslContext;
        this.trustManager = trustManager;
        this.compression = compression;
    }

    final SSLContext sslContext()
    {
        if (null == sslContext)
        {
            throw new IllegalStateException("wss:// without a TLS context (--trust-cert)");
        }
        return sslContext;
    }

    final boolean hasTls()
    {
        return null != sslContext;
    }

    final X509TrustManager trustManager()
    {
        return trustManager;
    }

    final boolean compression()
    {
        return compression;
    }

    /**
     * Why this adapter cannot run a workload.
     *
     * @param spec the workload.
     * @return null if it can, else the reason, for the summary's row.
     */
    String unsupported(final WorkloadSpec spec)
    {
        if ("pong".equals(spec.workload()) && !supportsOfferBinary())
        {
            return "no non-blocking binary send in its adapter";
        }
        return ("fanin".equals(spec.workload()) || "idle".equals(spec.workload())) && spec.connections() > 1 &&
            !supportsFanIn() ? "thread per connection floor" : null;
    }

    /**
     * Does {@link Session#offerBinary} work (the pong workload)?
     *
     * @return true if it does.
     */
    boolean supportsOfferBinary()
    {
        return false;
    }
    /**
     * The adapter's name on the command line and in the tables.
     *
     * @return the name.
     */
    abstract String name();

    /**
     * One line on what runs: library, version, the settings that matter.
     *
     * @return the description.
     */
    abstract String describe();

    /**
     * Create the library's shared machinery.
     *
     * @throws Exception if the library cannot start.
     */
    abstract void start() throws Exception;

    /**
     * Open a connection without blocking. The endpoint then gets {@code onOpen}, messages, and exactly one
     * {@code onClosed} (also when the connection never opened).
     *
     * @param uri      a {@code ws://} URI of the feed server.
     * @param endpoint to receive the connection's events.
     */
    abstract void connect(URI uri, Endpoint endpoint);

    /**
     * Can this adapter hold thousands of connections (false for a thread-per-connection floor)?
     *
     * @return true if the fan-in workload applies.
     */
    boolean supportsFanIn()
    {
        return true;
    }

    /**
     * Does the library start threads per connection (so that a fan-in must be capped)?
     *
     * @return true for thread-per-connection libraries.
     */
    boolean threadPerConnection()
    {
        return false;
    }

    /**
     * Direct memory the library holds outside the JDK's {@code BufferPoolMXBean} accounting (Netty's pooled
     * arenas allocate without a {@code DirectByteBuffer} cleaner).
     *
     * @return bytes, 0 if none.
     */
    long untrackedDirectBytes()
    {
        return 0;
    }

    /**
     * The name of the library's own I/O thread, where there is one to single out (the idle workload reports its
     * CPU time apart from the whole process's).
     *
     * @return the thread's name (a prefix), or null.
     */
    String engineThreadName()
    {
        return null;
    }

    @Override
    public abstract void close();

    /**
     * The events of one connection, called on the library's threads, one at a time per connection.
     */
    interface Endpoint
    {
        /**
         * The opening handshake completed.
         *
         * @param session to send on.
         */
        void onOpen(Session session);

        /**
         * A whole message arrived.
         *
         * @param session it arrived on.
         * @param length  in bytes or chars (the same for the ASCII payloads used here).
         * @param probe   its last byte or char, read as the library hands it over.
         */
        void onMessage(Session session, int length, int probe);

        /**
         * The connection is closed, failed, or never opened; called once.
         *
         * @param session that closed (may never have opened).
         * @param cause   why, or null for a normal close.
         */
        void onClosed(Session session, Throwable cause);
    }

    /**
     * The sending side of one connection.
     */
    interface Session
    {
        /**
         * Send a text message in the library's usual form (a buffer view, bytes, or the {@code String}).
         *
         * @param payload the message.
         */
        void sendText(Payload payload);

        /**
         * Send a binary message from any thread unless the library's outbound buffer is full (the pong workload's
         * producer keeps it full this way): the library's own back-pressure signal, never a wait.
         *
         * @param payload the message.
         * @return true if it was accepted, false if the outbound buffer is full (try again later).
         */
        default boolean offerBinary(final Payload payload)
        {
            throw new UnsupportedOperationException("this client has no non-blocking binary send in the load tool");
        }

        /**
         * Start the closing handshake.
         */
        void close();

        /**
         * What the library says it negotiated in the opening handshake.
         *
         * @return the accepted {@code Sec-WebSocket-Extensions} ("" for none), or null if the library does not tell.
         */
        default String extensions()
        {
            return null;
        }

        /**
         * The TLS protocol and cipher suite, where the library shows them.
         *
         * @return e.g. {@code TLSv1.3/TLS_AES_256_GCM_SHA384}, or null.
         */
        default String tls()
        {
            return null;
        }
    }

    /**
     * One outgoing text message, prepared in every form an adapter might send it in.
     */
    static final class Payload
    {
        final byte[] bytes;
        final ByteBuffer wrapped;
        final String text;
        final UnsafeBuffer buffer;
        final int length;

        Payload(final byte[] bytes)
        {
            this.bytes = bytes;
            this.wrapped = ByteBuffer.wrap(bytes);
            this.text = new String(bytes, StandardCharsets.UTF_8);
            this.length = bytes.length;
            this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(64, bytes.length), 64));
            buffer.putBytes(0, bytes);
        }
    }
}
