/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.codec.CodecException;
import io.jetsocket.client.event.ClosedEvent;
import io.jetsocket.client.event.ClosingEvent;
import io.jetsocket.client.event.ConnectingEvent;
import io.jetsocket.client.event.DisconnectedEvent;
import io.jetsocket.client.event.ErrorEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.Registration;
import io.jetsocket.client.event.Initiator;
import io.jetsocket.client.event.StateChangeEvent;
import io.jetsocket.engine.TlsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core of {@link WebSocket} against Jetty 12: connect, events and states, send and receive in every form,
 * codecs end to end, close, handler failures, misuse.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final ServerAndEngine FIXTURE = new ServerAndEngine("websocket-test-engine");

    @Test
    void shouldConnectWithEventsAndStatesInOrder() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build();
        final EventLog log = EventLog.attach(ws);
        assertEquals(ConnectionState.IDLE, ws.state());

        ws.connect().get(10, TimeUnit.SECONDS);

        assertEquals(ConnectionState.CONNECTED, ws.state());
        assertTrue(ws.isConnected());
        final ConnectingEvent connecting = log.await(EventType.CONNECTING, WAIT);
        assertEquals(1, connecting.attempt());
        assertEquals(FIXTURE.server().uri("/echo"), connecting.uri());
        assertEquals(FIXTURE.server().uri("/echo"), log.await(EventType.CONNECTED, WAIT).uri());
        final List<StateChangeEvent> changes = log.all(EventType.STATE_CHANGE);
        assertEquals(ConnectionState.IDLE, changes.get(0).oldState());
        assertEquals(ConnectionState.CONNECTING, changes.get(0).newState());
        assertEquals(ConnectionState.CONNECTED, changes.get(1).newState());
        assertEquals(List.of("state_change", "connecting", "state_change", "connected"), log.names());
        assertTrue(log.events().get(0).timestampMs() > 0);
        ws.close();
    }

    @Test
    void shouldRoundTripJsonMapsAsPlainValues() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build())
        {
            ws.connect().get(10, TimeUnit.SECONDS);
            final Map<String, Object> order = new LinkedHashMap<>();
            order.put("type", "subscribe");
            order.put("channel", "trades");
            order.put("depth", 10);
            order.put("ratio", 0.5);
            order.put("active", true);
            order.put("none", null);
            order.put("symbols", List.of("BTC", "ETH"));

            assertEquals(SendStatus.SENT, ws.send(order));
            final Object echoed = ws.recv(WAIT);

            final Map<String, Object> expected = new LinkedHashMap<>(order);
            expected.put("depth", 10L);
            assertEquals(expected, echoed);
            FIXTURE.server().await("text /echo {\"type\":\"subscribe\"", WAIT);
        }
    }

    @Test
    void shouldDeliverRawMessagesZeroCopyAlongsideDecodedMessages() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build();
        final List<String> raw = new CopyOnWriteArrayList<>();
        final List<Object> decoded = new CopyOnWriteArrayList<>();
        final CountDownLatch both = new CountDownLatch(4);
        ws.onRawMessage((type, buffer, offset, length) ->
        {
            raw.add(type + ":" + buffer.getStringWithoutLengthUtf8(offset, length));
            both.countDown();
        });
        ws.onMessage((message) ->
        {
            decoded.add(message);
            both.countDown();
        });
        ws.connect().get(10, TimeUnit.SECONDS);

        ws.sendText("[1,2]");
        ws.sendBinary("{\"a\":\"b\"}".getBytes());
        assertTrue(both.await(10, TimeUnit.SECONDS));

        assertEquals(List.of("TEXT:[1,2]", "BINARY:{\"a\":\"b\"}"), raw);
        assertEquals(List.of(List.of(1L, 2L), Map.of("a", "b")), decoded);
        ws.close();
    }

    @Test
    void shouldReportAThrowingRawHandlerAndStillCallTheOthersAndTheEventConsumers() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build();
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(2);
        final CountDownLatch first = new CountDownLatch(1);
        final Registration failing = ws.onRawMessage((type, buffer, offset, length) ->
        {
            throw new IllegalStateException("handler bug");
        });
        ws.onRawMessage((type, buffer, offset, length) -> seen.add("raw " + buffer.getStringWithoutLengthUtf8(
            offset, length)));
        ws.on(EventType.RAW_MESSAGE, (event) ->
        {
            seen.add("event " + event.length() + " at " + (event.timestampMs() > 0));
            first.countDown();
            done.countDown();
        });
        ws.on(EventType.ERROR, errors::add);
        assertEquals(3, ws.handlerCount(EventType.RAW_MESSAGE));
        ws.connect().get(10, TimeUnit.SECONDS);

        ws.sendText("one");
        assertTrue(first.await(10, TimeUnit.SECONDS));
        assertTrue(failing.remove());
        assertEquals(2, ws.handlerCount(EventType.RAW_MESSAGE));
        ws.sendText("two");
        assertTrue(done.await(10, TimeUnit.SECONDS));
        ws.close();

        assertEquals(List.of("raw one", "event 3 at true", "raw two", "event 3 at true"), seen);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).error() instanceof IllegalStateException, errors.toString());
    }

    @Test
    void shouldNotDecodeWhenOnlyRawHandlersListen() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build();
        final CountDownLatch received = new CountDownLatch(1);
        ws.onRawMessage((type, buffer, offset, length) -> received.countDown());
        final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
        ws.on(EventType.ERROR, errors::add);
        ws.connect().get(10, TimeUnit.SECONDS);

        ws.sendText("this is not JSON");
        assertTrue(received.await(10, TimeUnit.SECONDS));
        ws.close();

        assertTrue(errors.isEmpty(), "nothing decoded, so no decode error: " + errors);
        assertEquals(1, ws.stats().messagesReceived());
    }

    @Test
    void shouldReportUndecodableMessagesAsErrorEventsAndCarryOn() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);

            ws.sendText("{not json");
            ws.sendText("{\"ok\":1}");

            assertEquals(Map.of("ok", 1L), ws.recv(WAIT));
            final ErrorEvent error = log.await(EventType.ERROR, WAIT);
            assertInstanceOf(CodecException.class, error.error());
            assertFalse(error.fatal());
            assertEquals(1, ws.stats().errors());
            assertEquals(ConnectionState.CONNECTED, ws.state());
        }
    }

    @Test
    void shouldCloseCleanlyWithTheRealCodeAndFireClosedOnce() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build();
        final EventLog log = EventLog.attach(ws);
        ws.connect().get(10, TimeUnit.SECONDS);

        final ClosedEvent closed = ws.close(4000, "bye").get(10, TimeUnit.SECONDS);

        assertEquals(ConnectionState.CLOSED, ws.state());
        assertEquals(4000, closed.code());
        assertEquals(ConnectionState.CLOSED, closed.state());
        final ClosingEvent closing = log.await(EventType.CLOSING, WAIT);
        assertEquals(Initiator.LOCAL, closing.initiatedBy());
        assertEquals(4000, closing.code());
        final DisconnectedEvent disconnected = log.await(EventType.DISCONNECTED, WAIT);
        assertEquals(4000, disconnected.code());
        assertTrue(disconnected.wasClean());
        assertFalse(disconnected.remote());
        FIXTURE.server().await("close /echo 4000 bye", WAIT);

        assertEquals(closed, ws.close(1000, "again").get(10, TimeUnit.SECONDS));
        assertEquals(1, log.all(EventType.CLOSED).size());
        assertEquals(closed, ws.awaitClose());
        assertEquals(List.of(ConnectionState.DISCONNECTING, ConnectionState.DISCONNECTED, ConnectionState.CLOSED),
            log.all(EventType.STATE_CHANGE).stream().skip(2).map(StateChangeEvent::newState).toList());
    }

    @Test
    void shouldReportTheServersCloseCodeWhenNotReconnecting() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo"))
            .engine(FIXTURE.engine()).reconnect(false).build();
        final EventLog log = EventLog.attach(ws);
        ws.connect().get(10, TimeUnit.SECONDS);

        ws.sendText("close:1001:going away");

        final ClosedEvent closed = ws.closeFuture().get(10, TimeUnit.SECONDS);
        assertEquals(1001, closed.code());
        assertEquals("going away", closed.reason());
        assertEquals(ConnectionState.CLOSED, closed.state());
        final ClosingEvent closing = log.await(EventType.CLOSING, WAIT);
        assertEquals(Initiator.REMOTE, closing.initiatedBy());
        final DisconnectedEvent disconnected = log.await(EventType.DISCONNECTED, WAIT);
        assertEquals(1001, disconnected.code());
        assertEquals("going away", disconnected.reason());
        assertTrue(disconnected.remote());
        assertEquals(1, log.all(EventType.CLOSED).size());
    }

    @Test
    void shouldTurnAThrowingHandlerIntoAnErrorEventAndKeepCallingTheOthers() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build())
        {
            final EventLog log = EventLog.attach(ws);
            final CountDownLatch second = new CountDownLatch(2);
            ws.onMessage((message) ->
            {
                throw new IllegalStateException("handler bug");
            });
            ws.onMessage((message) -> second.countDown());
            ws.connect().get(10, TimeUnit.SECONDS);

            ws.sendText("1");
            ws.sendText("2");

            assertTrue(second.await(10, TimeUnit.SECONDS));
            final ErrorEvent error = log.await(EventType.ERROR, WAIT);
            assertInstanceOf(IllegalStateException.class, error.error());
            assertTrue(error.message().contains("message"), error.message());
            assertFalse(error.fatal());
            assertEquals(ConnectionState.CONNECTED, ws.state());
        }
    }

    @Test
    void shouldRunHandlersOnTheEngineThreadSharedByClients() throws Exception
    {
        final WebSocket<Object> first = WebSocket.builder(FIXTURE.server().uri("/echo"))
            .engine(FIXTURE.engine()).build();
        final WebSocket<Object> second = WebSocket.builder(FIXTURE.server().uri("/echo"))
            .engine(FIXTURE.engine()).build();
        final EventLog firstLog = EventLog.attach(first);
        final EventLog secondLog = EventLog.attach(second);
        CompletableFuture.allOf(first.connect(), second.connect()).get(10, TimeUnit.SECONDS);

        assertEquals(List.of("websocket-test-engine"), firstLog.threads().stream().distinct().toList());
        assertEquals(List.of("websocket-test-engine"), secondLog.threads().stream().distinct().toList());
        first.close();
        second.close();
    }

    @Test
    void shouldUseTheDefaultSharedEngineWhenNoneIsGiven() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.connect().get(10, TimeUnit.SECONDS);
            assertEquals("jetsocket-client", log.threads().get(0));
            try (WebSocket<Object> other = WebSocket.builder(FIXTURE.server().uri("/echo")).build())
            {
                assertTrue(ws.engine() == other.engine());
            }
        }
    }

    @Test
    void shouldRefuseToConnectTwiceAndToSendBeforeConnect() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build())
        {
            final InvalidStateException early = assertThrows(InvalidStateException.class, () -> ws.send("x"));
            assertEquals(ConnectionState.IDLE, early.currentState());
            assertTrue(early.requiredStates().contains(ConnectionState.CONNECTED));

            ws.connect().get(10, TimeUnit.SECONDS);
            final ExecutionException twice =
                assertThrows(ExecutionException.class, () -> ws.connect().get(10, TimeUnit.SECONDS));
            final InvalidStateException invalid = assertInstanceOf(InvalidStateException.class, twice.getCause());
            assertEquals(ConnectionState.CONNECTED, invalid.currentState());
            assertEquals(java.util.Set.of(ConnectionState.IDLE), invalid.requiredStates());
        }
    }

    @Test
    void shouldRefuseToSendAfterClose() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build();
        ws.connect().get(10, TimeUnit.SECONDS);
        ws.close();
        assertEquals(SendStatus.CLOSED, ws.sendText("late"));
        assertEquals(ConnectionState.CLOSED, ws.state());
    }

    @Test
    void shouldFailWssAgainstAPlainServerWithATlsError() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder("wss://127.0.0.1:" + FIXTURE.server().port() + "/echo")
            .engine(FIXTURE.engine()).reconnect(false).build();
        final EventLog log = EventLog.attach(ws);

        final ExecutionException failure =
            assertThrows(ExecutionException.class, () -> ws.connect().get(10, TimeUnit.SECONDS));

        assertInstanceOf(TlsException.class, failure.getCause());
        assertEquals(ConnectionState.FAILED, ws.state());
        assertTrue(log.await(EventType.ERROR, WAIT).fatal());
        assertEquals(ConnectionState.FAILED, log.await(EventType.CLOSED, WAIT).state());
        assertEquals(1, log.all(EventType.CONNECTING).size());
    }

    @Test
    void shouldCloseBeforeConnecting() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build();
        final EventLog log = EventLog.attach(ws);

        final ClosedEvent closed = ws.close(1000, "never mind").get(10, TimeUnit.SECONDS);

        assertEquals(ConnectionState.CLOSED, closed.state());
        assertEquals(ConnectionState.CLOSED, ws.state());
        final ExecutionException late = assertThrows(ExecutionException.class,
            () -> ws.connect().get(10, TimeUnit.SECONDS));
        assertInstanceOf(InvalidStateException.class, late.getCause());
        assertEquals(List.of("state_change", "closed"), log.names());
    }

    @Test
    void shouldReceiveWithFuturesAndIterationUntilClosed() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/push?count=5"))
            .engine(FIXTURE.engine()).build();
        final CompletableFuture<Object> first = ws.recv();
        ws.connect().get(10, TimeUnit.SECONDS);

        assertEquals(Map.of("seq", 1L), first.get(10, TimeUnit.SECONDS));
        assertEquals(Map.of("seq", 2L), ws.recv().get(10, TimeUnit.SECONDS));
        final List<Object> rest = new ArrayList<>();
        final Iterator<Object> messages = ws.iterator();
        for (int i = 0; i < 3; i++)
        {
            assertTrue(messages.hasNext());
            rest.add(messages.next());
        }
        assertEquals(List.of(Map.of("seq", 3L), Map.of("seq", 4L), Map.of("seq", 5L)), rest);

        final CompletableFuture<Object> pending = ws.recv();
        ws.close();
        final ExecutionException closed = assertThrows(ExecutionException.class, () -> pending.get(10,
            TimeUnit.SECONDS));
        assertInstanceOf(ConnectionClosedException.class, closed.getCause());
        assertFalse(messages.hasNext());
        assertThrows(ConnectionClosedException.class, () -> ws.recv(Duration.ofSeconds(1)));
    }

    @Test
    void shouldTimeOutABlockingReceive() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build())
        {
            ws.connect().get(10, TimeUnit.SECONDS);
            final OperationTimeoutException timeout =
                assertThrows(OperationTimeoutException.class, () -> ws.recv(Duration.ofMillis(100)));
            assertEquals("recv", timeout.operation());
            assertEquals(Duration.ofMillis(100), timeout.timeout());
        }
    }

    @Test
    void shouldSendAndReceiveStringsAndBytesWithTheirCodecs() throws Exception
    {
        try (WebSocket<String> text = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine())
            .codec(io.jetsocket.client.codec.Codecs.string()).build();
            WebSocket<byte[]> bytes = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine())
                .codec(io.jetsocket.client.codec.Codecs.bytes()).build())
        {
            text.connect().get(10, TimeUnit.SECONDS);
            bytes.connect().get(10, TimeUnit.SECONDS);

            text.send("héllo");
            bytes.send(new byte[]{ 0, 1, 2, (byte)0xFF });

            assertEquals("héllo", text.recv(WAIT));
            assertArrayEquals(new byte[]{ 0, 1, 2, (byte)0xFF }, bytes.recv(WAIT));
            FIXTURE.server().await("binary /echo 4", WAIT);
        }
    }

    @Test
    void shouldRoundTripTypedRecords() throws Exception
    {
        try (WebSocket<Trade> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine())
            .messageType(Trade.class).build())
        {
            assertEquals(Trade.class, ws.messageType());
            final List<Trade> handled = new CopyOnWriteArrayList<>();
            ws.onMessage(handled::add);
            final CompletableFuture<Trade> first = ws.recv(); // a handler is registered: recv() turns the queue on
            ws.connect().get(10, TimeUnit.SECONDS);

            ws.send(new Trade(7, "ETH-USD", 3000.5));
            ws.sendText("{\"seq\":8,\"symbol\":\"BTC-USD\",\"price\":1.0,\"extra\":\"ignored\"}");

            assertEquals(new Trade(7, "ETH-USD", 3000.5), first.get(10, TimeUnit.SECONDS));
            assertEquals(new Trade(8, "BTC-USD", 1.0), ws.recv(WAIT));
            assertEquals(List.of(new Trade(7, "ETH-USD", 3000.5), new Trade(8, "BTC-USD", 1.0)), handled);
        }
    }

    @Test
    void shouldReportTheNegotiatedExtensionWhenConnected() throws Exception
    {
        final WebSocket<Object> compressed = WebSocket.builder(FIXTURE.server().uri("/echo"))
            .engine(FIXTURE.engine()).build();
        final EventLog compressedLog = EventLog.attach(compressed);
        compressed.connect().get(10, TimeUnit.SECONDS);
        final List<String> extensions = compressedLog.await(EventType.CONNECTED, WAIT).extensions();
        assertEquals(1, extensions.size(), extensions.toString());
        assertTrue(extensions.get(0).startsWith("permessage-deflate"), extensions.toString());
        compressed.close();

        final WebSocket<Object> plain = WebSocket.builder(FIXTURE.server().uri("/echo"))
            .engine(FIXTURE.engine()).compress(false).build();
        final EventLog plainLog = EventLog.attach(plain);
        plain.connect().get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), plainLog.await(EventType.CONNECTED, WAIT).extensions());
        plain.close();
    }

    @Test
    void shouldOfferSubprotocolsAndExtraHeaders() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine())
            .header("X-Api-Key", "secret").subprotocols(List.of("v1.feed")).build();
        final EventLog log = EventLog.attach(ws);
        ws.connect().get(10, TimeUnit.SECONDS);
        assertNull(log.await(EventType.CONNECTED, WAIT).subprotocol(), "Jetty selects no subprotocol here");
        ws.close();
        assertEquals(List.of("v1.feed"), ws.config().subprotocols());
        assertEquals(Map.of("X-Api-Key", "secret"), ws.config().extraHeaders());
    }

    @Test
    void shouldCountMessagesAndBytesBothWays() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine()).build())
        {
            ws.connect().get(10, TimeUnit.SECONDS);
            ws.sendText("123");
            ws.sendBinary("[]".getBytes());
            assertEquals(123L, ws.recv(WAIT));
            assertEquals(List.of(), ws.recv(WAIT));

            final ConnectionStats stats = ws.stats();
            assertEquals(2, stats.messagesSent());
            assertEquals(5, stats.bytesSent());
            assertEquals(2, stats.messagesReceived());
            assertEquals(5, stats.bytesReceived());
            assertEquals(0, stats.errors());
            assertEquals(ConnectionState.CONNECTED, stats.state());
            assertTrue(stats.uptime().compareTo(Duration.ZERO) >= 0);
            assertTrue(null != stats.lastMessageAt());
            assertEquals(0, stats.reconnectCount());
            assertTrue(stats.latencyMs().isEmpty());
        }
    }

    @Test
    void shouldFinishTheCloseAfterTheCloseTimeoutWhenThePeerNeverAnswers() throws Exception
    {
        final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/stall?afterMs=0"))
            .engine(FIXTURE.engine())
            .closeTimeout(Duration.ofMillis(300)).build();
        final EventLog log = EventLog.attach(ws);
        ws.connect().get(10, TimeUnit.SECONDS);
        FIXTURE.server().await("stalled /stall", WAIT);

        // When it ends, on stepped time: CloseSemanticsTest. Here: that it ends, and how.
        final ClosedEvent closed = ws.close(1000, "").get(10, TimeUnit.SECONDS);

        assertEquals(1006, closed.code());
        assertEquals(ConnectionState.CLOSED, closed.state());
        final ErrorEvent error = log.await(EventType.ERROR, WAIT);
        assertEquals(io.jetsocket.engine.TimeoutException.Operation.CLOSE,
            assertInstanceOf(io.jetsocket.engine.TimeoutException.class, error.error()).operation());
    }

    @Test
    void shouldFailAConnectThatCannotReachTheServerWithoutReconnect() throws Exception
    {
        final int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0))
        {
            closedPort = socket.getLocalPort();
        }
        final WebSocket<Object> ws = WebSocket.builder("ws://127.0.0.1:" + closedPort + "/").engine(FIXTURE.engine())
            .reconnect(false).build();
        final EventLog log = EventLog.attach(ws);

        final ExecutionException failure =
            assertThrows(ExecutionException.class, () -> ws.connect().get(10, TimeUnit.SECONDS));

        assertInstanceOf(io.jetsocket.engine.WebSocketException.class, failure.getCause());
        assertEquals(ConnectionState.FAILED, ws.state());
        assertTrue(log.await(EventType.ERROR, WAIT).fatal(), "fatal since reconnection is off");
        assertEquals(1, log.all(EventType.CLOSED).size());
    }

    /**
     * A typed message.
     */
    record Trade(long seq, String symbol, double price)
    {
    }

}
