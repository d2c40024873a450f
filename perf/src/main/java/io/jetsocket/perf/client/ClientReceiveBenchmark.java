/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.client;

import com.fasterxml.jackson.annotation.JsonProperty;
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
 * by the benchmark thread, fed by a local thread that streams JSON messages as fast as TCP takes them: a 60-byte
 * trade ({@code TRADE_60}) or a 128-byte market-data tick ({@code TICK_128}). Prices, quantities and ids differ from
 * one message to the next (512 variants), so that no cache of string values sees one message over and over. One
 * operation is one message delivered to the application (measured over batches):
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
    /** 60 bytes; %02d, %03d and %d vary per message. */
    private static final String TRADE_60 =
        "{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"64123.%02d\",\"q\":\"0.%03d\",\"t\":%d}";
    /** 128 bytes: a Binance-style trade tick; price, quantity, trade id and times vary per message. */
    private static final String TICK_128 =
        "{\"e\":\"trade\",\"E\":1733323200%03d,\"s\":\"BTCUSDT\",\"t\":3351234%03d,\"p\":\"64123.%02d\"," +
        "\"q\":\"0.%03d\",\"b\":88,\"a\":50,\"T\":1733323200%03d,\"m\":true}";
    private static final int FRAMES_PER_WRITE = 512;
    /** Messages per invocation: one engine duty cycle may deliver a whole read buffer of them at once. */
    private static final int BATCH = 10_000;

    /** Which receive path. */
    @Param({ "RAW", "MAP", "RECORD" })
    public String path;

    /** Which message. */
    @Param({ "TRADE_60", "TICK_128" })
    public String payload;

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
     * A market-data tick, for the typed path.
     *
     * @param e         event type.
     * @param eventTime event time, epoch ms.
     * @param s         symbol.
     * @param t         trade id.
     * @param p         price.
     * @param q         quantity.
     * @param b         buyer order id.
     * @param a         seller order id.
     * @param tradeTime trade time, epoch ms.
     * @param m         whether the buyer is the maker.
     */
    public record Tick(
        String e, @JsonProperty("E") long eventTime, String s, long t, String p, String q, long b, long a,
        @JsonProperty("T") long tradeTime, boolean m)
    {
    }

    /**
     * The message of a variant.
     *
     * @param payload {@code TRADE_60} or {@code TICK_128}.
     * @param i       which variant.
     * @return the JSON text.
     */
    static String message(final String payload, final int i)
    {
        final String json = "TRADE_60".equals(payload) ?
            String.format(TRADE_60, i % 100, i % 1000, i % 10) :
            String.format(TICK_128, i % 1000, i % 1000, i % 100, i % 1000, i % 1000);
        final int expected = "TRADE_60".equals(payload) ? 60 : 128;
        if (json.length() != expected)
        {
            throw new IllegalStateException(payload + " is " + json.length() + " bytes: " + json);
        }
        return json;
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
            case "RECORD":
            {
                if ("TICK_128".equals(payload))
                {
                    final WebSocket<Tick> typed = WebSocket.builder(uri).engine(engine).messageType(Tick.class)
                        .receiveQueue(0, OverflowPolicy.DROP_OLDEST).build();
                    typed.onMessage((tick) ->
                    {
                        received++;
                        checksum += tick.t();
                    });
                    ws = typed;
                    break;
                }
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
            default:
                throw new IllegalArgumentException("unknown path " + path);
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
        // No closing handshake driven by doWork(): JMH reads the profilers after this, within the last iteration,
        // and every duty cycle here would decode a read buffer full of uncounted messages (the feed never stops),
        // inflating that iteration's gc.alloc.rate.norm several times over
        ws.closeAsync();
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
            final int length = message(payload, 0).length();
            final int header = length < 126 ? 2 : 4;
            final int frameLength = header + length;
            final byte[] batch = new byte[frameLength * FRAMES_PER_WRITE];
            for (int i = 0; i < FRAMES_PER_WRITE; i++)
            {
                final int at = i * frameLength;
                batch[at] = (byte)0x81; // FIN + text, unmasked
                if (length < 126)
                {
                    batch[at + 1] = (byte)length;
                }
                else
                {
                    batch[at + 1] = 126;
                    batch[at + 2] = (byte)(length >>> 8);
                    batch[at + 3] = (byte)length;
                }
                final byte[] bytes = message(payload, i).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(bytes, 0, batch, at + header, length);
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
