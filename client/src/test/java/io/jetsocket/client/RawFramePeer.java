/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A raw WebSocket peer for venue-limit tests: it answers the upgrade (no extensions), records every frame the
 * client sends, in arrival order, as {@code "text:payload"}, {@code "ping"} and so on, and answers pings with
 * pongs. It can drop every connection at once.
 */
public final class RawFramePeer implements AutoCloseable
{
    private final LoopbackServer server;
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private RawFramePeer(final String name) throws IOException
    {
        this.server = LoopbackServer.start(name, this::serve);
    }

    /**
     * Listen on a free loopback port.
     *
     * @param name for the threads.
     * @return the running peer.
     * @throws IOException if no port can be bound.
     */
    public static RawFramePeer start(final String name) throws IOException
    {
        return new RawFramePeer(name);
    }

    /**
     * Where to connect.
     *
     * @return a {@code ws://} URI.
     */
    public String uri()
    {
        return server.uri("ws", "/");
    }

    /**
     * Frames received so far, in order.
     *
     * @return a copy.
     */
    public List<String> frames()
    {
        return new ArrayList<>(frames);
    }

    /**
     * How many frames were received.
     *
     * @return the count, pings included.
     */
    public int frameCount()
    {
        return frames.size();
    }

    /**
     * Connections upgraded and not yet ended.
     *
     * @return the count.
     */
    public int openConnections()
    {
        return open.size();
    }

    /**
     * Drop every open connection at once (TCP close, no closing handshake).
     *
     * @throws IOException if a socket fails to close.
     */
    public void dropAll() throws IOException
    {
        for (final Socket socket : open)
        {
            socket.close();
        }
    }

    private void serve(final Socket socket) throws IOException
    {
        server.track(socket);
        socket.setTcpNoDelay(true);
        RawUpgrade.accept(socket);
        open.add(socket);
        try
        {
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final OutputStream out = socket.getOutputStream();
            while (true)
            {
                final int b0 = in.readUnsignedByte();
                final int b1 = in.readUnsignedByte();
                long length = b1 & 0x7F;
                if (126 == length)
                {
                    length = in.readUnsignedShort();
                }
                else if (127 == length)
                {
                    length = in.readLong();
                }
                final byte[] mask = new byte[4];
                if (0 != (b1 & 0x80))
                {
                    in.readFully(mask);
                }
                final byte[] payload = new byte[(int)length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++)
                {
                    payload[i] ^= mask[i & 3];
                }
                final int opcode = b0 & 0x0F;
                switch (opcode)
                {
                    case 0x1:
                        frames.add("text:" + new String(payload, StandardCharsets.UTF_8));
                        break;
                    case 0x2:
                        frames.add("binary:" + payload.length);
                        break;
                    case 0x9:
                        frames.add("ping");
                        final byte[] pong = new byte[2 + payload.length];
                        pong[0] = (byte)0x8A;
                        pong[1] = (byte)payload.length;
                        System.arraycopy(payload, 0, pong, 2, payload.length);
                        synchronized (out)
                        {
                            out.write(pong);
                            out.flush();
                        }
                        break;
                    case 0xA:
                        frames.add("pong");
                        break;
                    case 0x8:
                        frames.add("close");
                        out.write(new byte[]{(byte)0x88, 0});
                        out.flush();
                        return;
                    default:
                        frames.add("opcode:" + opcode);
                        break;
                }
            }
        }
        catch (final EOFException | java.net.SocketException ignore)
        {
            // the client (or dropAll) ended the connection
        }
        finally
        {
            open.remove(socket);
            socket.close();
        }
    }

    /**
     * Send a PING with an empty payload on every open connection.
     *
     * @throws IOException if a write fails.
     */
    public void pingAll() throws IOException
    {
        for (final Socket socket : open)
        {
            final OutputStream out = socket.getOutputStream();
            synchronized (out)
            {
                out.write(new byte[]{(byte)0x89, 0});
                out.flush();
            }
        }
    }

    @Override
    public void close()
    {
        server.close();
    }
}
