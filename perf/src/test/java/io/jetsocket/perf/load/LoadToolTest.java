/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load tool's own parsing, framing and statistics, and quick in-process runs of the TLS and compressed
 * pushes against a feed server in this JVM (small counts; no JVMs started), so that a broken TLS set-up or
 * permessage-deflate negotiation fails the build.
 */
class LoadToolTest
{
    @TempDir
    static Path tlsDir;

    private static FeedServer server;

    @BeforeAll
    static void startFeedServer() throws Exception
    {
        server = new FeedServer("127.0.0.1", 0, false);
        server.startTls("127.0.0.1", 0, tlsDir);
        final Thread thread = new Thread(() ->
        {
            try
            {
                server.run();
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        }, "feed-server");
        thread.setDaemon(true);
        thread.start();
    }

    @AfterAll
    static void stopFeedServer() throws Exception
    {
        server.close();
    }

    private static Map<String, Object> push(final String client, final String... options) throws Exception
    {
        final List<String> args = new ArrayList<>(List.of("--client", client, "--workload", "push", "--size", "128",
            "--warmup", "2000", "--count", "50000", "--timeout-s", "60"));
        args.addAll(List.of(options));
        final LoadClient.Outcome outcome = LoadClient.run(new Args(args.toArray(new String[0])));
        outcome.adapter().close();
        final Map<String, Object> result = outcome.result();
        assertEquals(50_000L, result.get("msgs"), client);
        return result;
    }

    private static Map<String, Object> pushTls(final String client) throws Exception
    {
        return push(client, "--port", Integer.toString(server.tlsPort()), "--tls", "true",
            "--trust-cert", server.certificate().toString());
    }

    private static Map<String, Object> pushDeflate(final String client) throws Exception
    {
        return push(client, "--port", Integer.toString(server.port()), "--deflate", "true");
    }

    @Test
    void shouldPushOverTlsToJetSocketAPeerAndTheFloor() throws Exception
    {
        for (final String client : List.of("jetsocket", "okhttp", "raw", "raw-spin"))
        {
            final Map<String, Object> result = pushTls(client);
            assertEquals(Boolean.TRUE, result.get("tls"), client);
            assertTrue(String.valueOf(result.get("tls_session")).startsWith("TLSv1."), client + ": " + result);
            assertEquals(Boolean.FALSE, result.get("compressed"), client);
        }
    }

    @Test
    void shouldNegotiateDeflateAndPushCompressedFrames() throws Exception
    {
        for (final String client : List.of("jetsocket", "okhttp", "netty", "raw"))
        {
            final Map<String, Object> result = pushDeflate(client);
            assertEquals(Boolean.TRUE, result.get("compressed"), client + ": " + result);
            assertTrue(String.valueOf(result.get("extensions")).startsWith("permessage-deflate"), client);
            final double wire = (Double)result.get("wire_bytes_per_msg");
            assertTrue(wire > 0 && wire < 0.9 * FeedMessages.serverFrameLength(128), client + ": " + wire);
        }
    }

    @Test
    void shouldPushUncompressedAndSaySoWhenTheClientOffersNoDeflate() throws Exception
    {
        final Map<String, Object> result = pushDeflate("jdk");
        assertEquals(Boolean.FALSE, result.get("compressed"));
        // bytes read per message, give or take a read buffer at either end of the window
        final double wire = (Double)result.get("wire_bytes_per_msg");
        assertTrue(wire > 0.95 * FeedMessages.serverFrameLength(128), "wire bytes per message: " + wire);
    }

    @Test
    void shouldAcceptPermessageDeflateOffersItCanHonour()
    {
        assertEquals("permessage-deflate; server_no_context_takeover",
            WsHandshake.acceptDeflate("permessage-deflate; client_max_window_bits", 128));
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
            WsHandshake.acceptDeflate("x-webkit-deflate-frame, permessage-deflate; client_no_context_takeover", 128));
        assertEquals("permessage-deflate; server_no_context_takeover; server_max_window_bits=10",
            WsHandshake.acceptDeflate("permessage-deflate; server_max_window_bits=10", 1024));
        assertEquals("permessage-deflate; server_no_context_takeover",
            WsHandshake.acceptDeflate("permessage-deflate; server_max_window_bits=9, permessage-deflate", 1024));
        assertNull(WsHandshake.acceptDeflate("permessage-deflate; unknown_parameter", 128));
        assertNull(WsHandshake.acceptDeflate("deflate-frame", 128));
        assertNull(WsHandshake.acceptDeflate(null, 128));
        assertTrue(WsHandshake.acceptsDeflate("foo, permessage-deflate; server_no_context_takeover"));
        assertFalse(WsHandshake.acceptsDeflate(""));
        assertEquals("a, b", WsHandshake.headers("GET / HTTP/1.1\r\nX: a\r\nx:  b\r\n", "X"));
    }

