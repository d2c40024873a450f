/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The raw-socket floor: a hand-written minimal client, one thread per connection over a {@link SocketChannel}
 * (blocking, or non-blocking and busy-polled for {@code raw-spin}). It does the opening handshake, then
 * parses frame headers in place and hands each payload over as a position in its read buffer. It does the
 * least a client can: <b>no UTF-8 validation</b>, no fragmentation, no close handshake, and a mask key from
 * a xorshift generator instead of a strong source. Nothing slower can be blamed on the protocol.
 */
final class RawSocketAdapter extends ClientAdapter
{
    private static final int READ_BUFFER = 256 * 1024;

    private final boolean spin;

    RawSocketAdapter(final boolean spin)
    {
        this.spin = spin;
    }

    @Override
    String name()
    {
        return spin ? "raw-spin" : "raw";
    }

    @Override
    String describe()
    {
        return "raw-socket floor: hand-written, " + (spin ? "non-blocking SocketChannel busy-polled" :
            "blocking SocketChannel") + ", thread per connection, frame headers only, UTF-8 validation OFF";
    }

    @Override
    boolean supportsFanIn()
    {
        return false;
    }

    @Override
    void start()
    {
    }

    @Override
    void connect(final URI uri, final Endpoint endpoint)
    {
        final Connection connection = new Connection(uri, endpoint, spin);
        final Thread thread = new Thread(connection, "raw-client");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close()
    {
    }

    static final class Connection implements Runnable, Session
    {
        private final URI uri;
        private final Endpoint endpoint;
        private final boolean spin;
        private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
        private final ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024 + 14);
        private SocketChannel channel;
        private long seed = System.nanoTime() | 1;

        Connection(final URI uri, final Endpoint endpoint, final boolean spin)
        {
            this.uri = uri;
            this.endpoint = endpoint;
            this.spin = spin;
        }

        @Override
        public void run()
        {
            Throwable failure = null;
            try
            {
                channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(!spin);
                handshake();
                endpoint.onOpen(this);
                while (readFrames())
                {
                    in.compact();
                    if (readSome() < 0)
                    {
                        throw new EOFException("server closed the connection");
                    }
                    in.flip();
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                failure = ex;
            }
            finally
            {
                try
                {
                    if (null != channel)
                    {
                        channel.close();
                    }
                }
                catch (final IOException ignore)
                {
                    // closing anyway
                }
            }
            endpoint.onClosed(this, failure);
        }

        private int readSome() throws IOException
        {
            int read;
            while (0 == (read = channel.read(in)))
            {
                Thread.onSpinWait();
            }
            return read;
        }

        private void handshake() throws IOException
        {
            final String key = WsHandshake.newKey();
            out.clear();
            out.put(WsHandshake.request(uri.getHost() + ":" + uri.getPort(), uri.getRawPath() +
                (null == uri.getRawQuery() ? "" : "?" + uri.getRawQuery()), key)).flip();
            writeOut();
            in.clear();
            int end;
            while ((end = WsHandshake.endOfHead(in, in.position())) < 0)
            {
                if (readSome() < 0)
                {
                    throw new EOFException("server closed the connection during the handshake");
                }
            }
            final byte[] head = new byte[end];
            in.get(0, head);
            final String response = new String(head, StandardCharsets.US_ASCII);
            if (!response.startsWith("HTTP/1.1 101") ||
                !WsHandshake.acceptFor(key).equals(WsHandshake.header(response, "Sec-WebSocket-Accept")))
            {
                throw new IOException("handshake refused: " + response.lines().findFirst().orElse(""));
            }
            in.flip().position(end);
        }

        /**
         * Deliver every complete frame in {@code in} (read mode).
         *
         * @return false after a close frame.
         */
        private boolean readFrames()
        {
            while (in.remaining() >= 2)
            {
                final int p = in.position();
                final int b0 = in.get(p) & 0xFF;
                final int lengthField = in.get(p + 1) & 0x7F;
                int header = 2;
                int length = lengthField;
                if (126 == lengthField)
                {
                    if (in.remaining() < 4)
                    {
                        break;
                    }
                    length = in.getShort(p + 2) & 0xFFFF;
                    header = 4;
                }
                else if (127 == lengthField)
                {
                    if (in.remaining() < 10)
                    {
                        break;
                    }
                    length = (int)Math.min(Integer.MAX_VALUE, in.getLong(p + 2));
                    header = 10;
                }
                if (header + length > in.capacity())
                {
                    throw new IllegalStateException("frame of " + length + " bytes exceeds the read buffer");
                }
                if (in.remaining() < header + length)
                {
                    break;
                }
                in.position(p + header + length);
                final int opcode = b0 & 0x0F;
                if (opcode <= 2)
                {
                    endpoint.onMessage(this, length, 0 == length ? 0 : in.get(p + header + length - 1));
                }
                else if (0x8 == opcode)
                {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void sendText(final Payload payload)
        {
            final int length = payload.length;
            out.clear();
            out.put((byte)0x81);
            if (length < 126)
            {
                out.put((byte)(0x80 | length));
            }
            else
            {
                out.put((byte)(0x80 | 126)).putShort((short)length);
            }
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            final int mask = (int)seed;
            out.putInt(mask);
            final long mask64 = ((long)mask << 32) | (mask & 0xFFFF_FFFFL);
            final ByteBuffer src = payload.wrapped;
            int i = 0;
            for (; i + Long.BYTES <= length; i += Long.BYTES)
            {
                out.putLong(src.getLong(i) ^ mask64);
            }
            for (; i < length; i++)
            {
                out.put((byte)(src.get(i) ^ (mask >>> (24 - ((i & 3) << 3)))));
            }
            out.flip();
            try
            {
                writeOut();
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        private void writeOut() throws IOException
        {
            while (out.hasRemaining())
            {
                if (0 == channel.write(out))
                {
                    Thread.onSpinWait();
                }
            }
        }

        @Override
        public void close()
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // closing anyway
            }
        }
    }
}
