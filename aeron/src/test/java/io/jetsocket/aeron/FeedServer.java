/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * A WebSocket server on the loopback address (the engine's test fixtures) that sends each connection numbered text
 * messages {@code c<connection>-<n>}; it can end a connection abruptly after its messages, as a venue does. A
 * {@link #scripted} server sends instead the texts a test hands it, when it hands them.
 */
final class FeedServer implements AutoCloseable
{
    private final LoopbackServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private final boolean gzipOdd;

    /**
     * Start the server.
     *
     * @param messages   per connection.
     * @param closeFirst end the first connection (TCP close, no closing handshake) after its messages.
     * @throws IOException if no port can be bound.
     */
    FeedServer(final int messages, final boolean closeFirst) throws IOException
    {
        this(messages, closeFirst, false);
    }

    private FeedServer(final int messages, final boolean closeFirst, final boolean gzipOdd) throws IOException
    {
        this.gzipOdd = gzipOdd;
        server = LoopbackServer.start("feed-server", (socket) -> serve(socket, messages, closeFirst));
    }

    /**
     * A server that sends every odd-numbered message gzipped in a binary frame (as some venues send every message),
     * the others as text.
     *
     * @param messages per connection.
     * @return the started server.
     * @throws IOException if no port can be bound.
     */
    static FeedServer gzipEveryOther(final int messages) throws IOException
    {
        return new FeedServer(messages, false, true);
    }

    private FeedServer(final LoopbackServer.ConnectionHandler handler) throws IOException
    {
        this.gzipOdd = false;
        server = LoopbackServer.start("feed-server", handler);
    }

    String uri()
    {
        return server.uri("ws", "/feed");
    }

    static String payload(final int connection, final int index)
    {
        return "c" + connection + "-" + index;
    }

    /**
     * A server that sends its (one) connection each text put in the script, in order, as soon as it is put there.
     *
     * @param script the texts to send; the test adds to it while the connection is open.
     * @return the started server.
     * @throws IOException if no port can be bound.
     */
    static FeedServer scripted(final BlockingQueue<String> script) throws IOException
    {
        return new FeedServer((socket) ->
        {
            socket.setTcpNoDelay(true);
            RawUpgrade.accept(socket);
            LoopbackServer.daemon("feed-server-script", () -> sendScript(socket, script));
            readClientFrames(socket, (text) -> {}); // until the client closes
        });
    }

    private static void sendScript(final Socket socket, final BlockingQueue<String> script)
    {
        try
        {
            final OutputStream out = socket.getOutputStream();
            while (!socket.isClosed())
            {
                final String text = script.poll(10, TimeUnit.MILLISECONDS);
                if (null != text)
                {
                    writeText(out, text);
                    out.flush();
                }
            }
        }
        catch (final IOException ignore)
        {
            // the connection ended: nothing left to send to
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(final Socket socket, final int messages, final boolean closeFirst) throws IOException
    {
        final int connection = connections.incrementAndGet();
        socket.setTcpNoDelay(true);
        RawUpgrade.accept(socket);
        final OutputStream out = socket.getOutputStream();
        for (int i = 0; i < messages; i++)
        {
            final boolean gzip = gzipOdd && 1 == (i & 1);
            final byte[] text = payload(connection, i).getBytes(StandardCharsets.US_ASCII);
            writeFrame(out, gzip ? 0x82 : 0x81, gzip ? gzip(text) : text); // FIN, binary or text
        }
        out.flush();
        if (closeFirst && 1 == connection)
        {
            socket.close();
            return;
        }
        readClientFrames(socket, (text) -> {}); // until the client closes
    }

    private static byte[] gzip(final byte[] bytes) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out))
        {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static void writeText(final OutputStream out, final String message) throws IOException
    {
        writeFrame(out, 0x81, message.getBytes(StandardCharsets.US_ASCII)); // FIN, text
    }

    private static void writeFrame(final OutputStream out, final int first, final byte[] body) throws IOException
    {
        final byte[] frame = new byte[2 + body.length];
        frame[0] = (byte)first;
        frame[1] = (byte)body.length; // unmasked, under 126 bytes
        System.arraycopy(body, 0, frame, 2, body.length);
        out.write(frame);
    }

    /** Read the client's (masked) frames and record each text payload, until a close frame or EOF. */
    static void readClientFrames(final Socket socket, final Consumer<String> texts) throws IOException
    {
        final DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true)
        {
            final int first = in.read();
            if (first < 0 || (first & 0x0F) == 0x8)
            {
                socket.close(); // no closing handshake back: the client's close ends at the TCP close
                return;
            }
            long length = in.readUnsignedByte() & 0x7F;
            if (126 == length)
            {
                length = in.readUnsignedShort();
            }
            else if (127 == length)
            {
                length = in.readLong();
            }
            final byte[] mask = new byte[4];
            in.readFully(mask);
            final byte[] payload = new byte[(int)length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++)
            {
                payload[i] ^= mask[i & 3];
            }
            if ((first & 0x0F) == 0x1)
            {
                texts.accept(new String(payload, StandardCharsets.UTF_8));
            }
        }
    }


    @Override
    public void close()
    {
        server.close();
    }
}
