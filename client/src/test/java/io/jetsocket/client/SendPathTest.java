/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.ReplayConfig;
import io.jetsocket.client.event.ErrorEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Where a send goes in each state and replay mode, and what becomes of a message a connection hands back. The
 * engine is embedded and never run: nothing here reaches a socket.
 */
class SendPathTest
{
    private static final String URI = "ws://127.0.0.1:1/send";
    private static final byte[] HELLO = "\"hello\"".getBytes(StandardCharsets.UTF_8);

    private final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext().roleName("send-path-test"));
    private final List<ErrorEvent> errors = new ArrayList<>();
    private ClientState state;

    @AfterEach
    void close()
    {
        engine.close();
    }

    private SendPath<Object> sendPath(final ReplayConfig<Object> replay)
    {
        final CachedNanoClock nanoClock = new CachedNanoClock();
        final CachedEpochClock epochClock = new CachedEpochClock();
        final StatsRecorder stats = new StatsRecorder(nanoClock, epochClock);
        final EventEmitter emit = new EventEmitter(URI, (error) -> fail("no handler fails here", error), stats,
            epochClock, null);
        emit.dispatcher().add(EventType.ERROR, errors::add);
        state = new ClientState(URI, emit);
        final WebSocket<Object> ws = WebSocket.builder(URI).engine(engine).replay(replay).build();
        return new SendPath<>(ws.config(), URI, engine, nanoClock, state, stats, emit);
    }

    private static SendStatus send(final SendPath<Object> sendPath)
    {
        return sendPath.sendFrame(MessageType.TEXT, new UnsafeBuffer(HELLO), 0, HELLO.length);
    }

    @Test
    void shouldRouteASendByStateWithoutReplay()
    {
        final SendPath<Object> sendPath = sendPath(ReplayConfig.none());

        assertThrows(InvalidStateException.class, () -> send(sendPath), "before connect(): a programming error");
        state.start();
        state.transition(ConnectionState.CONNECTING);
        assertEquals(SendStatus.NOT_CONNECTED, send(sendPath));
        state.requestClose();
        assertEquals(SendStatus.CLOSED, send(sendPath));
    }

    @Test
    void shouldBufferASendWhileNotConnectedWithFullBufferReplay()
    {
        final SendPath<Object> sendPath = sendPath(ReplayConfig.fullBuffer());
        state.start();
        state.transition(ConnectionState.CONNECTING);

        assertEquals(SendStatus.BUFFERED, send(sendPath));
        state.requestClose();
        assertEquals(SendStatus.CLOSED, send(sendPath), "after close() nothing would ever send it");
    }

    @Test
    void shouldHandABackMessageToTheBufferWhileTheClientCanStillReconnect()
    {
        final SendPath<Object> sendPath = sendPath(ReplayConfig.fullBuffer());
        state.start();
        state.transition(ConnectionState.CONNECTING);
        state.transition(ConnectionState.RECONNECTING);

        sendPath.onUnsent(null, MessageType.TEXT, new UnsafeBuffer(HELLO), 0, HELLO.length);

        assertEquals(1, sendPath.replay().bufferedCount(), "sent again on the next connection");
        assertTrue(errors.isEmpty(), "not an error: " + errors);
    }

    @Test
    void shouldReportAMessageHandedBackAfterTheClientEndedRatherThanBufferIt()
    {
        // A send from another thread was told SENT and waited in the engine's queue; the connection ended with a
        // fatal close code (or without reconnect), so the client finished before the engine handed the message
        // back. No connection will ever drain the buffer: the application must hear of it.
        final SendPath<Object> sendPath = sendPath(ReplayConfig.fullBuffer());
        state.start();
        state.transition(ConnectionState.CONNECTING);
        state.transition(ConnectionState.FAILED);

        sendPath.onUnsent(null, MessageType.TEXT, new UnsafeBuffer(HELLO), 0, HELLO.length);

        assertEquals(0, sendPath.replay().bufferedCount(), "nothing waits in the buffer of a finished client");
        assertEquals(1, errors.size(), "reported: " + errors);
        assertInstanceOf(ConnectionClosedException.class, errors.get(0).error());
        assertTrue(errors.get(0).message().contains(HELLO.length + " bytes not sent"), errors.get(0).message());
    }
}
