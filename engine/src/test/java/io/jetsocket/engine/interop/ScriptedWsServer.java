/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
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

    private final String extensions;
    private final byte[] script;
    private final LoopbackServer server;
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
        this.extensions = extensions;
        this.script = script;
        this.server = LoopbackServer.start("scripted-ws", this::serve);
    }

    String uri(final String path)
    {
        return server.uri("ws", path);
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
        server.close();
    }

    private void serve(final Socket socket) throws IOException
    {
        try (socket)
        {
            requests.add(RawUpgrade.accept(socket, extensions));
            final OutputStream out = socket.getOutputStream();
            out.write(script);
            out.flush();
            readFrames(new DataInputStream(socket.getInputStream()), out);
        }
        catch (final EOFException ignore)
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
}
