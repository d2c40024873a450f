/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.transport.Transport;
import io.jetsocket.engine.frame.FrameDecoder;
import io.jetsocket.engine.frame.FrameHandler;
import io.jetsocket.engine.frame.ReadWindow;
import io.jetsocket.engine.status.EngineCounters;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The receiving side of one connection (engine thread only): reads through the transport into the engine's shared
 * read buffer, hands the bytes to the connection (upgrade response) or the decoder (frames), and moves the bytes of
 * a frame not yet complete to a private buffer borrowed from {@link ReadBuffers}, so the shared buffer is the next
 * connection's as soon as this read is handled. An idle connection holds no read buffer of its own.
 */
final class ReceiverEndpoint
{
    private static final int MAX_READS_PER_SELECTION = 16;

    private final ReadBuffers readBuffers;
    private final FrameDecoder decoder;
    private final EngineCounters counters;
    // The engine's shared read buffer, or a private one borrowed while a partial frame is left over.
    private ReadBuffers.ReadBuffer read;
    private ByteBuffer readByteBuffer;
    private final ReadWindow window = new ReadWindow();

    ReceiverEndpoint(final ReadBuffers readBuffers, final FrameDecoder decoder, final EngineCounters counters)
    {
        this.readBuffers = readBuffers;
        this.decoder = decoder;
        this.counters = counters;
    }

    /**
     * Start reading into the engine's shared buffer (the socket is connected).
     */
    void start()
    {
        use(readBuffers.shared());
    }

    UnsafeBuffer buffer()
    {
        return window.buffer();
    }

    ByteBuffer byteBuffer()
    {
        return readByteBuffer;
    }

    /**
     * Read and handle what arrived, then move a partial frame out of the shared buffer. Keeps reading while a TLS
     * transport holds more decrypted bytes than the buffer had room for, or while the last read filled the buffer
     * (more is likely waiting: another read is cheaper than a trip through the selector). A bound on reads per
     * selection keeps one busy connection from starving the others.
     *
     * @return bytes read, plus one at the end of the stream.
     */
    int readAndHandle(final Transport transport, final Input input) throws IOException
    {
        int total = 0;
        int reads = 0;
        boolean filled;
        do
        {
            window.compact();
            readByteBuffer.limit(readByteBuffer.capacity()).position(window.limit());
            final int room = readByteBuffer.remaining();
            final int bytes = transport.read(readByteBuffer);
            if (bytes < 0)
            {
                input.onEndOfStream();
                return total + 1;
            }
            if (0 == bytes)
            {
                break;
            }
            counters.onBytesRead(bytes);
            total += bytes;
            reads++;
            filled = bytes == room;
            final int start = window.limit();
            window.appended(bytes);
            input.onBytes(this, start, bytes);
        }
        while (input.isReading() && (transport.hasBufferedInput() || (filled && reads < MAX_READS_PER_SELECTION)));
        if (input.isReading())
        {
            keepLeftover();
        }
        return total;
    }

    /**
     * The handler consumed everything up to here (the upgrade response parser keeps what it needs itself).
     */
    void consumedTo(final int position)
    {
        window.consumedTo(position);
    }

    int limit()
    {
        return window.limit();
    }

    /**
     * Decode the frames available (the handler sees each frame's events).
     */
    void decode(final FrameHandler handler)
    {
        window.decode(decoder, handler);
    }

    /**
     * Give back a borrowed buffer (the connection ended).
     */
    void release()
    {
        if (null != read)
        {
            readBuffers.giveBack(read);
            read = null;
            readByteBuffer = null;
            window.wrap(null);
        }
    }

    /**
     * Bytes this receiver keeps privately (a borrowed buffer while a frame is partial), for memory accounting.
     */
    int privateBytes()
    {
        return null == read || read.isShared ? 0 : window.buffer().capacity();
    }

    private void keepLeftover()
    {
        final int remaining = window.remaining();
        if (read.isShared)
        {
            if (remaining > 0)
            {
                final ReadBuffers.ReadBuffer shared = read;
                final int from = window.position();
                use(readBuffers.borrow());
                window.buffer().putBytes(0, shared.buffer, from, remaining);
                window.appended(remaining);
            }
            else
            {
                window.compact(); // empty: back to the start
            }
        }
        else if (0 == remaining)
        {
            readBuffers.giveBack(read);
            use(readBuffers.shared());
        }
    }

    private void use(final ReadBuffers.ReadBuffer buffer)
    {
        read = buffer;
        readByteBuffer = buffer.byteBuffer;
        window.wrap(buffer.buffer);
    }

    /**
     * What the connection does with the bytes read.
     */
    interface Input
    {
        /**
         * Bytes arrived at {@code [start, start + length)} of the receiver's buffer.
         */
        void onBytes(ReceiverEndpoint receiver, int start, int length);

        /**
         * Should reading go on (the connection has not ended)?
         */
        boolean isReading();

        /**
         * The server closed TCP.
         */
        void onEndOfStream();
    }
}