    @Test
    void shouldDeflateEachMessageOnItsOwn() throws Exception
    {
        final FeedMessages.Batch batch = FeedMessages.batch(FeedMessages.TEXT, 128, 50, true, false);
        assertEquals(50, batch.frames());
        assertTrue(batch.averageFrameLength() < FeedMessages.serverFrameLength(128));
        final ByteBuffer frames = batch.buffer;
        final Inflater inflater = new Inflater(true);
        final byte[] out = new byte[256];
        for (int i = 0; i < batch.frames(); i++)
        {
            assertEquals((byte)0xC1, frames.get(), "FIN, RSV1, text");
            final int length = frames.get();
            final byte[] payload = new byte[length];
            frames.get(payload);
            inflater.setInput(payload);
            int n = inflater.inflate(out);
            inflater.setInput(FeedMessages.DEFLATE_TAIL);
            n += inflater.inflate(out, n, out.length - n);
            assertArrayEquals(FeedMessages.json(128, i), Arrays.copyOf(out, n));
            inflater.reset();
        }
        inflater.end();
        assertFalse(frames.hasRemaining());
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        assertArrayEquals(FeedMessages.deflate(deflater, FeedMessages.json(128, 3)),
            FeedMessages.deflate(deflater, FeedMessages.json(128, 3)), "no context carried between messages");
        deflater.end();
    }

    @Test
    void shouldParseTheFeedServersReadyLineAndPlanOnlyWhatAClientCanRun()
    {
        assertEquals(Map.of("port", "1", "tls", "2", "cert", "/a b/c.crt"),
            LoadRunner.parseListening("LISTENING 1 tls=2 cert=/a b/c.crt"));
        assertEquals(Map.of("port", "1", "tls", "0", "tls-error", "no_keytool"),
            LoadRunner.parseListening("LISTENING 1 tls=0 tls-error=no_keytool"));
        assertEquals(Map.of("port", "7"), LoadRunner.parseListening("LISTENING 7"));
        final List<String> planned = new ArrayList<>();
        for (final LoadRunner.Run run : LoadRunner.plan(
            List.of(WorkloadSpec.pushTls(128, 1, 1), WorkloadSpec.pushDeflate(128, 1, 1)),
            List.of("raw", "raw-spin", "jetsocket", "jdk"), 1, 1, 1))
        {
            planned.add(run.spec.label() + ":" + run.client);
        }
        assertEquals(List.of("push128tls:raw", "push128tls:raw-spin", "push128tls:jetsocket", "push128tls:jdk",
            "push128z:raw", "push128z:raw-spin", "push128z:jetsocket"), planned);
        assertEquals(List.of("--workload", "push", "--size", "128", "--warmup", "1", "--count", "1", "--deflate",
            "true"), WorkloadSpec.pushDeflate(128, 1, 1).clientArgs(0));
    }

    @Test
    void shouldParseOptionsAndCounts()
    {
        final Args args = new Args("--count", "5m", "--warmup=200k", "--full", "--clients", "raw, jetsocket,", "--x");
        assertEquals(5_000_000L, args.getLong("count", 0));
        assertEquals(200_000L, args.getLong("warmup", 0));
        assertTrue(args.getBoolean("full", false));
        assertEquals(List.of("raw", "jetsocket"), args.getList("clients", List.of()));
        assertEquals(10_000L, Args.parseCount("n", "10_000"));
        assertEquals(List.of("x"), args.unused());
        assertThrows(IllegalArgumentException.class, () -> Args.parseCount("n", "lots"));
        assertThrows(IllegalArgumentException.class, () -> new Args("count"));
    }

    @Test
    void shouldTakeMedianMinAndMax()
    {
        final Stats odd = Stats.of(Arrays.asList(3.0, 1.0, 2.0));
        assertEquals(2.0, odd.median);
        assertEquals(1.0, odd.min);
        assertEquals(3.0, odd.max);
        assertEquals(2.5, Stats.of(Arrays.asList(4.0, 1.0, 2.0, 3.0)).median);
        assertEquals(5.0, Stats.of(Arrays.asList(Double.NaN, 5.0)).median);
        assertNull(Stats.of(new ArrayList<>()));
    }

