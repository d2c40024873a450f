/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.testing.RawUpgrade;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Control frames go out at the next frame boundary, ahead of queued data: a ping is answered while a producer keeps
 * the socket full, and the echo of the server's close does not wait behind data (the data behind it is handed back).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlFramePriorityTest
{
    private static final int MESSAGE_LENGTH = 64 * 1024;
    private static final int SENT_AFTER_PING = 50;
    private static final int PONG = 0xA;

    @Test
    void shouldAnswerAPingAheadOfDataQueuedBehindIt() throws Exception
    {
        try (ServerSocket server = new ServerSocket())
        {
            server.setReceiveBufferSize(16 * 1024);
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final FrameReadingPeer peer = FrameReadingPeer.start(server, false);

            final AtomicBoolean pinged = new AtomicBoolean();
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext()
                .socketSendBufferSize(16 * 1024)
                .maxOutboundBytes(4 * MESSAGE_LENGTH));
            try
            {
                final WebSocketConnection connection = engine.connect(
                    ConnectRequest.of("ws://127.0.0.1:" + server.getLocalPort() + "/"), new WebSocketListener()
                    {
                        public void onMessage(final WebSocketConnection c, final MessageType type,
                            final DirectBuffer buffer, final int offset, final int length)
                        {
                        }

                        public void onPing(final WebSocketConnection c, final DirectBuffer buffer, final int offset,
                            final int length)
                        {
                            pinged.set(true);
                        }
                    });
                while (!connection.isOpen())
                {
                    engine.doWork();
                }
                final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
                int sent = 0;
                // Fill the socket and the outbound buffer while the server does not read.
                while (SendResult.OK == connection.sendBinary(message, 0, MESSAGE_LENGTH))
                {
                    sent++;
                    engine.doWork();
                }
                peer.write(new byte[]{(byte)0x89, 2, 'h', 'b'}); // server ping, unmasked
                while (!pinged.get())
                {
                    engine.doWork();
                }

                // The server reads now; the producer keeps the outbound buffer full all along.
                peer.startReading();
                int sentAfterPing = 0;
                while (sentAfterPing < SENT_AFTER_PING)
                {
                    engine.doWork();
                    while (sentAfterPing < SENT_AFTER_PING &&
                        SendResult.OK == connection.sendBinary(message, 0, MESSAGE_LENGTH))
                    {
                        sentAfterPing++;
                    }
                }
                final int total = sent + sentAfterPing;
                while (peer.dataFrames() < total && null == peer.error())
                {
                    engine.doWork();
                }
                assertNull(peer.error());
                final List<Integer> seen = peer.opcodes();
                final int pongAt = seen.indexOf(PONG);
                assertTrue(pongAt >= 0, "no pong among " + seen.size() + " frames");
                final int dataAfterPong = seen.size() - pongAt - 1;
                assertTrue(dataAfterPong >= SENT_AFTER_PING,
                    "pong waited behind data: only " + dataAfterPong + " of " + total + " data frames came after it");
                assertEquals(total + 1, seen.size());
            }
            finally
            {
                engine.close();
            }
        }
    }

    @Test
    void shouldEchoACloseAheadOfQueuedDataAndHandTheDataBack() throws Exception
    {
        try (ServerSocket server = new ServerSocket())
        {
            server.setReceiveBufferSize(16 * 1024);
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final FrameReadingPeer peer = FrameReadingPeer.start(server, true);

            final AtomicInteger dropped = new AtomicInteger();
            final AtomicInteger discarded = new AtomicInteger();
            final List<String> order = new ArrayList<>();
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext()
                .socketSendBufferSize(16 * 1024)
                .maxOutboundBytes(8 * MESSAGE_LENGTH));
            try
            {
                final WebSocketConnection connection = engine.connect(
                    ConnectRequest.of("ws://127.0.0.1:" + server.getLocalPort() + "/"), new WebSocketListener()
                    {
                        public void onMessage(final WebSocketConnection c, final MessageType type,
                            final DirectBuffer buffer, final int offset, final int length)
                        {
                        }

                        public void onSendDropped(final WebSocketConnection c, final MessageType type,
                            final DirectBuffer buffer, final int offset, final int length)
                        {
                            assertEquals(MESSAGE_LENGTH, length);
                            assertEquals(7, buffer.getByte(offset + length - 1)); // unmasked: the bytes we sent
                            dropped.incrementAndGet();
                        }

                        public void onUnsentDiscarded(final WebSocketConnection c, final int messages,
                            final long bytes)
                        {
                            discarded.addAndGet(messages);
                        }

                        public void onClosing(final WebSocketConnection c, final int code, final String reason)
                        {
                            order.add("closing:" + dropped.get());
                        }
                    });
                while (!connection.isOpen())
                {
                    engine.doWork();
                }
                final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
                message.setMemory(0, MESSAGE_LENGTH, (byte)7);
                int sent = 0;
                while (SendResult.OK == connection.sendBinary(message, 0, MESSAGE_LENGTH))
                {
                    sent++;
                    engine.doWork();
                }
                peer.write(new byte[]{(byte)0x88, 2, 0x03, (byte)0xE8}); // server close 1000, unmasked
                while (order.isEmpty())
                {
                    engine.doWork();
                }
                peer.startReading();
                while (!peer.isDone())
                {
                    engine.doWork();
                }
                final List<Integer> opcodesSeen = peer.opcodes();
                final int dataReceived = opcodesSeen.size() - 1;
                assertEquals(0x8, opcodesSeen.get(opcodesSeen.size() - 1), "close is the last frame");
                assertTrue(dropped.get() > 0, "data queued behind the close was handed back");
                // Every accepted message was received, handed back whole, or (the one cut at the boundary) counted.
                assertEquals(sent, dataReceived + dropped.get() + discarded.get(),
                    "sent " + sent + ", received " + dataReceived + ", dropped " + dropped.get() + ", discarded " +
                    discarded.get());
            }
            finally
            {
                engine.close();
            }
        }
    }

    /**
     * The server side: answers the upgrade, then reads client frames once told to, recording their opcodes.
     */
    private static final class FrameReadingPeer implements Runnable
    {
        private final ServerSocket server;
        private final boolean untilClose;
        private final CountDownLatch accepted = new CountDownLatch(1);
        private final CountDownLatch reading = new CountDownLatch(1);
        private final CountDownLatch done = new CountDownLatch(1);
        private final List<Integer> opcodes = new ArrayList<>();
        private final AtomicInteger dataFrames = new AtomicInteger();
        private final AtomicReference<Throwable> error = new AtomicReference<>();
        private volatile Socket socket;

        private FrameReadingPeer(final ServerSocket server, final boolean untilClose)
        {
            this.server = server;
            this.untilClose = untilClose;
        }

        static FrameReadingPeer start(final ServerSocket server, final boolean untilClose)
        {
            final FrameReadingPeer peer = new FrameReadingPeer(server, untilClose);
            final Thread thread = new Thread(peer, "frame-reading-peer");
            thread.setDaemon(true);
            thread.start();
            return peer;
        }

        public void run()
        {
            try (Socket accept = server.accept())
            {
                socket = accept;
                RawUpgrade.accept(accept);
                accepted.countDown();
                reading.await();
                final DataInputStream in = new DataInputStream(accept.getInputStream());
                int opcode;
                do
                {
                    opcode = readFrame(in);
                    synchronized (opcodes)
                    {
                        opcodes.add(opcode);
                    }
                    if (PONG != opcode)
                    {
                        dataFrames.incrementAndGet();
                    }
                }
                while (!untilClose || 0x8 != opcode);
            }
            catch (final IOException ignore)
            {
                // the client closed at the end
            }
            catch (final Throwable ex)
            {
                error.set(ex);
            }
            finally
            {
                done.countDown();
            }
        }

        void write(final byte[] bytes) throws Exception
        {
            accepted.await();
            final OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }

        void startReading()
        {
            reading.countDown();
        }

        int dataFrames()
        {
            return dataFrames.get();
        }

        Throwable error()
        {
            return error.get();
        }

        boolean isDone()
        {
            return 0 == done.getCount();
        }

        List<Integer> opcodes()
        {
            synchronized (opcodes)
            {
                return new ArrayList<>(opcodes);
            }
        }
    }

    /**
     * Read one client frame (masked) and skip its payload; returns its opcode.
     */
    static int readFrame(final DataInputStream in) throws IOException
    {
        final int first = in.readUnsignedByte();
        final int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (126 == length)
        {
            length = in.readUnsignedShort();
        }
        else if (127 == length)
        {
            length = in.readLong();
        }
        in.readInt(); // mask key
        skipFully(in, length);
        return first & 0x0F;
    }

    private static void skipFully(final InputStream in, final long length) throws IOException
    {
        long left = length;
        final byte[] sink = new byte[8192];
        while (left > 0)
        {
            final int read = in.read(sink, 0, (int)Math.min(sink.length, left));
            if (read < 0)
            {
                throw new java.io.EOFException();
            }
            left -= read;
        }
    }
}
