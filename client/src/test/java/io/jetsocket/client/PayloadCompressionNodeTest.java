/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.client.config.PayloadCompression;
import io.jetsocket.client.config.ServerPings;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.ErrorEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A venue that compresses every message itself (Huobi/HTX-like: gzip JSON in binary frames), played by the Node.js
 * {@code ws} server ({@code /gzip} of {@code engine/src/test/node/ws-server.js}, compressing with Node's zlib): the
 * raw handler and the decoded handler both get the original JSON as text; a corrupt message closes with 1007, a
 * bomb with 1009. Skipped when node or the script's dependencies are missing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PayloadCompressionNodeTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int COUNT = 50;
    private static final String PAD = "x".repeat(200);

    @RegisterExtension
    static final NodeServerAndEngine FIXTURE = new NodeServerAndEngine("compression-interop-engine");

    @ParameterizedTest
    @CsvSource({"gzip, GZIP", "gzip, AUTO", "deflate, DEFLATE", "deflate, AUTO", "zlib, ZLIB", "zlib, AUTO"})
    void shouldDeliverTheOriginalJsonToRawAndDecodedHandlers(final String format, final PayloadCompression option)
        throws Exception
    {
        final BlockingQueue<String> raw = new LinkedBlockingQueue<>();
        final List<MessageType> rawTypes = new CopyOnWriteArrayList<>();
        final List<Boolean> rawInflated = new CopyOnWriteArrayList<>();
        final BlockingQueue<Object> decoded = new LinkedBlockingQueue<>();
        final String uri = FIXTURE.node().uri("/gzip?count=" + COUNT + "&size=200&format=" + format);
        try (WebSocket<Object> ws = WebSocket.builder(uri)
            .engine(FIXTURE.engine()).payloadCompression(option).build())
        {
            ws.onRawMessage((type, buffer, offset, length) ->
            {
                rawTypes.add(type);
                rawInflated.add(ws.isMessageInflated());
                raw.add(buffer.getStringWithoutLengthUtf8(offset, length));
            });
            ws.onMessage(decoded::add);
            ws.connect().get(10, TimeUnit.SECONDS);

            long jsonBytes = 0;
            for (int seq = 1; seq <= COUNT; seq++)
            {
                final String json = "{\"ch\":\"market.btcusdt.trade\",\"seq\":" + seq + ",\"pad\":\"" + PAD + "\"}";
                assertEquals(json, raw.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
                assertEquals(Map.of("ch", "market.btcusdt.trade", "seq", (long)seq, "pad", PAD),
                    decoded.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
                jsonBytes += json.length();
            }
            // The text frame that follows passes as it came.
            assertEquals("{\"plain\":true}", raw.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(Map.of("plain", true), decoded.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(COUNT + 1, rawTypes.size());
            assertTrue(rawTypes.stream().allMatch((type) -> MessageType.TEXT == type), rawTypes.toString());
            // Each handler call can tell the inflated messages from the one that came as it is (the last).
            assertEquals(COUNT, rawInflated.subList(0, COUNT).stream().filter((inflated) -> inflated).count());
            assertEquals(false, rawInflated.get(COUNT), "the plain text frame");

            // Statistics count the bytes as received: the compressed ones, well under the JSON's.
            final ConnectionStats stats = ws.stats();
            assertEquals(COUNT + 1, stats.messagesReceived());
            assertTrue(stats.bytesReceived() < jsonBytes / 2,
                stats.bytesReceived() + " bytes received for " + jsonBytes + " bytes of JSON");
        }
    }

    @Test
    void shouldTellWhichMessagesTheEngineInflatedUnderPermessageDeflate() throws Exception
    {
        // The server compresses messages of 100 bytes or more (RFC 7692); shorter ones go as they are (ws applies its
        // threshold only without server context takeover).
        final BlockingQueue<String> raw = new LinkedBlockingQueue<>();
        final List<Boolean> rawInflated = new CopyOnWriteArrayList<>();
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.node().uri("/deflate/echo?threshold=100&snct=1"))
            .engine(FIXTURE.engine()).compress(true).build())
        {
            ws.onRawMessage((type, buffer, offset, length) ->
            {
                rawInflated.add(ws.isMessageInflated());
                raw.add(buffer.getStringWithoutLengthUtf8(offset, length));
            });
            ws.connect().get(10, TimeUnit.SECONDS);
            final String small = "{\"seq\":1}";
            final String large = "{\"seq\":2,\"pad\":\"" + PAD + "\"}";
            for (final String text : List.of(small, large, small))
            {
                ws.sendText(text);
                assertEquals(text, raw.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            assertEquals(List.of(false, true, false), rawInflated);
        }
    }

    @Test
    void shouldAnswerAServerPingThatCameCompressed() throws Exception
    {
        // Huobi wraps its {"ping":ts} in gzip like every other message: the responder must see it inflated, answer
        // {"pong":ts}, and keep it from the application. The server echoes the answer back, compressed.
        final BlockingQueue<String> raw = new LinkedBlockingQueue<>();
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.node().uri("/gzip?count=1&ping=1492420473027"))
            .engine(FIXTURE.engine())
            .payloadCompression(PayloadCompression.GZIP).answerServerPings(ServerPings.jsonPingPong()).build())
        {
            ws.onRawMessage((type, buffer, offset, length) ->
                raw.add(buffer.getStringWithoutLengthUtf8(offset, length)));
            ws.connect().get(10, TimeUnit.SECONDS);

            assertEquals("{\"ch\":\"market.btcusdt.trade\",\"seq\":1,\"pad\":\"\"}",
                raw.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals("{\"plain\":true}", raw.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals("{\"pong\":1492420473027}", raw.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldInflateAMessageMuchLargerThanTheFirstBuffer() throws Exception
    {
        final BlockingQueue<String> raw = new LinkedBlockingQueue<>();
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.node().uri("/gzip?count=0")).engine(FIXTURE.engine())
            .payloadCompression(PayloadCompression.GZIP).build())
        {
            ws.onRawMessage((type, buffer, offset, length) ->
                raw.add(buffer.getStringWithoutLengthUtf8(offset, length)));
            ws.connect().get(10, TimeUnit.SECONDS);
            assertEquals("{\"plain\":true}", raw.poll(WAIT.toSeconds(), TimeUnit.SECONDS));

            final StringBuilder book = new StringBuilder("{\"bids\":[");
            for (int i = 0; i < 20_000; i++)
            {
                book.append(i > 0 ? "," : "").append("[\"").append(64000 + i % 997).append(".5\",\"").append(i)
                    .append("\"]");
            }
            final String large = book.append("],\"ü\":\"€\"}").toString(); // and not only ASCII
            ws.sendText(large); // the server sends it back gzipped
            assertEquals(large, raw.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(large.getBytes(StandardCharsets.UTF_8).length > 300_000);
        }
    }

    @Test
    void shouldMatchApplicationPongsThatArriveCompressed() throws Exception
    {
        // The server answers {"op":"ping"} with its gzip: the pong matcher sees the JSON, so the heartbeat works.
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.node().uri("/gzip?count=0")).engine(FIXTURE.engine())
            .payloadCompression(PayloadCompression.GZIP)
            .heartbeat(HeartbeatConfig.builder().interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(90))
                .missesAllowed(3).useWsPing(false).applicationPing(() -> Map.of("op", "ping"))
                .pongMatcher((message) -> message instanceof Map && "ping".equals(((Map<?, ?>)message).get("op")))
                .build())
            .build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);
            log.awaitCount(EventType.PONG, 2, WAIT);
            assertTrue(ws.latencyMs().isPresent());
        }
    }

    @Test
    void shouldCloseWith1007OnACorruptMessage() throws Exception
    {
        final List<String> raw = new CopyOnWriteArrayList<>();
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.node().uri("/gzip?corrupt=1&tag=corrupt"))
            .engine(FIXTURE.engine())
            .reconnect(false).payloadCompression(PayloadCompression.GZIP).build();
        final EventLog log = EventLog.attach(ws);
        ws.onRawMessage((type, buffer, offset, length) -> raw.add(buffer.getStringWithoutLengthUtf8(offset, length)));
        ws.connect().get(10, TimeUnit.SECONDS);

        final ErrorEvent error = log.await(EventType.ERROR, WAIT);
        final PayloadInflationException cause = assertInstanceOf(PayloadInflationException.class, error.error());
        assertEquals(1007, cause.closeCode());
        assertEquals(PayloadCompression.GZIP, cause.format());
        assertTrue(cause.getMessage().contains("gzip CRC-32 mismatch"), cause.getMessage());
        final ClosedEvent closed = ws.closeFuture().get(10, TimeUnit.SECONDS);
        assertEquals(1007, closed.code());
        assertEquals("CLOSE corrupt 1007 " + ScriptServer.hex("invalid compressed message"),
            FIXTURE.node().awaitClose("corrupt", WAIT));
        assertTrue(raw.stream().noneMatch((json) -> json.contains("\"seq\":1,")), "the corrupt message: " + raw);
    }

    @Test
    void shouldReconnectAfterACorruptMessageAsAfterAnyClose() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.node().uri("/gzip?corrupt=1")).engine(FIXTURE.engine())
            .backoff(BackoffConfig.builder().base(Duration.ofMillis(20)).cap(Duration.ofMillis(100)).build())
            .payloadCompression(PayloadCompression.GZIP).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);
            assertEquals(1007, log.await(EventType.DISCONNECTED, WAIT).code());
            assertEquals(1, log.await(EventType.RECONNECTED, WAIT).attempts());
            assertTrue(log.all(EventType.ERROR).stream().noneMatch(ErrorEvent::fatal), "not fatal");
        }
    }

    @Test
    void shouldCloseWith1009OnACompressionBomb() throws Exception
    {
        final List<String> raw = new CopyOnWriteArrayList<>();
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.node().uri("/gzip?bomb=50000000&tag=bomb"))
            .engine(FIXTURE.engine())
            .reconnect(false).maxMessageSize(64 * 1024).payloadCompression(PayloadCompression.GZIP).build();
        final EventLog log = EventLog.attach(ws);
        ws.onRawMessage((type, buffer, offset, length) -> raw.add(buffer.getStringWithoutLengthUtf8(offset, length)));
        ws.connect().get(10, TimeUnit.SECONDS);

        final PayloadInflationException cause =
            assertInstanceOf(PayloadInflationException.class, log.await(EventType.ERROR, WAIT).error());
        assertEquals(1009, cause.closeCode());
        assertTrue(cause.compressedLength() < 64 * 1024, "the bomb itself is small: " + cause.compressedLength());
        assertEquals(1009, ws.closeFuture().get(10, TimeUnit.SECONDS).code());
        assertEquals("CLOSE bomb 1009 " + ScriptServer.hex("inflated message too big"),
            FIXTURE.node().awaitClose("bomb", WAIT));
        assertTrue(raw.stream().noneMatch((json) -> json.startsWith("\0")), "no part of the bomb was delivered");
    }
}
