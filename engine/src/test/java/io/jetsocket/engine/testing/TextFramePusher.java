/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A server that floods one client with the same message (a short text one, or any frame), for allocation and
 * throughput tests: accept one connection, answer its upgrade, write the frames in 512-frame writes as fast as TCP
 * takes them, then read until the client closes.
 */
public final class TextFramePusher
{
    private static final int FRAMES_PER_WRITE = 512;

    private TextFramePusher()
    {
    }

    /**
     * Accept one client and push {@code messages} unmasked text frames of {@code payload} to it.
     *
     * @param server   listening socket the client connects to.
     * @param payload  ASCII, shorter than 126 bytes (one-byte length).
     * @param messages how many frames.
     * @throws IOException if the socket fails.
     */
    public static void push(final ServerSocket server, final String payload, final long messages) throws IOException
    {
        final byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > 125)
        {
            throw new IllegalArgumentException("payload of " + bytes.length + " bytes: at most 125 here");
        }
        final byte[] frame = new byte[2 + bytes.length];
        frame[0] = (byte)0x81; // FIN + text
        frame[1] = (byte)bytes.length; // 7-bit length, unmasked
        System.arraycopy(bytes, 0, frame, 2, bytes.length);
        pushFrames(server, frame, messages);
    }

    /**
     * Accept one client and push {@code messages} copies of one complete frame to it.
     *
     * @param server   listening socket the client connects to.
     * @param frame    the frame, header included (unmasked: from the server).
     * @param messages how many frames.
     * @throws IOException if the socket fails.
     */
    public static void pushFrames(final ServerSocket server, final byte[] frame, final long messages)
        throws IOException
    {
        try (Socket socket = server.accept())
        {
            socket.setTcpNoDelay(true);
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            RawUpgrade.accept(socket);
            final byte[] batch = new byte[frame.length * FRAMES_PER_WRITE];
            for (int i = 0; i < FRAMES_PER_WRITE; i++)
            {
                System.arraycopy(frame, 0, batch, i * frame.length, frame.length);
            }
            long sent = 0;
            for (; sent + FRAMES_PER_WRITE <= messages; sent += FRAMES_PER_WRITE)
            {
                out.write(batch);
            }
            for (; sent < messages; sent++)
            {
                out.write(frame);
            }
            out.flush();
            in.readAllBytes();
        }
    }
}
