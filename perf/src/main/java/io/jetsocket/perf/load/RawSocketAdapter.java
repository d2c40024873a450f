/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The raw-socket floor: a hand-written minimal client, one thread per connection over a {@link SocketChannel}
 * (blocking, or non-blocking and busy-polled for {@code raw-spin}). It does the opening handshake, then
 * parses frame headers in place and hands each payload over as a position in its read buffer. It does the
 * least a client can: <b>no UTF-8 validation</b>, no fragmentation, no close handshake, and a mask key from
 * a xorshift generator instead of a strong source. Nothing slower can be blamed on the protocol.
 * <p>
 * Over {@code wss://} the same loop reads through a JDK {@link SSLEngine} driven by hand on the same channel
 * (blocking or busy-polled): network bytes are read into a 256 KiB heap buffer and every complete record is
 * unwrapped into the heap read buffer before frames are parsed (heap buffers, since the JDK's AES-GCM copies
 * direct ones through temporary arrays); HTTPS endpoint identification on. With compression it offers
 * {@code permessage-deflate}, and
 * inflates each RSV1 message with one reused {@link Inflater} (raw deflate, the {@code 00 00 ff ff} tail
 * appended, reset after every message since the server takes over no context) into one reused array.
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
            "blocking SocketChannel") + ", thread per connection, frame headers only, UTF-8 validation OFF " +
            "(wss: JDK SSLEngine unwrapping into heap buffers; permessage-deflate: one reused Inflater)";
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
        final Connection connection = new Connection(uri, endpoint, spin, this);
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
        private static final int MAX_INFLATED = 1024 * 1024;

        private final URI uri;
        private final Endpoint endpoint;
        private final boolean spin;
        private final RawSocketAdapter adapter;
        private final boolean tls;
        private final ByteBuffer in;
        private final ByteBuffer out;
        private SocketChannel channel;
        private SSLEngine ssl;
        private ByteBuffer netIn;
        private ByteBuffer netOut;
        private int recordRoom;
        private Inflater inflater;
        private byte[] inflated;
        private String extensions = "";
        private long seed = System.nanoTime() | 1;

        Connection(final URI uri, final Endpoint endpoint, final boolean spin, final RawSocketAdapter adapter)
        {
            this.uri = uri;
            this.endpoint = endpoint;
            this.spin = spin;
            this.adapter = adapter;
            this.tls = "wss".equals(uri.getScheme());
            // heap buffers for TLS (see the class comment), direct ones for plain reads
            this.in = tls ? ByteBuffer.allocate(READ_BUFFER) : ByteBuffer.allocateDirect(READ_BUFFER);
            this.out = tls ? ByteBuffer.allocate(64 * 1024 + 14) : ByteBuffer.allocateDirect(64 * 1024 + 14);
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
                if (tls)
                {
                    tlsHandshake();
                }
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
                close();
                if (null != inflater)
                {
                    inflater.end();
                }
            }
            endpoint.onClosed(this, failure);
        }

        private int readSome() throws IOException
        {
            return tls ? unwrapSome() : readChannel(in);
        }

        private int readChannel(final ByteBuffer buffer) throws IOException
        {
            int read;
            while (0 == (read = channel.read(buffer)))
            {
                Thread.onSpinWait();
            }
            return read;
        }

        private void tlsHandshake() throws IOException
        {
            ssl = adapter.sslContext().createSSLEngine(uri.getHost(), uri.getPort());
            ssl.setUseClientMode(true);
            final SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            final SSLSession session = ssl.getSession();
            netIn = ByteBuffer.allocate(Math.max(READ_BUFFER, session.getPacketBufferSize()));
            netOut = ByteBuffer.allocate(session.getPacketBufferSize());
            recordRoom = session.getApplicationBufferSize();
            ssl.beginHandshake();
            final ByteBuffer empty = ByteBuffer.allocate(0);
            while (true)
            {
                switch (ssl.getHandshakeStatus())
                {
                    case NEED_WRAP:
                        netOut.clear();
                        ssl.wrap(empty, netOut);
                        netOut.flip();
                        writeChannel(netOut);
                        break;
                    case NEED_UNWRAP:
                        netIn.flip();
                        final SSLEngineResult result = ssl.unwrap(netIn, in);
                        netIn.compact();
                        if (SSLEngineResult.Status.BUFFER_UNDERFLOW == result.getStatus() && readChannel(netIn) < 0)
                        {
                            throw new EOFException("server closed the connection during the TLS handshake");
                        }
                        break;
                    case NEED_TASK:
                        runTasks();
                        break;
                    default:
                        return; // FINISHED, NOT_HANDSHAKING
                }
            }
        }

        /**
         * Unwrap every complete record buffered (reading more when there is none) into {@code in}, while
         * {@code in} has room for another record.
         *
         * @return plaintext bytes added to {@code in}, or -1 at the end of the stream.
         */
        private int unwrapSome() throws IOException
        {
            int produced = 0;
            netIn.flip();
            try
            {
                while (true)
                {
                    final SSLEngineResult result = ssl.unwrap(netIn, in);
                    produced += result.bytesProduced();
                    if (SSLEngineResult.HandshakeStatus.NEED_TASK == result.getHandshakeStatus())
                    {
                        runTasks(); // a post-handshake message (TLS 1.3 session tickets)
                    }
                    switch (result.getStatus())
                    {
                        case OK:
                            if (in.remaining() < recordRoom)
                            {
                                return produced;
                            }
                            break;
                        case BUFFER_UNDERFLOW:
                            if (produced > 0)
                            {
                                return produced;
                            }
                            netIn.compact();
                            final int read = readChannel(netIn);
                            netIn.flip();
                            if (read < 0)
                            {
                                return -1;
                            }
                            break;
                        case BUFFER_OVERFLOW:
                            if (produced > 0)
                            {
                                return produced;
                            }
                            throw new IllegalStateException("no room for a TLS record in the read buffer");
                        default:
                            return produced > 0 ? produced : -1; // CLOSED
                    }
                }
            }
            finally
            {
                netIn.compact();
            }
        }

        private void runTasks()
        {
            Runnable task;
            while (null != (task = ssl.getDelegatedTask()))
            {
                task.run();
            }
        }

        private void writeChannel(final ByteBuffer buffer) throws IOException
        {
            while (buffer.hasRemaining())
            {
                if (0 == channel.write(buffer))
                {
                    Thread.onSpinWait();
                }
            }
        }

        private void handshake() throws IOException
        {
            final String key = WsHandshake.newKey();
            out.clear();
            out.put(WsHandshake.request(uri.getHost() + ":" + uri.getPort(), uri.getRawPath() +
                (null == uri.getRawQuery() ? "" : "?" + uri.getRawQuery()), key,
                adapter.compression() ? "permessage-deflate" : null)).flip();
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
            final String accepted = WsHandshake.headers(response, "Sec-WebSocket-Extensions");
            if (null != accepted)
            {
                if (!adapter.compression() || !WsHandshake.acceptsDeflate(accepted))
                {
                    throw new IOException("extension not offered: " + accepted);
                }
                extensions = accepted;
                inflater = new Inflater(true);
                inflated = new byte[MAX_INFLATED];
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
            while (true)
            {
                final int p = in.position();
                final int header = FrameHeader.length(in, p);
                if (FrameHeader.INCOMPLETE == header)
                {
                    break;
                }
                final int b0 = in.get(p) & 0xFF;
                final int length = (int)Math.min(Integer.MAX_VALUE, FrameHeader.payloadLength(in, p));
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
                if (0 != (b0 & 0x40) && null != inflater && opcode <= 2)
                {
                    inflate(p + header, length);
                }
                else if (opcode <= 2)
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

        /**
         * Inflate one compressed single-frame message from {@code in} and deliver it.
         */
        private void inflate(final int offset, final int length)
        {
            // the read buffer itself, narrowed to the payload (the inflater advances its position), then restored
            final int position = in.position();
            final int limit = in.limit();
            in.limit(offset + length).position(offset);
            inflater.setInput(in);
            try
            {
                int n = inflater.inflate(inflated);
                inflater.setInput(FeedMessages.DEFLATE_TAIL);
                n += inflater.inflate(inflated, n, inflated.length - n);
                if (!inflater.needsInput())
                {
                    throw new IllegalStateException("inflated message larger than " + inflated.length + " bytes");
                }
                inflater.reset(); // server_no_context_takeover: every message is a deflate stream of its own
                endpoint.onMessage(this, n, 0 == n ? 0 : inflated[n - 1]);
            }
            catch (final DataFormatException ex)
            {
                throw new IllegalStateException("corrupt deflate data", ex);
            }
            finally
            {
                in.limit(limit).position(position);
            }
        }

        @Override
        public String extensions()
        {
            return extensions;
        }

        @Override
        public String tls()
        {
            return null == ssl ? null : ssl.getSession().getProtocol() + "/" + ssl.getSession().getCipherSuite();
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
            while (tls && out.hasRemaining())
            {
                netOut.clear();
                ssl.wrap(out, netOut);
                netOut.flip();
                writeChannel(netOut);
            }
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
    }
}
