/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.handshake.HandshakeKeys;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket server that says exactly what the test scripts, for the cases no real server produces: a 101 with a
 * chosen Sec-WebSocket-Extensions header (malformed permessage-deflate parameters), then chosen bytes (a
 * decompression bomb, corrupt deflate data). It records the request and every frame the client sends, answers a
 * close frame with the same code, and then closes.
 */
final class ScriptedWsServer implements AutoCloseable
{
    /**
     * A frame the client sent, unmasked.
     *
     * @param firstByte FIN, RSV and opcode bits.
     * @param masked    whether the mask bit was set.
     * @param payload   unmasked payload.
     */
    record ClientFrame(int firstByte, boolean masked, byte[] payload)
    {
        int opcode()
        {
            return firstByte & 0x0F;
        }

        boolean rsv1()
        {
            return (firstByte & 0x40) != 0;
        }

        int closeCode()
        {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    private final ServerSocket server;
    private final String extensions;
    private final byte[] script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<ClientFrame> frames = new LinkedBlockingQueue<>();

    /**
     * Start a server.
     *
     * @param extensions the Sec-WebSocket-Extensions value of the 101, or null for none.
     * @param script     bytes to send right after the 101.
     */
    ScriptedWsServer(final String extensions, final byte[] script) throws IOException
    {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.extensions = extensions;
        this.script = script;
        final Thread acceptor = new Thread(this::acceptLoop, "scripted-ws-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String uri(final String path)
    {
        return "ws://127.0.0.1:" + server.getLocalPort() + path;
    }

    ClientFrame nextFrame() throws InterruptedException
    {
        final ClientFrame frame = frames.poll(20, TimeUnit.SECONDS);
        if (null == frame)
        {
            throw new AssertionError("the client sent no frame within 20 s");
        }
        return frame;
    }

    @Override
    public void close()
    {
        try
        {
            server.close();
            for (final Socket socket : sockets)
            {
                socket.close();
            }
        }
        catch (final IOException ignore)
        {
            // closing
        }
    }

    private void acceptLoop()
    {
        while (!server.isClosed())
        {
            try
            {
                final Socket socket = server.accept();
                sockets.add(socket);
                final Thread handler = new Thread(() -> serve(socket), "scripted-ws-connection");
                handler.setDaemon(true);
                handler.start();
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }

    private void serve(final Socket socket)
    {
        try (socket)
        {
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            final String request = readHead(in);
            requests.add(request);
            String key = "";
            for (final String line : request.split("\r\n"))
            {
                if (line.toLowerCase().startsWith("sec-websocket-key:"))
                {
                    key = line.substring(line.indexOf(':') + 1).strip();
                }
            }
            final String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n" +
                "Connection: Upgrade\r\n" +
                "Sec-WebSocket-Accept: " + HandshakeKeys.acceptFor(key) + "\r\n" +
                (null == extensions ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.write(script);
            out.flush();
            readFrames(new DataInputStream(in), out);
        }
        catch (final IOException ignore)
        {
            // the client went away
        }
    }

    private void readFrames(final DataInputStream in, final OutputStream out) throws IOException
    {
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
            final boolean masked = (b1 & 0x80) != 0;
            final byte[] mask = new byte[4];
            if (masked)
            {
                in.readFully(mask);
            }
            final byte[] payload = new byte[(int)length];
            in.readFully(payload);
            for (int i = 0; i < payload.length && masked; i++)
            {
                payload[i] ^= mask[i & 3];
            }
            final ClientFrame frame = new ClientFrame(b0, masked, payload);
            frames.add(frame);
            if (8 == frame.opcode())
            {
                final byte[] reply = payload.length >= 2 ? new byte[]{(byte)0x88, 2, payload[0], payload[1]} :
                    new byte[]{(byte)0x88, 0};
                out.write(reply);
                out.flush();
                return;
            }
        }
    }

    private static String readHead(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new EOFException("no request head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : ('\r' == b ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
