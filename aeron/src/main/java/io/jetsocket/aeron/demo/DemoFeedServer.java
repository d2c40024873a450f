/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron.demo;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A venue for the demo: a WebSocket server on the loopback address that pushes trade messages (JSON text frames) to
 * each client at a steady rate. Just enough of RFC 6455 for that: the upgrade, unmasked text frames out, and an
 * answer to the client's close frame. Not a general server: the demo's own class path has no test fixtures.
 */
public final class DemoFeedServer implements AutoCloseable
{
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"};

    private final ServerSocket serverSocket;
    private final int ratePerSecond;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger activeSenders = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean sending = true;
    private volatile boolean closed;

    /**
     * Start listening on a free loopback port.
     *
     * @param ratePerSecond messages per second to each client (at least 1).
     * @throws IOException if no port can be bound.
     */
    public DemoFeedServer(final int ratePerSecond) throws IOException
    {
        if (ratePerSecond < 1)
        {
            throw new IllegalArgumentException("ratePerSecond must be >= 1: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        serverSocket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "demo-feed-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * The URI to connect to.
     *
     * @return {@code ws://127.0.0.1:<port>/feed}.
     */
    public String uri()
    {
        return "ws://" + serverSocket.getInetAddress().getHostAddress() + ":" + serverSocket.getLocalPort() + "/feed";
    }

    /**
     * Messages sent so far, to every client together (any thread).
     *
     * @return how many.
     */
    public long sent()
    {
        return sent.get();
    }

    /**
     * Stop sending and wait (at most a second) until no sender is writing, so that {@link #sent()} is final;
     * connections stay open until the client closes them.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    public void stopSending() throws InterruptedException
    {
        sending = false;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (activeSenders.get() > 0 && System.nanoTime() - deadline < 0)
        {
            Thread.sleep(1);
        }
    }

    /**
     * The payload of the n-th trade: a Binance-like trade message, 80 to 100 bytes.
     *
     * @param n the trade id.
     * @return the JSON text.
     */
    public static String trade(final long n)
    {
        final long priceCents = 6_400_000 + (n * 7919) % 20_000;
        return String.format(Locale.ROOT, "{\"e\":\"trade\",\"s\":\"%s\",\"t\":%d,\"p\":\"%d.%02d\",\"q\":\"0.%03d\"}",
            SYMBOLS[(int)(n & 3)], n, priceCents / 100, priceCents % 100, 1 + n % 997);
    }

    /** {@inheritDoc} */
    @Override
    public void close()
    {
        closed = true;
        sending = false;
        try
        {
            serverSocket.close();
            acceptor.join(TimeUnit.SECONDS.toMillis(2));
        }
        catch (final IOException | InterruptedException ignore)
        {
            // closing: nothing left to do with the socket
        }
    }

    private void acceptLoop()
    {
        while (!closed)
        {
            try
            {
                final Socket socket = serverSocket.accept();
                final Thread sender = new Thread(() -> serve(socket), "demo-feed-sender");
                sender.setDaemon(true);
                sender.start();
            }
            catch (final IOException ex)
            {
                return; // closed
            }
        }
    }

    private void serve(final Socket socket)
    {
        try (socket)
        {
            socket.setTcpNoDelay(true);
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            upgrade(in, out);
            final Thread reader = new Thread(() -> answerClose(socket, in, out), "demo-feed-reader");
            reader.setDaemon(true);
            reader.start();
            send(socket, out);
            reader.join();
        }
        catch (final IOException | InterruptedException ignore)
        {
            // the client went away: this connection is over
        }
    }

    private void send(final Socket socket, final OutputStream out) throws IOException
    {
        activeSenders.incrementAndGet();
        try
        {
            final long intervalNs = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
            long next = System.nanoTime();
            long n = 1;
            while (sending && !socket.isClosed())
            {
                final long wait = next - System.nanoTime();
                if (wait > 0)
                {
                    LockSupport.parkNanos(wait); // late wake-ups are caught up at once: the mean rate holds
                }
                next += intervalNs;
                final byte[] frame = textFrame(trade(n++));
                synchronized (out)
                {
                    out.write(frame);
                }
                sent.incrementAndGet();
            }
        }
        finally
        {
            activeSenders.decrementAndGet();
        }
    }

    private static void upgrade(final InputStream in, final OutputStream out) throws IOException
    {
        String key = null;
        final StringBuilder line = new StringBuilder();
        while (true)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("connection closed during the upgrade request");
            }
            if ('\n' == b)
            {
                final String header = line.toString().trim();
                if (header.isEmpty())
                {
                    break;
                }
                final int colon = header.indexOf(':');
                if (colon > 0 && "sec-websocket-key".equalsIgnoreCase(header.substring(0, colon).trim()))
                {
                    key = header.substring(colon + 1).trim();
                }
                line.setLength(0);
            }
            else
            {
                line.append((char)b);
            }
        }
        if (null == key)
        {
            throw new IOException("upgrade request without Sec-WebSocket-Key");
        }
        final String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n";
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String accept(final String key)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-1 is required of every Java platform", ex);
        }
    }

    private static byte[] textFrame(final String text)
    {
        final byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        final int extra = payload.length < 126 ? 0 : 2;
        final byte[] frame = new byte[2 + extra + payload.length];
        frame[0] = (byte)0x81; // FIN, text
        if (0 == extra)
        {
            frame[1] = (byte)payload.length; // unmasked: server to client
        }
        else
        {
            frame[1] = 126;
            frame[2] = (byte)(payload.length >>> 8);
            frame[3] = (byte)payload.length;
        }
        System.arraycopy(payload, 0, frame, 2 + extra, payload.length);
        return frame;
    }

    /** Read the client's frames; answer a close frame with an empty close frame and end the connection. */
    private static void answerClose(final Socket socket, final InputStream input, final OutputStream out)
    {
        try
        {
            final DataInputStream in = new DataInputStream(input);
            while (true)
            {
                final int first = in.read();
                if (first < 0)
                {
                    break;
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
                in.readFully(new byte[4]); // mask: the demo reads no client payload
                in.skipNBytes(length);
                if ((first & 0x0F) == 0x8)
                {
                    synchronized (out)
                    {
                        out.write(new byte[]{(byte)0x88, 0});
                    }
                    break;
                }
            }
        }
        catch (final IOException ignore)
        {
            // the connection is gone
        }
        finally
        {
            try
            {
                socket.close();
            }
            catch (final IOException ignore)
            {
                // already closed
            }
        }
    }
}
