/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.client;

import io.jetsocket.client.WebSocket;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.handshake.HandshakeKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The client's receive path per message, end to end on loopback: a {@link WebSocket} on an embedded engine driven
 * by the benchmark thread, fed by a local thread that streams 60-byte JSON trade messages as fast as TCP takes
 * them. One operation is one message delivered to the application (measured over batches):
 * <ul>
 *     <li>{@code RAW}: the zero-copy handler ({@code onRawMessage}), no decoding;</li>
 *     <li>{@code MAP}: the default JSON codec (Jackson streaming into a {@code Map}) and the {@code message}
 *     event;</li>
 *     <li>{@code RECORD}: typed messages (Jackson Databind into a record) and the {@code message} event.</li>
 * </ul>
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes the engine thread allocates per message
 * (socket reads, frame decoding, client dispatch and decoding included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class ClientReceiveBenchmark
{
    private static final String PAYLOAD =
        "{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"64123.10\",\"q\":\"0.015\",\"t\":1}";
    private static final int FRAMES_PER_WRITE = 512;
    /** Messages per invocation: one engine duty cycle may deliver a whole read buffer of them at once. */
    private static final int BATCH = 10_000;

    /** Which receive path. */
    @Param({ "RAW", "MAP", "RECORD" })
    public String path;

    private ServerSocket server;
    private Thread pusher;
    private WebSocketEngine engine;
    private WebSocket<?> ws;
    private long received;
    private long checksum;
    private long target;

    /**
     * A trade, for the typed path.
     *
     * @param e event type.
     * @param s symbol.
     * @param p price.
     * @param q quantity.
     * @param t trade id.
     */
    public record Trade(String e, String s, String p, String q, long t)
    {
    }

    /**
     * Start the feed, connect the client and wait for the first message.
     *
     * @throws IOException if the local server cannot listen.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        pusher = new Thread(this::push, "benchmark-feed");
        pusher.setDaemon(true);
        pusher.start();
        engine = WebSocketEngine.embedded(new EngineContext());
        final String uri = "ws://127.0.0.1:" + server.getLocalPort() + "/feed";
        switch (path)
        {
            case "RAW":
            {
                final WebSocket<Object> raw = WebSocket.builder(uri).engine(engine)
                    .receiveQueue(0, OverflowPolicy.DROP_OLDEST).build();
                raw.onRawMessage((type, buffer, offset, length) ->
                {
                    received++;
                    checksum += buffer.getByte(offset + 2);
                });
                ws = raw;
                break;
            }
            case "MAP":
            {
                final WebSocket<Object> map = WebSocket.builder(uri).engine(engine)
                    .receiveQueue(0, OverflowPolicy.DROP_OLDEST).build();
                map.onMessage((message) ->
                {
                    received++;
                    checksum += ((Map<?, ?>)message).size();
                });
                ws = map;
                break;
            }
            default:
            {
                final WebSocket<Trade> typed = WebSocket.builder(uri).engine(engine).messageType(Trade.class)
                    .receiveQueue(0, OverflowPolicy.DROP_OLDEST).build();
                typed.onMessage((trade) ->
                {
                    received++;
                    checksum += trade.t();
                });
                ws = typed;
                break;
            }
        }
        ws.connect();
        while (0 == received)
        {
            engine.doWork();
        }
        target = received;
    }

    /**
     * Close the client, the engine and the feed.
     *
     * @throws IOException if the server socket cannot close.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        ws.closeAsync();
        for (int i = 0; i < 1000 && !ws.state().isTerminal(); i++)
        {
            engine.doWork();
        }
        engine.close();
        server.close();
    }

    /**
     * Receive {@value #BATCH} messages (reported per message). A duty cycle that overshoots the target counts
     * towards the next invocation, so the average is exact.
     *
     * @return the checksum, so that the handler's work is not eliminated.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long receive()
    {
        target += BATCH;
        while (received < target)
        {
            engine.doWork();
        }
        return checksum;
    }

    private void push()
    {
        try (Socket socket = server.accept())
        {
            socket.setTcpNoDelay(true);
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            final String key = requestKey(in);
            final String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n" +
                "Connection: Upgrade\r\nSec-WebSocket-Accept: " + HandshakeKeys.acceptFor(key) + "\r\n\r\n";
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            final byte[] payload = PAYLOAD.getBytes(StandardCharsets.US_ASCII);
            final int frameLength = 2 + payload.length;
            final byte[] batch = new byte[frameLength * FRAMES_PER_WRITE];
            for (int i = 0; i < FRAMES_PER_WRITE; i++)
            {
                batch[i * frameLength] = (byte)0x81;
                batch[i * frameLength + 1] = (byte)payload.length;
                System.arraycopy(payload, 0, batch, i * frameLength + 2, payload.length);
            }
            while (!Thread.currentThread().isInterrupted())
            {
                out.write(batch);
            }
        }
        catch (final IOException ignore)
        {
            // the benchmark is over
        }
    }

    private static String requestKey(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("handshake request ended early");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        for (final String line : head.toString(StandardCharsets.US_ASCII).split("\r\n"))
        {
            final int colon = line.indexOf(':');
            if (colon > 0 && "sec-websocket-key".equalsIgnoreCase(line.substring(0, colon).trim()))
            {
                return line.substring(colon + 1).trim();
            }
        }
        throw new IOException("no Sec-WebSocket-Key in " + head);
    }
}
