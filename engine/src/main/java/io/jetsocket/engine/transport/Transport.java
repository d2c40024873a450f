/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte stream a connection speaks WebSocket over: the socket itself ({@link PlainTransport}) or TLS on top of
 * it ({@link TlsTransport}). Non-blocking, engine thread only. Reads and writes move application bytes; a transport
 * may hold bytes of its own on either side (TLS records), which the connection drives with
 * {@link #flushPending()} and {@link #hasBufferedInput()}.
 */
public interface Transport
{
    /**
     * Read application bytes into {@code dst} at its position.
     *
     * @param dst buffer with room between position and limit.
     * @return bytes added (possibly 0), or -1 at the end of the stream.
     * @throws IOException on a transport error (including {@link javax.net.ssl.SSLException}).
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Write application bytes from {@code src}. The bytes counted as taken are either on the wire or held by the
     * transport, which sends them before anything written later.
     *
     * @param src bytes between position and limit.
     * @return how many bytes were taken (possibly 0 when the socket is full).
     * @throws IOException on a transport error.
     */
    int write(ByteBuffer src) throws IOException;

    /**
     * Does the transport hold bytes for the wire that the socket has not taken yet?
     *
     * @return true when {@link #flushPending()} has work (wait for OP_WRITE).
     */
    boolean hasPendingOutput();

    /**
     * Write bytes the transport holds.
     *
     * @return bytes written to the socket.
     * @throws IOException on a transport error.
     */
    int flushPending() throws IOException;

    /**
     * Does the transport hold received bytes that a {@link #read(ByteBuffer)} could deliver without the socket
     * becoming readable again?
     *
     * @return true when another read may make progress.
     */
    boolean hasBufferedInput();

    /**
     * Half-close: no more application bytes will be written. TLS sends close_notify first.
     *
     * @throws IOException on a transport error.
     */
    void shutdownOutput() throws IOException;

    /**
     * Free the transport's buffers (the socket is closed by the connection).
     */
    void release();
}