    @Test
    void shouldBuildJsonOfExactSize()
    {
        for (final int size : new int[] {FeedMessages.MIN_SIZE, 64, 128, 1024, 65_536})
        {
            final byte[] json = FeedMessages.json(size, 7);
            assertEquals(size, json.length);
            final String text = new String(json, StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("{\"type\":\"trade\",\"seq\":7") && text.endsWith("}"), text);
            for (final byte b : json)
            {
                assertTrue(b >= 0x20 && b < 0x7F, "printable ASCII only");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> FeedMessages.json(FeedMessages.MIN_SIZE - 1, 0));
    }

    private static void putMasked(final ByteBuffer out, final int firstByte, final byte[] payload, final int mask)
    {
        out.put((byte)firstByte);
        if (payload.length < 126)
        {
            out.put((byte)(0x80 | payload.length));
        }
        else
        {
            out.put((byte)(0x80 | 126)).putShort((short)payload.length);
        }
        out.putInt(mask);
        for (int i = 0; i < payload.length; i++)
        {
            out.put((byte)(payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
    }

    @Test
    void shouldCountDataFramesAndReadPongsWhateverTheSplitOfTheStream()
    {
        final ByteBuffer stream = ByteBuffer.allocate(4096);
        putMasked(stream, 0x82, new byte[1000], 0x0A0B_0C0D);
        putMasked(stream, 0x8A, ByteBuffer.allocate(8).putLong(0, 41).array(), 0x1122_3344);
        putMasked(stream, 0x82, new byte[300], 0x5566_7788);
        putMasked(stream, 0x8A, ByteBuffer.allocate(8).putLong(0, 42).array(), 0x99AA_BBCC);
        putMasked(stream, 0x88, new byte[] {0x03, (byte)0xE8}, 0x0102_0304);
        putMasked(stream, 0x82, new byte[10], 0x0102_0304); // after the close: never read
        stream.flip();
        final int total = stream.remaining();
        for (final int chunk : new int[] {1, 3, 7, 64, 1000, total})
        {
            final SinkFrames frames = new SinkFrames();
            final List<Long> pongs = new ArrayList<>();
            final ByteBuffer in = ByteBuffer.allocate(total);
            boolean open = true;
            for (int at = 0; at < total && open; at += chunk)
            {
                in.put(stream.slice(at, Math.min(chunk, total - at)));
                in.flip();
                open = frames.scan(in, pongs::add);
                in.compact();
            }
            assertFalse(open, "chunk " + chunk);
            assertEquals(List.of(41L, 42L), pongs, "chunk " + chunk);
            assertEquals(2, frames.dataFrames(), "chunk " + chunk);
            assertEquals(1300, frames.dataBytes(), "chunk " + chunk);
        }
    }

    @Test
    void shouldTakeNearestRankPercentiles()
    {
        final long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, PongSink.percentile(sorted, 50));
        assertEquals(10, PongSink.percentile(sorted, 99));
        assertEquals(10, PongSink.percentile(sorted, 100));
        assertEquals(1, PongSink.percentile(sorted, 0));
        assertEquals(-1, PongSink.percentile(new long[0], 50));
    }

    @Test
    void shouldRunTheJetSocketClientOncePerIdleStrategy()
    {
        assertEquals(List.of("raw", "jetsocket-backoff", "jetsocket-selecting", "jetsocket", "netty"),
            LoadRunner.withIdleStrategies(List.of("raw", "jetsocket", "jetsocket-backoff", "netty"),
            List.of("backoff", "selecting", "spin")));
        assertEquals(List.of("jetsocket"), LoadRunner.withIdleStrategies(List.of("jetsocket"), null));
        assertEquals("jetsocket-selecting", ClientAdapters.create("jetsocket-selecting").name());
        assertEquals("jetsocket", ClientAdapters.create("jetsocket-spin").name());
        assertEquals("jetsocket-selecting-rb16k", ClientAdapters.create("jetsocket-selecting-rb16k").name());
        assertThrows(IllegalArgumentException.class,
            () -> LoadRunner.withIdleStrategies(List.of("jetsocket"), List.of("sleepy")));
    }

    @Test
    void shouldRunTheWebSocketClientOverPlainTlsAndCompressedPushes() throws Exception
    {
        assertEquals("jetsocket-client", ClientAdapters.create("jetsocket-client").name());
        assertEquals("jetsocket-client-selecting", ClientAdapters.create("jetsocket-client-selecting").name());
        assertThrows(IllegalArgumentException.class, () -> ClientAdapters.create("jetsocket-client-sleepy"));
        final String port = Integer.toString(server.port());
        assertEquals(Boolean.FALSE, push("jetsocket-client", "--port", port).get("compressed"));
        assertEquals(Boolean.TRUE, pushTls("jetsocket-client").get("tls")); // the client does not show its session
        assertEquals(Boolean.TRUE, pushDeflate("jetsocket-client").get("compressed"));
    }

    @Test
    void shouldPushThroughTheSequencedFeedWithoutLosingAMessage() throws Exception
    {
        // The feed server repeats one batch whose ids restart at 0: a tracker fed those ids as they are would drop
        // every batch after the first as stale, and the push would not reach its count.
        assertEquals("jetsocket-client-seq", ClientAdapters.create("jetsocket-client-seq").name());
        assertEquals("jetsocket-client-backoff-seq", ClientAdapters.create("jetsocket-client-backoff-seq").name());
        final String port = Integer.toString(server.port());
        assertEquals(Boolean.FALSE, push("jetsocket-client-seq", "--port", port).get("compressed"));
        assertEquals(Boolean.TRUE, pushDeflate("jetsocket-client-seq").get("compressed"));
        assertEquals("sequence tracking: push workloads only", ClientAdapters.create("jetsocket-client-seq")
            .unsupported(WorkloadSpec.rtt(64, 10, 100)));
    }

    @Test
    void shouldFanInAndComeBackFromTheStormWithTheClientsOwnReconnect() throws Exception
    {
        final LoadClient.Outcome outcome = LoadClient.run(new Args("--client", "jetsocket-client",
            "--workload", "fanin", "--port", Integer.toString(server.port()), "--connections", "20",
            "--interval-ms", "50", "--steady-ms", "200", "--timeout-s", "60"));
        outcome.adapter().close();
        final Map<String, Object> result = outcome.result();
        assertEquals(20, result.get("connections"), result.toString());
        assertTrue((Double)result.get("storm_reopen_ms") > 0, result.toString());
        assertTrue((Double)result.get("storm_receiving_ms") >= (Double)result.get("storm_reopen_ms"),
            result.toString());
        assertTrue((Long)result.get("steady_msgs") > 0, result.toString());
    }

    @Test
    void shouldMeasureIdleCpuOfOpenSilentConnections() throws Exception
    {
        final LoadClient.Outcome outcome = LoadClient.run(new Args("--client", "jetsocket-selecting",
            "--workload", "idle", "--port", Integer.toString(server.port()), "--connections", "3",
            "--idle-ms", "300", "--settle-ms", "100", "--timeout-s", "30"));
        outcome.adapter().close();
        final Map<String, Object> result = outcome.result();
        assertEquals(3, result.get("connections"));
        assertEquals(0L, result.get("idle_msgs"));
        final double engine = (Double)result.get("engine_cpu_pct");
        assertTrue(engine >= 0 && engine <= 100.0 * Runtime.getRuntime().availableProcessors(), result.toString());
        // The process's CPU time advances in scheduler ticks (10 ms: 3.3 % of this 300 ms window), the thread's more
        // finely: the process may read a tick below its engine thread, never more.
        assertTrue((Double)result.get("cpu_pct") >= engine - 5, result.toString());
    }

    @Test
    void shouldMeasurePongDelayWhileTheClientSaturatesTheConnection() throws Exception
    {
        for (final String client : List.of("jetsocket", "netty", "okhttp"))
        {
            final LoadClient.Outcome outcome = LoadClient.run(new Args("--client", client, "--workload", "pong",
                "--port", Integer.toString(server.port()), "--size", "16384", "--pings", "20", "--ping-ms", "5",
                "--warmup-ms", "200", "--timeout-s", "60"));
            outcome.adapter().close();
            final Map<String, Object> result = outcome.result();
            assertEquals("20", result.get("pings"), client);
            assertTrue(Integer.parseInt((String)result.get("pongs")) > 0, client + ": " + result);
            assertTrue(Double.parseDouble((String)result.get("delay_p50_us")) > 0, client + ": " + result);
            assertTrue((Long)result.get("sent") > 0, client + ": " + result);
            assertTrue((Long)result.get("back_pressured") > 0, client + " never filled its buffer: " + result);
        }
    }

    @Test
    void shouldEncodeServerFrameHeaders()
    {
        assertEquals(2 + 125, FeedMessages.serverFrameLength(125));
        assertEquals(4 + 128, FeedMessages.serverFrameLength(128));
        assertEquals(10 + 70_000, FeedMessages.serverFrameLength(70_000));
        final ByteBuffer frames = FeedMessages.textFrames(128, 3);
        assertEquals(3 * 132, frames.remaining());
        assertEquals((byte)0x81, frames.get(132));
        assertEquals((byte)126, frames.get(133));
        assertEquals(128, frames.getShort(134));
        assertEquals((byte)0x82, FeedMessages.frames(FeedMessages.BINARY, 64, 1).get(0));
    }

    @Test
    void shouldEchoMaskedFramesUnmaskedAndKeepPartialFrames()
    {
        final byte[] payload = FeedMessages.json(130, 1);
        final int mask = 0x1234_5678;
        final ByteBuffer in = ByteBuffer.allocate(1024);
        in.put((byte)0x81).put((byte)(0x80 | 126)).putShort((short)payload.length).putInt(mask);
        for (int i = 0; i < payload.length; i++)
        {
            in.put((byte)(payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
        in.put((byte)0x89).put((byte)0x80).putInt(0); // an empty ping
        in.put((byte)0x81).put((byte)0x85); // half a frame
        in.flip();
        final ByteBuffer out = ByteBuffer.allocate(1024);
        assertTrue(EchoFrames.echo(in, out));
        out.flip();
        assertEquals((byte)0x81, out.get());
        assertEquals((byte)126, out.get());
        assertEquals(payload.length, out.getShort());
        final byte[] echoed = new byte[payload.length];
        out.get(echoed);
        assertArrayEquals(payload, echoed);
        assertEquals((byte)0x8A, out.get());
        assertEquals(0, out.get());
        assertFalse(out.hasRemaining());
        assertEquals(2, in.remaining(), "the partial frame stays");

        final ByteBuffer close = ByteBuffer.allocate(16).put((byte)0x88).put((byte)0x82).putInt(0)
            .putShort((short)1000).flip();
        assertFalse(EchoFrames.echo(close, ByteBuffer.allocate(16)));
    }

    @Test
    void shouldComputeTheAcceptValueOfRfc6455()
    {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WsHandshake.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
        final ByteBuffer head = ByteBuffer.wrap("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n\r\nXY"
            .getBytes(StandardCharsets.US_ASCII));
        assertEquals(head.capacity() - 2, WsHandshake.endOfHead(head, head.capacity()));
        assertEquals(-1, WsHandshake.endOfHead(head, 20));
        assertEquals("websocket", WsHandshake.header("GET / HTTP/1.1\r\nUPGRADE:  websocket\r\n", "Upgrade"));
    }

    @Test
    void shouldParseResultLinesAndQueries()
    {
        final Map<String, String> values = LoadRunner.parseResult("RESULT client=raw msgs_per_s=1.5e+06 size=128");
        assertEquals("raw", values.get("client"));
        assertEquals("1.5e+06", values.get("msgs_per_s"));
        assertEquals(Map.of("n", "5", "size", "128"), FeedServer.parseQuery("n=5&size=128&junk"));
        final String line = LoadClient.format(new java.util.LinkedHashMap<>(Map.of("rate", 1234.5678)));
        assertEquals("RESULT rate=1234.57", line);
    }

    @Test
    void shouldInterleaveClientsAndRotateTheirOrder()
    {
        final List<LoadRunner.Run> plan = LoadRunner.plan(
            List.of(WorkloadSpec.rtt(64, 1, 1), WorkloadSpec.fanIn(5000, 1)),
            List.of("raw", "raw-spin", "jetsocket", "okhttp"), 2, 5000, 2000);
        final List<String> rtt = new ArrayList<>();
        final List<String> fanIn = new ArrayList<>();
        for (final LoadRunner.Run run : plan)
        {
            ("rtt".equals(run.spec.workload()) ? rtt : fanIn).add(run.client + ":" + run.rep + ":" + run.connections);
        }
        assertEquals(List.of("raw:1:5000", "raw-spin:1:5000", "jetsocket:1:5000", "okhttp:1:2000",
            "raw-spin:2:5000", "jetsocket:2:5000", "okhttp:2:2000", "raw:2:5000"), rtt);
        assertEquals(List.of("jetsocket:1:5000", "okhttp:1:2000", "okhttp:2:2000", "jetsocket:2:5000"), fanIn);
    }
}
